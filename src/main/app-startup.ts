import type { AppContext } from "./features/handler-types";
import { startBackupScheduler } from "./features/backup/backup.handlers";
import { ensureDemoServer } from "./features/demo/demo.service";
import { restoreDatabaseChoices } from "./features/server/database-switch.service";

/**
 * Work both hosts do once their context exists: open the local store (migrations, the
 * one-time import of old JSON files, moving an unreadable file aside happen now, not at
 * the first save), bring back the demo server when a demo profile is saved, and start
 * scheduled backups (catching up runs missed while the app was closed). Runs in the
 * background: the window or URL must not wait for it.
 */
export function startBackgroundServices(ctx: AppContext): void {
  // a failure is logged by the store and answered to every channel that needs it
  ctx.store().catch(() => undefined);
  restoreDatabaseChoices(ctx).catch((err: unknown) =>
    ctx.log.warn("the databases profiles were switched to could not be restored", err),
  );
  void ensureDemoServer(ctx);
  startBackupScheduler(ctx);
}
