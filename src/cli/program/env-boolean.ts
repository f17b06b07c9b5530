import { RtcError } from '../../protocol/errors.js';

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['', '0', 'false', 'no', 'off']);

/** The accepted words, as every refusal names them. */
const ACCEPTED = 'use 1, true, yes or on to turn it on, and 0, false, no, off or empty to turn it off';

/**
 * An on/off environment variable (RTC_DEMO, ...) as an owner writes it in an env file: unset, empty,
 * 0, false, no and off are off; 1, true, yes and on are on; any case, spaces around ignored. Anything
 * else is a mistake that must not silently mean either (a "set at all" rule turned RTC_DEMO=false on).
 * Throws RtcError BAD_REQUEST (exit 2) naming the variable, its value and the accepted words.
 */
export function envBoolean(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const word = parseWord(name, env[name]);
  return word === true;
}

/**
 * An environment variable that is an on/off switch or a positive number (RTC_SIMULATE: orders a
 * minute): off as envBoolean reads it answers undefined, on answers true, a number above 0 answers
 * that number. Throws RtcError BAD_REQUEST for anything else.
 */
export function envSwitchOrNumber(name: string, env: NodeJS.ProcessEnv = process.env): true | number | undefined {
  const raw = env[name];
  const number = Number(raw?.trim());
  if (raw !== undefined && raw.trim() !== '' && Number.isFinite(number) && number > 0) return number;
  return parseWord(name, raw, ', or a number above 0') ? true : undefined;
}

function parseWord(name: string, raw: string | undefined, alsoAccepted = ''): boolean {
  if (raw === undefined) return false;
  const word = raw.trim().toLowerCase();
  if (ON.has(word)) return true;
  if (OFF.has(word)) return false;
  throw RtcError.badRequest(`${name}=${JSON.stringify(raw)} is neither on nor off: ${ACCEPTED}${alsoAccepted}`, {
    hint: `fix ${name} in the environment (or the service's env file)`,
  });
}
