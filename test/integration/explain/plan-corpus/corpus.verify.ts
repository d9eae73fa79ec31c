import pg from "pg";
import { openPlanDocuments, readPlanInput } from "../../../../src/shared/explain/plan.input";
import type { PlanModel } from "../../../../src/shared/explain/plan.model";
import type { CorpusPlan } from "./collect";
import { comparable, firstDifference, truthModels, type Disagreement } from "./compare";
import type { Corpus } from "./corpus.setup";
import { passfileFor, renderEach, renderingName, storeOutputs, type Rendering } from "./psql-render";

const verbose = (p: CorpusPlan) => /verbose|all/.test(p.optionSet);
const planName = (p: CorpusPlan) => `${p.server} ${p.statement} [${p.optionSet}, ${p.format}]`;

/** What every reading of this output must give: the JSON's model (for a JSON output, its own). */
function expectedViews(p: CorpusPlan, direct = readPlanInput(p.output)): string[] {
  const execution = direct.ok ? direct.plans.map((x) => x.model.executionMs) : [];
  return truthModels(p, execution).map((m) => comparable(m, verbose(p)));
}

function check(p: CorpusPlan, input: string, want: string[], read = readPlanInput(input)): string | null {
  const r = read;
  if (!r.ok) return `refused: ${r.refusal.message} (${r.refusal.text ?? ""})`;
  if (r.plans.length !== want.length) return `${r.plans.length} plans read, ${want.length} in JSON`;
  for (let i = 0; i < want.length; i++) {
    const got = comparable(r.plans[i]!.model as PlanModel, verbose(p));
    if (got !== want[i]) return firstDifference(got, want[i]!);
  }
  return null;
}

/** Each output as the server printed it (TEXT, YAML, XML, JSON), read and compared with the JSON. */
export function verifyDirect(corpus: Corpus): { checked: number; disagreements: Disagreement[] } {
  const disagreements: Disagreement[] = [];
  for (const p of corpus.plans) {
    const direct = readPlanInput(p.output);
    const why = check(p, p.output, expectedViews(p, direct), direct);
    if (why) disagreements.push({ plan: planName(p), rendering: "as printed", what: why });
  }
  return { checked: corpus.plans.length, disagreements };
}

export interface RenderingReport {
  plans: number;
  renderings: number;
  checks: number;
  /** Readings done in full: a rendering whose documents (what its envelopes held) were read before is not read again. */
  readings: number;
  disagreements: Disagreement[];
}

/**
 * Every plan through the real psql in every rendering, read back by pgdesk: a few psql
 * processes, each printing every plan (a marker line between them) in one rendering after
 * another.
 */
export async function verifyRenderings(
  corpus: Corpus,
  plans: CorpusPlan[],
  renderings: Rendering[],
  concurrency = 2,
): Promise<RenderingReport> {
  const client = new pg.Client(corpus.target);
  await client.connect();
  try {
    // TEXT is one row per line; JSON, YAML and XML are one value over many lines
    await storeOutputs(
      client,
      new Map(plans.map((p) => [p.id, p.format === "text" ? p.output.split("\n") : [p.output]])),
    );
  } finally {
    await client.end();
  }
  const want = new Map(plans.map((p) => [p.id, expectedViews(p)]));
  const seen = new Map<string, string | null>();
  const report: RenderingReport = {
    plans: plans.length,
    renderings: renderings.length,
    checks: 0,
    readings: 0,
    disagreements: [],
  };
  const pass = await passfileFor(corpus.target);
  try {
    const read = (r: Rendering, chunks: Map<number, string>) => {
      for (const p of plans) {
        report.checks++;
        const why = readChunk(p, chunks.get(p.id));
        if (why) report.disagreements.push({ plan: planName(p), rendering: renderingName(r), what: why });
      }
    };
    const readChunk = (p: CorpusPlan, chunk: string | undefined): string | null => {
      if (chunk === undefined) return "psql printed nothing";
      // the same output twice (a setting that changes nothing for this plan) is read once
      const printed = `${p.id}\u0004${chunk}`;
      let why = seen.get(printed);
      if (why !== undefined) return why;
      // so is the same plan text in another frame (the documents its envelopes held)
      const key = `${p.id}\u0001${openPlanDocuments(chunk)
        .map((d) => `${d.loose ? "L" : "D"}\u0002${d.document.lines.map((l) => l.text).join("\n")}`)
        .join("\u0003")}`;
      why = seen.get(key);
      if (why === undefined) {
        report.readings++;
        why = check(p, chunk, want.get(p.id)!);
        seen.set(key, why);
      }
      seen.set(printed, why);
      return why;
    };
    // a few psql processes, each printing its share of the renderings in turn
    await Promise.all(
      Array.from({ length: concurrency }, (_, k) =>
        renderEach(
          corpus.target,
          renderings.filter((_, i) => i % concurrency === k),
          plans.map((p) => p.id),
          pass.path,
          read,
        ),
      ),
    );
  } finally {
    await pass.remove();
  }
  return report;
}
