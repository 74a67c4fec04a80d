/**
 * No raw error ever reaches a person: known file problems have their own Chinese message naming
 * the path as typed; anything unexpected is one Chinese sentence saying what to do, with the
 * stack only under --debug.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fileErrorMessage } from '../../src/cli/errors';
import { run } from '../../src/cli/run';
import { cli, snapshot, tempDir, writeJson } from '../support/cli';
import { SEED } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');

/** Stack frames or Node's English wording: what must never be shown without --debug. */
const RAW = /\bat .+:\d+:\d+|Error:|ENOENT|EISDIR|no such file|Unexpected token/;

describe('known file problems: exit 2 and their own message', () => {
  test.each<[string, (dir: string) => string[], string]>([
    ['a missing input', (dir) => ['score', path.join(dir, '没有.json')], '找不到“%d/没有.json”。请检查路径和文件名是否正确。'],
    [
      'a folder given as the input file',
      (dir) => {
        fs.mkdirSync(path.join(dir, '数据.xlsx'));
        return ['score', path.join(dir, '数据.xlsx')];
      },
      '“%d/数据.xlsx”是文件夹，不是文件。请给出文件的路径。',
    ],
    [
      'a folder given as --profile',
      (dir) => {
        fs.mkdirSync(path.join(dir, 'p.json'));
        return ['score', writeJson(dir, 'seed.json', SEED), '--profile', path.join(dir, 'p.json')];
      },
      '“%d/p.json”是文件夹，不是文件。请给出文件的路径。',
    ],
    ['a missing --profile', (dir) => ['score', writeJson(dir, 'seed.json', SEED), '--profile', path.join(dir, 'p.json')], '找不到“%d/p.json”。'],
    [
      'a text file named .xlsx',
      (dir) => {
        fs.writeFileSync(path.join(dir, '假.xlsx'), '单位名称,金额\n');
        return ['score', path.join(dir, '假.xlsx')];
      },
      '无法读取“%d/假.xlsx”：文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件或已损坏。',
    ],
    [
      'an empty .xlsx',
      (dir) => {
        fs.writeFileSync(path.join(dir, '空.xlsx'), '');
        return ['score', path.join(dir, '空.xlsx')];
      },
      '无法读取“%d/空.xlsx”：文件是空的（0 字节）',
    ],
    [
      'broken JSON',
      (dir) => {
        fs.writeFileSync(path.join(dir, '坏.json'), '{"dept_name": "甲",}');
        return ['score', path.join(dir, '坏.json'), '--json'];
      },
      '无法读取“%d/坏.json”：JSON 格式有误（第1行第18列）：最后一项后面多了逗号，请删除这个逗号',
    ],
    [
      'a JSON array instead of an object',
      (dir) => ['score', writeJson(dir, 'a.json', [SEED])],
      '无法读取“%d/a.json”：JSON 文件的最外层应为花括号 {…} 括起的对象',
    ],
    ['an unsupported extension', (dir) => ['score', path.join(dir, '数据.xls')], '不支持的文件类型“.xls”'],
  ])('%s', async (_n, argvOf, message) => {
    const dir = tempDir();
    const argv = argvOf(dir);
    const before = snapshot(dir);
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`错误：${message.replace('%d', dir)}`);
    expect(err).not.toMatch(RAW);
    expect(snapshot(dir)).toEqual(before);
  });

  test('a FIFO named .json is refused, not waited on forever', async () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const fifo = path.join(dir, '管道.json');
    execFileSync('mkfifo', [fifo]);
    const { code, err } = await cli('score', fifo);
    expect(code).toBe(2);
    expect(err).toContain(`错误：“${fifo}”不是普通文件（可能是设备或管道），无法读取。`);
  });

  test('values that are objects or arrays are validation errors (exit 1), not crashes', async () => {
    const dir = tempDir();
    const { code, out } = await cli('score', writeJson(dir, 'x.json', { ...SEED, actual_basic: { value: 1 }, actual_project: [1] }), '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out).errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['actual_basic', 'actual_project']));
  });
});

describe('fileErrorMessage: one Chinese sentence per system error, naming the path as typed', () => {
  test.each<[string, 'read' | 'write' | 'list', string]>([
    ['ENOENT', 'read', '找不到“a/b.xlsx”。请检查路径和文件名是否正确。'],
    ['ENOENT', 'write', '无法写入“a/b.xlsx”：所在文件夹不存在或已被移走。请检查路径。'],
    ['EACCES', 'read', '没有权限读取“a/b.xlsx”。请检查文件权限，或先把它复制到自己的文件夹再试。'],
    ['EPERM', 'write', '没有权限写入“a/b.xlsx”。请换一个有写权限的文件夹，或检查该文件是否设为只读、是否正在 Excel 中打开。'],
    ['EACCES', 'list', '没有权限打开文件夹“a/b.xlsx”。请检查文件权限，或先把它复制到自己的文件夹再试。'],
    ['EISDIR', 'read', '“a/b.xlsx”是文件夹，不是文件。请给出文件的路径。'],
    ['ENOTDIR', 'write', '路径“a/b.xlsx”中有一段不是文件夹。请检查路径。'],
    ['ENOSPC', 'write', '磁盘空间不足，未能写出“a/b.xlsx”（没有留下不完整的文件）。请清理磁盘或换一个位置后重试。'],
    ['EROFS', 'write', '“a/b.xlsx”所在的磁盘是只读的，无法写入。请换一个位置。'],
    ['ENAMETOOLONG', 'write', '路径“a/b.xlsx”太长，系统不接受。请用短一些的文件名或文件夹。'],
    ['ELOOP', 'read', '“a/b.xlsx”的快捷方式（符号链接）绕成了一个圈，无法读取。'],
    ['EMFILE', 'read', '同时打开的文件太多，无法读取“a/b.xlsx”。请关闭一些程序后重试。'],
    ['ERR_FS_FILE_TOO_LARGE', 'read', '“a/b.xlsx”太大（超过 2 GB），不是本工具能读取的文件。请确认选对了文件。'],
    ['EXDEV', 'write', '无法写入“a/b.xlsx”（系统错误 EXDEV）。请检查该路径后重试；如仍出错，请加 --debug 重新运行并把输出发给维护人员。'],
  ])('%s while %s', (code, action, message) => {
    expect(fileErrorMessage(Object.assign(new Error('English text'), { code }), 'a/b.xlsx', action)).toBe(message);
  });
});

describe('anything unexpected: one Chinese sentence, details only with --debug', () => {
  /** An error nobody foresaw, thrown from deep inside a command (here: the sink printing the table). */
  async function crash(...extra: string[]) {
    const dir = tempDir();
    let err = '';
    const code = await run(['score', writeJson(dir, 'seed.json', SEED), ...extra], {
      out: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
      err: (t) => (err += t + '\n'),
    });
    return { code, err };
  }

  test('without --debug: exit 2, no English, no stack', async () => {
    const { code, err } = await crash();
    expect(code).toBe(2);
    expect(err).toBe('错误：程序内部出错。请加 --debug 重新运行，并把全部输出发给维护人员。\n');
  });

  test('with --debug: the stack follows the Chinese sentence', async () => {
    const { code, err } = await crash('--debug');
    expect(code).toBe(2);
    expect(err).toMatch(/^错误：程序内部出错（以下为调试信息）。请把全部输出发给维护人员。\nTypeError: Cannot read properties of undefined \(reading 'x'\)\n\s+at /);
  });

  test('--debug on a known problem adds the underlying error', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '空.xlsx'), '');
    const { err } = await cli('score', path.join(dir, '空.xlsx'), '--debug');
    expect(err).toMatch(/^错误：无法读取“.+”：文件是空的（0 字节）.*\n.*WorkbookFileError|^错误：无法读取“.+”：文件是空的（0 字节）.*\nError: 文件是空的/);
  });

  test('run never throws, even when printing the error fails too', async () => {
    const broken = () => {
      throw new Error('sink gone');
    };
    await expect(run(['score', '/nonexistent.json'], { out: broken, err: broken })).resolves.toBe(2);
  });

  test('the entry point (main.ts): stdout failing mid-print is the same sentence and exit 2', () => {
    const script = `process.stdout.write = () => { throw new RangeError('boom'); }; require('tsx/cjs'); require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});`;
    let stderr = '';
    let status = 0;
    try {
      execFileSync('node', ['-e', script, '--', 'main.ts', 'template', '--help'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      stderr = (e as { stderr: string }).stderr;
      status = (e as { status: number }).status;
    }
    expect(status).toBe(2);
    expect(stderr).toBe('错误：程序内部出错。请加 --debug 重新运行，并把全部输出发给维护人员。\n');
  });
});
