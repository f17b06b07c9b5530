/** The flags every command takes (declared on the program, read with `optsWithGlobals`). */
export interface GlobalFlags {
  profile?: string;
  json?: boolean;
  server?: string;
  token?: string;
  ca?: string;
}
