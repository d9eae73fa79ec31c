import { AppError } from "../../../shared/contract";
import type { SwitchoverResult } from "../../../shared/contract/cluster";
import { confirmationText, needsTypedConfirmation } from "../../../shared/cluster/confirmation";
import { getCluster, postSwitchover } from "../../db/patroni.client";
import type { ClusterStore } from "./cluster.store";
import { firstAnswer } from "./cluster.status";

/** Patroni itself waits up to ~max(10 s, loop_wait) × 2 for the new leader before it answers. */
const SWITCHOVER_TIMEOUT_MS = 90_000;

/**
 * Switches the leader over to `candidate` through the leader's REST API (POST
 * /switchover with the leader's name, as patronictl does), then reads /cluster to report
 * who leads now. Refused before anything is sent: an unknown or leading candidate, or a
 * production cluster without its name typed as confirmation.
 */
export async function switchover(
  input: { clusterId: string; candidate: string; confirm?: string | undefined },
  deps: { clusters: ClusterStore; timeoutMs?: number },
): Promise<SwitchoverResult> {
  const record = await deps.clusters.get(input.clusterId);
  if (needsTypedConfirmation(record) && input.confirm !== confirmationText(record))
    throw new AppError(
      "VALIDATION",
      `confirm: "${record.name}" is a production cluster; type its name to switch its leader over`,
      { field: "confirm" },
    );
  const auth = await deps.clusters.apiAuth(record);
  const { json, source } = await firstAnswer(record, auth, deps.timeoutMs ?? 3_000);
  const leader = json.members.find(
    (m) => m.role === "leader" || m.role === "standby_leader" || m.role === "master",
  );
  if (!leader)
    throw new AppError("CONFLICT", `"${record.name}" has no leader right now; a switchover needs one`);
  const candidate = json.members.find((m) => m.name === input.candidate);
  if (!candidate)
    throw new AppError("VALIDATION", `candidate: "${input.candidate}" is not a member of "${record.name}"`, {
      field: "candidate",
    });
  if (candidate.name === leader.name)
    throw new AppError("VALIDATION", `candidate: "${candidate.name}" already leads "${record.name}"`, {
      field: "candidate",
    });
  const started = performance.now();
  const target = leader.api_url ?? source;
  const answer = await postSwitchover(
    { url: target, auth, timeoutMs: SWITCHOVER_TIMEOUT_MS },
    { leader: leader.name, candidate: candidate.name },
  );
  const after = await getCluster({ url: target, auth, timeoutMs: 5_000 }).catch(() =>
    getCluster({ url: candidate.api_url ?? source, auth, timeoutMs: 5_000 }).catch(() => undefined),
  );
  const newLeader = after?.members.find((m) => m.role === "leader" || m.role === "standby_leader")?.name;
  return {
    ok: answer.status === 200 && newLeader === candidate.name,
    message: answer.message,
    httpStatus: answer.status,
    previousLeader: leader.name,
    ...(newLeader ? { newLeader } : {}),
    tookMs: Math.round(performance.now() - started),
  };
}
