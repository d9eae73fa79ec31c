import type { RawNode } from "./plan.values";

/**
 * A plan as EXPLAIN (FORMAT JSON) structures it: one object per node (RawNode, in
 * plan.values) with the server's property names ("Node Type", "Actual Rows", "Hash Cond"),
 * children under "Plans". The TEXT, YAML and XML readers all produce this shape, so one
 * model builder serves them all.
 */
export type { RawNode };

/** One plan: its root node and the top-level figures (Planning Time, Triggers, JIT …). */
export type RawPlan = Record<string, unknown> & { Plan: RawNode };

/** Text lines kept as printed on a node or a plan: the reader did not recognise them. */
export const UNPARSED = "_unparsed";
