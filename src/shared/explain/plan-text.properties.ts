import type { RawNode } from "./plan.builder";

/** A "Key: value" line under a node, in the JSON format's names. */
export function propertyLine(content: string, node: RawNode): void {
  const colon = content.indexOf(": ");
  if (colon < 0) return;
  const key = content.slice(0, colon);
  const value = content.slice(colon + 2).trim();
  switch (key) {
    case "Sort Method": {
      const m = /^(.*?)\s+(Memory|Disk): (\d+)kB/.exec(value);
      node["Sort Method"] = m ? m[1] : value;
      if (m) {
        node["Sort Space Type"] = m[2];
        node["Sort Space Used"] = Number(m[3]);
      }
      return;
    }
    case "Buckets":
    case "Batches":
      return hashLine(content, node);
    case "Heap Blocks":
      for (const m of value.matchAll(/(exact|lossy)=(\d+)/g))
        node[m[1] === "exact" ? "Exact Heap Blocks" : "Lossy Heap Blocks"] = Number(m[2]);
      return;
    case "Buffers":
      return buffersLine(value, node);
    case "I/O Timings":
      for (const m of value.matchAll(/(?:(shared|local|temp) )?(read|write)=([\d.]+)/g)) {
        const scope = m[1] ? `${m[1][0]!.toUpperCase()}${m[1].slice(1)} ` : "";
        node[`${scope}I/O ${m[2] === "read" ? "Read" : "Write"} Time`] = Number(m[3]);
      }
      return;
    case "Sort Key":
    case "Group Key":
    case "Output":
    case "Presorted Key":
      node[key] = value.split(/, (?![^(]*\))/);
      return;
    default: {
      const n = Number(value);
      node[key] = value !== "" && Number.isFinite(n) ? n : value;
    }
  }
}

/** "Buckets: 1024 (originally 1024)  Batches: 4 (originally 1)  Memory Usage: 9kB" and HashAgg's "Batches: 5  Memory Usage: 4145kB  Disk Usage: 2000kB". */
function hashLine(content: string, node: RawNode): void {
  const isHash = node["Node Type"] === "Hash";
  for (const m of content.matchAll(
    /(Buckets|Batches|Memory Usage|Disk Usage): (\d+)(?:kB)?(?: \(originally (\d+)\))?/g,
  )) {
    const [, key, value, original] = m;
    if (key === "Buckets") node["Hash Buckets"] = Number(value);
    if (key === "Batches") {
      node[isHash ? "Hash Batches" : "HashAgg Batches"] = Number(value);
      if (original) node["Original Hash Batches"] = Number(original);
    }
    if (key === "Memory Usage") node["Peak Memory Usage"] = Number(value);
    if (key === "Disk Usage") node["Disk Usage"] = Number(value);
  }
}

function buffersLine(value: string, node: RawNode): void {
  for (const part of value.split(/,\s*/)) {
    const scope = /^(shared|local|temp)\s/.exec(part)?.[1];
    if (!scope) continue;
    const cap = `${scope[0]!.toUpperCase()}${scope.slice(1)}`;
    for (const m of part.matchAll(/(hit|read|dirtied|written)=(\d+)/g)) {
      const what = { hit: "Hit", read: "Read", dirtied: "Dirtied", written: "Written" }[m[1] as "hit"];
      node[`${cap} ${what} Blocks`] = Number(m[2]);
    }
  }
}
