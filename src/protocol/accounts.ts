import type { Role, User } from './model.js';

/** Wire shapes of section 6 (accounts, restaurants, sessions, API keys). */

/** POST /api/auth/login and POST /api/auth/refresh. `expiresIn`: seconds the access token lives. */
export interface SessionAnswer {
  token: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

/** A user as GET/POST/PATCH /api/users show it. */
export interface AccountUser extends User {
  disabled: boolean;
}

/**
 * An API key as POST/GET /api/keys show it. `createdBy`: the id of the user who made it (`key:ID` for
 * a key that a key made, which earlier releases allowed); `createdAt` and `expiresAt` ISO-8601,
 * `expiresAt` null when it never expires.
 */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  restaurantId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
}

/** Prefix of every API key token: tells a key from a JWT access token at a glance. */
export const API_KEY_PREFIX = 'rtck_';
