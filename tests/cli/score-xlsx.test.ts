import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import type { RawValue } from '../../src/engine/types';
import { cli, definedNames, loadWorkbook as load, namesApi, tempDir } from '../support/cli';
import { EXPECTED, SEED } from '../support/seed';
import { REPORT_NOTE } from '../../src/layout/reportSheet';
import { fillOf, reportSheetColumnA } from './reportFiles';

const ROOT = path.resolve(__dirname, '../..');

/** Writes the blank template with `template`, then fills it the way an officer would (by cell). */
async function filledTemplate(values: Record<string, RawValue>, edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const dir = tempDir();
  const blank = path.join(dir, '模板.xlsx');
  expect((await cli('template', '--out', blank)).code).toBe(0);
  const wb = await load(blank);
  const names = definedNames(wb);
  const ws = wb.getWorksheet('基础数据表') as ExcelJS.Worksheet;
  for (const [id, v] of Object.entries(values)) {
    const where = names.get(id);
    if (!where) throw new Error(`no name ${id}`);
    ws.getCell(where.row, where.col).value = v as ExcelJS.CellValue;
  }
  edit?.(wb);
  const filled = path.join(dir, '填好.xlsx');
  await wb.xlsx.writeFile(filled);
  return filled;
}

const scoresOf = (json: string) =>
  Object.fromEntries(JSON.parse(json).indicators.map((i: { id: string; score: number }) => [i.id, i.score]));

describe('template → filled → score on .xlsx', () => {
  test('the blank template has a defined name per input cell, 是/否 lists, formats and 指标体系', async () => {
    const dir = tempDir();
    const file = path.join(dir, 't.xlsx');
    await cli('template', '--out', file);
    const wb = await load(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系']);
    const names = definedNames(wb);
    expect(names.get('actual_project')).toMatchObject({ sheetName: '基础数据表', row: 18, col: 3 });
    expect(names.get('dept_name')).toMatchObject({ row: 5, col: 3 });
    const ws = wb.getWorksheet('基础数据表') as ExcelJS.Worksheet;
    expect(ws.getCell('A18').value).toBe('决算支出·项目支出');
    expect(ws.getCell('C18').numFmt).toBe('0.00');
    const sat = names.get('satisfaction_pct') as { row: number; col: number };
    expect(ws.getCell(sat.row, sat.col).numFmt).toBe('0.00%');
    const yes = names.get('pm_goals_quantified') as { row: number; col: number };
    expect(ws.getCell(yes.row, yes.col).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect((ws.getCell('C18').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    const profile = wb.getWorksheet('指标体系') as ExcelJS.Worksheet;
    expect(profile.getCell('B4').value).toBe('goals_initial');
    expect(profile.getCell('F4').value).toBe(4);
  });

  test('the seed filled into the template scores as the report, and the copy gets the three output sheets', async () => {
    const filled = await filledTemplate(SEED);
    const outFile = path.join(path.dirname(filled), '结果.xlsx');
    const { code, out } = await cli('score', filled, '--json', '--out', outFile);
    expect(code).toBe(0);
    expect(scoresOf(out)).toEqual(EXPECTED.scores);
    expect(JSON.parse(out).total).toBe(88.65);

    const wb = await load(outFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系', '评分表', '问题清单', '报告草稿']);
    const scores = wb.getWorksheet('评分表') as ExcelJS.Worksheet;
    expect(scores.getCell('A1').value).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评评分表');
    expect([scores.getCell('A3').value, scores.getCell('F3').value, scores.getCell('G3').value]).toEqual(['一级指标', '得分', '扣分原因']);
    expect(scores.getCell('C10').value).toBe('项目支出预算完成率');
    expect(scores.getCell('F10').value).toBe(1.65);
    expect(scores.getCell('E10').numFmt).toBe('0.00%');
    expect(scores.getCell('G10').value).toBe('完成率19.54%，低于95%，得分=8×19.54%÷95%=1.65');
    expect([scores.getCell('A22').value, scores.getCell('F22').value]).toEqual(['总分', 88.65]);
    expect([scores.getCell('A23').value, scores.getCell('D23').value]).toEqual(['评价等级', '良']);
    expect(scores.getCell('A4').isMerged).toBe(true);
    // The indicators the four problems point at are highlighted; the others are not.
    const highlighted = Array.from({ length: 18 }, (_, i) => 4 + i)
      .filter((r) => (scores.getCell(r, 3).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFCE4D6')
      .map((r) => scores.getCell(r, 3).value);
    expect(highlighted).toEqual(['年初项目绩效目标编报', '年中追加项目绩效目标编报', '基本支出预算完成率', '项目支出预算完成率', '支付进度率', '财政预算绩效管理']);
    expect(scores.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(scores.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 1 });
    const issues = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    expect([4, 5, 6, 7].map((r) => issues.getCell(r, 6).value)).toEqual(EXPECTED.flags);
    expect(issues.getCell('C4').value).toBe('高');
    // 基础数据表 untouched
    const data = wb.getWorksheet('基础数据表') as ExcelJS.Worksheet;
    expect(data.getCell('C18').value).toBe(26.48);

    // 报告草稿: the note, the title, then a paragraph a row; what only the officer knows is yellow.
    const report = wb.getWorksheet('报告草稿') as ExcelJS.Worksheet;
    expect(reportSheetColumnA(wb, 9)).toEqual([
      REPORT_NOTE,
      '南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告',
      '前言',
      '　　为加强预算绩效管理，提高财政资金使用效益，根据【请填写：评价依据文件】的要求，南昌市总工会职工服务中心对2018年度部门整体支出开展了绩效自评。现将自评情况报告如下：',
      '一、部门概述和基本情况',
      '（一）主要职能和内设机构',
      '　　【请填写：部门职能、内设机构】',
      '（二）人员情况',
      '　　南昌市总工会职工服务中心编制数22人，2018年末实有在职人员11人，空编11人。',
    ]);
    expect([4, 7, 9].map((r) => fillOf(report.getCell(r, 1)))).toEqual(['FFFFFF00', 'FFFFFF00', undefined]);
    expect([2, 3, 9].map((r) => report.getCell(r, 1).font?.bold)).toEqual([true, true, undefined]);
    expect(report.getCell('A4').isMerged).toBe(true);
    expect(report.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9 });
    expect(definedNames(wb).get('_jxpj_report')).toMatchObject({ sheetName: '报告草稿' });
  });

  test('fields are found by their column-A labels when the defined names are gone', async () => {
    const filled = await filledTemplate(SEED, (wb) => {
      const names = definedNames(wb);
      for (const id of Object.keys(SEED)) {
        const where = names.get(id);
        if (where) namesApi(wb).removeEx(where, id);
      }
    });
    expect(definedNames(await load(filled)).has('actual_project')).toBe(false);
    const { code, out } = await cli('score', filled, '--json');
    expect(code).toBe(0);
    expect(scoresOf(out)).toEqual(EXPECTED.scores);
  });

  test('an edited 指标体系 sheet is what scores the workbook', async () => {
    const filled = await filledTemplate(SEED, (wb) => {
      const p = wb.getWorksheet('指标体系') as ExcelJS.Worksheet;
      p.getCell('I10').value = 0.9; // project_execution lower bound 95% → 90%
    });
    const { code, out } = await cli('score', filled, '--json');
    expect(code).toBe(0);
    expect(scoresOf(out).project_execution).toBe(1.74);
  });

  test('a bad cell on 指标体系 is an error naming that cell', async () => {
    const filled = await filledTemplate(SEED, (wb) => {
      (wb.getWorksheet('指标体系') as ExcelJS.Worksheet).getCell('F10').value = '八';
    });
    const { code, out } = await cli('score', filled, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out).errors).toEqual([
      { field: 'profile.project_execution', cell: '指标体系!F10', message: '指标体系“项目支出预算完成率·权重”：应为数值，实为文字“八”' },
    ]);
  });
});

describe('bad input in a workbook: exit 1, the field and its cell, nothing written', () => {
  test.each<[string, Record<string, RawValue>, string, string, string]>([
    ['text in a number cell', { actual_project: '约30' }, 'actual_project', '基础数据表!C18', '应为数值，实为文字“约30”'],
    ['blank required cell', { actual_project: null }, 'actual_project', '基础数据表!C18', '必填项未填写'],
    ['negative', { actual_project: -26.48 }, 'actual_project', '基础数据表!C18', '不能为负数'],
    ['#DIV/0!', { actual_project: { error: '#DIV/0!' } as RawValue }, 'actual_project', '基础数据表!C18', '#DIV/0!'],
    ['percent text in an amount', { actual_project: '47.93%' }, 'actual_project', '基础数据表!C18', '不应带百分号'],
    ['basic + project ≠ total', { actual_total: 100.4 }, 'actual_total', '基础数据表!C19', '不一致'],
  ])('%s', async (_n, changes, field, cell, message) => {
    const filled = await filledTemplate({ ...SEED, ...changes });
    const before = fs.readFileSync(filled);
    const outFile = path.join(path.dirname(filled), '结果.xlsx');
    const { code, out } = await cli('score', filled, '--json', '--out', outFile);
    expect(code).toBe(1);
    const { errors } = JSON.parse(out);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field, cell });
    expect(errors[0].message).toContain(message);
    expect(fs.existsSync(outFile)).toBe(false);
    expect(fs.readFileSync(filled).equals(before)).toBe(true);
  });

  test('accepted spellings in cells (1,234.5 style, full-width, 47.93% text) score normally', async () => {
    const filled = await filledTemplate({ ...SEED, actual_basic: '７３．８８', budget_adjusted_project: '135.50', satisfaction_pct: '95%' });
    const { code, out } = await cli('score', filled, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).total).toBe(88.65);
  });
});

describe('writing never harms what the officer made', () => {
  test('rerunning on a scored copy replaces our sheets and keeps the user’s own sheet', async () => {
    const filled = await filledTemplate(SEED, (wb) => {
      const mine = wb.addWorksheet('我的草稿');
      mine.getCell('A1').value = '请勿删除';
    });
    const dir = path.dirname(filled);
    await cli('score', filled, '--out', path.join(dir, 'a.xlsx'));
    const second = await cli('score', path.join(dir, 'a.xlsx'), '--out', path.join(dir, 'b.xlsx'));
    expect(second.code).toBe(0);
    const wb = await load(path.join(dir, 'b.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系', '我的草稿', '评分表', '问题清单', '报告草稿']);
    expect((wb.getWorksheet('我的草稿') as ExcelJS.Worksheet).getCell('A1').value).toBe('请勿删除');
    expect((wb.getWorksheet('评分表') as ExcelJS.Worksheet).getCell('F22').value).toBe(88.65);
  });

  test.each(['评分表', '报告草稿'])('a sheet of the user’s named %s stops the write with exit 2 and no file', async (name) => {
    const filled = await filledTemplate(SEED, (wb) => {
      wb.addWorksheet(name).getCell('A1').value = '我自己写的';
    });
    const outFile = path.join(path.dirname(filled), '结果.xlsx');
    const { code, err } = await cli('score', filled, '--out', outFile);
    expect(code).toBe(2);
    expect(err).toContain(`工作簿中已有名为“${name}”的工作表，且不是本工具生成的`);
    expect(fs.existsSync(outFile)).toBe(false);
  });

  test('text that starts with = + - @ is written as text, never as a formula', async () => {
    const filled = await filledTemplate({ ...SEED, dept_name: '=HYPERLINK("http://x","点我")' });
    const outFile = path.join(path.dirname(filled), '结果.xlsx');
    expect((await cli('score', filled, '--out', outFile)).code).toBe(0);
    const wb = await load(outFile);
    const title = (wb.getWorksheet('评分表') as ExcelJS.Worksheet).getCell('A1');
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe('=HYPERLINK("http://x","点我")2018年度部门整体支出绩效自评评分表');
    const reportTitle = (wb.getWorksheet('报告草稿') as ExcelJS.Worksheet).getCell('A2');
    expect([reportTitle.type, reportTitle.value]).toEqual([ExcelJS.ValueType.String, '=HYPERLINK("http://x","点我")2018年度部门整体支出绩效自评报告']);
  });
});

describe('the bundled demo workbook', () => {
  test('holds exactly the seed figures and scores 88.65 / 良', async () => {
    const file = path.join(ROOT, 'assets/samples/nanchang-2018.xlsx');
    const { code, out } = await cli('score', file, '--json');
    expect(code).toBe(0);
    expect(scoresOf(out)).toEqual(EXPECTED.scores);
    const wb = await load(file);
    const names = definedNames(wb);
    const ws = wb.getWorksheet('基础数据表') as ExcelJS.Worksheet;
    for (const [id, v] of Object.entries(SEED)) {
      const where = names.get(id) as { row: number; col: number };
      expect([id, ws.getCell(where.row, where.col).value]).toEqual([id, v]);
    }
  });
});
