import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAppContext, defaultDataDir } from "./app-context";
import { startBackgroundServices } from "./app-startup";
import { KeyFileSecretStore } from "./features/profiles/secret-store";
import { startWebHost } from "./ipc/web";
import { registry } from "./ipc/registry";
import { createConsoleLogger } from "./logger";

/** Web-host entry: `npm run web`, or `npm start` where Electron is missing. */
async function main(): Promise<void> {
  const log = createConsoleLogger();
  const dataDir = defaultDataDir();
  const here = dirname(fileURLToPath(import.meta.url));
  const host = await startWebHost({
    registry,
    log,
    staticDir: process.env.PGDESK_RENDERER_DIR ?? join(here, "../renderer"),
    port: process.env.PGDESK_PORT ? Number(process.env.PGDESK_PORT) : 0,
    validateOutput: process.env.PGDESK_VALIDATE_OUTPUT !== "0",
    createContext: (emit) =>
      createAppContext({
        host: "web",
        version: process.env.npm_package_version ?? "0.1.0",
        dataDir,
        log,
        secrets: new KeyFileSecretStore(join(dataDir, "secret.key")),
        emit,
      }),
  });
  startBackgroundServices(host.ctx);
  // One line a person (or a test) can read the URL from.
  console.log(`pgdesk web host ready: ${host.launchUrl}`);
  log.info(`data folder: ${dataDir}`);
  const stop = () => {
    host.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error("shutdown failed", err);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`pgdesk web host failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
