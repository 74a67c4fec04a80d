/**
 * The hostile corpus, big files and bombs: a million-row-class sheet of the officer's, a ledger
 * pasted below the template, 50 MB of shared strings before the ones we need, and parts that
 * inflate past the 1.5 GB the reader allows. Each scores like its twin or is refused with the
 * exact “too large” message; the bytes handed in never change. (No timing is asserted; the full
 * one-million-row file is written by `npx tsx tests/hostile/corpus.ts <dir>` for the bench.)
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { cases } from './corpus';
import { scoreBytes, type Run } from './outcome';
import { ZipView, keptEntries } from './zipView';

const CASES = cases();
const SEED = { score: 88.65, grade: '良', department: '南昌市总工会职工服务中心' };
const tooLarge = (part: string) => ({
  refused: 'too-large',
  message: `文件中的“${part}”解压后过大，超出本工具能安全读取的范围。请删除与评价无关的大量数据（或另存一份只含“基础数据表”“指标体系”的工作簿）后重试。`,
});

let baseline: Run;
beforeAll(async () => {
  baseline = await scoreBytes(await CASES.baseline.build());
});

describe('big files score exactly like the seed template', () => {
  test.each([
    ['officer-rows', "a sheet of the officer's with 100,000 rows"],
    ['ledger-below', 'a ledger of 100,000 rows pasted below the template in 基础数据表'],
    ['huge-shared-strings', '50 MB of shared strings before the ones the template uses'],
    ['bomb-below', '基础数据表 inflating to 1.6 GB, all of it rows below the template'],
  ])('%s: %s', async (id) => {
    const bytes = await CASES[id].build();
    const r = await scoreBytes(bytes);
    expect([r.outcome, r.inputUnchanged]).toEqual([SEED, true]);
    expect(r.result).toEqual(baseline.result);
    const input = new ZipView(bytes);
    const copy = new ZipView(r.copy as Buffer);
    for (const part of keptEntries(input)) expect([part, copy.raw(part).data.equals(input.raw(part).data)]).toEqual([part, true]);
  });
});

describe('bombs are refused with the exact “too large” message', () => {
  test.each([
    ['bomb-wide-row', 'a row inside the template area that goes on for 1.6 GB', 'xl/worksheets/sheet1.xml'],
    ['bomb-shared-strings', '1.6 GB of shared strings before the ones the template uses', 'xl/sharedStrings.xml'],
    ['bomb-workbook-part', 'xl/workbook.xml inflating past 64 MB', 'xl/workbook.xml'],
  ])('%s: %s', async (id, _what, part) => {
    const r = await scoreBytes(await CASES[id].build());
    expect([r.outcome, r.inputUnchanged]).toEqual([tooLarge(part), true]);
  });

  // KNOWN BUG in src/xlsx/package.ts (scanSheet and sharedStrings), fails until fixed: text that
  // never completes an element (one endless cell, endless whitespace before <sheetData>) piles up
  // in the scan buffer, which is rescanned from its start for every 256 KB chunk: quadratic time
  // (60 MB takes ~8 s) and, past 512 MB, V8's string limit. Run in a child process with a time
  // limit so the hang fails this test instead of stalling the suite. Patch: see the report.
  test('[已知缺陷 package.ts] bomb-in-cell, bomb-before-data: 1.6 GB that never closes an element → too large, promptly', () => {
    const probe = path.join(__dirname, 'probe.ts');
    const child = spawnSync(process.execPath, ['--import', 'tsx', probe, 'bomb-in-cell', 'bomb-before-data'], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      timeout: 20_000,
      killSignal: 'SIGKILL',
    });
    const outcomes = child.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect({ timedOut: child.signal === 'SIGKILL', outcomes }).toEqual({
      timedOut: false,
      outcomes: [
        { id: 'bomb-in-cell', outcome: tooLarge('xl/worksheets/sheet1.xml'), inputUnchanged: true },
        { id: 'bomb-before-data', outcome: tooLarge('xl/worksheets/sheet1.xml'), inputUnchanged: true },
      ],
    });
  });
});
