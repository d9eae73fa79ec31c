import { z } from "zod";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
  default?: unknown;
  const?: unknown;
};

/** A small seeded PRNG, so a failing case can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value that satisfies the schema's shape, as a base for mutations. */
function sample(s: JsonSchema): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf[0]!);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object":
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k] ?? {})]));
    case "array":
      return [];
    case "string":
      return "x".repeat(Math.max(1, s.minLength ?? 1));
    case "integer":
    case "number":
      return Math.max(1, s.minimum ?? 1);
    case "boolean":
      return true;
    case undefined: // no type: any value fits
    default:
      return null;
  }
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, 1e308, "", "str", true, [], {}, [1, "a"], { a: 1 }];

function deepNest(depth: number): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** A copy of an object or array to write into; anything else is replaced by an empty object. */
function writable(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" ? (structuredClone(v) as Record<string, unknown>) : {};
}

function setAt(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = writable(base);
  let cur = copy;
  for (const key of path.slice(0, -1)) {
    cur[key] = writable(cur[key]);
    cur = cur[key] as Record<string, unknown>;
  }
  cur[path[path.length - 1]!] = value;
  return copy;
}

function paths(s: JsonSchema, prefix: string[] = []): Array<{ path: string[]; schema: JsonSchema }> {
  const out: Array<{ path: string[]; schema: JsonSchema }> = [];
  for (const [k, child] of Object.entries(s.properties ?? {})) {
    out.push({ path: [...prefix, k], schema: child });
    if (child.properties && prefix.length < 3) out.push(...paths(child, [...prefix, k]));
  }
  return out;
}

/**
 * Malformed inputs for one channel: as JSON TEXT (so `__proto__` arrives as a real key,
 * as it would over the wire), each checked to be invalid for the channel's schema.
 */
export function malformedInputs(schema: z.ZodType, seed: number, extraRandom = 1000): string[] {
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const base = sample(js);
  const rand = prng(seed);
  const texts: string[] = [];
  const add = (v: unknown) => texts.push(JSON.stringify(v));

  for (const v of [null, 42, "text", [], [{}], true, "x".repeat(100_000)]) add(v);
  const all = paths(js);
  for (const { path, schema: s } of all) {
    for (const wrong of WRONG_VALUES) add(setAt(base, path, wrong));
    if (s.enum) add(setAt(base, path, "not-a-member"));
  }
  // the expensive shapes once per channel: a huge string and deep nesting in the first field
  const first = all[0]?.path ?? ["field"];
  add(setAt(base, first, "y".repeat(2_000_000)));
  add(setAt(base, first, deepNest(2000)));
  for (const key of js.required ?? []) {
    const copy = { ...(base as Record<string, unknown>) };
    delete copy[key];
    add(copy);
  }
  const text = JSON.stringify(base);
  const inner = text.length > 2 ? text.slice(1, -1) + "," : "";
  texts.push(`{${inner}"__proto__":{"polluted":true}}`);
  texts.push(`{${inner}"constructor":{"prototype":{"polluted":true}}}`);
  texts.push(`{${inner}"unexpected_key":1}`);
  // the rest: 1-3 stacked random mutations each, until `extraRandom` more distinct invalid inputs exist
  // (`__proto__` only as text above: set on an object it would change the prototype, not add a key)
  const seen = new Set(texts);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const randomText = () => {
    const alphabet = ["a", "'", '"', "\\", "\u0000", "\u202e", "😀", "<script>", "%s", "../", " ", "\n", "ß"];
    return Array.from({ length: 1 + Math.floor(rand() * 40) }, () => pick(alphabet)).join("");
  };
  const mutate = (v: unknown): unknown => {
    switch (Math.floor(rand() * 5)) {
      case 0:
        return all.length ? setAt(v, pick(all).path, pick(WRONG_VALUES)) : pick(WRONG_VALUES);
      case 1:
        return setAt(
          v,
          [
            ...(all.length && rand() < 0.5 ? pick(all).path.slice(0, -1) : []),
            pick(["constructor", "prototype", "toString", `k${Math.floor(rand() * 1e6)}`]),
          ],
          { polluted: true },
        );
      case 2:
        return all.length
          ? setAt(v, pick(all).path, rand() < 0.5 ? randomText() : [randomText(), rand()])
          : randomText();
      case 3: {
        const copy = { ...((v ?? {}) as Record<string, unknown>) };
        if (js.required?.length) delete copy[pick(js.required)];
        else copy[`extra${Math.floor(rand() * 1e6)}`] = rand();
        return copy;
      }
      default:
        return all.length
          ? setAt(v, pick(all).path, deepNest(1 + Math.floor(rand() * 50)))
          : deepNest(1 + Math.floor(rand() * 50));
    }
  };
  const valid = texts.filter((t) => !schema.safeParse(JSON.parse(t)).success);
  const target = valid.length + extraRandom;
  for (let tries = 0; valid.length < target && tries < extraRandom * 5; tries++) {
    let v: unknown = base;
    for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) v = mutate(v);
    const t = JSON.stringify(v) ?? "null";
    if (seen.has(t)) continue;
    seen.add(t);
    texts.push(t);
    if (!schema.safeParse(JSON.parse(t)).success) valid.push(t);
  }
  return valid;
}
