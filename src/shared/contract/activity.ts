// Channels of the activity area. Filled in by its issue; wired into the contract index already.
export const activityChannels = {} as const;

export const activityEvents = {} as const;
