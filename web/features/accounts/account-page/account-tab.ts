export const ACCOUNT_TABS = ['timeline', 'logs', 'raw'] as const;
export type AccountTab = (typeof ACCOUNT_TABS)[number];
