import { z } from 'zod';
import { ROLES } from './model.js';
import { idSchema, printableText } from './schemas.js';

/** Request bodies of the accounts, restaurants, sessions and API keys API (contract, section 6). */

/** Restaurant and key names: printable text (the same refusal as every order text field, `printableText`). */
const printable = (max: number) => printableText(1, max, 'name');

export const usernameSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9._-]{1,64}$/, 'must be 1-64 of a-z, 0-9, ".", "_" and "-"');

export const PASSWORD_MIN = 8;
export const passwordSchema = z
  .string({ error: 'must be a string' })
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(1000, 'must be at most 1000 characters');

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const restaurantNameSchema = printable(100);

export const createRestaurantBody = z.object({ id: idSchema.optional(), name: restaurantNameSchema });
export const renameRestaurantBody = z.object({ name: restaurantNameSchema });

export const createUserBody = z.object({
  username: usernameSchema,
  role: roleSchema,
  restaurantId: idSchema.nullable().optional(),
  password: passwordSchema.optional(),
});

export const updateUserBody = z
  .object({
    role: roleSchema.optional(),
    restaurantId: idSchema.nullable().optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'give at least one of role, restaurantId, password, disabled');

export const listUsersQuery = z.object({ restaurantId: idSchema.optional() });

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) });

export const changePasswordBody = z.object({ current: z.string().min(1).max(1000), new: passwordSchema });

/** The longest an API key may live: ten years, in seconds. */
export const KEY_MAX_SECONDS = 10 * 365 * 86400;

export const createKeyBody = z.object({
  name: printable(64),
  role: roleSchema,
  restaurantId: idSchema.nullable().optional(),
  /** Seconds from now; none: the key lives until revoked. */
  expiresIn: z.number({ error: 'must be a number of seconds' }).int('must be whole seconds').min(1).max(KEY_MAX_SECONDS).optional(),
});

export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type CreateKeyBody = z.infer<typeof createKeyBody>;
