import { Faker, base as baseLocale, en, it } from "@faker-js/faker";
import type pg from "pg";
import { createDemoClient } from "../demo-client";
import { withAuditActor } from "../extensions/audit-context";
import { seedActivity } from "./activity";
import { hashPassword } from "./password";
import { resetDatabase } from "./reset";
import { seedSaas } from "./saas";
import { SeedCancelled, type SeedEnv, type SeedProgress } from "./seed-env";
import { seedCatalog, seedCatalogChanges, seedEngagement } from "./shop-catalog";
import { seedCustomerChanges, seedUsers } from "./shop-customers";
import { seedOrders } from "./shop-orders";
import { SEED_SIZES, type SeedSize, type SeedSizeName } from "./sizes";

export const FAKER_SEED = 20241125;

export interface SeedOptions {
  connection: pg.PoolConfig;
  size: SeedSizeName;
  onProgress?: SeedProgress;
  signal?: AbortSignal;
  /** End of the simulated history; default now. */
  now?: Date;
  /** Adjusts a size (tests use fewer visitor events to stay fast). */
  overrides?: Partial<SeedSize>;
}

export interface SeedResult {
  size: SeedSizeName;
  orders: number;
  durationMs: number;
}

/** Phases with the share of the run each takes, for the progress bar. */
const PHASES = [
  ["Resetting tables", 2],
  ["Creating users", 10],
  ["Building the catalog", 18],
  ["Placing and shipping orders", 25],
  ["Reviews, carts and wishlists", 10],
  ["Tenants, workspaces and billing", 12],
  ["Recording visitor activity", 20],
  ["Analyzing tables", 3],
] as const;

/**
 * Fills a migrated database with the demo data through the audited, soft-deleting client.
 * Re-running resets and recreates; the same size gives the same row counts.
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const faker = new Faker({ locale: [it, en, baseLocale] });
  faker.seed(FAKER_SEED);
  const now = options.now ?? new Date();
  faker.setDefaultRefDate(now);
  const { base, db } = createDemoClient({ ...options.connection, max: 2 });
  let phaseStart = 0;
  let phaseShare = 0;
  let phaseName = "";
  let lastReport = -1;
  const check = () => {
    if (options.signal?.aborted) throw new SeedCancelled();
  };
  const report = (fraction: number) => {
    const percent = Math.min(100, Math.floor(phaseStart + phaseShare * fraction));
    if (percent !== lastReport) {
      lastReport = percent;
      options.onProgress?.(phaseName, percent);
    }
  };
  const env: SeedEnv = {
    db,
    base,
    faker,
    size: { ...SEED_SIZES[options.size], ...options.overrides },
    now,
    passwordHash: "",
    tick: (fraction) => {
      check();
      report(fraction);
    },
  };
  const phase = async <T>(index: number, work: () => Promise<T>): Promise<T> => {
    check();
    const [name, share] = PHASES[index]!;
    phaseStart = PHASES.slice(0, index).reduce((s, [, w]) => s + w, 0);
    phaseShare = share;
    phaseName = name;
    report(0);
    return work();
  };
  try {
    await phase(0, () => resetDatabase(base));
    env.passwordHash = await hashPassword("Password123!");
    const result = await withAuditActor({ actorType: "system", userAgent: "pgdesk-seed" }, async () => {
      const people = await phase(1, () => seedUsers(env));
      const products = await phase(2, () => seedCatalog(env, people));
      const orders = await phase(3, () => seedOrders(env, people, products));
      await phase(4, async () => {
        await seedEngagement(env, people, products);
        await seedCatalogChanges(env, people, products);
        await seedCustomerChanges(env, people);
      });
      await phase(5, () => seedSaas(env));
      await phase(6, () => seedActivity(env, products));
      return { orders };
    });
    await phase(7, () => base.$executeRawUnsafe("ANALYZE"));
    phaseName = "Done";
    report(1);
    return { size: options.size, orders: result.orders, durationMs: Date.now() - started };
  } finally {
    await base.$disconnect();
  }
}
