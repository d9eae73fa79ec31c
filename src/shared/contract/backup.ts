// Channels of the backup area. Filled in by its issue; wired into the contract index already.
export const backupChannels = {} as const;

export const backupEvents = {} as const;
