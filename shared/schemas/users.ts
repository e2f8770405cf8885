import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';
import { RoleSchema } from './roles.ts';

export const PASSWORD_MIN = 10;
const password = z
  .string('Password is required')
  .min(PASSWORD_MIN, `Password has at least ${PASSWORD_MIN} characters`)
  .max(128, 'Password has at most 128 characters');
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
});
export type User = z.infer<typeof UserSchema>;

export const MeSchema = z.object({ user: UserSchema, permissions: z.array(z.enum(PERMISSIONS)) });
export type Me = z.infer<typeof MeSchema>;

export const CreateUserRequestSchema = z.object({ email, name, password, role: RoleSchema });
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean().optional(), password: password.optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.password !== undefined, {
    message: 'Change at least one of role, disabled, password',
  });
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

export const SetupRequestSchema = z.object({ email, name, password });
export type SetupRequest = z.input<typeof SetupRequestSchema>;

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });

export const SignInRequestSchema = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Password is required'),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;
