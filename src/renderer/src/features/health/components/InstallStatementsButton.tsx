import { useState } from "react";
import { Button } from "../../../components/Button";
import { ErrorMessage } from "../../../components/ErrorMessage";
import { useInstallStatements } from "../health.queries";

/** The statements check's one-click guide: CREATE EXTENSION after a confirmation. */
export function InstallStatementsButton({ profileId }: { profileId: string }) {
  const [confirming, setConfirming] = useState(false);
  const install = useInstallStatements(profileId, () => setConfirming(false));
  return (
    <div className="flex flex-col gap-1 text-xs">
      {confirming ? (
        <div className="flex items-center gap-1">
          <span>Run CREATE EXTENSION pg_stat_statements in this database?</span>
          <Button
            variant="primary"
            onClick={() => install.mutate()}
            disabled={install.isPending}
            data-testid="install-statements-confirm"
          >
            Yes, install
          </Button>
          <Button onClick={() => setConfirming(false)}>No</Button>
        </div>
      ) : (
        <Button className="self-start" onClick={() => setConfirming(true)} data-testid="install-statements">
          Install pg_stat_statements
        </Button>
      )}
      {install.data && !install.data.preloaded && (
        <p>
          Installed {install.data.version}; statistics start once the server loads it
          (shared_preload_libraries, then a restart).
        </p>
      )}
      {install.error && <ErrorMessage error={install.error} />}
    </div>
  );
}
