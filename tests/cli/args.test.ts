/** Arguments: Node's util.parseArgs (strict), every mistake a Chinese usage error (exit 2). */
import * as fs from 'fs';
import * as path from 'path';
import { USAGE } from '../../src/cli/args';
import { cli, tempDir, writeJson } from '../support/cli';
import { SEED } from '../support/seed';

const HINT = '运行 jxpj --help 查看用法。';

describe('usage errors: exit 2, the mistake in Chinese, a pointer to --help, nothing printed on stdout', () => {
  test.each([
    [['score', 'a.json', '--bogus'], '未知选项 --bogus'],
    [['score', 'a.json', '-x'], '未知选项 -x'],
    [['score', 'a.json', '--out'], '--out 后面需要文件路径'],
    [['score', 'a.json', '--out', '--json'], '--out 后面需要文件路径'],
    [['score', 'a.json', '--out='], '--out 后面需要文件路径'],
    [['score', 'a.json', '--profile', ''], '--profile 后面需要文件路径'],
    [['score', 'a.json', '--json=yes'], '--json 不带值（写作 --json 即可）'],
    [['template', '--json'], 'template 不接受选项 --json'],
    [['template', '--profile', 'p.json'], 'template 不接受选项 --profile'],
    [['template', 'x.xlsx'], 'template 不需要输入文件（要指定输出文件，请用 --out 模板.xlsx）'],
    [['score'], 'score 需要且只需要一个输入文件'],
    [['score', 'a.json', 'b.json'], 'score 需要且只需要一个输入文件'],
    [['score', ''], '文件路径不能为空'],
    [['batch', '--out', 'x.xlsx'], 'batch 需要至少一个文件或文件夹'],
    [['batch', 'somewhere'], 'batch 需要 --out 汇总.xlsx'],
    [['report', 'a.json'], 'report 需要 --out 报告.docx'],
    [['report'], 'report 需要且只需要一个输入文件'],
    [['report', 'a.json', 'b.json', '--out', 'r.docx'], 'report 需要且只需要一个输入文件'],
    [['report', 'a.json', '--out', 'r.docx', '--json'], 'report 不接受选项 --json'],
    [['scroe', 'a.json'], '未知命令“scroe”（可用的命令：score、template、report、batch）'],
  ])('%j', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`错误：${message}\n${HINT}\n`);
  });
});

describe('help', () => {
  test.each([[['--help']], [['-h']], [['help']], [['score', '--help']], [['report', '--help']], [['batch', 'dir', '-h']]])('%j prints the usage, exit 0', async (argv) => {
    const { code, out } = await cli(...argv);
    expect(code).toBe(0);
    expect(out).toBe(`${USAGE}\n`);
  });

  test('--help beside an unknown option is still a usage error', async () => {
    expect((await cli('--help', '--bogus')).code).toBe(2);
  });

  test('no command at all prints the usage on stderr and exits 2', async () => {
    const { code, out, err } = await cli();
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`${USAGE}\n`);
  });

  test('the usage names every command and option', () => {
    for (const word of ['score', 'template', 'report', 'batch', '--out', '--json', '--profile', '--force', '--debug', '--help', '.xlsm', '.docx', '报告草稿']) expect(USAGE).toContain(word);
  });
});

describe('accepted spellings', () => {
  test('--out=path and options before the file', async () => {
    const dir = tempDir();
    const input = writeJson(dir, 'seed.json', SEED);
    const out = path.join(dir, '结果.xlsx');
    const { code } = await cli('score', `--out=${out}`, '--json', input);
    expect(code).toBe(0);
    expect(fs.existsSync(out)).toBe(true);
  });

  test('a file whose name starts with a dash, after --', async () => {
    const dir = tempDir();
    writeJson(dir, '-seed.json', SEED);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { code, out } = await cli('score', '--json', '--', '-seed.json');
      expect(code).toBe(0);
      expect(JSON.parse(out).total).toBe(88.65);
    } finally {
      process.chdir(cwd);
    }
  });

  test('an --out starting with a dash via --out=', async () => {
    const dir = tempDir();
    const input = writeJson(dir, 'seed.json', SEED);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await cli('score', input, '--out=-结果.xlsx')).code).toBe(0);
      expect(fs.existsSync(path.join(dir, '-结果.xlsx'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  test('--force and --debug are accepted by score (demo passes --force)', async () => {
    const dir = tempDir();
    expect((await cli('score', writeJson(dir, 'seed.json', SEED), '--force', '--debug', '--json')).code).toBe(0);
  });
});
