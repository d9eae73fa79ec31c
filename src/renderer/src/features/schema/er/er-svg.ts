import type { ErGraph } from "./er-graph";
import { HEADER_HEIGHT, MAX_ROWS, NODE_WIDTH, ROW_HEIGHT, nodeHeight, type Positions } from "./er-layout";

const xml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A standalone SVG of the diagram (boxes, columns, FK lines) for export. Built from
 * the model, not from the DOM, so it needs no foreignObject and rasterizes cleanly.
 */
export function erToSvg(
  graph: ErGraph,
  positions: Positions,
): { svg: string; width: number; height: number } {
  const pad = 20;
  let maxX = 0;
  let maxY = 0;
  let minX = Infinity;
  let minY = Infinity;
  for (const n of graph.nodes) {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    maxY = Math.max(maxY, p.y + nodeHeight(n.columns.length));
  }
  if (!graph.nodes.length) minX = minY = 0;
  const dx = pad - minX;
  const dy = pad - minY;
  const width = Math.ceil(maxX - minX + 2 * pad);
  const height = Math.ceil(maxY - minY + 2 * pad);
  const parts: string[] = [];
  for (const e of graph.edges) {
    const s = positions[e.source];
    const t = positions[e.target];
    if (!s || !t) continue;
    const x1 = s.x + NODE_WIDTH + dx;
    const y1 = s.y + HEADER_HEIGHT / 2 + dy;
    const x2 = t.x + dx;
    const y2 = t.y + HEADER_HEIGHT / 2 + dy;
    const mid = (x1 + x2) / 2;
    parts.push(
      `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#64748b" stroke-width="1.2" marker-end="url(#arrow)"/>`,
    );
  }
  for (const n of graph.nodes) {
    const p = positions[n.id] ?? { x: 0, y: 0 };
    const x = p.x + dx;
    const y = p.y + dy;
    const h = nodeHeight(n.columns.length);
    parts.push(
      `<g><rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${h}" rx="4" fill="#ffffff" stroke="#94a3b8"/>`,
    );
    parts.push(
      `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${HEADER_HEIGHT}" rx="4" fill="#1e40af"/>`,
    );
    parts.push(
      `<text x="${x + 8}" y="${y + 18}" font-size="12" font-weight="bold" fill="#ffffff">${xml(`${n.schema}.${n.name}`)}</text>`,
    );
    const shown = n.columns.slice(0, MAX_ROWS);
    shown.forEach((c, i) => {
      const cy = y + HEADER_HEIGHT + (i + 1) * ROW_HEIGHT - 4;
      const mark = c.pk ? "PK " : c.fk ? "FK " : "";
      parts.push(`<text x="${x + 8}" y="${cy}" font-size="11" fill="#0f172a">${xml(mark + c.name)}</text>`);
      parts.push(
        `<text x="${x + NODE_WIDTH - 8}" y="${cy}" font-size="10" fill="#64748b" text-anchor="end">${xml(c.type.slice(0, 24))}</text>`,
      );
    });
    if (n.columns.length > MAX_ROWS) {
      parts.push(
        `<text x="${x + 8}" y="${y + HEADER_HEIGHT + (MAX_ROWS + 1) * ROW_HEIGHT - 4}" font-size="10" fill="#64748b">${n.columns.length - MAX_ROWS} more…</text>`,
      );
    }
    parts.push("</g>");
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="#f8fafc"/>${parts.join("")}</svg>`;
  return { svg, width, height };
}
