/**
 * batch on a real shared drive: symlinked files and folders (loops too), broken files, departments
 * that appear twice, and a --out that must never be one of the files it reads.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { cli, loadWorkbook, snapshot, tempDir, writeJson } from '../support/cli';
import { seedWith } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');

type Summary = {
  departments: { department: string; file: string; duplicateOf: string[] }[];
  failed: { file: string; reason: string; errors: { field: string; cell: string | null; message: string }[] }[];
  skipped: string[];
};

async function batchJson(...argv: string[]): Promise<{ code: number; summary: Summary; err: string }> {
  const { code, out, err } = await cli('batch', ...argv, '--json');
  return { code, summary: code === 0 ? JSON.parse(out) : null, err };
}

const names = (s: Summary) => s.departments.map((d) => d.department).sort();

describe('symlinks', () => {
  test('symlinked files and folders are followed; a loop ends; a file reached twice is scored once', async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位' }));
    writeJson(elsewhere, '乙.json', seedWith({ dept_name: '乙单位' }));
    fs.mkdirSync(path.join(elsewhere, '下级'));
    writeJson(path.join(elsewhere, '下级'), '丙.json', seedWith({ dept_name: '丙单位' }));
    fs.symlinkSync(elsewhere, path.join(dir, '共享盘')); // a folder link
    fs.symlinkSync(path.join(elsewhere, '乙.json'), path.join(dir, '乙的链接.json')); // a second route to 乙
    fs.symlinkSync(dir, path.join(elsewhere, '下级', '回到上面')); // a loop back up
    const { code, summary } = await batchJson(dir, '--out', path.join(tempDir(), 's.xlsx'));
    expect(code).toBe(0);
    expect(names(summary)).toEqual(['丙单位', '乙单位', '甲单位']);
    expect(summary.failed).toEqual([]);
  });

  test('the same folder named twice, or a file and its folder, are scored once', async () => {
    const dir = tempDir();
    const a = writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位' }));
    const { summary } = await batchJson(dir, dir, a, path.join(dir, '.', '..', path.basename(dir)), '--out', path.join(tempDir(), 's.xlsx'));
    expect(names(summary)).toEqual(['甲单位']);
  });

  test('a link that leads nowhere is that file’s error, not the end of the run', async () => {
    const dir = tempDir();
    writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位' }));
    fs.symlinkSync(path.join(dir, '已删除.xlsx'), path.join(dir, '断链.xlsx'));
    const { code, summary } = await batchJson(dir, '--out', path.join(tempDir(), 's.xlsx'));
    expect(code).toBe(0);
    expect(names(summary)).toEqual(['甲单位']);
    expect(summary.failed).toEqual([
      { file: path.join(dir, '断链.xlsx'), reason: 'unreadable', errors: [{ field: 'file', cell: null, message: '这是一个快捷方式（符号链接），但它指向的文件不存在或无法访问。' }] },
    ]);
  });

  test('a named path that does not exist stops before anything is scored or written', async () => {
    const dir = tempDir();
    writeJson(dir, '甲.json', seedWith({}));
    const out = path.join(dir, 's.xlsx');
    const { code, err } = await batchJson(dir, path.join(dir, '没有这个文件夹'), '--out', out);
    expect(code).toBe(2);
    expect(err).toBe(`错误：找不到“${path.join(dir, '没有这个文件夹')}”。请检查路径和文件名是否正确。\n`);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('one broken file is that file’s error', () => {
  test('a damaged workbook, an empty one, an .xls in disguise, bad JSON and a folder named .json: each listed with its reason', async () => {
    const dir = tempDir();
    writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位' }));
    fs.writeFileSync(path.join(dir, '空.xlsx'), '');
    fs.writeFileSync(path.join(dir, '截断.xlsx'), fs.readFileSync(path.join(ROOT, 'assets/samples/nanchang-2018.xlsx')).subarray(0, 2000));
    fs.writeFileSync(path.join(dir, '旧版.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    fs.writeFileSync(path.join(dir, 'GBK.json'), Buffer.from([0x7b, 0x22, 0xc4, 0xcf, 0x22, 0x3a, 0x31, 0x7d])); // {"南":1} in GBK
    fs.mkdirSync(path.join(dir, '不是文件.json')); // a folder: searched, not scored
    const { code, summary } = await batchJson(dir, '--out', path.join(tempDir(), 's.xlsx'));
    expect(code).toBe(0);
    expect(names(summary)).toEqual(['甲单位']);
    const reasons = Object.fromEntries(summary.failed.map((f) => [path.basename(f.file), [f.reason, f.errors[0].message]]));
    expect(reasons).toEqual({
      '空.xlsx': ['unreadable', expect.stringContaining('文件是空的（0 字节）')],
      '截断.xlsx': ['unreadable', expect.stringContaining('文件已损坏或不完整')],
      '旧版.xlsx': ['unreadable', expect.stringContaining('这是旧版 Excel 97-2003 工作簿（.xls）')],
      'GBK.json': ['unreadable', expect.stringContaining('文件不是 UTF-8 编码')],
    });
    for (const f of summary.failed) expect(f.errors[0].message).not.toContain(dir); // the path is in `file`, not repeated
  });

  test('the summary sheet lists unreadable files as such', async () => {
    const dir = tempDir();
    writeJson(dir, '甲.json', seedWith({}));
    fs.writeFileSync(path.join(dir, '空.xlsx'), '');
    const out = path.join(tempDir(), 's.xlsx');
    expect((await cli('batch', dir, '--out', out)).code).toBe(0);
    const failed = (await loadWorkbook(out)).getWorksheet('未通过校验') as ExcelJS.Worksheet;
    expect(failed.getCell('A1').value).toBe('未参加排名的文件（1个）');
    expect([failed.getCell('A4').value, failed.getCell('B4').value, failed.getCell('C4').value]).toEqual([path.join(dir, '空.xlsx'), '（无法读取）', '—']);
  });
});

describe('duplicate departments (same name and year)', () => {
  test('are marked in the JSON, in the 备注 column of 汇总, and on the terminal', async () => {
    const dir = tempDir();
    writeJson(dir, 'a.json', seedWith({ dept_name: '甲单位' }));
    writeJson(dir, 'b.json', seedWith({ dept_name: '甲单位', satisfaction_pct: 0.5 }));
    writeJson(dir, 'c.json', seedWith({ dept_name: '甲单位', eval_year: 2019 }));
    writeJson(dir, 'd.json', seedWith({ dept_name: '乙单位' }));
    const out = path.join(tempDir(), 's.xlsx');
    const { summary } = await batchJson(dir, '--out', out);
    const dup = Object.fromEntries(summary.departments.map((d) => [path.basename(d.file), d.duplicateOf.map((f) => path.basename(f))]));
    expect(dup).toEqual({ 'a.json': ['b.json'], 'b.json': ['a.json'], 'c.json': [], 'd.json': [] });

    const sheet = (await loadWorkbook(out)).getWorksheet('汇总') as ExcelJS.Worksheet;
    const header = sheet.getRow(3).values as ExcelJS.CellValue[];
    const noteCol = header.indexOf('备注');
    expect(header.slice(-3)).toEqual(['问题代码', '文件', '备注']);
    const notes = [4, 5, 6, 7].map((r) => [path.basename(String(sheet.getCell(r, noteCol - 1).value)), sheet.getCell(r, noteCol).value]);
    expect(notes).toEqual(
      expect.arrayContaining([
        ['a.json', `重复：与 ${path.join(dir, 'b.json')} 同名同年度`],
        ['b.json', `重复：与 ${path.join(dir, 'a.json')} 同名同年度`],
        ['c.json', null],
      ]),
    );
    expect(String(sheet.getCell(2, 1).value)).toContain('；有 2 行的单位名称和年度与其他行相同，见“备注”列');

    const terminal = await cli('batch', dir, '--out', out);
    expect(terminal.out).toContain(`${path.join(dir, 'a.json')}  【重复：与 ${path.join(dir, 'b.json')} 同名同年度】`);
    expect(terminal.out).toContain('注意：有 2 个部门的名称和年度与其他文件相同，可能重复评分，已在汇总表“备注”列标出。');
  });
});

describe('--out is never one of the inputs', () => {
  function folder(): string {
    const dir = tempDir();
    writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位' }));
    fs.copyFileSync(path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'), path.join(dir, '南昌.xlsx'));
    return dir;
  }

  test.each<[string, (dir: string) => string, (dir: string) => string[], string]>([
    ['a department workbook found in the scanned folder', (dir) => path.join(dir, '南昌.xlsx'), (dir) => [dir], '本次汇总要读取的文件'],
    ['a file named on the command line', (dir) => path.join(dir, '南昌.xlsx'), (dir) => [path.join(dir, '南昌.xlsx')], '要读取的输入文件'],
    [
      'a symlink to a scanned workbook',
      (dir) => {
        const link = path.join(tempDir(), 'link.xlsx');
        fs.symlinkSync(path.join(dir, '南昌.xlsx'), link);
        return link;
      },
      (dir) => [dir],
      '本次汇总要读取的文件',
    ],
  ])('%s: exit 2, nothing written', async (_n, outOf, targetsOf, role) => {
    const dir = folder();
    const out = outOf(dir);
    const before = snapshot(dir);
    const { code, err } = await batchJson(...targetsOf(dir), '--out', out);
    expect(code).toBe(2);
    expect(err).toContain(`错误：--out “${out}”与${role}“`);
    expect(err).toContain('是同一个文件，不会写入：原文件保持不变。');
    expect(snapshot(dir)).toEqual(before);
  });

  test('a summary of an earlier run at --out, inside the scanned folder, is replaced and not scored', async () => {
    const dir = folder();
    const out = path.join(dir, '汇总.xlsx');
    expect((await cli('batch', dir, '--out', out)).code).toBe(0);
    const { code, summary } = await batchJson(dir, '--out', out);
    expect(code).toBe(0);
    expect(summary.skipped).toEqual([]);
    expect(summary.departments).toHaveLength(2);
    expect(summary.failed).toEqual([]);
  });

  test('a --profile inside the scanned folder is the profile, not a department; --out may not be it', async () => {
    const dir = folder();
    const profile = writeJson(dir, '指标体系.json', { grades: { 优: 95 } });
    const { code, summary } = await batchJson(dir, '--profile', profile, '--out', path.join(tempDir(), 's.xlsx'));
    expect(code).toBe(0);
    expect(summary.departments).toHaveLength(2);
    expect(summary.failed).toEqual([]);

    const other = tempDir();
    const oddProfile = writeJson(other, 'profile.xlsx', { grades: { 优: 95 } });
    const before = snapshot(other);
    const refused = await cli('batch', dir, '--profile', oddProfile, '--out', oddProfile);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`与指标体系文件（--profile）“${oddProfile}”是同一个文件，不会写入`);
    expect(snapshot(other)).toEqual(before);
  });

  test('a batch summary given to score is not a department: exit 1, saying what it is', async () => {
    const dir = folder();
    const out = path.join(tempDir(), '汇总.xlsx');
    expect((await cli('batch', dir, '--out', out)).code).toBe(0);
    const { code, out: json } = await cli('score', out, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(json).errors).toEqual([{ field: 'sheet', cell: null, message: '这是 batch 写出的汇总工作簿，不是部门的基础数据。请给出部门填好的工作簿。' }]);
  });

  test('the --profile file’s warnings are shown once, on stderr', async () => {
    const dir = folder();
    const profile = writeJson(tempDir(), 'p.json', { 备注: '某市口径' });
    const { code, err } = await cli('batch', dir, '--profile', profile, '--out', path.join(tempDir(), 's.xlsx'));
    expect(code).toBe(0);
    expect(err).toBe('提示：指标体系文件 备注：未知的键“备注”，已忽略\n');
  });

  test('--out must be an .xlsx name', async () => {
    const dir = folder();
    const { code, err } = await batchJson(dir, '--out', path.join(dir, '汇总.json'));
    expect(code).toBe(2);
    expect(err).toContain('的扩展名应为 .xlsx：汇总是普通 Excel 工作簿。');
  });
});
