/**
 * Builds corpus cases and reads each in this process, printing one JSON line per case: the
 * outcome (see outcome.ts). Tests run it as a child process with a time limit, for cases that
 * could hang the reader (an endless cell, endless whitespace), so a hang fails one test instead
 * of stalling the suite.   Usage: node --import tsx tests/hostile/probe.ts <case id>…
 */
import { cases } from './corpus';
import { scoreBytes } from './outcome';

async function main(ids: string[]): Promise<void> {
  const all = cases();
  for (const id of ids) {
    const run = await scoreBytes(await all[id].build());
    process.stdout.write(`${JSON.stringify({ id, outcome: run.outcome, inputUnchanged: run.inputUnchanged })}\n`);
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
