import { describe, expect, it } from "vitest";
import { quoteIdent } from "../../../src/main/db/sql";
import { concurrentCreate, createIndexSql, indexName } from "../../../src/main/features/indexes/index-ddl";
import type { IndexRecord } from "../../../src/main/features/indexes/index-inventory";
import { DEFAULT_THRESHOLDS } from "../../../src/main/features/indexes/index-thresholds";
import { duplicateIndexes, unusedIndexes } from "../../../src/main/features/indexes/index-verdicts";

let oid = 100;
function index(name: string, keys: string[], extra: Partial<IndexRecord> = {}): IndexRecord {
  return {
    oid: oid++,
    tableOid: 1,
    schema: "public",
    table: "t",
    name,
    definition: `CREATE INDEX ${name} ON public.t USING btree (${keys.join(", ")})`,
    method: "btree",
    columns: keys,
    includeColumns: [],
    predicate: null,
    hasExpressions: false,
    sizeBytes: 10 * 1024 * 1024,
    scans: 0,
    tuplesRead: 0,
    tuplesFetched: 0,
    lastScanAt: null,
    unique: false,
    primary: false,
    constraint: null,
    valid: true,
    ready: true,
    keyColumns: keys.map((k) => `${k}/1978/0/0`),
    keyAttnames: keys,
    expressions: null,
    partitioned: false,
    ...extra,
  };
}

describe("index verdicts", () => {
  it("never proposes dropping an index that enforces a constraint or uniqueness", () => {
    const all = [
      index("pk", ["id"], { primary: true, unique: true, constraint: { name: "pk", type: "primary" } }),
      index("uq", ["email"], { unique: true }),
      index("ex", ["period"], { constraint: { name: "ex", type: "exclusion" } }),
      index("plain", ["note"]),
      index("small", ["x"], { sizeBytes: 8192 }),
      index("broken", ["y"], { valid: false }),
      index("parent", ["z"], { partitioned: true }),
    ];
    expect(unusedIndexes(all, DEFAULT_THRESHOLDS).map((u) => u.name)).toEqual(["plain"]);
  });

  it("compares operator classes: a text_pattern_ops index is not a duplicate of the default one", () => {
    const a = index("a", ["name"]);
    const b = index("b", ["name"], { keyColumns: ["name/10017/0/0"] });
    expect(duplicateIndexes([a, b])).toEqual([]);
  });

  it("keeps an index whose INCLUDE columns the covering index lacks", () => {
    const a = index("a", ["x"], { includeColumns: ["payload"] });
    const b = index("b", ["x", "y"]);
    expect(duplicateIndexes([a, b])).toEqual([]);
  });
});

describe("generated SQL", () => {
  it("quotes odd identifiers and fits the name in 63 bytes", () => {
    const sql = createIndexSql(
      {
        schema: "my schema",
        table: 'we"ird',
        method: "btree",
        elements: [quoteIdent("a b")],
        nameParts: ["a b"],
      },
      true,
    );
    expect(sql).toBe(
      'CREATE INDEX CONCURRENTLY "we_ird_a_b_idx" ON "my schema"."we""ird" USING btree ("a b");',
    );
    expect(Buffer.byteLength(indexName("é".repeat(60), ["col"]))).toBeLessThanOrEqual(63);
  });

  it("makes pg_get_indexdef's statement concurrent", () => {
    expect(concurrentCreate("CREATE UNIQUE INDEX x ON public.t USING btree (a)").sql).toBe(
      "CREATE UNIQUE INDEX CONCURRENTLY x ON public.t USING btree (a);",
    );
  });
});
