import { setTimeout as pause } from "node:timers/promises";

type Falsy = false | 0 | "" | null | undefined;

/** What a probe answers: a value (or true) once the condition holds; false (or anything falsy) until then. */
export type Probe<T> = () => T | Falsy | Promise<T | Falsy>;

/**
 * The one polling helper, for state outside the test's reach that settles on its own time
 * (server views, processes, files, a page's data behind the UI): asks `probe` every
 * `intervalMs` until it answers something truthy, and returns that. The timeout only bounds
 * the wait; it fails naming what it waited for (`what` may be a function, read at that
 * moment, e.g. for a log). A probe that throws ends the wait with its error.
 *
 * Events the test can listen to (an emitter, a child's output, Playwright's auto-waiting
 * locators) are waited on directly, not polled.
 */
export async function until<T>(
  probe: Probe<T>,
  what: string | (() => string),
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === "string" ? what : what()}`,
      );
    await pause(intervalMs);
  }
}

/** Settles as `p` does, or fails once `ms` have passed: a bound on a wait, so no test hangs. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}
