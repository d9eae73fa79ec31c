// Plans: read a pasted ~2,000-node EXPLAIN ANALYZE plan as psql's bordered, wrapped TEXT
// against its JSON (and at a quarter and four times the size), then build the model and
// render the viewer in Chromium against the raw JSON in a <pre>.
// `npm run bench -- plan [--scale=NODES]`
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildPlanModel } from "../../src/shared/explain/plan.builder";
import { launchChromium } from "../e2e/support/browser";
import { benchParse, unionQuery } from "./plan-parse";
import { benchDatabase, benchServer, median, report, scaleArg } from "./support";

const targetNodes = scaleArg(2000);
const runs = 7;

const server = await benchServer();
try {
  const pool = await benchDatabase(server, "bench_plan");
  await pool.query(`CREATE TABLE items (id int PRIMARY KEY, grp int, label text);
    INSERT INTO items SELECT g, g % 50, 'item <b>' || g || '</b>' FROM generate_series(1, 2000) g; ANALYZE items;`);
  await benchParse(server, pool, "bench_plan", [targetNodes / 4, targetNodes, targetNodes * 4], targetNodes);
  const query = unionQuery(targetNodes);
  const explained = await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query}`);
  const raw = explained.rows[0]["QUERY PLAN"];
  await pool.end();
  const nodes = buildPlanModel(raw).nodes.length;

  const bundle = await build({
    entryPoints: ["src/renderer/src/features/explain/bench/plan-bench.entry.tsx"],
    bundle: true,
    write: false,
    format: "iife",
    jsx: "automatic",
    minify: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "error",
  });
  const css = builtCss();

  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.setContent(
      `<!doctype html><html><head><style>${css}</style></head><body><div id="root"></div></body></html>`,
    );
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate((r) => {
      (globalThis as unknown as { __planRaw: unknown }).__planRaw = r;
    }, raw);
    const render = (mode: "app" | "baseline") =>
      page.evaluate(
        (m) =>
          (
            globalThis as unknown as { __renderPlan(m: string): Promise<{ ms: number; nodes: number }> }
          ).__renderPlan(m),
        mode,
      );
    await render("app");
    await render("baseline");
    const app: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < runs; i++) {
      const a = await render("app");
      if (a.nodes !== nodes) throw new Error(`viewer built ${a.nodes} nodes, expected ${nodes}`);
      app.push(a.ms);
      baseline.push((await render("baseline")).ms);
    }
    console.log(
      `plan: ${nodes} nodes, ${(JSON.stringify(raw).length / 1024).toFixed(0)} kB of JSON; styles ${css ? "from out/renderer" : "absent (run electron-vite build)"}`,
    );
    report(`plan/render-${nodes}`, median(app), median(baseline), "ms", "<= 2.0", runs);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop();
}

/** The app's built stylesheet, so the viewer is laid out as in the app (optional). */
function builtCss(): string {
  const dir = join("out", "renderer", "assets");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".css"))
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}
