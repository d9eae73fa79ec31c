import type { BlockingNode } from "../../../shared/contract/activity";

/**
 * Who blocks whom, in display order: each root (a blocker not blocked itself) followed
 * by the sessions it blocks, depth-first. A cycle (a deadlock not yet detected) starts
 * from its lowest pid so it still shows.
 */
export function blockingTree(sessions: Array<{ pid: number; blockedBy: number[] }>): BlockingNode[] {
  const blockedBy = new Map(sessions.map((s) => [s.pid, s.blockedBy]));
  const children = new Map<number, number[]>();
  for (const s of sessions) {
    for (const b of s.blockedBy) children.set(b, [...(children.get(b) ?? []), s.pid]);
  }
  const out: BlockingNode[] = [];
  const seen = new Set<number>();
  const visit = (pid: number, depth: number, parentPid: number | null) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    out.push({ pid, depth, parentPid });
    for (const c of (children.get(pid) ?? []).sort((a, b) => a - b)) visit(c, depth + 1, pid);
  };
  const blockers = [...children.keys()].sort((a, b) => a - b);
  for (const pid of blockers) if ((blockedBy.get(pid) ?? []).length === 0) visit(pid, 0, null);
  for (const pid of blockers) visit(pid, 0, null);
  return out;
}
