/**
 * Issue 7: nothing of the officer's is overwritten. No command writes over a file it reads — however
 * the path is spelled — and `template` replaces an existing file only with --force. Each refusal is
 * exit 2 with nothing written (the folder's files and their hashes are the same before and after).
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { cli, loadWorkbook, sha256, snapshot, tempDir, writeJson } from '../support/cli';
import { SEED } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'assets/samples/nanchang-2018.xlsx');

/** A folder holding the demo workbook and the seed as JSON. */
function officeFolder(): { dir: string; xlsx: string; json: string } {
  const dir = tempDir();
  const xlsx = path.join(dir, '南昌.xlsx');
  fs.copyFileSync(SAMPLE, xlsx);
  return { dir, xlsx, json: writeJson(dir, '南昌.json', SEED) };
}

/** The case-insensitive disks of Windows and macOS see `A.xlsx` and `a.xlsx` as one file. */
function caseInsensitive(dir: string): boolean {
  const probe = path.join(dir, 'CaseProbe');
  fs.writeFileSync(probe, '');
  const result = fs.existsSync(path.join(dir, 'caseprobe'));
  fs.rmSync(probe);
  return result;
}

const SAME_FILE = '是同一个文件，不会写入：原文件保持不变。请为结果另取一个文件名。';

describe('score --out never writes over its input or its --profile', () => {
  test.each<[string, (f: ReturnType<typeof officeFolder>) => string]>([
    ['the same path', (f) => f.xlsx],
    ['a ../ detour', (f) => path.join(f.dir, '..', path.basename(f.dir), '南昌.xlsx')],
    ['a relative spelling', (f) => path.relative(process.cwd(), f.xlsx)],
    [
      'a symlink to it',
      (f) => {
        fs.symlinkSync(f.xlsx, path.join(f.dir, '链接.xlsx'));
        return path.join(f.dir, '链接.xlsx');
      },
    ],
    [
      'a path through a symlinked folder',
      (f) => {
        fs.symlinkSync(f.dir, path.join(f.dir, '快捷方式'));
        return path.join(f.dir, '快捷方式', '南昌.xlsx');
      },
    ],
    [
      'a hard link to it',
      (f) => {
        fs.linkSync(f.xlsx, path.join(f.dir, '硬链接.xlsx'));
        return path.join(f.dir, '硬链接.xlsx');
      },
    ],
  ])('%s: exit 2, the input byte for byte as it was, nothing written', async (_name, outOf) => {
    const f = officeFolder();
    const out = outOf(f);
    const before = snapshot(f.dir);
    const { code, out: stdout, err } = await cli('score', f.xlsx, '--out', out);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(err).toBe(`错误：--out “${out}”与要读取的输入文件“${f.xlsx}”${SAME_FILE}\n`);
    expect(snapshot(f.dir)).toEqual(before);
  });

  test('--out on a JSON input itself is refused too', async () => {
    const f = officeFolder();
    const before = sha256(f.json);
    const { code, err } = await cli('score', f.json, '--out', f.json, '--json');
    expect(code).toBe(2);
    expect(err).toContain(`与要读取的输入文件“${f.json}”${SAME_FILE}`);
    expect(sha256(f.json)).toBe(before);
  });

  test('--out on the --profile file is refused', async () => {
    const f = officeFolder();
    const profile = writeJson(f.dir, 'profile.xlsx', {});
    const before = snapshot(f.dir);
    const { code, err } = await cli('score', f.json, '--profile', profile, '--out', profile);
    expect(code).toBe(2);
    expect(err).toContain(`与指标体系文件（--profile）“${profile}”${SAME_FILE}`);
    expect(snapshot(f.dir)).toEqual(before);
  });

  test('a different case of the input’s name, where the disk ignores case', async () => {
    const f = officeFolder();
    const upper = path.join(f.dir, 'in.xlsx');
    fs.renameSync(f.xlsx, upper);
    if (!caseInsensitive(f.dir)) return; // Linux: IN.XLSX is another file, and may be written.
    const before = snapshot(f.dir);
    const { code } = await cli('score', upper, '--out', path.join(f.dir, 'IN.XLSX'));
    expect(code).toBe(2);
    expect(snapshot(f.dir)).toEqual(before);
  });

  test('invalid input with --out: exit 1, and still nothing written', async () => {
    const f = officeFolder();
    const bad = writeJson(f.dir, 'bad.json', { ...SEED, actual_project: '约30' });
    const before = snapshot(f.dir);
    const { code } = await cli('score', bad, '--out', path.join(f.dir, '结果.xlsx'));
    expect(code).toBe(1);
    expect(snapshot(f.dir)).toEqual(before);
  });
});

describe('template refuses an existing file unless --force', () => {
  test('an existing --out: exit 2, untouched; with --force it is replaced by the template', async () => {
    const dir = tempDir();
    const out = path.join(dir, '模板.xlsx');
    fs.writeFileSync(out, '我自己的文件');
    const refused = await cli('template', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(`错误：“${out}”已存在，未写入。如确实要替换它，请加 --force。\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe('我自己的文件');

    const forced = await cli('template', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(forced.out).toBe(`已写出空白模板：${out}\n`);
    expect((await loadWorkbook(out)).worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系']);
  });

  test('without --out it writes 绩效自评基础数据模板.xlsx in the working folder, once', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await cli('template')).code).toBe(0);
      expect(fs.existsSync(path.join(dir, '绩效自评基础数据模板.xlsx'))).toBe(true);
      expect((await cli('template')).code).toBe(2);
    } finally {
      process.chdir(cwd);
    }
  });

  test('a symlink at --out pointing to an existing file counts as existing', async () => {
    const dir = tempDir();
    const mine = path.join(dir, 'mine.xlsx');
    fs.writeFileSync(mine, 'x');
    fs.symlinkSync(mine, path.join(dir, 'link.xlsx'));
    const { code } = await cli('template', '--out', path.join(dir, 'link.xlsx'));
    expect(code).toBe(2);
    expect(fs.readFileSync(mine, 'utf8')).toBe('x');
  });
});

describe('score may replace an earlier result that is not an input', () => {
  test('a second run over its own --out replaces it', async () => {
    const f = officeFolder();
    const out = path.join(f.dir, '结果.xlsx');
    expect((await cli('score', f.xlsx, '--out', out)).code).toBe(0);
    const first = fs.statSync(out).mtimeMs;
    expect((await cli('score', f.json, '--out', out)).code).toBe(0);
    expect(fs.statSync(out).mtimeMs).toBeGreaterThanOrEqual(first);
    expect((await loadWorkbook(out)).worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['基础数据表', '指标体系', '评分表', '问题清单']));
  });
});

describe('an .xlsm input keeps its macros’ extension', () => {
  /** The demo workbook declared macro-enabled, with a (dummy) VBA project part. */
  async function xlsmCopy(dir: string): Promise<string> {
    const zip = await JSZip.loadAsync(fs.readFileSync(SAMPLE));
    const types = (await zip.file('[Content_Types].xml')?.async('string')) as string;
    zip.file(
      '[Content_Types].xml',
      types.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
    );
    zip.file('xl/vbaProject.bin', Buffer.from('VBA'));
    const file = path.join(dir, '带宏.xlsm');
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    return file;
  }

  test('--out 结果.xlsm writes the scored copy with the VBA part kept', async () => {
    const dir = tempDir();
    const input = await xlsmCopy(dir);
    const out = path.join(dir, '结果.xlsm');
    const { code, out: text } = await cli('score', input, '--out', out);
    expect(code).toBe(0);
    expect(text).toContain(`已写出评分结果：${out}（工作表“评分表”“问题清单”`);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(await zip.file('xl/vbaProject.bin')?.async('string')).toBe('VBA');
  });

  test('--out 结果.xlsx for an .xlsm input: exit 2, nothing written, the .xlsm name suggested', async () => {
    const dir = tempDir();
    const input = await xlsmCopy(dir);
    const before = snapshot(dir);
    const out = path.join(dir, '结果.xlsx');
    const { code, err } = await cli('score', input, '--out', out);
    expect(code).toBe(2);
    expect(err).toBe(
      `错误：--out “${out}”的扩展名应为 .xlsm：输入工作簿含宏（.xlsm），副本须保持 .xlsm，否则 Excel 打不开。请改为 “${path.join(dir, '结果.xlsm')}”。未写入任何文件。\n`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  test('--out 结果.xlsm for a plain workbook or JSON input is refused the other way round', async () => {
    const f = officeFolder();
    for (const input of [f.xlsx, f.json]) {
      const { code, err } = await cli('score', input, '--out', path.join(f.dir, '结果.xlsm'));
      expect(code).toBe(2);
      expect(err).toContain('的扩展名应为 .xlsx：输入不含宏');
    }
    expect(fs.existsSync(path.join(f.dir, '结果.xlsm'))).toBe(false);
  });

  test('an --out that is not a workbook name is a usage error', async () => {
    const f = officeFolder();
    const { code, err } = await cli('score', f.json, '--out', path.join(f.dir, '结果.json'));
    expect(code).toBe(2);
    expect(err).toContain(`错误：--out “${path.join(f.dir, '结果.json')}”应为 Excel 工作簿文件名（以 .xlsx 结尾）`);
  });
});
