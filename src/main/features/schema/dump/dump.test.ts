import { describe, expect, it } from "vitest";
import { sql } from "../../../db/sql";
import { aclStatements, parseAclItem } from "./acl";
import { withoutSecrets } from "./global.build";
import { newObject, type DumpObject } from "./model";
import { sortObjects } from "./sort";

const entry = (id: string, kind: string, deps: string[] = [], section: DumpObject["section"] = "pre") =>
  newObject({ id, kind, section, schema: "s", name: id, create: [sql`SELECT 1;`], deps });

describe("sortObjects", () => {
  it("puts every entry after what it needs, then by section and kind", () => {
    const order = sortObjects([
      entry("fk", "FK CONSTRAINT", ["a", "b"], "post"),
      entry("b", "TABLE", ["f"]),
      entry("f", "FUNCTION", ["v"]),
      entry("v", "VIEW", ["a"]),
      entry("a", "TABLE"),
      entry("sch", "SCHEMA"),
    ]);
    expect(order.ordered.map((o) => o.id)).toEqual(["sch", "a", "v", "f", "b", "fk"]);
    expect(order.cycles).toEqual([]);
  });

  it("reports a cycle instead of losing its entries", () => {
    const { ordered, cycles } = sortObjects([entry("x", "TABLE", ["y"]), entry("y", "TABLE", ["x"])]);
    expect(ordered.map((o) => o.id).sort()).toEqual(["x", "y"]);
    expect(cycles.map((o) => o.id)).toEqual(["x"]);
  });
});

describe("aclitem", () => {
  it("reads quoted names, PUBLIC and grant options", () => {
    expect(parseAclItem('"Corpus Owner"=r*w/postgres')).toEqual({
      grantee: "Corpus Owner",
      grantor: "postgres",
      privileges: [
        { name: "SELECT", grantable: true },
        { name: "UPDATE", grantable: false },
      ],
    });
    expect(parseAclItem("=X/owner").grantee).toBe("");
  });

  it("revokes the defaults, then grants each item in order", () => {
    expect(
      aclStatements(sql`FUNCTION f()`, "owner", ["owner=X/owner", "=X/owner", '"a""b"=X*/owner']),
    ).toEqual([
      "REVOKE ALL ON FUNCTION f() FROM PUBLIC;",
      'REVOKE ALL ON FUNCTION f() FROM "owner";',
      'GRANT EXECUTE ON FUNCTION f() TO "owner";',
      "GRANT EXECUTE ON FUNCTION f() TO PUBLIC;",
      'GRANT EXECUTE ON FUNCTION f() TO "a""b" WITH GRANT OPTION;',
    ]);
    expect(aclStatements(sql`TABLE t`, "owner", null)).toEqual([]);
  });
});

describe("withoutSecrets", () => {
  it("drops passwords from a subscription's connection string", () => {
    // libpq quotes with '…' and escapes a quote inside with a backslash
    expect(withoutSecrets("host=h password='s e\\'cret' dbname=d")).toBe("host=h dbname=d");
    expect(withoutSecrets("host=h password=plain")).toBe("host=h");
  });
});
