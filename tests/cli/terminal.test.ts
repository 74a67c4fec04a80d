/**
 * Terminal safety: text from a file (a department name, a file name) never reaches the terminal
 * as control characters or bidi overrides; they are printed as visible `\u001b`-style escapes,
 * which also keep --json output valid and exact.
 */
import * as path from 'path';
import { escapeControls, fitToColumns } from '../../src/cli/terminal';
import { cli, cliWith, tempDir, writeJson } from '../support/cli';
import { SEED } from '../support/seed';

/** ESC, BEL, CR, C1 (CSI U+009B, NEL U+0085), DEL, and the bidi overrides, embeddings and isolates. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE_NAME = '甲单位\x1b]0;已被篡改\x07\x1b[2J\r\u009b31m\u202e乙\u2066丙\u2069\x7f';

describe('escapeControls', () => {
  test.each([
    ['\x1b[31m红', '\\u001b[31m红'],
    ['响铃\x07', '响铃\\u0007'],
    ['回车\r覆盖', '回车\\u000d覆盖'],
    ['制表\t', '制表\\u0009'],
    ['C1\u0085\u009b', 'C1\\u0085\\u009b'],
    ['\u202a\u202b\u202c\u202d\u202e', '\\u202a\\u202b\\u202c\\u202d\\u202e'],
    ['\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['第一行\n第二行', '第一行\n第二行'],
    ['普通中文、English 123 “引号”', '普通中文、English 123 “引号”'],
  ])('%j → %j', (input, expected) => {
    expect(escapeControls(input)).toBe(expected);
  });

  test('escaped text inside a JSON string still parses back to the original', () => {
    const json = JSON.stringify({ name: HOSTILE_NAME });
    expect(JSON.parse(escapeControls(json)).name).toBe(HOSTILE_NAME);
  });
});

describe('everything printed passes the filter', () => {
  test('a hostile department name in the score table is shown escaped', async () => {
    const dir = tempDir();
    const { code, out } = await cli('score', writeJson(dir, 'x.json', { ...SEED, dept_name: HOSTILE_NAME }));
    expect(code).toBe(0);
    expect(out).not.toMatch(UNSAFE);
    expect(out).toContain('甲单位\\u001b]0;已被篡改\\u0007\\u001b[2J\\u000d\\u009b31m\\u202e乙\\u2066丙\\u2069\\u007f');
  });

  test('--json stays valid JSON and carries the exact name', async () => {
    const dir = tempDir();
    const { code, out } = await cli('score', writeJson(dir, 'x.json', { ...SEED, dept_name: HOSTILE_NAME }), '--json');
    expect(code).toBe(0);
    expect(out).not.toMatch(UNSAFE);
    expect(JSON.parse(out).department).toBe(HOSTILE_NAME);
  });

  test('a validation error quoting a hostile cell value is escaped', async () => {
    const dir = tempDir();
    const { code, err } = await cli('score', writeJson(dir, 'x.json', { ...SEED, actual_project: '\x1b[8m30' }));
    expect(code).toBe(1);
    expect(err).not.toMatch(UNSAFE);
  });

  test('a file name with control characters is escaped in messages, the batch list and the progress line', async () => {
    if (process.platform === 'win32') return; // Windows file names cannot hold control characters.
    const dir = tempDir();
    const name = '单位\x1b[2J\u202e.json';
    writeJson(dir, name, { ...SEED, dept_name: '甲' });
    const missing = await cli('score', path.join(dir, `没有\x07${name}`));
    expect(missing.err).toContain('没有\\u0007单位\\u001b[2J\\u202e.json');
    expect(missing.err).not.toMatch(UNSAFE);

    const batch = await cliWith({ tty: true }, 'batch', dir, '--out', path.join(dir, '汇总.xlsx'));
    expect(batch.code).toBe(0);
    expect(batch.out).toContain('单位\\u001b[2J\\u202e.json');
    expect(batch.out).not.toMatch(UNSAFE);
    expect(batch.progress.join('')).toContain('单位\\u001b[2J\\u202e.json');
    expect(batch.progress.join('')).not.toMatch(UNSAFE);
  });

  test('an unknown command echoed back is escaped', async () => {
    const { err } = await cli('\x1b]0;x\x07');
    expect(err).toContain('未知命令“\\u001b]0;x\\u0007”');
  });
});

describe('fitToColumns', () => {
  test('cuts by display width: CJK counts two columns', () => {
    expect(fitToColumns('[██] 1/2 南昌市.json', 12)).toBe('[██] 1/2 南');
    expect(fitToColumns('abc', 10)).toBe('abc');
  });

  test('the progress line never wraps however long the file name', () => {
    const line = fitToColumns(`[${'█'.repeat(24)}] 1/1 ${'很长的文件名'.repeat(30)}.json`, 79);
    expect([...line].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 2 : 1), 0)).toBeLessThanOrEqual(79);
  });
});
