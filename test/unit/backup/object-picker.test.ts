import { describe, expect, it } from "vitest";
import type { DumpableSchema } from "../../../src/shared/contract/backup";
import {
  opensForFilter,
  pickerNeedle,
  schemaMatches,
  shownObjects,
} from "../../../src/renderer/src/features/backup/object-picker.model";

const schema = (name: string, objects: string[]): DumpableSchema =>
  ({ name, objects: objects.map((o) => ({ name: o, kind: "table", bytes: 0 })) }) as DumpableSchema;

const sales = schema("sales", ["orders", "Invoices"]);
const crm = schema("crm", ["contacts", "sales_leads"]);

describe("backup object picker filter", () => {
  it("compares the typed text trimmed and in any case", () => {
    expect(pickerNeedle("  INVoice ")).toBe("invoice");
  });

  it("lists a schema whose name, or one of whose relations, contains the text", () => {
    expect([sales, crm].filter((s) => schemaMatches(s, "sales")).map((s) => s.name)).toEqual([
      "sales",
      "crm",
    ]);
    expect([sales, crm].filter((s) => schemaMatches(s, "invoice")).map((s) => s.name)).toEqual(["sales"]);
    expect(schemaMatches(crm, "")).toBe(true);
  });

  it("shows every relation of a schema matched by name, else only the matching ones, opened", () => {
    expect(shownObjects(sales, "sales").map((o) => o.name)).toEqual(["orders", "Invoices"]);
    expect(opensForFilter(sales, "sales")).toBe(false);
    expect(shownObjects(crm, "sales").map((o) => o.name)).toEqual(["sales_leads"]);
    expect(opensForFilter(crm, "sales")).toBe(true);
    expect(opensForFilter(crm, "")).toBe(false);
  });
});
