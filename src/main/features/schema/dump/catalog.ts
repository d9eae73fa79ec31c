import * as o from "./objects.sql";
import * as r from "./relations.sql";
import type { DumpObject } from "./model";
import type { Row } from "./tables.build";

/** Every catalog part the script is built from, by name. */
export const dumpQueries = {
  schemas: o.dumpSchemas,
  extensions: o.dumpExtensions,
  types: o.dumpTypes,
  functions: o.dumpFunctions,
  aggregates: o.dumpAggregates,
  operators: o.dumpOperators,
  opFamilies: o.dumpOpFamilies,
  opClasses: o.dumpOpClasses,
  opMembers: o.dumpOpFamilyMembers,
  casts: o.dumpCasts,
  collations: o.dumpCollations,
  textSearch: o.dumpTextSearch,
  foreignData: o.dumpForeignData,
  publications: o.dumpPublications,
  eventTriggers: o.dumpEventTriggers,
  defaultAcls: o.dumpDefaultAcls,
  comments: o.dumpComments,
  securityLabels: o.dumpSecurityLabels,
  depends: o.dumpDepends,
  relations: r.dumpRelations,
  inherits: r.dumpInherits,
  columns: r.dumpColumns,
  identitySequences: r.dumpIdentitySequences,
  sequences: r.dumpSequences,
  constraints: r.dumpConstraints,
  indexes: r.dumpIndexes,
  triggers: r.dumpTriggers,
  rules: r.dumpRules,
  policies: r.dumpPolicies,
  statistics: r.dumpStatistics,
} as const;

export type DumpPart = keyof typeof dumpQueries;

export interface DumpCatalog {
  rows: Record<DumpPart | "subscriptions", Row[]>;
  version: number;
  /** Parts that could not be read, with the server's reason (a missing right). */
  unreadable: string[];
  /** Rows, sequence positions and matview refreshes, when asked for (same snapshot). */
  data: DumpObject[];
}
