import { describe, expect, it } from "vitest";
import { findActorTable } from "../../../src/main/features/audit/audit-actors";

const table = (schema: string, name: string, ...columns: string[]) => ({
  schema,
  table: name,
  columns: columns.map((c) => ({ name: c })),
});

describe("the actor table of an audit layout", () => {
  it("is a users-like table in the audit table's schema, named by its best label columns", () => {
    const tables = [
      table("other", "users", "id", "email"),
      table("public", "users", "id", "name", "email"),
      table("public", "accounts", "id", "email"),
    ];
    expect(findActorTable({ schema: "public" }, tables)).toEqual({
      schema: "public",
      table: "users",
      id: "id",
      label: ["email"],
    });
  });

  it("takes first and last name together, and passes over a table without an id or a label", () => {
    const tables = [
      table("app", "users", "uuid", "email"),
      table("app", "accounts", "id", "password_hash"),
      table("app", "members", "id", "first_name", "last_name"),
    ];
    expect(findActorTable({ schema: "app" }, tables)?.label).toEqual(["first_name", "last_name"]);
    expect(findActorTable({ schema: "none" }, tables)).toBeUndefined();
  });
});
