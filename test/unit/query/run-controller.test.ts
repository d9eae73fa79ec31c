import { describe, expect, it } from "vitest";
import type { InputOf } from "../../../src/shared/contract";
import type { RunSummary, SessionInfo, StatementResult } from "../../../src/shared/contract/query";
import { ApiError } from "../../../src/renderer/src/lib/api-error";
import { RunController, type RunTransport } from "../../../src/renderer/src/features/query/run-controller";
import { RunControllers } from "../../../src/renderer/src/features/query/run-controllers";

const session = (id: string): SessionInfo => ({
  sessionId: id,
  profileId: "p",
  backendPid: 1,
  serverVersionNum: 150000,
  transactionState: "idle",
  readOnly: false,
  database: "shop",
  transactionAgeMs: null,
});

const result = (index: number): StatementResult =>
  ({
    index,
    start: 0,
    end: 8,
    sql: "SELECT 1",
    kind: "read",
    columns: [],
    truncated: false,
  }) as unknown as StatementResult;

/** Main, as the tab's session sees it: each call recorded, answers chosen by the test. */
function fakeMain(answer: (input: InputOf<"query:run">) => Promise<RunSummary>) {
  const calls: string[] = [];
  let opened = 0;
  const transport: RunTransport = {
    openSession: async (_profileId, database) => {
      calls.push(database ? `open ${database}` : "open");
      return session(`s${++opened}`);
    },
    run: (input) => {
      calls.push(`run ${input.sessionId} ${input.mode}`);
      return answer(input);
    },
    cancel: async (id) => calls.push(`cancel ${id}`),
    closeSession: async (id) => calls.push(`close ${id}`),
    endTransaction: async (id, action) => {
      calls.push(`${action} ${id}`);
      return { outcome: action === "commit" ? "committed" : "rolled-back", session: session(id) };
    },
  };
  return { transport, calls };
}

const summary = (input: InputOf<"query:run">, results: StatementResult[] = [result(0)]): RunSummary => ({
  runId: input.runId,
  results,
  transactionState: "in-transaction",
  durationMs: 1,
  skipped: 0,
  cancelled: false,
  transactionAgeMs: 1500,
  transactionBegun: false,
});

const request = {
  sql: "SELECT 1",
  mode: "all" as const,
  rowCap: 100,
  statementTimeoutMs: 0,
  autocommit: true,
};

describe("a query tab's session and runs", () => {
  it("opens one session on first use, even when asked twice at once, and runs on it", async () => {
    const main = fakeMain(async (input) => summary(input));
    const tab = new RunController("t1", "p", main.transport);
    const [a, b] = await Promise.all([tab.ensureSession(), tab.ensureSession()]);
    expect(a).toBe(b);
    await tab.run(request);
    expect(main.calls).toEqual(["open", "run s1 all"]);
    expect(tab.results.map((r) => r.index)).toEqual([0]);
    expect(tab.transactionState).toBe("in-transaction");
    expect(tab.running).toBe(false);
  });

  it("ignores rows and results of an earlier run that arrive late", async () => {
    let finish: (() => void) | undefined;
    let sent: (runId: string) => void;
    const runStarted = new Promise<string>((resolve) => (sent = resolve));
    const main = fakeMain((input) => {
      sent(input.runId);
      return new Promise((resolve) => (finish = () => resolve(summary(input, []))));
    });
    const tab = new RunController("t1", "p", main.transport);
    const running = tab.run(request);
    const current = await runStarted;
    tab.onStart("an-older-run", 0, [{ name: "stale", typeName: "text" } as never]);
    tab.onFinish("an-older-run", result(3));
    tab.onStart(current, 1, [{ name: "n", typeName: "integer" } as never]);
    finish!();
    await running;
    expect(tab.results.map((r) => [r.index, r.data.columns.map((c) => c.name)])).toEqual([[1, ["n"]]]);
  });

  it("forgets a session main no longer knows, and opens a new one on the next run", async () => {
    let first = true;
    const main = fakeMain(async (input) => {
      if (first) {
        first = false;
        throw new ApiError({ code: "NOT_FOUND", message: "session is gone" });
      }
      return summary(input);
    });
    const tab = new RunController("t1", "p", main.transport);
    await tab.run(request);
    expect(tab.error).toEqual({ code: "NOT_FOUND", message: "session is gone" });
    expect(tab.session).toBeUndefined();
    await tab.run(request);
    expect(tab.error).toBeUndefined();
    expect(main.calls).toEqual(["open", "run s1 all", "open", "run s2 all"]);
  });

  it("keeps the session after a failure of another kind, and words a non-API failure", async () => {
    const main = fakeMain(async () => {
      throw new Error("socket hang up");
    });
    const tab = new RunController("t1", "p", main.transport);
    await tab.run(request);
    expect(tab.error).toEqual({ code: "INTERNAL", message: "socket hang up" });
    expect(tab.session?.sessionId).toBe("s1");
  });

  it("cancels only while running, and closes the session with the tab", async () => {
    const main = fakeMain(async (input) => summary(input));
    const tabs = new RunControllers(main.transport);
    const tab = tabs.forTab("t1", "p");
    expect(tabs.forTab("t1", "p")).toBe(tab);
    await tab.run(request);
    await tab.cancel();
    expect(tabs.bySession("s1")).toBe(tab);
    expect(tabs.openSessions()).toEqual(["s1"]);
    await tabs.close("t1");
    expect(main.calls).toEqual(["open", "run s1 all", "close s1"]);
    expect(tabs.bySession("s1")).toBeUndefined();
    expect(tabs.openSessions()).toEqual([]);
  });

  it("runs from the stopped statement to the end of what was asked, with the user's yes", async () => {
    const sql = "SELECT 1; DELETE FROM t; SELECT 2";
    const inputs: Array<InputOf<"query:run">> = [];
    const stopped = {
      ...result(1),
      start: 10,
      end: 23,
      confirmation: {
        token: "tok",
        reasons: ["DELETE without WHERE on t (every row)"],
        estimatedRows: 9,
        policyTag: "production",
      },
    } as StatementResult;
    const main = fakeMain(async (input) => {
      inputs.push(input);
      return summary(input, inputs.length === 1 ? [result(0), stopped] : [result(1)]);
    });
    const tab = new RunController("t1", "p", main.transport);
    await tab.run({ ...request, sql });
    expect(tab.pendingConfirmation?.result.confirmation?.token).toBe("tok");
    await tab.answerConfirmation(true);
    expect(inputs[1]).toMatchObject({
      mode: "selection",
      selection: { start: 10, end: sql.length },
      confirmations: ["tok"],
    });
    expect(tab.pendingConfirmation).toBeUndefined();
  });

  it("runs nothing more when the user says no", async () => {
    const stopped = {
      ...result(0),
      confirmation: { token: "t", reasons: [], estimatedRows: null, policyTag: "production" },
    } as StatementResult;
    const main = fakeMain(async (input) => summary(input, [stopped]));
    const tab = new RunController("t1", "p", main.transport);
    await tab.run(request);
    await tab.answerConfirmation(false);
    expect(main.calls).toEqual(["open", "run s1 all"]);
  });

  it("ends the transaction and follows the session's answer; dates an open one from main's figure", async () => {
    const main = fakeMain(async (input) => summary(input));
    const tab = new RunController("t1", "p", main.transport);
    await tab.run(request);
    expect(tab.inTransaction).toBe(true);
    expect(tab.transactionAge?.ms).toBe(1500);
    expect(await tab.endTransaction("rollback")).toBe("rolled-back");
    expect(tab.inTransaction).toBe(false);
    expect(tab.transactionAge).toBeUndefined();
    expect(main.calls).toEqual(["open", "run s1 all", "rollback s1"]);
  });

  it("moves to another database: the session closes, the next run opens one there", async () => {
    const main = fakeMain(async (input) => summary(input));
    const tab = new RunController("t1", "p", main.transport, "shop");
    await tab.run(request);
    await tab.switchDatabase("archive");
    await tab.run(request);
    expect(main.calls).toEqual(["open shop", "run s1 all", "close s1", "open archive", "run s2 all"]);
  });

  it("lists the tabs of a profile holding a transaction", async () => {
    const main = fakeMain(async (input) => summary(input));
    const tabs = new RunControllers(main.transport);
    await tabs.forTab("a", "p").run(request);
    tabs.forTab("b", "p");
    await tabs.forTab("c", "q").run(request);
    expect(tabs.withOpenTransaction("p").map((c) => c.tabId)).toEqual(["a"]);
    expect(tabs.withOpenTransaction().map((c) => c.tabId)).toEqual(["a", "c"]);
  });
});
