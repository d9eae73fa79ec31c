import type { Faker } from "@faker-js/faker";
import type { PrismaClient } from "../client";
import type { DemoClient } from "../demo-client";
import type { SeedSize } from "./sizes";

export type SeedProgress = (phase: string, percent: number) => void;

export class SeedCancelled extends Error {
  constructor() {
    super("Seeding was cancelled");
    this.name = "SeedCancelled";
  }
}

/** What every seeding step gets: the audited client, the raw one, faker and the clock. */
export interface SeedEnv {
  db: DemoClient;
  base: PrismaClient;
  faker: Faker;
  size: SeedSize;
  /** The moment the simulated history ends; every date is before it. */
  now: Date;
  passwordHash: string;
  /** Reports progress inside the current phase (0..1) and stops if cancelled. */
  tick(fraction: number): void;
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A date `days` back from now, at a faker-chosen time of day. */
export function daysAgo(env: SeedEnv, days: number): Date {
  return new Date(env.now.getTime() - days * DAY - env.faker.number.int({ min: 0, max: DAY - 1 }));
}

/** A random moment between `from` and now (exclusive). */
export function after(env: SeedEnv, from: Date, maxHours: number): Date {
  const t = from.getTime() + env.faker.number.int({ min: 5 * 60_000, max: maxHours * HOUR });
  return new Date(Math.min(t, env.now.getTime() - 60_000));
}
