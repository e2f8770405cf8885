import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';
import { RoleSchema } from './roles.ts';
import { RoleSourceSchema, SignInMethodSchema } from './sign-in-methods.ts';

export const PASSWORD_MIN = 10;
/** In characters (Unicode code points), as zod counts a string's length. */
export const PASSWORD_MAX = 128;
/** A lone surrogate: half of a character, which no keyboard types and no text encoding can carry. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Every password the console can hold; at sign-in anything else is refused before any is checked. */
const anyPassword = z
  .string('Password is required')
  .min(1, 'Password is required')
  .max(PASSWORD_MAX, `Password has at most ${PASSWORD_MAX} characters`)
  .refine((s) => !LONE_SURROGATE.test(s), 'Password holds a broken character');
const password = anyPassword.min(PASSWORD_MIN, `Password has at least ${PASSWORD_MIN} characters`);
const email = z
  .email('Enter a valid email address')
  .max(254)
  .transform((s) => s.toLowerCase());
const name = z
  .string('Name is required')
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name has at most 100 characters');

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** `sso` users have no password: they sign in at the company's IdP. */
  signInMethod: SignInMethodSchema,
  roleSource: RoleSourceSchema,
});
export type User = z.infer<typeof UserSchema>;

/** `GET /api/users`. */
export const UserListSchema = z.object({ items: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

export const MeSchema = z.object({ user: UserSchema, permissions: z.array(z.enum(PERMISSIONS)) });
export type Me = z.infer<typeof MeSchema>;

/** `:id` of `/api/users/:id`. */
export const UserIdParamSchema = z.object({ id: z.string().min(1).max(100) });

export const CreateUserRequestSchema = z.object({ email, name, password, role: RoleSchema });
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .object({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
    /** SSO users: false takes the role from the IdP's claim again (a role change pins it). */
    rolePinned: z.literal(false).optional(),
  })
  .refine(
    (v) =>
      v.role !== undefined ||
      v.disabled !== undefined ||
      v.password !== undefined ||
      v.rolePinned !== undefined,
    { message: 'Change at least one of role, disabled, password, rolePinned' },
  );
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

export const SetupRequestSchema = z.object({ email, name, password });
export type SetupRequest = z.input<typeof SetupRequestSchema>;

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SignInRequestSchema = z.object({ email, password: anyPassword });
export type SignInRequest = z.input<typeof SignInRequestSchema>;
