import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readPlanInput, type PlanInputResult } from "../../../src/shared/explain/plan.input";

const accepted = (r: PlanInputResult) => {
  if (!r.ok) throw new Error(`refused: ${r.refusal.message} (${r.refusal.text})`);
  return r;
};
const labels = (r: PlanInputResult) => accepted(r).plans.map((p) => p.model.nodes.map((n) => n.label));

const plan = `Hash Join  (cost=1.09..2.23 rows=3 width=8) (actual time=0.020..0.025 rows=3 loops=1)
  Hash Cond: (a.id = b.id)
  ->  Seq Scan on a  (cost=0.00..1.10 rows=10 width=4) (actual time=0.005..0.006 rows=10 loops=1)
  ->  Hash  (cost=1.04..1.04 rows=4 width=4) (actual time=0.010..0.010 rows=4 loops=1)
        Buckets: 1024  Batches: 1  Memory Usage: 9kB
        ->  Seq Scan on b  (cost=0.00..1.04 rows=4 width=4) (actual time=0.002..0.003 rows=4 loops=1)
Planning Time: 0.100 ms
Execution Time: 0.050 ms`;

const tree = [["Hash Join", "Seq Scan on a", "Hash", "Seq Scan on b"]];

describe("text that is not a plan is refused, quoting the first line that shows it", () => {
  it("says what to paste when the box is empty", () => {
    expect(readPlanInput("  \n\n")).toMatchObject({ ok: false, refusal: { line: null } });
  });

  it("quotes the first line of prose", () => {
    const r = readPlanInput("\n\nthe query is slow, any idea?\nthanks");
    expect(r).toMatchObject({ ok: false, refusal: { line: 3, text: "the query is slow, any idea?" } });
    expect(!r.ok && r.refusal.message).toMatch(/^Line 3 is not part of a plan/);
  });

  it("says SQL is not a plan, and where to run it", () => {
    const r = readPlanInput("SELECT * FROM orders WHERE id = 1;");
    expect(!r.ok && r.refusal.message).toMatch(/Line 1 is SQL, not a plan.*Explain in the Query editor/);
  });

  it("says why JSON that looks like a plan does not parse, and where", () => {
    const r = readPlanInput('[{"Plan": {"Node Type": "Seq Scan",}]');
    expect(r).toMatchObject({ ok: false, refusal: { line: 1 } });
    expect(!r.ok && r.refusal.message).toMatch(/looks like JSON but does not parse/);
  });

  it("passes on what EXPLAIN itself said when there was no plan", () => {
    const r = readPlanInput(
      "                QUERY PLAN\n-----------------------------\n Query rewrites to nothing\n(1 row)",
    );
    expect(!r.ok && r.refusal.message).toMatch(/rewrites to nothing/);
  });

  it("refuses a tree whose indentation was lost, pointing at the line", () => {
    const flat = plan
      .split("\n")
      .map((l) => l.trimStart())
      .join("\n");
    const r = readPlanInput(flat);
    expect(r).toMatchObject({
      ok: false,
      refusal: {
        line: 3,
        text: "->  Seq Scan on a  (cost=0.00..1.10 rows=10 width=4) (actual time=0.005..0.006 rows=10 loops=1)",
      },
    });
    expect(!r.ok && r.refusal.message).toMatch(/indentation/);
  });
});

describe("a plan is found in whatever surrounds it", () => {
  it("skips an echoed psql session around the table, and says what it skipped", () => {
    const session = [
      "postgres=# SET work_mem = '64kB';",
      "SET",
      "postgres=# \\timing",
      "Timing is on.",
      "postgres=# -- the slow one",
      "postgres=# EXPLAIN ANALYZE SELECT * FROM a JOIN b USING (id);",
      "                                  QUERY PLAN",
      "--------------------------------------------------------------------------------",
      ...plan.split("\n").map((l) => ` ${l}`),
      "(9 rows)",
      "",
      "Time: 1.234 ms",
      "postgres=#",
    ].join("\n");
    const r = accepted(readPlanInput(session));
    expect(labels(r)).toEqual(tree);
    expect(r.plans[0]!.origin).toBe("psql table (aligned, border 1)");
    expect(r.plans[0]!.model.executionMs).toBe(0.05);
    expect(r.skipped.map((s) => s.text)).toContain("Time: 1.234 ms");
    expect(r.skipped.map((s) => s.text)).toContain("postgres=# SET work_mem = '64kB';");
  });

  it("reads CRLF line ends, tab indentation and no-break spaces as plain text", () => {
    const messy = plan
      .replace(/\n/g, "\r\n")
      .replace(/^ {8}/gm, "\t")
      .replace(/ {2}\(cost/g, "\u00a0 (cost");
    expect(labels(readPlanInput(messy))).toEqual(tree);
  });

  it("says so when a paste holds several plans, each readable on its own", () => {
    const two = `${plan}\n\nand after the index:\n\n${plan.replace(/Seq Scan on b/, "Index Scan using b_pkey on b")}`;
    const r = accepted(readPlanInput(two));
    expect(r.plans).toHaveLength(2);
    expect(r.plans[1]!.model.nodes[3]!.label).toBe("Index Scan using b_pkey on b");
    expect(r.plans.map((p) => [p.firstLine, p.lastLine])).toEqual([
      [1, 8],
      [12, 19],
    ]);
  });

  it("reads a paste of JSON alone (read at once) as it reads the same JSON among other lines", () => {
    for (const name of ["cte-initplan.json", "jit.json", "subplan.json"]) {
      const json = readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");
      const alone = accepted(readPlanInput(`\n\n${json.replace(/\n/g, "\r\n")}\n`));
      const among = accepted(readPlanInput(`-- from the server:\n\n${json}\n`));
      expect(alone.plans.map((p) => [p.firstLine, p.lastLine])).toEqual(
        among.plans.map((p) => [p.firstLine, p.lastLine]),
      );
      expect(alone.plans.map((p) => p.model)).toEqual(among.plans.map((p) => p.model));
      expect(among.skipped).toEqual([{ line: 1, text: "-- from the server:" }]);
    }
  });

  it("reads a pgAdmin copy of a JSON plan (one quoted field, quotes doubled)", () => {
    const json = JSON.stringify(
      [{ Plan: { "Node Type": "Seq Scan", "Relation Name": "t", Alias: "t", "Total Cost": 1.5 } }],
      null,
      2,
    );
    const copied = `"${json.replace(/"/g, '""')}"`;
    const r = accepted(readPlanInput(copied));
    expect(r.plans[0]!.model.nodes[0]!.label).toBe("Seq Scan on t");
    expect(r.plans[0]!.model.totalCost).toBe(1.5);
  });

  it("reads a DBeaver copy of a TEXT plan (every line quoted)", () => {
    const copied = ['"QUERY PLAN"', ...plan.split("\n").map((l) => `"${l.replace(/"/g, '""')}"`)].join("\n");
    expect(labels(readPlanInput(copied))).toEqual(tree);
  });

  it("keeps a line it does not know verbatim on its node, and a plan-level one on the plan", () => {
    const odd = plan.replace(
      "  Hash Cond: (a.id = b.id)",
      "  Hash Cond: (a.id = b.id)\n  RTI 1 (relation, in-from-clause):\n    Relation: a",
    );
    const m = accepted(readPlanInput(`${odd}\nPlannedStmt:\n  Command Type: select`)).plans[0]!.model;
    expect(m.nodes[0]!.unparsedLines).toEqual(["RTI 1 (relation, in-from-clause):"]);
    // a "Key: value" line is kept as a property under the name printed
    expect(m.nodes[0]!.details).toContainEqual(["Relation", "a"]);
    expect(m.details).toContainEqual(["PlannedStmt", "Command Type: select"]);
    expect(m.executionMs).toBe(0.05);
  });

  it("notes when psql's padding of a wide character at a wrap had to be guessed", () => {
    const wrapped = [
      "            QUERY PLAN",
      "----------------------------------",
      " Seq Scan on t  (cost=0.00..1.10 .",
      ".rows=10 width=4)",
      "   Filter: (name = '日本語テキス .",
      ".ト'::text)",
      "(2 rows)",
    ].join("\n");
    const r = accepted(readPlanInput(wrapped));
    expect(r.plans[0]!.model.nodes[0]!.filter).toBe("(name = '日本語テキスト'::text)");
    expect(r.plans[0]!.notes.join(" ")).toMatch(/line 5: psql pads a wrapped line/);
  });
});
