/**
 * What a caller is told of a failure nobody expected (anything thrown that is not an RtcError): the
 * details stay in the server's log, where the hint points. Pass it to `toRtcError` as the fallback.
 */
export const UNEXPECTED = { message: 'internal error', hint: 'see the server log' } as const;
