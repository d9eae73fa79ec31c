import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";

/** One way psql can print a result: the \pset settings. */
export interface Rendering {
  format: string;
  border: 0 | 1 | 2;
  expanded: boolean;
  tuplesOnly: boolean;
  footer: boolean;
  columns?: number;
}

export const renderingName = (r: Rendering) =>
  `${r.format}${r.columns ? `@${r.columns}` : ""} border=${r.border}${r.expanded ? " x" : ""}` +
  `${r.tuplesOnly ? " -t" : r.footer ? "" : " nofooter"}`;

/** Every combination asked for: format × border × expanded × (tuples only | header with or without footer) × width. */
export function allRenderings(formats: string[]): Rendering[] {
  const out: Rendering[] = [];
  for (const format of formats)
    for (const columns of format === "wrapped" ? [40, 80, 120] : [undefined])
      for (const border of [0, 1, 2] as const)
        for (const expanded of [false, true])
          for (const [tuplesOnly, footer] of [
            [true, false],
            [false, true],
            [false, false],
          ] as const)
            out.push({ format, border, expanded, tuplesOnly, footer, ...(columns ? { columns } : {}) });
  return out;
}

const MARK = "@@@PLAN ";
const END = "@@@RENDERING END ";

export interface PsqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Stores the outputs in a table of the server so psql can SELECT each one back as "QUERY PLAN". */
export async function storeOutputs(client: pg.Client, outputs: Map<number, string[]>): Promise<void> {
  await client.query("CREATE TABLE IF NOT EXISTS corpus_render (id int, n int, line text)");
  await client.query("TRUNCATE corpus_render");
  const ids: number[] = [];
  const ns: number[] = [];
  const lines: string[] = [];
  for (const [id, rows] of outputs)
    rows.forEach((line, n) => {
      ids.push(id);
      ns.push(n);
      lines.push(line);
    });
  await client.query("INSERT INTO corpus_render SELECT * FROM unnest($1::int[], $2::int[], $3::text[])", [
    ids,
    ns,
    lines,
  ]);
  await client.query("CREATE INDEX IF NOT EXISTS corpus_render_id ON corpus_render (id, n)");
  await client.query("ANALYZE corpus_render");
}

const psetLines = (r: Rendering) => [
  `\\pset format ${r.format}`,
  `\\pset border ${r.border}`,
  `\\pset expanded ${r.expanded ? "on" : "off"}`,
  `\\pset tuples_only ${r.tuplesOnly ? "on" : "off"}`,
  `\\pset footer ${r.footer ? "on" : "off"}`,
  `\\pset columns ${r.columns ?? 0}`,
];

/** What psql printed for one output: a marker line before it, the next marker after it. */
function splitChunks(out: string): Map<number, string> {
  const chunks = new Map<number, string>();
  for (const part of out.split(new RegExp(`^${MARK}`, "m")).slice(1)) {
    const nl = part.indexOf("\n");
    const id = part.slice(0, nl);
    if (id !== "end") chunks.set(Number(id), part.slice(nl + 1));
  }
  return chunks;
}

/**
 * Runs one psql (Debian's client) for several renderings in turn, each over every stored
 * output, and hands over what it printed per output as each rendering ends (so reading
 * overlaps printing). One process for many renderings: starting a process costs more than
 * printing a rendering here. The password goes through a 0600 passfile, never argv.
 */
export async function renderEach(
  target: PsqlTarget,
  renderings: Rendering[],
  ids: number[],
  passfile: string,
  onRendering: (r: Rendering, chunks: Map<number, string>) => void,
): Promise<void> {
  const script = [
    `PREPARE corpus_line (int) AS SELECT line AS "QUERY PLAN" FROM corpus_render WHERE id = $1 ORDER BY n;`,
    ...renderings.flatMap((r, k) => [
      ...psetLines(r),
      ...ids.flatMap((id) => [`\\echo ${MARK}${id}`, `EXECUTE corpus_line(${id});`]),
      `\\echo ${MARK}end`,
      `\\echo ${END}${k}`,
    ]),
  ].join("\n");
  // the text since the last rendering's end, as pieces (joining on every piece would copy it over and over)
  let pieces: string[] = [];
  let next = 0;
  await runPsql(target, script, passfile, (text) => {
    pieces.push(text);
    for (;;) {
      const end = `\n${END}${next}\n`;
      // the marker may straddle pieces: search the new piece with the end of the one before
      const last = pieces[pieces.length - 1]!;
      let before = "";
      for (let i = pieces.length - 2; i >= 0 && before.length < end.length; i--) before = pieces[i]! + before;
      before = before.slice(-end.length);
      const at = (before + last).indexOf(end);
      if (at < 0) return;
      const all = pieces.join("");
      const cut = all.length - last.length - before.length + at;
      onRendering(renderings[next]!, splitChunks(all.slice(0, cut + 1)));
      pieces = [all.slice(cut + end.length)];
      next++;
    }
  });
  if (next !== renderings.length) throw new Error(`psql printed ${next} of ${renderings.length} renderings`);
}

function runPsql(
  target: PsqlTarget,
  script: string,
  passfile: string,
  onText: (text: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "psql",
      [
        "-X",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        target.host,
        "-p",
        String(target.port),
        "-U",
        target.user,
        "-d",
        target.database,
        "-f",
        "-",
      ],
      {
        env: { ...process.env, PGPASSFILE: passfile, PGPASSWORD: "", PAGER: "", PSQL_PAGER: "" },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let err = "";
    let failed: Error | null = null;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      try {
        if (!failed) onText(d);
      } catch (e) {
        failed = e as Error;
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      failed ? reject(failed) : code === 0 ? resolve() : reject(new Error(`psql exited ${code}: ${err}`)),
    );
    child.stdin.end(script);
  });
}

/** A passfile for psql in a fresh 0600 temp folder; remove() deletes it. */
export async function passfileFor(t: PsqlTarget): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "pgdesk-psql-"));
  await chmod(dir, 0o700);
  const path = join(dir, "pgpass");
  const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/:/g, "\\:");
  await writeFile(path, `${esc(t.host)}:${t.port}:*:${esc(t.user)}:${esc(t.password)}\n`, { mode: 0o600 });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
