import type { AppContext } from "./app-context";
import { startBackupScheduler } from "./features/backup/backup.handlers";
import { ensureDemoServer } from "./features/demo/demo.service";

/**
 * Work both hosts do once their context exists: bring back the demo server when a demo
 * profile is saved, and start scheduled backups (catching up runs missed while the app
 * was closed). Runs in the background: the window or URL must not wait for it.
 */
export function startBackgroundServices(ctx: AppContext): void {
  void ensureDemoServer(ctx);
  startBackupScheduler(ctx);
}
