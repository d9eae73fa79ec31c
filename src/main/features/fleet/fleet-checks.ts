import type { FleetFailingCheck } from "../../../shared/contract/fleet";
import type { HealthThresholds } from "../../../shared/contract/health";

/** PgHero's limit: 2^31 minus a safety margin, where the server stops assigning XIDs (as the dashboard). */
const XID_LIMIT = 2_146_483_648;

export interface ProbeFacts {
  connections?: { used: number; max: number };
  longestTransactionSeconds?: number | null;
  xidAge?: number;
  lagSeconds?: number | null;
  lagBytes?: number | null;
  inRecovery?: boolean;
  inactiveSlots?: number;
  /** ISO time of the newest known backup; null = none known; undefined = not looked up. */
  lastBackupAt?: string | null;
  clientsWaiting?: number;
}

/**
 * The checks a fleet probe can judge from its one query, with the profile's own
 * dashboard thresholds (same ids as the dashboard where the meaning is the same). Only
 * failing ones are returned; a fact that was not read fails nothing.
 */
export function failingChecks(
  facts: ProbeFacts,
  t: HealthThresholds,
  options: { backupMaxAgeHours: number; now: Date },
): FleetFailingCheck[] {
  const out: FleetFailingCheck[] = [];
  const c = facts.connections;
  if (c && c.max > 0) {
    const pct = (c.used / c.max) * 100;
    if (pct >= t.connectionsWarnPct)
      out.push({
        id: "connections",
        severity: pct >= t.connectionsFailPct ? "critical" : "warn",
        message: `${c.used} of ${c.max} connections used (${Math.round(pct)} %)`,
      });
  }
  const xact = facts.longestTransactionSeconds;
  if (xact != null && t.longRunningSec > 0 && xact >= t.longRunningSec)
    out.push({
      id: "longTransaction",
      severity: xact >= t.longRunningSec * 60 ? "critical" : "warn",
      message: `a transaction has been open for ${duration(xact)}`,
    });
  if (facts.xidAge !== undefined) {
    const remaining = XID_LIMIT - facts.xidAge;
    if (remaining <= t.xidFailRemaining || facts.xidAge >= t.xidWarnAge)
      out.push({
        id: "xidWraparound",
        severity: remaining <= t.xidFailRemaining ? "critical" : "warn",
        message: `oldest database XID age ${facts.xidAge} (${remaining} left before wraparound protection)`,
      });
  }
  const lag = facts.lagSeconds;
  if (lag != null && lag >= t.replicationLagWarnSec)
    out.push({
      id: "replication",
      severity: lag >= t.replicationLagFailSec ? "critical" : "warn",
      message: `${facts.inRecovery ? "replay" : "a standby's replay"} is ${duration(lag)} behind`,
    });
  else if (facts.lagBytes != null && facts.lagBytes >= t.replicationLagWarnBytes)
    out.push({
      id: "replication",
      severity: "warn",
      message: `${facts.inRecovery ? "replay" : "a standby"} is ${facts.lagBytes} bytes behind`,
    });
  if (facts.inactiveSlots)
    out.push({
      id: "replicationSlots",
      severity: "warn",
      message: `${facts.inactiveSlots} inactive replication slot${facts.inactiveSlots > 1 ? "s" : ""} retain WAL`,
    });
  const backup = backupCheck(facts.lastBackupAt, options);
  if (backup) out.push(backup);
  if (facts.clientsWaiting)
    out.push({
      id: "poolSaturation",
      severity: "warn",
      message: `${facts.clientsWaiting} client${facts.clientsWaiting > 1 ? "s" : ""} waiting for a server connection`,
    });
  return out;
}

function backupCheck(
  lastBackupAt: string | null | undefined,
  { backupMaxAgeHours, now }: { backupMaxAgeHours: number; now: Date },
): FleetFailingCheck | undefined {
  if (!lastBackupAt) return undefined; // none known is shown as such, not judged: pgdesk may not be the backup tool
  const ageHours = (now.getTime() - Date.parse(lastBackupAt)) / 3_600_000;
  if (ageHours <= backupMaxAgeHours) return undefined;
  return {
    id: "backupAge",
    severity: ageHours > backupMaxAgeHours * 3 ? "critical" : "warn",
    message: `the newest backup pgdesk knows of is ${duration(ageHours * 3600)} old (expected within ${backupMaxAgeHours} h)`,
  };
}

/** 42 s, 7 min, 3.5 h, 2.1 d. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Number((seconds / 3600).toFixed(1))} h`;
  return `${Number((seconds / 86_400).toFixed(1))} d`;
}
