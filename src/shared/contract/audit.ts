// Channels of the audit area. Filled in by its issue; wired into the contract index already.
export const auditChannels = {} as const;

export const auditEvents = {} as const;
