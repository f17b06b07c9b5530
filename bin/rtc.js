#!/usr/bin/env node
// ws (under socket.io, engine.io and their client) loads the optional native helpers bufferutil and
// utf-8-validate from wherever require finds them: any node_modules up the tree from rtc, or NODE_PATH.
// rtc ships neither, so whatever is found was put there by someone else and would run as this user.
// Turned off before anything loads ws (hence the dynamic import below, which static imports would
// precede); ws's JavaScript fallbacks do the same work.
process.env.WS_NO_BUFFER_UTIL = '1';
process.env.WS_NO_UTF_8_VALIDATE = '1';

const { run } = await import('../dist/bundle/main.js');
await run(process.argv);
