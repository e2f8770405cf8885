import { z } from 'zod';

/** Where a user's role comes from: an admin (`local`, `pinned` over the claim) or the IdP's claim (`sso`). */
export const RoleSourceSchema = z.enum(['local', 'sso', 'pinned']);
export type RoleSource = z.infer<typeof RoleSourceSchema>;

/** `email`: email + password, kept here; `sso`: at the company's IdP, no password here. */
export const SignInMethodSchema = z.enum(['email', 'sso']);
export type SignInMethod = z.infer<typeof SignInMethodSchema>;

/** `GET /api/auth/methods`: what the sign-in page offers. */
export const SignInMethodsSchema = z.object({
  /** Email + password for everyone (PASSWORD_SIGN_IN=on). */
  password: z.boolean(),
  /** Email + password for the break-glass admin only, while `password` is off. */
  breakGlass: z.boolean(),
  /** Single sign-on with the company's OpenID provider is configured. */
  sso: z.boolean(),
});
export type SignInMethods = z.infer<typeof SignInMethodsSchema>;

/** `GET /api/auth/sso/status`: what keeps single sign-on from starting, if anything. */
export const SsoStatusSchema = z.object({ problem: z.string().nullable() });

/** `POST /api/auth/sso`: where the browser goes to sign in at the IdP. */
export const SsoStartRequestSchema = z.object({ redirect: z.string().max(2000).optional() });
export const SsoStartSchema = z.object({ url: z.string() });

/** `GET /api/settings/sso` (admins): what to register at the IdP and how roles are mapped. */
export const SsoSettingsSchema = z.object({
  configured: z.boolean(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  scopes: z.array(z.string()),
  roleClaim: z.string().nullable(),
  roleMap: z.array(z.object({ group: z.string(), role: z.string() })),
  allowedDomains: z.array(z.string()),
  passwordSignIn: z.boolean(),
  problem: z.string().nullable(),
});
export type SsoSettings = z.infer<typeof SsoSettingsSchema>;
