import type { DumpableSchema } from "../../../../shared/contract/backup";

/** The picker's filter text as it compares: trimmed, any case. */
export const pickerNeedle = (filter: string) => filter.trim().toLowerCase();

/** A schema is listed when its name or one of its relations' names contains the text. */
export function schemaMatches(schema: DumpableSchema, needle: string): boolean {
  return (
    !needle ||
    schema.name.toLowerCase().includes(needle) ||
    schema.objects.some((o) => o.name.toLowerCase().includes(needle))
  );
}

/** A schema listed for one of its relations opens by itself, to show them. */
export function opensForFilter(schema: DumpableSchema, needle: string): boolean {
  return needle !== "" && !schema.name.toLowerCase().includes(needle);
}

/** Relations shown under a schema: all when the schema's name matches, else those whose name does. */
export function shownObjects(schema: DumpableSchema, needle: string): DumpableSchema["objects"] {
  return schema.objects.filter(
    (o) => !needle || schema.name.toLowerCase().includes(needle) || o.name.toLowerCase().includes(needle),
  );
}
