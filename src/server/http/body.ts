import { checkPayloadShape } from '../limits/payload-shape.js';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { RtcError } from '../../protocol/errors.js';
import { LIMITS, describeIssues } from '../../protocol/schemas.js';

/** Reads a JSON body, refusing anything over the limit before it is all in memory. */
export async function readJson(request: IncomingMessage, limit: number = LIMITS.bodyBytes): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    throw RtcError.badRequest(`request body is ${declared} bytes; the limit is ${limit}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        request.resume();
        throw RtcError.badRequest(`request body is over the limit of ${limit} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof RtcError) throw error;
    // The client aborted or timed out mid-body: its doing, not the server's.
    throw new RtcError('BAD_REQUEST', 'request body was cut off before its end', { cause: error });
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw RtcError.badRequest('request body is not valid JSON');
  }
  // The same bounds as a socket payload (32 levels, no recursion): HTTP bodies escaped them.
  checkPayloadShape(parsed);
  return parsed;
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw RtcError.badRequest(`invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}
