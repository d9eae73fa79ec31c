import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../../src/main/app-context";
import type { AppContext } from "../../../src/main/features/handler-types";
import { KeyFileSecretStore } from "../../../src/main/features/profiles/secret-store";
import { dispatch } from "../../../src/main/ipc/dispatch";
import type { Emit } from "../../../src/main/features/handler-types";
import { registry } from "../../../src/main/ipc/registry";
import { createMemoryLogger } from "../../../src/main/logger";
import type { PayloadOf } from "../../../src/shared/contract";
import { ResultData } from "../../../src/shared/query/result-data";
import { freshDatabase, type FreshDatabase } from "../../harness/database";

const ROWS = 200_000;

/**
 * The harness app keeps every event; here the "renderer" decodes each batch and lets it
 * go, so what stays in memory is only what main holds while streaming.
 */
describe("streaming a large result", () => {
  let db: FreshDatabase;
  let ctx: AppContext;
  let dataDir: string;
  let rowsSeen = 0;
  let lastRow: Array<string | null> = [];
  let peakRss = 0;

  beforeAll(async () => {
    db = await freshDatabase(15, "qstream");
    dataDir = await mkdtemp(join(tmpdir(), "pgdesk-stream-"));
    const emit: Emit = (event, payload) => {
      if (event !== "query:didReceiveRows") return;
      const p = payload as PayloadOf<"query:didReceiveRows">;
      const data = new ResultData(
        new Array(p.batch.columnCount).fill({ name: "", typeOid: 0, typeName: "" }),
      );
      data.append(p.batch);
      rowsSeen += data.rowCount;
      lastRow = data.row(data.rowCount - 1);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    };
    ctx = createAppContext({
      host: "web",
      version: "test",
      dataDir,
      log: createMemoryLogger(),
      secrets: new KeyFileSecretStore(join(dataDir, "k")),
      emit,
    });
    // the hosts open the store at start (startBackgroundServices); a run reads the profile's
    // safeguards from it, so it opens here, not inside the measured window
    await ctx.store();
  });
  afterAll(async () => {
    await ctx.shutdown();
    await rm(dataDir, { recursive: true, force: true });
    await db.drop();
  });

  async function call<T>(channel: string, input: unknown): Promise<T> {
    const r = await dispatch(registry, { ...ctx, signal: new AbortController().signal }, channel, input, {
      validateOutput: true,
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  }

  it(`streams ${ROWS} wide rows with bounded memory`, async () => {
    const profile = await call<{ id: string }>("profiles:save", {
      draft: { name: "stream", ...db.connection },
    });
    const session = await call<{ sessionId: string }>("query:openSession", { profileId: profile.id });
    const sql = `SELECT g AS id, g::numeric / 7 AS ratio, repeat(md5(g::text), 32) AS payload, now() AS at,
                        (g % 2 = 0) AS even, NULL::text AS nothing, ''::text AS empty, g::bigint * 1000000007 AS big,
                        ARRAY[g, g + 1] AS pair, jsonb_build_object('g', g) AS doc
                 FROM generate_series(1, ${ROWS}) g`;
    const before = process.memoryUsage().rss;
    peakRss = before;
    const summary = await call<{
      results: Array<{ rowsReturned: number; truncated: boolean; error?: unknown }>;
    }>("query:run", {
      sessionId: session.sessionId,
      runId: "big",
      sql,
      rowCap: null,
    });
    expect(summary.results[0]).toMatchObject({ rowsReturned: ROWS, truncated: false });
    expect(rowsSeen).toBe(ROWS);
    expect(lastRow[0]).toBe(String(ROWS));
    expect(lastRow[5]).toBeNull();
    expect(lastRow[6]).toBe("");
    expect(lastRow[7]).toBe((BigInt(ROWS) * 1000000007n).toString());
    const growthMb = (peakRss - before) / 1024 / 1024;
    // the payload column alone is 1024 chars a row, ~200 MB over the result: holding the result would exceed the bound
    console.log(
      `query stream ${ROWS} rows: peak RSS ${Math.round(peakRss / 1024 / 1024)} MB (growth ${Math.round(growthMb)} MB)`,
    );
    expect(growthMb).toBeLessThan(150);
  });
});
