#!/usr/bin/env node
/** Entry point of `jxpj` / `npm run cli`. */
import { run } from './run';

run(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + '\n'),
  err: (t) => process.stderr.write(t + '\n'),
}).then((code) => {
  process.exitCode = code;
});
