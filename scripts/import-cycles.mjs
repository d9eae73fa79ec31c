// Import-cycle check for the lint step: `node scripts/import-cycles.mjs [dir...]` (default: src and
// prisma, the code the app runs).
// Fails on any cycle, type-only imports included: import-x/no-cycle skips `import type`, yet a
// type cycle still ties two modules together (one cannot move or be read without the other).
// Module specifiers come from TypeScript's own scanner (static, type-only, export-from,
// import(), require(), `typeof import("…")`) and are resolved as tsc resolves them.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = /\.(ts|tsx|mts|cts)$/;
/** Generated code (Prisma client) is not ours to untangle. */
const SKIP_DIRS = new Set(["node_modules", "generated"]);

function listSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : listSources(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** The renderer resolves with its own tsconfig, everything else with main's (paths included). */
function compilerOptionsFor() {
  const host = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  };
  const web = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.web.json"), {}, host).options;
  const node = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.node.json"), {}, host).options;
  return (file) => (file.includes(join("src", "renderer")) ? web : node);
}

/** file -> the files it imports, inside the scanned set only. */
export function importGraph(files) {
  const inSet = new Set(files);
  const optionsFor = compilerOptionsFor();
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, optionsFor(file), ts.sys).resolvedModule;
      const target = resolved && resolve(resolved.resolvedFileName);
      if (target && inSet.has(target)) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function tangledGroups(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v).has(v)) groups.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

/** One concrete loop through a tangled group, shortest first (BFS back to the start). */
function loopThrough(graph, group) {
  const members = new Set(group);
  const start = [...group].sort()[0];
  const from = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** Every import cycle under the given folders, each as a loop of repo-relative paths. */
export function findImportCycles(dirs) {
  const files = dirs.flatMap((dir) => listSources(resolve(root, dir))).map((f) => resolve(f));
  const graph = importGraph(files);
  const cycles = tangledGroups(graph).map((group) => loopThrough(graph, group).map((f) => relative(root, f)));
  return { files: files.length, cycles };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  const { files, cycles } = findImportCycles(dirs.length ? dirs : ["src", "prisma"]);
  for (const loop of cycles) console.error(`import cycle: ${loop.join(" -> ")}`);
  if (cycles.length) {
    console.error(`${cycles.length} import cycle(s); move the shared type or function to the module below`);
    process.exit(1);
  }
  console.log(`no import cycles in ${files} files`);
}
