// Channels of the query area. Filled in by its issue; wired into the contract index already.
export const queryChannels = {} as const;

export const queryEvents = {} as const;
