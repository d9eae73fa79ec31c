// Channels of the schema area. Filled in by its issue; wired into the contract index already.
export const schemaChannels = {} as const;

export const schemaEvents = {} as const;
