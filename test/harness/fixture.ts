import { afterAll, beforeAll } from "vitest";

/**
 * A fixture started before the tests of the enclosing describe (or file) and disposed after
 * them, whatever failed. What it returns stands for the started thing: the tests read it when
 * they run (`sshd.port`), and a read before it started (at collection time) fails saying so.
 *
 *   const sshd = useFixture(startTestSshd, (s) => s.dispose());
 */
export function useFixture<T extends object>(
  start: () => Promise<T>,
  dispose: (started: T) => Promise<unknown> | unknown,
  timeoutMs?: number,
): T {
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
  }, timeoutMs);
  afterAll(async () => {
    const value = started;
    started = undefined;
    if (value) await dispose(value);
  });
  return new Proxy({} as T, {
    get(_target, prop) {
      if (!started) throw new Error(`fixture read before it started (property ${String(prop)})`);
      const value: unknown = Reflect.get(started, prop, started);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(started) : value;
    },
  });
}
