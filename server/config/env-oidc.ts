import { z } from 'zod';
import { envCsv } from '../../shared/schemas/env-csv.ts';
import { RoleSchema, type Role } from '../../shared/schemas/roles.ts';

/** One entry of OIDC_ROLE_MAP: an IdP group (or `*`, everyone else) and the role it gives. */
export interface RoleMapping {
  group: string;
  role: Role;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `OIDC_ISSUER`: https, or http on this machine only (a local IdP, the tests). */
export const envOidcIssuer = z
  .url()
  .optional()
  .superRefine((value, ctx) => {
    if (!value) return;
    const url = new URL(value);
    if (url.protocol === 'https:') return;
    if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return;
    ctx.addIssue({
      code: 'custom',
      message: 'must be an https:// URL (http:// only on localhost or 127.0.0.1)',
    });
  })
  .transform((v) => v?.replace(/\/+$/, ''));

/**
 * `OIDC_ROLE_MAP`: `group:role` pairs, comma-separated (`sb-admins:admin,*:viewer`). A group name may
 * itself hold colons (the role is after the last one).
 */
export const envOidcRoleMap = envCsv.pipe(
  z.array(
    z.string().transform((entry, ctx): RoleMapping => {
      const colon = entry.lastIndexOf(':');
      const group = entry.slice(0, colon).trim();
      const role = RoleSchema.safeParse(entry.slice(colon + 1).trim());
      if (colon <= 0 || !group || !role.success) {
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" is not group:role with a role of viewer, support, manager or admin`,
        });
        return z.NEVER;
      }
      return { group, role: role.data };
    }),
  ),
);

/** `OIDC_SCOPES`: space- or comma-separated. */
export const envOidcScopes = z
  .string()
  .default('openid email profile groups')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .refine((scopes) => scopes.includes('openid'), 'must include openid');

/** `OIDC_ALLOWED_DOMAINS`: email domains, any case, with or without a leading @. */
export const envOidcDomains = envCsv.transform((list) => list.map((d) => d.replace(/^@/, '').toLowerCase()));

export const envOnOff = z.enum(['on', 'off']).default('on');
