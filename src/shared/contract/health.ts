// Channels of the health area. Filled in by its issue; wired into the contract index already.
export const healthChannels = {} as const;

export const healthEvents = {} as const;
