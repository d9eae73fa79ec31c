// Channels of the explain area. Filled in by its issue; wired into the contract index already.
export const explainChannels = {} as const;

export const explainEvents = {} as const;
