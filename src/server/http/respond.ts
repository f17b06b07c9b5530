import type { ServerResponse } from 'node:http';
import { HTTP_STATUS, RtcError } from '../../protocol/errors.js';

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: RtcError): void {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) headers['retry-after'] = String(error.retryAfter);
  if (error.code === 'UNAUTHENTICATED') headers['www-authenticate'] = 'Bearer';
  sendJson(response, HTTP_STATUS[error.code], { error: error.toBody() }, headers);
}
