import type { SchemaModel } from "../../../src/shared/contract/schema";

/** A schema model holding only what `over` gives: every list empty, read at the epoch. */
export function schemaModel(over: Partial<SchemaModel> = {}): SchemaModel {
  return {
    database: "d",
    serverVersionNum: 150000,
    readAt: new Date(0).toISOString(),
    schemas: [],
    relations: [],
    constraints: [],
    indexes: [],
    triggers: [],
    rules: [],
    functions: [],
    sequences: [],
    enums: [],
    domains: [],
    composites: [],
    extensions: [],
    policies: [],
    ...over,
  };
}
