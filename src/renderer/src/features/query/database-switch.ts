import { ask } from "../../components/ask.store";
import { runControllers } from "./query.queries";
import { useQueryTabs } from "./query-tabs.store";

/**
 * Before the profile's pages move to another database: its tabs' sessions will close, so
 * an open transaction is committed or rolled back first (or the switch is called off).
 */
export async function prepareDatabaseSwitch(profileId: string): Promise<boolean> {
  const open = runControllers.withOpenTransaction(profileId);
  if (open.length === 0) return true;
  const titles = open.map(
    (c) => useQueryTabs.getState().tabs.find((t) => t.id === c.tabId)?.title ?? "A tab",
  );
  const failed = open.some((c) => c.transactionState === "failed");
  const choice = await ask({
    title: "Switch database with an open transaction?",
    body: `${titles.join(", ")}: a transaction is open. Its session closes when the tabs move to the other database.`,
    choices: [
      { id: "stay", label: "Stay" },
      ...(failed ? [] : [{ id: "commit" as const, label: "Commit", variant: "primary" as const }]),
      { id: "rollback", label: "Roll back", variant: "danger" },
    ],
    testId: "transaction-dialog",
  });
  if (choice === "stay" || choice === "cancel") return false;
  for (const c of open) await c.endTransaction(choice);
  return true;
}

/** The profile's pages moved to `database`: its tabs follow (their sessions reopen there at the next run). */
export async function databaseSwitched(profileId: string, database: string): Promise<void> {
  const { tabs, update } = useQueryTabs.getState();
  for (const t of tabs) if (t.profileId === profileId && t.database !== database) update(t.id, { database });
  await Promise.all(runControllers.ofProfile(profileId).map((c) => c.switchDatabase(database)));
}
