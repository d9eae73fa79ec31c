import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPlanInput } from "../../../../src/shared/explain/plan.input";
import type { CorpusPlan } from "./collect";
import { comparable, firstDifference, truthModels, type Disagreement } from "./compare";
import type { Corpus } from "./corpus.setup";
import { verifyDirect, verifyRenderings } from "./corpus.verify";
import { allRenderings } from "./psql-render";
import { chatWrap, cutsAt, terminalWrap } from "./wraps";

/**
 * The plan corpus: on PostgreSQL 15 and 18 (and Debian's 15, the one build here with
 * LLVM, for JIT), a catalogue of statements that between them make every node type the
 * planner has, under seven EXPLAIN option sets. Each output is read by pgdesk and compared
 * with the JSON of the same execution (auto_explain logs it beside EXPLAIN ANALYZE), then
 * printed through the real psql in every \pset combination and read again. One test file
 * per server version (vitest runs them side by side), each through corpusSuite().
 */
/** Every \pset combination of these: format × border × expanded × header/footer (× width when wrapped). */
const REQUIRED = ["aligned", "unaligned", "wrapped"];
/** These print borders as markup (an attribute, a frame), read the same way: border 1 only. */
const MORE = ["csv", "html", "asciidoc", "latex", "latex-longtable", "troff-ms"];
/**
 * Through psql: the TEXT of the two option sets whose lines differ most (COSTS OFF, and
 * ANALYZE with everything on) and the JSON; the other option sets print the same kinds of
 * lines, and are read as printed (first test). PGDESK_CORPUS_ALL=1 renders the TEXT of
 * every option set (2.7 times the readings, ~3 times the time).
 */
const RENDERED_SETS = process.env.PGDESK_CORPUS_ALL === "1" ? null : new Set(["costs-off", "analyze-all"]);

const show = (d: Disagreement[]) =>
  d
    .slice(0, 15)
    .map((x) => `${x.plan} / ${x.rendering}: ${x.what}`)
    .join("\n");

function readWrapped(p: CorpusPlan, name: string, wrapped: string): Disagreement | null {
  const r = readPlanInput(wrapped);
  const want = truthModels(p, r.ok ? r.plans.map((x) => x.model.executionMs) : []);
  const verbose = /verbose|all/.test(p.optionSet);
  let what: string | null = null;
  if (!r.ok) what = `refused: ${r.refusal.message}`;
  else if (r.plans.length !== want.length) what = `${r.plans.length} plans, ${want.length} in JSON`;
  else
    for (let i = 0; i < want.length && !what; i++) {
      const a = comparable(r.plans[i]!.model, verbose);
      const b = comparable(want[i]!, verbose);
      if (a !== b) what = firstDifference(a, b);
    }
  return what ? { plan: `${p.server} ${p.statement} [${p.optionSet}]`, rendering: name, what } : null;
}

/** Builds the corpora of one file; cleanup() drops them and stops what build started. */
export interface CorpusSource {
  build(): Promise<Corpus>[];
  cleanup(): Promise<void>;
}

/**
 * The three readings of every corpus `source` builds: as printed, through psql, wrapped
 * by terminals and chats. `minimum` is the least number of readings each must make (a
 * catalogue that shrank by mistake fails).
 */
export function corpusSuite(
  title: string,
  source: CorpusSource,
  minimum: { direct: number; renderings: number; wraps: number },
): void {
  describe(`plan corpus ${title}: every plan read as its JSON says, however it was printed`, () => {
    const corpora: Corpus[] = [];

    beforeAll(async () => {
      const started = performance.now();
      const built = await Promise.allSettled(
        source.build().map(async (c) => {
          const corpus = await c;
          const s = ((performance.now() - started) / 1000).toFixed(1);
          console.log(`plan corpus ${corpus.server}: built in ${s} s`);
          return corpus;
        }),
      );
      for (const b of built) if (b.status === "fulfilled") corpora.push(b.value);
      const failed = built.find((b) => b.status === "rejected");
      if (failed) throw failed.reason;
    }, 600_000);
    afterAll(async () => {
      await Promise.allSettled(corpora.map((c) => c.drop()));
      await source.cleanup();
    });
    directTest(corpora, minimum.direct);
    renderingTest(corpora, minimum.renderings);
    wrapTest(corpora, minimum.wraps);
  });
}

function directTest(corpora: Corpus[], minimum: number): void {
  it("reads every TEXT, YAML and XML output as its JSON", { timeout: 300_000 }, () => {
    const disagreements: Disagreement[] = [];
    let checked = 0;
    for (const c of corpora) {
      const r = verifyDirect(c);
      checked += r.checked;
      disagreements.push(...r.disagreements);
      const count = (f: string) => c.plans.filter((p) => p.format === f).length;
      console.log(
        `plan corpus ${c.server}: ${new Set(c.plans.map((p) => p.statement)).size} statements, ` +
          `${count("text")} TEXT + ${count("yaml")} YAML + ${count("xml")} XML + ${count("json")} JSON outputs, ` +
          `${r.disagreements.length} disagreements`,
      );
    }
    expect(checked).toBeGreaterThan(minimum);
    expect(disagreements, show(disagreements)).toEqual([]);
  });
}

function renderingTest(corpora: Corpus[], minimum: number): void {
  it(
    "reads every plan through psql in every format, border, expanded, header/footer and width",
    { timeout: 900_000 },
    async () => {
      const renderings = [
        ...allRenderings(REQUIRED),
        ...allRenderings(MORE).filter((r) => r.border === 1 && (r.tuplesOnly || r.footer)),
      ];
      const reports = await Promise.all(
        corpora.map((c) =>
          verifyRenderings(
            c,
            c.plans.filter(
              (p) =>
                p.format === "json" ||
                (p.format === "text" && (RENDERED_SETS === null || RENDERED_SETS.has(p.optionSet))),
            ),
            renderings,
            4,
          ),
        ),
      );
      reports.forEach((r, i) =>
        console.log(
          `plan corpus ${corpora[i]!.server} through psql: ${r.plans} plans × ${r.renderings} renderings = ` +
            `${r.checks} readings (${r.readings} distinct documents read), ${r.disagreements.length} disagreements`,
        ),
      );
      const disagreements = reports.flatMap((r) => r.disagreements);
      expect(reports.reduce((s, r) => s + r.checks, 0)).toBeGreaterThan(minimum);
      expect(disagreements, show(disagreements)).toEqual([]);
    },
  );
}

function wrapTest(corpora: Corpus[], minimum: number): void {
  it("re-joins plans a terminal or a chat wrapped", { timeout: 300_000 }, () => {
    const disagreements: Disagreement[] = [];
    let checks = 0;
    for (const c of corpora)
      for (const p of c.plans.filter((x) => x.format === "text")) {
        const variants: Array<[string, string]> = [
          ["chat at 72", chatWrap(p.output, 72)],
          ["chat at 60", chatWrap(p.output, 60)],
        ];
        // a terminal's width shows once three lines were cut at it; fewer cuts read as a chat's
        for (const w of [80, 50])
          if (cutsAt(p.output, w) >= 3) variants.push([`terminal at ${w}`, terminalWrap(p.output, w)]);
        for (const [name, wrapped] of variants) {
          checks++;
          const d = readWrapped(p, name, wrapped);
          if (d) disagreements.push(d);
        }
      }
    console.log(
      `plan corpus wrapped by terminals and chats: ${checks} readings, ${disagreements.length} disagreements`,
    );
    expect(checks).toBeGreaterThan(minimum);
    expect(disagreements, show(disagreements)).toEqual([]);
  });
}
