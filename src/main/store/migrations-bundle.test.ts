import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storeMigrations } from "../../generated/store/migrations";

describe("the store's bundled migrations", () => {
  it("are the .sql files as they are now (run npm run prisma:generate after editing one)", () => {
    const dir = join(import.meta.dirname, "migrations");
    const onDisk = readdirSync(dir)
      .filter((f) => f.endsWith(".sql"))
      .sort()
      .map((file, i) => {
        const bytes = readFileSync(join(dir, file));
        return { version: i + 1, file, checksum: createHash("sha256").update(bytes).digest("hex") };
      });
    expect(storeMigrations.map(({ version, file, checksum }) => ({ version, file, checksum }))).toEqual(
      onDisk,
    );
  });
});
