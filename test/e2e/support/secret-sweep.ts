import { readdirSync, readFileSync, watch, type FSWatcher } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { setTimeout as pause } from "node:timers/promises";

/** One way a secret could be written down: as typed, escaped or encoded. */
export interface SecretForm {
  secret: string;
  form: string;
  bytes: Buffer;
}

/**
 * Every form of `secret` the sweep looks for: UTF-8, UTF-16LE, JSON-, SQL- and
 * pgpass-escaped, URL-encoded (both styles), hex (both cases), base64/base64url at each of
 * the three alignments it can have inside a longer encoded string, and its longest run of
 * plain characters alone (caught whatever escaping is applied to the rest).
 */
export function secretForms(secret: string, label: string): SecretForm[] {
  const raw = Buffer.from(secret, "utf8");
  const forms: Array<[string, string | Buffer]> = [
    ["utf8", raw],
    ["utf16le", Buffer.from(secret, "utf16le")],
    ["json", JSON.stringify(secret).slice(1, -1)],
    ["sql-quoted", secret.replace(/'/g, "''")],
    ["pgpass", secret.replace(/[\\:]/g, (c) => `\\${c}`)],
    ["url", encodeURIComponent(secret)],
    ["form-url", encodeURIComponent(secret).replace(/%20/g, "+")],
    ["hex", raw.toString("hex")],
    ["HEX", raw.toString("hex").toUpperCase()],
  ];
  const plainRun = (secret.match(/[A-Za-z0-9_-]+/g) ?? []).sort((a, b) => b.length - a.length)[0] ?? "";
  if (plainRun.length >= 12) forms.push(["plain part", plainRun]);
  for (let shift = 0; shift < 3; shift++) {
    // after `shift` bytes of anything, the secret's own characters start at a fixed place
    const b64 = Buffer.concat([Buffer.alloc(shift), raw]).toString("base64");
    const start = Math.ceil((shift * 4) / 3);
    const end = Math.floor(((shift + raw.length) * 4) / 3);
    const inner = b64.slice(start, end);
    forms.push(
      [`base64+${shift}`, inner],
      [`base64url+${shift}`, inner.replace(/\+/g, "-").replace(/\//g, "_")],
    );
  }
  const seen = new Set<string>();
  const out: SecretForm[] = [];
  for (const [form, value] of forms) {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    const key = bytes.toString("hex");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ secret: label, form, bytes });
  }
  return out;
}

/** Which forms occur in `data` (binary-safe). */
export function findForms(data: Buffer | string, forms: SecretForm[]): SecretForm[] {
  const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return forms.filter((f) => buf.includes(f.bytes));
}

export interface Leak {
  where: string;
  secret: string;
  form: string;
}

interface ProcEntry {
  pid: number;
  ppid: number;
  cmdline: Buffer;
}

/**
 * Samples /proc while the app works: every process's argv (cmdline), and the environment
 * of every descendant of `root` (the web host). Distinct texts are kept, so secrets only
 * known later (the demo's generated password) can be checked against them afterwards.
 */
export class ProcSampler {
  samples = 0;
  argvReads = 0;
  environReads = 0;
  /** pid -> program name of every descendant of the host seen at least once. */
  readonly children = new Map<number, string>();
  /** How many samples saw a host descendant running each program. */
  readonly programSamples = new Map<string, number>();
  /** Distinct argv and environ texts, with where they were seen. */
  readonly texts = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly root: number) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        this.sampleOnce();
        await pause(10); // sampling cadence, not a wait for a condition
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Leaks among every text seen so far. */
  leaks(forms: SecretForm[]): Leak[] {
    const out: Leak[] = [];
    for (const [text, where] of this.texts) {
      for (const f of findForms(Buffer.from(text, "latin1"), forms))
        out.push({ where, secret: f.secret, form: f.form });
    }
    return out;
  }

  /** Synchronous on purpose: a few hundred tiny /proc reads take milliseconds this way, not a thread-pool queue. */
  private sampleOnce(): void {
    const names = readdirSync("/proc").filter((n) => /^\d+$/.test(n));
    const entries = names.map((n) => readProc(Number(n))).filter((e): e is ProcEntry => e !== undefined);
    this.samples++;
    this.argvReads += entries.length;
    const kids = new Map<number, number[]>();
    for (const e of entries) kids.set(e.ppid, [...(kids.get(e.ppid) ?? []), e.pid]);
    const byPid = new Map(entries.map((e) => [e.pid, e]));
    const descendants: ProcEntry[] = [];
    const walk = (pid: number) => {
      for (const child of kids.get(pid) ?? []) {
        descendants.push(byPid.get(child)!);
        walk(child);
      }
    };
    walk(this.root);
    const isChild = new Set(descendants.map((d) => d.pid));
    for (const e of entries) {
      // a server backend renames itself ("postgres: user db 127.0.0.1(5) idle")
      const program = basename(e.cmdline.toString("latin1").split("\0")[0] ?? "").split(/[: ]/)[0]!;
      this.keep(e.cmdline, `argv of pid ${e.pid} (${program})`);
      if (!isChild.has(e.pid)) continue;
      this.children.set(e.pid, program);
      this.programSamples.set(program, (this.programSamples.get(program) ?? 0) + 1);
      const environ = readSync(`/proc/${e.pid}/environ`);
      if (environ) {
        this.environReads++;
        this.keep(environ, `environ of pid ${e.pid} (${program})`);
      }
    }
  }

  private keep(bytes: Buffer, where: string): void {
    const text = bytes.toString("latin1");
    if (!this.texts.has(text)) this.texts.set(text, where);
  }
}

function readProc(pid: number): ProcEntry | undefined {
  const stat = readSync(`/proc/${pid}/stat`)?.toString("latin1");
  const cmdline = readSync(`/proc/${pid}/cmdline`);
  if (stat === undefined || cmdline === undefined) return undefined;
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return { pid, ppid, cmdline };
}

function readSync(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (err) {
    return gone(err as NodeJS.ErrnoException);
  }
}

/** A process or file may vanish between listing and reading it; anything else is a real error. */
function gone(err: NodeJS.ErrnoException): undefined {
  if (err.code === "ENOENT" || err.code === "ESRCH" || err.code === "EACCES") return undefined;
  throw err;
}

/**
 * Reads every regular file that appears under the watched folders as soon as it appears
 * (before a short-lived file such as a password file is removed again).
 */
export class NewFileWatcher {
  reads = 0;
  /** Distinct contents, with the path they were read from. */
  readonly contents = new Map<string, string>();
  private readonly watchers: FSWatcher[] = [];
  private pending: Promise<unknown>[] = [];

  watch(dir: string, recursive: boolean): void {
    const w = watch(dir, { recursive }, (_event, name) => {
      if (name) this.pending.push(this.capture(join(dir, name.toString())));
    });
    this.watchers.push(w);
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.close();
    await Promise.all(this.pending);
  }

  leaks(forms: SecretForm[]): Leak[] {
    const out: Leak[] = [];
    for (const [text, where] of this.contents) {
      for (const f of findForms(Buffer.from(text, "latin1"), forms))
        out.push({ where: `file ${where} (read when it appeared)`, secret: f.secret, form: f.form });
    }
    return out;
  }

  private async capture(path: string): Promise<void> {
    const info = await lstat(path).catch(gone);
    if (!info?.isFile() || info.size > 1 << 20) return;
    const bytes = await readFile(path).catch(gone);
    if (!bytes) return;
    this.reads++;
    const text = bytes.toString("latin1");
    if (!this.contents.has(text)) this.contents.set(text, path);
  }
}

/** Every regular file under `root` (symlinks, sockets and FIFOs skipped), recursively. */
export async function filesUnder(root: string): Promise<string[]> {
  const info = await lstat(root).catch(gone);
  if (!info) return [];
  if (info.isFile()) return [root];
  if (!info.isDirectory()) return [];
  const names = await readdir(root).catch(gone);
  const nested = await Promise.all((names ?? []).map((n) => filesUnder(join(root, n))));
  return nested.flat();
}

/** Scans files for the forms; answers leaks and how many files and bytes were read. */
export async function scanFiles(
  paths: string[],
  forms: SecretForm[],
): Promise<{ leaks: Leak[]; files: number; bytes: number }> {
  const leaks: Leak[] = [];
  let files = 0;
  let bytes = 0;
  for (const path of paths) {
    const data = await readFile(path).catch(gone);
    if (!data) continue;
    files++;
    bytes += data.length;
    for (const f of findForms(data, forms))
      leaks.push({ where: `file ${path}`, secret: f.secret, form: f.form });
  }
  return { leaks, files, bytes };
}
