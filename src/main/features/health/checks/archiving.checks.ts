import { readArchiving } from "../../pitr/archiving.reader";
import type { CheckDefinition } from "../check.types";
import { details, seconds } from "../check.types";

/**
 * WAL archiving: red when the last failure is newer than the last success, or when
 * segments wait while nothing gets archived (an unreachable repository blocks a push for
 * minutes without counting a failure). Says when the role cannot see the backlog.
 */
export const archivingCheck: CheckDefinition = {
  id: "archiving",
  title: "WAL archiving",
  async run({ query, thresholds: t }) {
    const stall = { stallWarnSec: t.archiveStallWarnSec, stallFailSec: t.archiveStallFailSec };
    const { status: s } = await readArchiving(query, stall);
    const status = s.severity;
    const value =
      s.state === "off"
        ? "archive_mode off"
        : `${s.state}${s.lastArchivedAgeSec !== null ? `, last archived ${seconds(s.lastArchivedAgeSec)} ago` : ""}` +
          (s.ready ? `, ${s.ready.count} waiting` : ", backlog unknown");
    return {
      status,
      value,
      threshold: `fail when the last failure is newer than the last success; segments waiting with nothing archived: warn ${seconds(t.archiveStallWarnSec)}, fail ${seconds(t.archiveStallFailSec)}`,
      message:
        s.summary +
        (s.lastErrorUnavailable ? ` ${s.lastErrorUnavailable}` : "") +
        (s.readyUnavailable && !s.summary.includes("pg_monitor") ? ` ${s.readyUnavailable}` : ""),
      action: s.action,
      details: details(
        [
          "archive_mode",
          "last archived WAL",
          "last archived",
          "failures",
          "last failed WAL",
          "last failed",
          "waiting",
        ],
        [
          [
            s.mode,
            s.lastArchivedWal,
            s.lastArchivedAt,
            s.failedCount,
            s.lastFailedWal,
            s.lastFailedAt,
            s.ready ? s.ready.count : null,
          ],
        ],
      ),
      metrics: {
        failedCount: s.failedCount,
        archivedCount: s.archivedCount,
        ...(s.lastArchivedAgeSec !== null ? { lastArchivedAgeSec: s.lastArchivedAgeSec } : {}),
        ...(s.ready ? { ready: s.ready.count } : {}),
      },
    };
  },
};
