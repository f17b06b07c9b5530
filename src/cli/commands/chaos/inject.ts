import { ChaosApi } from '../../../client/chaos-api.js';
import type { FaultRequest, FaultType } from '../../../protocol/chaos.js';
import { MAX_DELAY_MS, MAX_FAULT_SECONDS } from '../../../protocol/chaos.js';
import { speakingFlags } from '../../program/flag-terms.js';
import { RtcError } from '../../../protocol/errors.js';
import { integerFlag, millisFlag, rateFlag, secondsFlag } from '../../program/flags.js';
import { faultLine } from './format.js';
import { httpClientFor } from '../../program/client-for.js';
import type { GlobalFlags } from '../../program/global-flags.js';
import { printJson, printLine } from '../../program/output.js';

export interface InjectFlags extends GlobalFlags {
  rate?: string;
  ms?: string;
  jitter?: string;
  window?: string;
  restaurant?: string;
  user?: string;
  for?: string;
  seed?: string;
}

/** The fault request's fields and the flags that set them, for the server's BAD_REQUEST messages. */
const FAULT_FIELDS = { forSeconds: '--for', restaurantId: '--restaurant', userId: '--user', rate: '--rate', ms: '--ms', jitter: '--jitter', window: '--window', seed: '--seed' };

/** --for as seconds, checked against the server's limit here so the error speaks of --for in its units. */
function forFlag(text: string): number {
  const seconds = secondsFlag(text, '--for');
  if (!(seconds > 0)) throw RtcError.badRequest(`--for must be more than 0, not "${text}"`);
  if (seconds > MAX_FAULT_SECONDS) throw RtcError.badRequest(`--for must be at most ${MAX_FAULT_SECONDS / 3600}h, not "${text}"`, { hint: 'inject it again when it ends, or heal it sooner with rtc chaos heal' });
  return seconds;
}

function request(type: FaultType, flags: InjectFlags): FaultRequest {
  if (flags.restaurant && flags.user) throw new RtcError('BAD_REQUEST', 'give --restaurant or --user, not both');
  const scope = {
    ...(flags.restaurant ? { restaurantId: flags.restaurant } : {}),
    ...(flags.user ? { userId: flags.user } : {}),
    ...(flags.for !== undefined ? { forSeconds: forFlag(flags.for) } : {}),
    ...(flags.seed !== undefined ? { seed: integerFlag(flags.seed, '--seed', 0, 2 ** 32 - 1) } : {}),
  };
  const rate = () => {
    const value = rateFlag(flags.rate ?? '', '--rate');
    if (value === 0) throw new RtcError('BAD_REQUEST', '--rate must be more than 0');
    return value;
  };
  const positive = (text: string | undefined, flag: string) => {
    const ms = millisFlag(text ?? '', flag);
    if (ms <= 0 || ms > MAX_DELAY_MS) throw new RtcError('BAD_REQUEST', `${flag} must be more than 0 and at most ${MAX_DELAY_MS} ms`);
    return ms;
  };
  switch (type) {
    case 'loss':
      return { type, rate: rate(), ...scope };
    case 'duplicate':
      return { type, rate: rate(), ...scope };
    case 'latency':
      return { type, ms: positive(flags.ms, '--ms'), ...(flags.jitter !== undefined ? { jitter: millisFlag(flags.jitter, '--jitter') } : {}), ...scope };
    case 'reorder':
      return { type, window: positive(flags.window, '--window'), ...scope };
    case 'partition':
      return { type, ...scope };
  }
}

/** `rtc chaos loss|partition|latency|duplicate|reorder`: one fault, injected into the server of the context. */
export function injector(type: FaultType) {
  return async (flags: InjectFlags): Promise<void> => {
    const body = request(type, flags);
    const { http } = await httpClientFor(flags);
    const answer = await speakingFlags(FAULT_FIELDS, () => new ChaosApi(http).inject(body));
    if (flags.json) return printJson(answer);
    printLine(faultLine(answer.fault));
    printLine(`heal it sooner with: rtc chaos heal ${answer.fault.id}`);
  };
}
