/**
 * Writing results: through a short temporary name beside the target (so a long Chinese file name
 * works), fsync, rename; a failure removes the temporary file and names the user's path only.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, loadWorkbook, snapshot, tempDir, writeJson } from '../support/cli';
import { SEED } from '../support/seed';

/** About 80 CJK characters: 240 bytes of UTF-8, close to the 255-byte limit of most filesystems. */
const LONG_NAME = `${'南昌市总工会职工服务中心部门整体支出绩效自评'.repeat(4).slice(0, 80)}.xlsx`;

afterEach(() => jest.restoreAllMocks());

describe('output paths', () => {
  test('a long Chinese file name the filesystem accepts is written by score and template', async () => {
    expect(Buffer.byteLength(LONG_NAME)).toBeGreaterThan(240);
    const dir = tempDir();
    const input = writeJson(dir, 'seed.json', SEED);
    const scored = path.join(dir, LONG_NAME);
    expect((await cli('score', input, '--out', scored)).code).toBe(0);
    expect((await loadWorkbook(scored)).worksheets.map((w) => w.name)).toContain('评分表');
    const other = tempDir();
    expect((await cli('template', '--out', path.join(other, LONG_NAME))).code).toBe(0);
    expect(fs.readdirSync(other)).toEqual([LONG_NAME]);
  });

  test('missing folders on the way to --out are created', async () => {
    const dir = tempDir();
    const out = path.join(dir, '二〇一八', '评分', '结果.xlsx');
    const { code, out: text } = await cli('score', writeJson(dir, 'seed.json', SEED), '--out', out);
    expect(code).toBe(0);
    expect(text).toContain(`已写出评分结果：${out}`);
    expect(fs.existsSync(out)).toBe(true);
  });

  test('a --out that leads through a symlinked folder and ../ lands where the filesystem says', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'real', 'deep'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'real', 'deep'), path.join(dir, 'link'));
    // Typed, not path.join'ed (which would fold link/.. away): the filesystem takes link/.. to real/.
    const out = [dir, 'link', '..', '结果.xlsx'].join(path.sep);
    expect((await cli('template', '--out', out)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'real', '结果.xlsx'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '结果.xlsx'))).toBe(false);
  });

  test('writing through a symlink at --out replaces the file it points to and keeps the link', async () => {
    const dir = tempDir();
    const real = path.join(dir, '旧结果.xlsx');
    fs.writeFileSync(real, 'old');
    fs.symlinkSync(real, path.join(dir, '结果.xlsx'));
    expect((await cli('score', writeJson(dir, 'seed.json', SEED), '--out', path.join(dir, '结果.xlsx'))).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, '结果.xlsx')).isSymbolicLink()).toBe(true);
    expect((await loadWorkbook(real)).worksheets.map((w) => w.name)).toContain('评分表');
  });

  test.each<[string, (dir: string) => string, string]>([
    [
      'a folder',
      (dir) => {
        fs.mkdirSync(path.join(dir, '结果.xlsx'));
        return path.join(dir, '结果.xlsx');
      },
      '是文件夹。请给出要写出的文件名',
    ],
    [
      'a path through a file',
      (dir) => {
        fs.writeFileSync(path.join(dir, '文件'), '');
        return path.join(dir, '文件', '结果.xlsx');
      },
      '中有一段不是文件夹。请检查路径。',
    ],
    [
      'a dangling symlink',
      (dir) => {
        fs.symlinkSync(path.join(dir, '不存在.xlsx'), path.join(dir, '结果.xlsx'));
        return path.join(dir, '结果.xlsx');
      },
      '是一个指向不存在文件的快捷方式（符号链接），不会写入。',
    ],
  ])('--out as %s: exit 2, a Chinese message, nothing written', async (_n, make, message) => {
    const dir = tempDir();
    const input = writeJson(dir, 'seed.json', SEED);
    const out = make(dir);
    const before = snapshot(dir);
    const { code, err } = await cli('score', input, '--out', out);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(`“${out}”`);
    expect(snapshot(dir)).toEqual(before);
  });

  test.each<[string, string, string]>([
    ['ENOSPC', 'rename', '磁盘空间不足，未能写出“%s”（没有留下不完整的文件）。请清理磁盘或换一个位置后重试。'],
    ['EACCES', 'open', '没有权限写入“%s”。请换一个有写权限的文件夹，或检查该文件是否设为只读、是否正在 Excel 中打开。'],
    ['EBUSY', 'rename', '“%s”正被其他程序占用（例如正在 Excel 中打开）。请关闭后重试。'],
    ['EIO', 'rename', '读写“%s”时磁盘出错（EIO）。请检查磁盘或网络盘是否正常，稍后重试。'],
  ])('%s on %s: the user’s path in the message, no temporary file left, the old file kept', async (code, call, message) => {
    const dir = tempDir();
    const input = writeJson(dir, 'seed.json', SEED);
    const out = path.join(dir, '结果.xlsx');
    fs.writeFileSync(out, 'earlier result');
    const before = snapshot(dir);
    const failing = jest.spyOn(fs.promises, call as 'rename').mockRejectedValue(Object.assign(new Error(`${code}: simulated, /tmp/.jxpj-1-1.tmp`), { code, syscall: call }));
    const result = await cli('score', input, '--out', out);
    expect(failing).toHaveBeenCalled();
    expect(result.code).toBe(2);
    expect(result.err).toBe(`错误：${message.replace('%s', out)}\n`);
    expect(result.err).not.toContain('.tmp');
    expect(snapshot(dir)).toEqual(before);
  });

  test('the temporary file is short, beside the target, and gone afterwards', async () => {
    const dir = tempDir();
    const renames: [string, string][] = [];
    const rename = fs.promises.rename;
    jest.spyOn(fs.promises, 'rename').mockImplementation(async (from, to) => {
      renames.push([String(from), String(to)]);
      return rename(from, to);
    });
    const out = path.join(dir, LONG_NAME);
    expect((await cli('template', '--out', out)).code).toBe(0);
    expect(renames).toHaveLength(1);
    expect(path.dirname(renames[0][0])).toBe(fs.realpathSync(dir));
    expect(path.basename(renames[0][0])).toMatch(new RegExp(`^\\.jxpj-${process.pid}-\\d+\\.tmp$`));
    expect(fs.readdirSync(dir)).toEqual([LONG_NAME]);
  });
});
