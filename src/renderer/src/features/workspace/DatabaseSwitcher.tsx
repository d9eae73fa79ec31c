import { ErrorMessage } from "../../components/ErrorMessage";
import { useCommandSource } from "../../lib/commands";
import { databaseSwitched, prepareDatabaseSwitch } from "../query";
import { useDatabases, useSwitchDatabase } from "./workspace.queries";

/**
 * The database every page of the profile uses, switchable to another of the same server
 * (same credentials and settings); the page stays. Query tabs follow, asking first about an
 * open transaction.
 */
export function DatabaseSwitcher({ profileId, fallback }: { profileId: string; fallback: string }) {
  const databases = useDatabases(profileId);
  const switcher = useSwitchDatabase(profileId);
  const current = databases.data?.current ?? fallback;
  const choose = async (database: string) => {
    if (database === current || !(await prepareDatabaseSwitch(profileId))) return;
    const own = databases.data?.profileDatabase;
    const answer = await switcher.mutateAsync(database === own ? null : database);
    await databaseSwitched(profileId, answer.current);
  };
  useCommandSource("databases", () =>
    (databases.data?.databases ?? [])
      .filter((d) => d !== current)
      .map((d) => ({
        id: `db.${d}`,
        title: `Switch database to ${d}`,
        group: "Database",
        run: () => choose(d),
      })),
  );
  return (
    <span className="flex items-center gap-1">
      <select
        value={current}
        onChange={(e) => void choose(e.target.value).catch(() => undefined)}
        disabled={switcher.isPending}
        aria-label="Database"
        data-testid="database-switcher"
        className="rounded border border-slate-300 bg-transparent px-1 py-0.5 text-sm dark:border-slate-700"
      >
        {(databases.data?.databases.includes(current)
          ? databases.data.databases
          : [current, ...(databases.data?.databases ?? [])]
        ).map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      {switcher.error && <ErrorMessage error={switcher.error} />}
    </span>
  );
}
