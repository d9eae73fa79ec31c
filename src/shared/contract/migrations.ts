// Channels of the migrations area. Filled in by its issue; wired into the contract index already.
export const migrationsChannels = {} as const;

export const migrationsEvents = {} as const;
