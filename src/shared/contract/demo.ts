// Channels of the demo area. Filled in by its issue; wired into the contract index already.
export const demoChannels = {} as const;

export const demoEvents = {} as const;
