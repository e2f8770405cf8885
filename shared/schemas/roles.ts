import { z } from 'zod';

/** Ordered from least to most powerful; each role can do everything the one before it can. */
export const ROLES = ['viewer', 'support', 'manager', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
