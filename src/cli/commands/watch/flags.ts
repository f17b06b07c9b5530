/** The flags of `rtc watch` as commander hands them over (numbers still text, parsed by the command). */
export interface WatchFlags {
  restaurant?: string;
  order?: string;
  admin?: boolean;
  /** Minutes, e.g. "5". */
  warn: string;
  /** Minutes, e.g. "8". */
  late: string;
  bell: boolean;
}
