import { STATUSES, type Status } from '../protocol/status.js';

const normalise = (text: string): string => text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** Reads a status as a person types it: any case, kebab or snake form ("out-for-delivery"). */
export function parseStatusInput(text: string): Status | undefined {
  const wanted = normalise(text);
  return STATUSES.find((status) => normalise(status) === wanted);
}
