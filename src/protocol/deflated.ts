import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A payload sent compressed at the application level: the JSON of the real payload, raw-deflated.
 * Only clients that ask for it at the handshake (auth.features.deflate) ever get one, and only
 * for large frames (snapshots, replay batches) where it saves at least a fifth.
 */
export interface Deflated {
  deflated: Uint8Array;
}

export const DEFLATE_THRESHOLD_BYTES = 8 * 1024;
const MIN_SAVING = 0.2;

export function maybeDeflate<T>(payload: T, threshold = DEFLATE_THRESHOLD_BYTES): T | Deflated {
  const json = JSON.stringify(payload);
  if (json.length < threshold) return payload;
  const compressed = deflateRawSync(json, { level: 6 });
  return compressed.length <= json.length * (1 - MIN_SAVING) ? { deflated: compressed } : payload;
}

export function isDeflated(value: unknown): value is Deflated {
  return typeof value === 'object' && value !== null && 'deflated' in value && Object.keys(value).length === 1;
}

export function inflatePayload<T>(value: T | Deflated): T {
  if (!isDeflated(value)) return value;
  return JSON.parse(inflateRawSync(value.deflated).toString('utf8')) as T;
}
