import { formatSeconds } from "../../../../shared/format/units";
import type { SessionFilter } from "../../../../shared/contract/activity";

/** The filter boxes of the Activity page as typed. */
export interface ActivityFilterForm {
  text: string;
  /** One pg_stat_activity state, or "" for any. */
  state: string;
  includeIdle: boolean;
  includeOwn: boolean;
}

export const emptyActivityFilter: ActivityFilterForm = {
  text: "",
  state: "",
  includeIdle: false,
  includeOwn: false,
};

/** What main is asked for: empty boxes send nothing, so main's defaults apply. */
export function sessionFilter(form: ActivityFilterForm): SessionFilter {
  return {
    ...(form.text ? { text: form.text } : {}),
    includeIdle: form.includeIdle,
    includeOwn: form.includeOwn,
    ...(form.state ? { states: [form.state] } : {}),
  };
}

export interface SignalAnswer {
  pid: number;
  kind: "cancel" | "terminate";
  message: string;
  signalled: boolean;
}

/** Newest answer first, one per pid (a second signal replaces the first), at most five kept. */
export function withAnswer(answers: SignalAnswer[], answer: SignalAnswer): SignalAnswer[] {
  return [answer, ...answers.filter((x) => x.pid !== answer.pid)].slice(0, 5);
}

/** Query and transaction ages, through the app's one duration formatter. */
export function formatAge(seconds: number | null): string {
  if (seconds == null) return "—";
  return formatSeconds(seconds);
}
