import type { DemoProgress, DemoStatus } from "../../../../shared/contract/demo";
import type { Profile } from "../../../../shared/contract/profiles";
import { useUi } from "../../app/ui.store";
import { Button } from "../../components/Button";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ApiError } from "../../lib/api-error";
import { demoCardView, shownProgress } from "./demo-card.model";
import { DemoPanel } from "./DemoPanel";
import {
  useCancelDemo,
  useCreateDemo,
  useDemoProgress,
  useDemoResetting,
  useDemoStatus,
} from "./demo.queries";

/**
 * On the Connections page, always: with no demo, offers to create it (in full with no
 * saved profile, in one line beside the user's own); while it is built (or reset), a
 * progress bar and cancel; once it exists, its server, connection details and controls.
 */
export function DemoCard({ profiles }: { profiles: Profile[] | undefined }) {
  const status = useDemoStatus();
  const progress = useDemoProgress();
  const openProfile = useUi((s) => s.openProfile);
  const create = useCreateDemo(openProfile);
  const resetting = useDemoResetting();
  const demo = status.data;
  if (!profiles || !demo) return null;

  switch (
    demoCardView(
      demo,
      profiles.map((p) => p.id),
      create.isPending || resetting,
    )
  ) {
    case "creating":
      return <DemoProgressCard progress={shownProgress(progress, demo)} />;
    case "present":
      return <DemoPanel demo={demo} profile={profiles.find((p) => p.id === demo.profileId)} />;
    case "compact-offer":
      return <CompactOffer onCreate={() => create.mutate("demo")} error={create.error} />;
    case "offer":
      return <DemoOffer demo={demo} error={create.error} onCreate={() => create.mutate("demo")} />;
  }
}

function DemoProgressCard({ progress }: { progress: DemoProgress }) {
  const cancel = useCancelDemo();
  return (
    <div
      className="flex flex-col gap-2 rounded border border-blue-200 p-4 dark:border-blue-900"
      data-testid="demo-card"
    >
      <div className="flex items-center justify-between text-sm">
        <span data-testid="demo-phase">{progress.phase}</span>
        <span className="tabular-nums">{progress.percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label="Creating the demo database"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        data-testid="demo-progress"
        className="h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-blue-600 transition-all" style={{ width: `${progress.percent}%` }} />
      </div>
      <div>
        <Button data-testid="demo-cancel" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** Beside the user's own connections: the demo stays one click away. */
function CompactOffer({ onCreate, error }: { onCreate(): void; error: unknown }) {
  return (
    <section
      aria-label="Demo database"
      className="flex flex-col gap-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="demo-card"
    >
      <div className="flex items-center gap-3">
        <span className="flex-1 text-slate-600 dark:text-slate-400" data-testid="demo-state">
          Demo database: not created. A PostgreSQL 15 server of pgdesk's own with a shop to explore.
        </span>
        <Button data-testid="demo-create" onClick={onCreate}>
          Create demo database
        </Button>
      </div>
      <ErrorMessage error={error} />
    </section>
  );
}

/** No profile yet: what the demo is, and the button that builds it (again, after a failure). */
function DemoOffer({ demo, error, onCreate }: { demo: DemoStatus; error: unknown; onCreate(): void }) {
  const cancelled = error instanceof ApiError && error.data.code === "CANCELLED";
  return (
    <div
      className="flex flex-col gap-3 rounded border border-slate-200 p-4 dark:border-slate-800"
      data-testid="demo-card"
    >
      <div>
        <h2 className="font-medium">No server at hand?</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          pgdesk can run a PostgreSQL 15 server of its own with a demo database: a shop and a multi-tenant
          SaaS with a year of orders, audit history, soft-deleted rows and a workload that gives every
          dashboard something to show.
        </p>
      </div>
      {cancelled ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Cancelled; nothing was left behind.</p>
      ) : (
        <ErrorMessage error={error} />
      )}
      {demo.state === "failed" && !error && demo.error && <ErrorMessage error={new Error(demo.error)} />}
      <div>
        <Button variant="primary" data-testid="demo-create" onClick={onCreate}>
          {error && !cancelled ? "Try again" : "Create demo database"}
        </Button>
      </div>
    </div>
  );
}
