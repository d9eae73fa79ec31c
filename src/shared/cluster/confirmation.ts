/**
 * Whether a switchover must be confirmed by typing the cluster's name: when its
 * environment is production, or one of its tags says so (prod, production, prd; any case).
 */
export function needsTypedConfirmation(cluster: { environment?: string; tags: readonly string[] }): boolean {
  if (cluster.environment === "production") return true;
  return cluster.tags.some((t) => /^(prod|production|prd)$/i.test(t.trim()));
}

/** The text to type: the cluster's name, exactly. */
export function confirmationText(cluster: { name: string }): string {
  return cluster.name;
}
