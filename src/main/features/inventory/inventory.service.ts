import { AppError, type Profile, type ProfileDraft } from "../../../shared/contract";
import type { ParsedInputOf } from "../../../shared/contract";
import type { ImportCandidate, ImportSource } from "../../../shared/contract/inventory";
import { lookupPgpass } from "../../db/pgpass";
import { parseServiceFile, readServiceFiles } from "../../db/service-file";
import type { ProfileStore } from "../profiles/profile.store";
import { fromServices, parsePgAdmin, parseUriList, type ImportEntry } from "./import-sources";

export interface ReadEntries {
  entries: ImportEntry[];
  files: string[];
  warnings: string[];
}

/** The entries of an import source; pgService without text reads the files libpq reads. */
export async function readEntries(
  source: ImportSource,
  text: string | undefined,
  osUser: string,
): Promise<ReadEntries> {
  if (source === "pgService") {
    const found =
      text !== undefined ? { files: [], ...parseServiceFile(text, "pasted text") } : await readServiceFiles();
    return { entries: fromServices(found.services, osUser), files: found.files, warnings: found.warnings };
  }
  if (!text?.trim()) throw new AppError("VALIDATION", "text: paste the file's content", { field: "text" });
  if (source === "pgAdmin") return { files: [], ...parsePgAdmin(text, osUser) };
  return { entries: parseUriList(text, osUser), files: [], warnings: [] };
}

/** user@host:port/database: what makes two profiles the same server and login. */
function identity(p: { user: string; host: string; port: number; database: string }): string {
  return `${p.user}@${p.host}:${p.port}/${p.database}`;
}

/** What the preview shows of an entry: never its password, only whether it has one. */
export function toCandidate(e: ImportEntry, existing: Profile[]): ImportCandidate {
  const d = e.imported?.draft;
  const duplicate = d ? existing.find((p) => identity(p) === identity(d)) : undefined;
  return {
    index: e.index,
    name: e.name,
    host: d?.host ?? "",
    port: d?.port ?? 0,
    database: d?.database ?? "",
    user: d?.user ?? "",
    kind: d?.database === "pgbouncer" ? "pgbouncer" : "postgres",
    ...(e.group ? { group: e.group } : {}),
    hasPassword: Boolean(e.imported?.password) || Boolean(e.passFile),
    ...(duplicate ? { duplicateOf: duplicate.id } : {}),
    ...(e.error ? { error: e.error } : {}),
    warnings: e.warnings,
  };
}

type ImportInput = ParsedInputOf<"inventory:import">;

/**
 * Saves the picked entries in one write. Entries that cannot be imported, or that match
 * a saved profile (unless includeDuplicates), are skipped with the reason; names are
 * made unique with " (2)", " (3)", …
 */
export async function importEntries(
  input: ImportInput,
  read: ReadEntries,
  profiles: ProfileStore,
): Promise<{ created: Profile[]; skipped: Array<{ index: number; name: string; reason: string }> }> {
  const existing = await profiles.list();
  const picked = input.pick ? new Set(input.pick) : undefined;
  const names = new Set(existing.map((p) => p.name));
  const skipped: Array<{ index: number; name: string; reason: string }> = [];
  const drafts: Array<{ draft: ProfileDraft }> = [];
  for (const e of read.entries) {
    if (picked && !picked.has(e.index)) continue;
    const candidate = toCandidate(e, existing);
    if (e.error || !e.imported) {
      skipped.push({ index: e.index, name: e.name, reason: e.error ?? "nothing to import" });
      continue;
    }
    if (candidate.duplicateOf && !input.includeDuplicates) {
      const same = existing.find((p) => p.id === candidate.duplicateOf)!;
      skipped.push({ index: e.index, name: e.name, reason: `already saved as "${same.name}"` });
      continue;
    }
    const draft = await toDraft(e, input, candidate.kind);
    draft.name = uniqueName(draft.name, names);
    drafts.push({ draft });
  }
  const created = drafts.length ? await profiles.saveMany(drafts) : [];
  return { created, skipped };
}

async function toDraft(
  e: ImportEntry,
  input: ImportInput,
  kind: "postgres" | "pgbouncer",
): Promise<ProfileDraft> {
  const { draft, password, sslPassword } = e.imported!;
  const tags = [...new Set([...(e.tags ?? []), ...(input.tags ?? [])])];
  const group = e.group ?? input.group;
  const fromPassFile =
    password === undefined && e.passFile ? await passFilePassword(e.passFile, draft) : undefined;
  return {
    ...draft,
    name: e.name.trim() || draft.name,
    ...(password !== undefined ? { password } : fromPassFile !== undefined ? { password: fromPassFile } : {}),
    ...(sslPassword !== undefined ? { sslPassword } : {}),
    ...(group ? { group } : {}),
    ...(tags.length ? { tags } : {}),
    ...(input.environment ? { tag: input.environment } : {}),
    ...(kind === "pgbouncer" ? { kind } : {}),
    ...(e.ssh ? { ssh: e.ssh } : {}),
  };
}

/** pgAdmin's PassFile is a pgpass file of its own: the matching line's password is saved encrypted. */
async function passFilePassword(
  file: string,
  d: { host: string; port: number; database: string; user: string },
): Promise<string | undefined> {
  const found = await lookupPgpass(d, { ...process.env, PGPASSFILE: file });
  return found.password;
}

function uniqueName(name: string, taken: Set<string>): string {
  let out = name.slice(0, 200);
  for (let n = 2; taken.has(out); n++) out = `${name.slice(0, 190)} (${n})`;
  taken.add(out);
  return out;
}
