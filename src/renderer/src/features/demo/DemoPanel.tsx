import { useState } from "react";
import type { DemoStatus } from "../../../../shared/contract/demo";
import type { Profile } from "../../../../shared/contract/profiles";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { demoPowerAction, demoServerLine } from "./demo-card.model";
import { useDemoAction, useDemoCredentials, useRemoveDemo } from "./demo.queries";

/** The demo exists: its server, how to connect to it from elsewhere, and every control in one place. */
export function DemoPanel({ demo, profile }: { demo: DemoStatus; profile: Profile | undefined }) {
  const remove = useRemoveDemo();
  const action = useDemoAction();
  const power = demoPowerAction(demo.state);
  const busy = remove.isPending || action.isPending;
  return (
    <section
      aria-label="Demo database"
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="demo-card"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-medium">Demo database</h2>
        <span className="flex-1 text-slate-600 dark:text-slate-400" data-testid="demo-state">
          {demoServerLine(demo)}
        </span>
        {power === "stop" && (
          <Button data-testid="demo-stop" disabled={busy} onClick={() => action.mutate("demo:stop")}>
            Stop server
          </Button>
        )}
        {power === "start" && (
          <Button data-testid="demo-start" disabled={busy} onClick={() => action.mutate("demo:start")}>
            Start server
          </Button>
        )}
        <Button
          data-testid="demo-reset"
          disabled={busy}
          onClick={() => {
            if (confirm("Reset the demo database? All its data is replaced by a fresh copy."))
              action.mutate("demo:reset");
          }}
        >
          Reset data
        </Button>
        <Button
          variant="danger"
          data-testid="demo-remove"
          disabled={busy}
          onClick={() => {
            if (
              confirm(
                "Delete the demo database? Its server stops and its data folder is deleted. Your other connections stay.",
              )
            )
              remove.mutate();
          }}
        >
          Delete demo
        </Button>
      </div>
      {demo.error && <p className="text-red-700 dark:text-red-300">{demo.error}</p>}
      {profile && <DemoConnection profile={profile} />}
      <ErrorMessage error={remove.error ?? action.error} />
    </section>
  );
}

/** Host, port, user and database from the profile; the password only when asked for. */
function DemoConnection({ profile }: { profile: Profile }) {
  const [reveal, setReveal] = useState(false);
  const credentials = useDemoCredentials(reveal);
  const rows: Array<[string, string, string]> = [
    ["Host", profile.host, "demo-host"],
    ["Port", String(profile.port), "demo-port"],
    ["User", profile.user, "demo-user"],
    ["Database", profile.database, "demo-database"],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="demo-connection">
      {rows.map(([label, value, id]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
          <dd className="font-mono" data-testid={id}>
            {value}
          </dd>
        </div>
      ))}
      <dt className="text-slate-600 dark:text-slate-400">Password</dt>
      <dd className="flex items-center gap-2">
        <span className="font-mono" data-testid="demo-password">
          {reveal && credentials.data ? credentials.data.password : "••••••••"}
        </span>
        <button
          type="button"
          data-testid="demo-password-toggle"
          aria-pressed={reveal}
          className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-700"
          onClick={() => setReveal(!reveal)}
        >
          {reveal ? "Hide password" : "Show password"}
        </button>
        {credentials.error && <ErrorMessage error={credentials.error} />}
      </dd>
    </dl>
  );
}
