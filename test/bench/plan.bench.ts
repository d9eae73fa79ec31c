// Plan viewer: build the model and render the viewer for a ~2,000-node EXPLAIN ANALYZE plan
// in Chromium, against the raw JSON in a <pre>. `npm run bench -- plan [--scale=NODES]`
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildPlanModel } from "../../src/shared/explain/plan.builder";
import { launchChromium } from "../e2e/support/browser";
import { benchDatabase, benchServer, median, report, scaleArg } from "./support";

const targetNodes = scaleArg(2000);
const branches = Math.max(1, Math.ceil((targetNodes - 1) / 4));
const runs = 7;

const server = await benchServer();
try {
  const pool = await benchDatabase(server, "bench_plan");
  await pool.query(`CREATE TABLE items (id int PRIMARY KEY, grp int, label text);
    INSERT INTO items SELECT g, g % 50, 'item <b>' || g || '</b>' FROM generate_series(1, 2000) g; ANALYZE items;`);
  // each UNION ALL branch is Hash Join -> (Seq Scan, Hash -> Seq Scan): 4 nodes under one Append
  const branch = (i: number) =>
    `SELECT a.id, b.label FROM items a JOIN items b ON b.id = a.id + ${i} WHERE a.grp = ${i % 50}`;
  const query = Array.from({ length: branches }, (_, i) => branch(i)).join("\nUNION ALL\n");
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
