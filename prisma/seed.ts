// `npx tsx prisma/seed.ts [demo|dev|staging|large]` (or `prisma db seed` via prisma.config.ts)
// seeds DATABASE_URL. pgdesk's demo service calls seedDatabase() directly.
import { pathToFileURL } from "node:url";
import { seedDatabase } from "./seed/run";
import { SEED_SIZE_NAMES, type SeedSizeName } from "./seed/sizes";

export { seedDatabase } from "./seed/run";
export { SEED_SIZES, SEED_SIZE_NAMES, ADMIN_CREDENTIALS, type SeedSizeName } from "./seed/sizes";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to seed");
  const size = (process.argv[2] ?? process.env.SEED_SIZE ?? "demo") as SeedSizeName;
  if (!SEED_SIZE_NAMES.includes(size))
    throw new Error(`Unknown size ${size}; use one of ${SEED_SIZE_NAMES.join(", ")}`);
  const result = await seedDatabase({
    connection: { connectionString: url },
    size,
    onProgress: (phase, percent) =>
      process.stdout.write(`\r${String(percent).padStart(3)}% ${phase.padEnd(40)}`),
  });
  console.log(`\nseeded ${size} in ${(result.durationMs / 1000).toFixed(1)} s (${result.orders} orders)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
