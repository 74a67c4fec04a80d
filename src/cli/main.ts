#!/usr/bin/env node
/**
 * Entry point of `jxpj` (compiled to lib/cli/main.js) and `npm run cli`. Wires `run` to the
 * process: stdout/stderr, the progress bar on a terminal, and a last guard for anything that
 * escapes (an error in an event handler, a broken pipe) so no raw stack reaches a person.
 */
import { debugDetails, unexpectedMessage } from './errors';
import { run } from './run';
import { escapeControls, fitToColumns } from './terminal';

const debug = process.argv.includes('--debug');
const tty = process.stderr.isTTY;
let drawn = false;

/** Ends a progress line before anything else is printed. */
const clear = () => {
  if (drawn) process.stderr.write('\r\x1b[K');
  drawn = false;
};

/** The progress bar's own control sequence is the only one we draw; its text was filtered by run. */
const drawProgress = (line: string) => {
  process.stderr.write(`\r\x1b[K${fitToColumns(line, Math.max(20, (process.stderr.columns ?? 80) - 1))}`);
  drawn = true;
};

function fail(e: unknown): void {
  clear();
  process.stderr.write(`错误：${unexpectedMessage(debug)}\n`);
  if (debug) process.stderr.write(`${escapeControls(debugDetails(e))}\n`);
  process.exit(2);
}

// `jxpj … | head` closes the pipe early: stop quietly rather than crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : fail(e)));
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

run(process.argv.slice(2), {
  out: (t) => (clear(), process.stdout.write(t + '\n')),
  err: (t) => (clear(), process.stderr.write(t + '\n')),
  progress: tty ? drawProgress : undefined,
}).then((code) => {
  clear();
  process.exitCode = code;
}, fail);
