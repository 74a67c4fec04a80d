import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { progressLine } from '../../src/cli/batch';
import { rankDepartments } from '../../src/layout/summary';
import type { EvaluationResult } from '../../src/engine/types';
import { run } from '../../src/cli/run';
import { cli, tempDir, writeJson } from '../support/cli';
import { seedWith } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');

/** A folder as a finance bureau would have it: workbooks and JSON, one bad, one broken, a lock file. */
function bureauFolder(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '二级单位'));
  fs.copyFileSync(path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'), path.join(dir, '南昌.xlsx'));
  writeJson(dir, '甲.json', seedWith({ dept_name: '甲单位', actual_project: 130, actual_total: 203.88, pm_goals_quantified: '是' }));
  writeJson(path.join(dir, '二级单位'), '乙.json', seedWith({ dept_name: '乙单位', satisfaction_pct: 0.5 }));
  writeJson(dir, '丙.json', seedWith({ dept_name: '丙单位', actual_project: '约30' }));
  fs.writeFileSync(path.join(dir, '坏.json'), '{not json');
  fs.writeFileSync(path.join(dir, '~$南昌.xlsx'), 'Excel lock file');
  fs.writeFileSync(path.join(dir, '说明.txt'), '不是数据');
  return dir;
}

describe('batch', () => {
  test('scores every file, ranks the departments, lists the failures, and writes the summary', async () => {
    const dir = bureauFolder();
    const out = path.join(dir, '汇总.xlsx');
    const { code, out: text } = await cli('batch', dir, '--out', out, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(text);
    expect(summary.departments.map((d: { rank: number; department: string; total: number; grade: string }) => [d.rank, d.department, d.total, d.grade])).toEqual([
      [1, '甲单位', 100, '优'],
      [2, '南昌市总工会职工服务中心', 88.65, '良'],
      [3, '乙单位', 86.43, '良'],
    ]);
    expect(summary.departments[1].flags).toEqual(['EXECUTION_LOW', 'PROJECT_EXECUTION_LOW', 'PAYMENT_BEHIND', 'GOALS_NOT_QUANTIFIED']);
    expect(summary.departments[1].scores.project_execution).toBe(1.65);
    expect(summary.grades).toEqual({ 优: 1, 良: 2, 中: 0, 差: 0 });
    expect(summary.failed.map((f: { file: string; reason: string }) => [path.basename(f.file), f.reason])).toEqual([
      ['丙.json', 'invalid'],
      ['坏.json', 'unreadable'],
    ]);
    expect(summary.failed[0].errors).toEqual([{ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为文字“约30”' }]);
    expect(summary.failed[1].errors).toEqual([{ field: 'file', cell: null, message: expect.stringMatching(/^JSON 格式有误（第1行第2列）/) }]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '未通过校验']);
    const sheet = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect([1, 2, 3, 4, 5].map((c) => sheet.getCell(3, c).value)).toEqual(['排名', '单位名称', '评价年度', '总分', '等级']);
    expect(sheet.getCell(3, 12).value).toBe('项目支出预算完成率（8）');
    expect([4, 5, 6].map((r) => [sheet.getCell(r, 1).value, sheet.getCell(r, 2).value, sheet.getCell(r, 4).value])).toEqual([
      [1, '甲单位', 100],
      [2, '南昌市总工会职工服务中心', 88.65],
      [3, '乙单位', 86.43],
    ]);
    expect(sheet.getCell(5, 12).value).toBe(1.65);
    expect(sheet.getCell(2, 1).value).toContain('优 1 个，良 2 个，中 0 个，差 0 个；另有 2 个文件未通过校验或无法读取，见工作表“未通过校验”。');
    const failed = wb.getWorksheet('未通过校验') as ExcelJS.Worksheet;
    expect([failed.getCell('B4').value, failed.getCell('D4').value]).toEqual(['actual_project', '决算支出·项目支出：应为数值，实为文字“约30”']);
    expect(failed.getCell('B5').value).toBe('（无法读取）');
  });

  test('a summary left by an earlier run in the same folder is skipped, not listed as a failure', async () => {
    const dir = bureauFolder();
    expect((await cli('batch', dir, '--out', path.join(dir, '上次汇总.xlsx'))).code).toBe(0);
    const { code, out } = await cli('batch', dir, '--out', path.join(dir, '本次汇总.xlsx'), '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary.skipped.map((f: string) => path.basename(f))).toEqual(['上次汇总.xlsx']);
    expect(summary.departments).toHaveLength(3);
    expect(summary.failed).toHaveLength(2);
  });

  test('a workbook that fails validation is listed with its cell', async () => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'));
    (wb.getWorksheet('基础数据表') as ExcelJS.Worksheet).getCell('C18').value = '约30';
    await wb.xlsx.writeFile(path.join(dir, 'bad.xlsx'));
    const { code, out } = await cli('batch', path.join(dir, 'bad.xlsx'), '--out', path.join(dir, 's.xlsx'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).failed[0].errors[0]).toMatchObject({ field: 'actual_project', cell: '基础数据表!C18' });
  });

  test('the terminal report, with a progress line per file ending at n/n', async () => {
    const dir = bureauFolder();
    let text = '';
    const progress: string[] = [];
    const code = await run(['batch', dir, '--out', path.join(dir, '汇总.xlsx')], {
      out: (t) => (text += t + '\n'),
      err: (t) => (text += t + '\n'),
      progress: (line) => progress.push(line),
    });
    expect(code).toBe(0);
    expect(text).toContain('共 5 个文件：评分 3 个，未通过校验 1 个，无法读取 1 个。');
    expect(text).toMatch(/ 1\. 100\.00 优 {2}甲单位（2018）/);
    expect(text).toContain('等级分布：优 1，良 2，中 0，差 0');
    expect(text).toContain(`未通过校验（未参加排名）：${path.join(dir, '丙.json')}\n  - actual_project：决算支出·项目支出：应为数值，实为文字“约30”\n`);
    expect(text).toContain(`无法读取（未参加排名）：${path.join(dir, '坏.json')}\n  - JSON 格式有误（第1行第2列）`);
    expect(progress).toHaveLength(6);
    expect(progress[5]).toBe(progressLine(5, 5, ''));
    expect(progress[5]).toMatch(/^\[█{24}\] 5\/5 $/);
  });

  test.each([
    [['batch', '--out', 'x.xlsx'], 'batch 需要至少一个文件或文件夹'],
    [['batch', 'somewhere'], 'batch 需要 --out 汇总.xlsx'],
  ])('%p is a usage error', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('an empty folder is a usage error and writes nothing', async () => {
    const dir = tempDir();
    const { code, err } = await cli('batch', dir, '--out', path.join(dir, 's.xlsx'));
    expect(code).toBe(2);
    expect(err).toContain('错误：没有找到 .xlsx、.xlsm 或 .json 文件');
    expect(fs.existsSync(path.join(dir, 's.xlsx'))).toBe(false);
  });

  test('with an execution-rate cap: ranked by the capped total, the total before it beside (封顶前总分)', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'in'));
    // 丁: 87.49 at an execution rate of 83.05%, under no cap; 南昌: 88.65 at 47.93%, capped at 59.
    writeJson(path.join(dir, 'in'), '丁.json', seedWith({ dept_name: '丁单位', actual_project: 100, actual_total: 173.88, satisfaction_pct: 0.5, key_tasks_done: 3, comp_purpose: '否', pm_mechanism: '否' }));
    writeJson(path.join(dir, 'in'), '南昌.json', seedWith({}));
    const profile = writeJson(dir, 'p.json', { executionCap: [{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }, { below: 0.7, max: 79 }, { below: 0.8, max: 89 }] });
    const out = path.join(dir, '汇总.xlsx');

    const json = await cli('batch', path.join(dir, 'in'), '--profile', profile, '--out', out, '--json');
    expect(json.code).toBe(0);
    const departments = JSON.parse(json.out).departments;
    expect(departments.map((d: { rank: number; department: string; total: number; grade: string }) => [d.rank, d.department, d.total, d.grade])).toEqual([
      [1, '丁单位', 87.49, '良'],
      [2, '南昌市总工会职工服务中心', 59, '差'],
    ]);
    expect('uncapped_total' in departments[0]).toBe(false);
    expect(Object.keys(departments[1]).slice(4, 7)).toEqual(['total', 'uncapped_total', 'grade']);
    expect(departments[1].uncapped_total).toBe(88.65);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.getCell(3, c).value)).toEqual(['排名', '单位名称', '评价年度', '总分', '封顶前总分', '等级']);
    expect(sheet.getCell(3, 13).value).toBe('项目支出预算完成率（8）');
    expect([4, 5].map((r) => [2, 4, 5, 6].map((c) => sheet.getCell(r, c).value))).toEqual([
      ['丁单位', 87.49, null, '良'],
      ['南昌市总工会职工服务中心', 59, 88.65, '差'],
    ]);
    expect(sheet.getCell(5, 5).numFmt).toBe('0.00');
    expect(sheet.getCell(2, 1).value).toContain('；有 1 个部门的总分按预算执行率封顶规则降低，“总分”为封顶后的总分，封顶前的见“封顶前总分”列。');

    const text = await cli('batch', path.join(dir, 'in'), '--profile', profile, '--out', out);
    expect(text.code).toBe(0);
    expect(text.out).toContain('    1.  87.49 良  丁单位（2018）');
    expect(text.out).toContain('    2.  59.00（封顶前 88.65） 差  南昌市总工会职工服务中心（2018）');
    expect(text.out).toContain('注意：有 1 个部门的总分按预算执行率封顶规则降低，按封顶后的总分排名；封顶前总分见汇总表“封顶前总分”列。');
  });

  test('without a cap that bites the summary has no 封顶前总分 column and the JSON no uncapped_total', async () => {
    const dir = tempDir();
    const out = path.join(dir, '汇总.xlsx');
    const { code, out: text } = await cli('batch', writeJson(dir, '南昌.json', seedWith({})), '--out', out, '--json');
    expect(code).toBe(0);
    expect('uncapped_total' in JSON.parse(text).departments[0]).toBe(false);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect([4, 5, 6].map((c) => sheet.getCell(3, c).value)).toEqual(['总分', '等级', '年初项目绩效目标编报（4）']);
    expect(sheet.getCell(2, 1).value).not.toContain('封顶');
  });

  test('equal totals share a rank: 1, 2, 2, 4', () => {
    const r = (total: number) => ({ file: String(total), result: { total } as EvaluationResult });
    expect(rankDepartments([r(80), r(95), r(80), r(70)]).map((d) => [d.file, d.rank])).toEqual([
      ['95', 1],
      ['80', 2],
      ['80', 2],
      ['70', 4],
    ]);
  });
});
