/**
 * Bundles the `rtc` command for bin/rtc.js: dist/cli/main.js and everything it imports, into
 * dist/bundle/ (run by `npm run build`, after tsc).
 *
 * Why: Node 20's ESM loader pays for every module file it resolves, reads and links, more so in the
 * deeper folders of the command tree, and `rtc order advance` is run by point-of-sale scripts once per
 * change (issue 10: its start-up must not grow). The bundle keeps one chunk per lazily loaded command,
 * so each command still loads only its own code, but in a handful of files instead of about thirty.
 *
 * commander, on the path of every command, is bundled in, so it is a devDependency. Every runtime
 * dependency stays an import of its own package: native addons such as better-sqlite3 and packages
 * that find files of their own must, and chalk must be the one copy Ink draws with (the board sets its
 * level to keep bold and inverse under FORCE_COLOR=0; a second, bundled copy took that setting away
 * from Ink). Of dist/ as tsc wrote it, the package ships only dist/bench and what it imports (the
 * bench's forked workers run from there); dist/cli, dist/server, dist/tui and dist/drill stay in the
 * clone for tests.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/bundle`;
const BUNDLED_DEPENDENCIES = new Set(['commander']);
const { dependencies } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
// A package the bundle takes in must not be installed for it, nor one it leaves out missing at run time.
for (const name of BUNDLED_DEPENDENCIES) if (name in dependencies) throw new Error(`${name} is bundled: make it a devDependency`);
const external = Object.keys(dependencies);

/**
 * Chunks of small modules without side effects that one-shot commands load together: without them
 * rolldown makes a chunk per shared module, and `rtc order advance` read 15 files.
 */
const CHUNK_GROUPS = [
  // usage-error.js stays apart: only a command line that does not parse needs it.
  { name: 'program', test: /dist\/(cli\/program\/(?!usage-error)[^/]+|protocol\/(errors|inert-text|redacted-url|short-text|bounded-file))\.js$/ },
  { name: 'http-client', test: /dist\/(client\/(http-client|context|server-url|accounts-api|path-ids|access-token)|protocol\/(status|accounts)|domain\/status-input)\.js$/ },
  { name: 'order-commands', test: /dist\/cli\/commands\/order\// },
];

function isExternal(id) {
  return id.startsWith('node:') || external.some((name) => id === name || id.startsWith(`${name}/`));
}

rmSync(outDir, { recursive: true, force: true });
const bundle = await rolldown({ input: { main: `${root}dist/cli/main.js` }, platform: 'node', external: isExternal, logLevel: 'warn', preserveEntrySignatures: 'allow-extension' });
await bundle.write({
  dir: outDir,
  format: 'esm',
  chunkFileNames: '[name]-[hash].js',
  codeSplitting: { groups: CHUNK_GROUPS, includeDependenciesRecursively: false },
  // commander is CommonJS: its require() of node:events and the like needs a require in an ES module.
  banner: "import { createRequire as __rtcCreateRequire } from 'node:module'; const require = __rtcCreateRequire(import.meta.url);",
});
await bundle.close();
