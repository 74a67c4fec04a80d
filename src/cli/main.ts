#!/usr/bin/env node
/** Entry point of `jxpj` / `npm run cli`. */
import { run } from './run';

const tty = process.stderr.isTTY;
let drawn = false;
/** Ends a progress line before anything else is printed. */
const clear = () => {
  if (drawn) process.stderr.write('\r\x1b[K');
  drawn = false;
};

run(process.argv.slice(2), {
  out: (t) => (clear(), process.stdout.write(t + '\n')),
  err: (t) => (clear(), process.stderr.write(t + '\n')),
  progress: tty
    ? (line) => {
        process.stderr.write(`\r\x1b[K${line.slice(0, Math.max(20, (process.stderr.columns ?? 80) - 1))}`);
        drawn = true;
      }
    : undefined,
}).then((code) => {
  clear();
  process.exitCode = code;
});
