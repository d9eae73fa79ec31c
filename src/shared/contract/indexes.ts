// Channels of the indexes area. Filled in by its issue; wired into the contract index already.
export const indexesChannels = {} as const;

export const indexesEvents = {} as const;
