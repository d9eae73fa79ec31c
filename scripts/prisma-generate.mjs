// Generates the demo database's Prisma Client into src/generated/prisma (gitignored).
// `prisma generate` needs no engine, but the CLI insists on locating a schema engine
// before it starts; any existing file satisfies that check, so point it at node itself.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const cli = "node_modules/prisma/build/index.js";
if (!existsSync(cli)) {
  console.error("prisma is not installed (run npm install); the demo database needs its generated client");
  process.exit(1);
}
const r = spawnSync(process.execPath, [cli, "generate", "--schema", "prisma/schema.prisma"], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
