import type { Role, User } from '../protocol/model.js';

/**
 * Answers of the section-6 API as the client reads them (contract, sections 3 and 6).
 * The server's own types land in src/protocol with its branch; these mirror them until then.
 */

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

/** An API key as POST/GET /api/keys show it; `expiresAt` ISO-8601, null when it never expires. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  restaurantId: string | null;
  expiresAt: string | null;
}

export interface Restaurant {
  id: string;
  name: string;
}
