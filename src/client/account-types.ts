/** The section-6 shapes the client reads: the protocol's, plus the restaurant object of section 1. */
export type { AccountUser, ApiKeyInfo, SessionAnswer } from '../protocol/accounts.js';

/** Restaurant object (contract section 1). */
export interface Restaurant {
  id: string;
  name: string;
}
