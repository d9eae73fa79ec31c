import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's prisma/ folder (schema, migrations). Found by walking up from this
 * module, which works from src/ (tests, tsx) and from out/main (the built hosts);
 * PGDESK_PRISMA_DIR overrides it for packaged builds that ship the folder elsewhere.
 */
export function prismaDir(): string {
  const override = process.env.PGDESK_PRISMA_DIR;
  if (override) return resolve(override);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return join(dir, "prisma");
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("The demo database's prisma/migrations folder was not found next to the app");
    dir = parent;
  }
}
