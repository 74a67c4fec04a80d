/**
 * Issue 9 in the Office.js adapter: 计算评分 writes 报告草稿 beside 评分表 and 问题清单 (rewritten in
 * place, never over the officer's edits without asking), 评分表 shows a capped total and last year's
 * execution rate, and 导出报告 builds the Word file — all on the strict stand-in, with every read
 * held to MAX_READ_CELLS.
 */
import JSZip from 'jszip';
import { DEFAULT_PROFILE, scoreDepartment, type EvaluationResult, type RawValue } from '../../src/engine';
import { reportFileName } from '../../src/excel/service';
import { capLine, scoreSheetPlan } from '../../src/layout/output';
import { MARKERS, SHEET_DATA, SHEET_ISSUES, SHEET_PROFILE, SHEET_REPORT, SHEET_SCORES } from '../../src/layout/plan';
import { PROVENANCE_PREFIX } from '../../src/layout/provenance';
import { DATA_ROWS } from '../../src/layout/template';
import { FOREIGN_SHEET, SEED_VALUES, seededWorkbook, type FakeSheet, type FakeWorkbook } from '../support/fakeExcel';
import { rowWith, serviceOver, wholeState } from './harness';

const inputCell = (id: string) => `C${DATA_ROWS.fields[id]}`;
const sheetOf = (book: FakeWorkbook, name: string) => book.sheet(name) as FakeSheet;
const TITLE = '南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告';

// serviceOver (harness.ts) holds every scenario here to the read limit.
const over = serviceOver;

/** The row of 报告草稿 that holds the provenance line. */
function provenanceRow(sheet: FakeSheet): number {
  const used = sheet.usedArea(true)?.bottom ?? 0;
  for (let row = 1; row <= used; row++) if (String(sheet.valueAt(row, 1)).startsWith(PROVENANCE_PREFIX)) return row;
  throw new Error('no provenance line');
}

/** 指标体系's cap row `n`: 总分最高 in F, 执行率低于 in I (layout/profileSheet.ts). */
function setCap(book: FakeWorkbook, n: number, max: number, below: number): void {
  const row = rowWith(sheetOf(book, SHEET_PROFILE), 'B', `cap.${n}`);
  book.edit(SHEET_PROFILE, `F${row}`, max);
  book.edit(SHEET_PROFILE, `I${row}`, below);
}

describe('计算评分 writes 报告草稿 with 评分表 and 问题清单', () => {
  test('three sheets, ours by marker, in 5 syncs; 报告草稿 a paragraph a row, A4 portrait, ending with its provenance', async () => {
    const { book, service } = over();
    const outcome = await service.score();

    expect(outcome.kind === 'scored' && [outcome.result.total, outcome.result.grade, outcome.notes]).toEqual([88.65, '良', undefined]);
    expect(book.syncs).toBe(5);
    expect(book.sheetNames()).toEqual([FOREIGN_SHEET, SHEET_DATA, SHEET_PROFILE, SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT]);
    expect(book.nameFormula(MARKERS[SHEET_REPORT])).toBe('=报告草稿!$A$1');
    expect(book.activeSheet?.name).toBe(SHEET_SCORES);

    const report = sheetOf(book, SHEET_REPORT);
    expect(report.value('A2')).toBe(TITLE);
    expect(report.value('A3')).toBe('前言');
    expect(report.value('A1')).toMatch(/^说明：本表由“绩效自评助手”根据“基础数据表”自动生成/);
    expect(report.cell('A7')).toMatchObject({ value: '\u3000\u3000【请填写：部门职能、内设机构】', fill: '#FFFF00', numberFormat: '@' });
    expect(report.cell('A5')?.font).toMatchObject({ bold: true, size: 12 });
    expect(report.merges).toContainEqual({ top: 2, left: 1, bottom: 2, right: 5 });
    // 表1: the total row of the score table inside the draft.
    expect(['A37', 'D37', 'E37'].map((a) => report.value(a))).toEqual(['总分', 100, 88.65]);
    expect(provenanceRow(report)).toBe(75);
    expect(report.usedArea(true)).toEqual({ top: 1, left: 1, bottom: 75, right: 5 });
    expect(report.pageLayout).toMatchObject({ paperSize: 'A4', orientation: 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 75 } });
    expect([report.tabColor, report.frozenRows]).toEqual(['#70AD47', 0]);
    expect([...report.rowHeights.values()].every((h) => h <= 409)).toBe(true);
  });

  test('rescoring rewrites 报告草稿 in place: same sheet, same content, again 5 syncs; new narrative replaces its placeholder', async () => {
    const { book, service } = over();
    await service.score();
    const id = sheetOf(book, SHEET_REPORT).id;
    const first = book.sheetState(SHEET_REPORT);
    book.resetCounters();

    expect((await service.score()).kind).toBe('scored');
    expect(book.syncs).toBe(5);
    expect(sheetOf(book, SHEET_REPORT).id).toBe(id);
    // The same sheet, but for the rows of the cleared area no plan sizes, set back to the standard height.
    const unsizedDropped = (state: unknown) => {
      const s = state as { rowHeights: [number, number][] };
      return { ...s, rowHeights: s.rowHeights.filter(([, h]) => h !== 14.25) };
    };
    expect(unsizedDropped(book.sheetState(SHEET_REPORT))).toEqual(first);

    book.edit(SHEET_DATA, inputCell('dept_structure'), '内设办公室、服务部2个科室');
    book.edit(SHEET_DATA, inputCell('dept_functions'), '为全市职工提供法律援助、困难帮扶和就业服务。');
    expect((await service.score()).kind).toBe('scored');
    const report = sheetOf(book, SHEET_REPORT);
    expect(report.id).toBe(id);
    expect(report.value('A7')).toBe('\u3000\u3000为全市职工提供法律援助、困难帮扶和就业服务。');
    expect(report.cell('A7')?.fill).toBeUndefined();
    expect(book.sheetNames().filter((n) => n === SHEET_REPORT)).toHaveLength(1);
  });

  test('a draft longer than the first read area is read further (one more sync, 10,000 cells at most) and a shorter one clears it all', async () => {
    const notes = Array.from({ length: 700 }, (_, i) => `第${i + 1}条说明。`).join('\n');
    const book = seededWorkbook({ ...SEED_VALUES, other_notes: notes });
    const { service } = over(book);
    await service.score();
    const report = sheetOf(book, SHEET_REPORT);
    const long = provenanceRow(report);
    expect(long).toBe(774);
    book.resetCounters();

    // Unchanged: recognised as ours, all of it, so no question.
    expect((await service.score()).kind).toBe('scored');
    expect(book.syncs).toBe(6);
    expect(book.cellsReadPerSync.slice(0, 2)).toEqual([10_000, 10_000]);

    book.edit(SHEET_DATA, inputCell('other_notes'), '无');
    expect((await service.score()).kind).toBe('scored');
    expect(report.value('A70')).toBe('\u3000\u3000无');
    expect(report.usedArea(true)?.bottom).toBe(provenanceRow(report));
    expect(provenanceRow(report)).toBe(75);
  });

  test('a hidden 报告草稿 is rewritten and stays hidden, with a note', async () => {
    const { book, service } = over();
    await service.score();
    sheetOf(book, SHEET_REPORT).visibility = 'Hidden';
    const outcome = await service.score();
    expect(outcome.kind === 'scored' && outcome.notes).toEqual(['“报告草稿”是隐藏的工作表，已写入但保持隐藏。如需查看，请右键单击任一工作表标签，选择“取消隐藏”。']);
    expect(sheetOf(book, SHEET_REPORT).visibility).toBe('Hidden');
  });

  test('a sheet of the officer’s named 报告草稿 stops everything: nothing written', async () => {
    const book = seededWorkbook();
    book.setCell(SHEET_REPORT, 'A1', '我自己写的报告');
    const { service } = over(book);
    const before = wholeState(book);
    expect(await service.score()).toMatchObject({ kind: 'failed', message: expect.stringContaining('已有名为“报告草稿”的工作表') });
    expect(wholeState(book)).toEqual(before);
  });
});

describe('评分表: the execution-rate cap and last year', () => {
  test('a cap on 指标体系 that bites: F22 is 59, D23 差, and a line says why with both totals', async () => {
    const book = seededWorkbook();
    setCap(book, 1, 59, 0.5);
    setCap(book, 2, 69, 0.6);
    const { service } = over(book);

    const outcome = await service.score();
    expect(outcome.kind === 'scored' && [outcome.result.total, outcome.result.grade, outcome.result.cap]).toEqual([
      59,
      '差',
      { rate: 100.36 / 209.38, max: 59, uncapped_total: 88.65 },
    ]);
    const scores = sheetOf(book, SHEET_SCORES);
    expect([scores.value('A22'), scores.value('F22'), scores.text('F22'), scores.value('D23')]).toEqual(['总分', 59, '59.00', '差']);
    expect(book.nameFormula('总分')).toBe('=评分表!$F$22');
    expect(scores.value('A2')).toMatch(/^总分 59\.00 分（各项得分合计 88\.65 分，按预算执行率封顶），评价等级“差”。/);
    // The threshold (低于50%) is named when the workflow hands the profile's cap rows to the layout.
    expect(scores.value('A24')).toMatch(/^封顶说明：各项得分合计88\.65分；预算完成率47\.93%(低于50%)?，按指标体系封顶为59分。$/);
    expect(scores.merges).toContainEqual({ top: 24, left: 1, bottom: 24, right: 8 });
    expect(scores.value('A26')).toBe('关键数据');
  });

  test('a cap that does not bite changes nothing on 评分表', async () => {
    const book = seededWorkbook();
    setCap(book, 1, 90, 0.4);
    const { service } = over(book);
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    expect([scores.value('F22'), scores.value('A24'), scores.value('A25')]).toEqual([88.65, '', '关键数据']);
  });

  test('last year’s totals given: 上年预算完成率 100.00% and the change, −52.07 points, among the key figures', async () => {
    const { book, service } = over();
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    const rows = [26, 27, 28, 29, 30].map((r) => [scores.value(`A${r}`), scores.text(`D${r}`)]);
    expect(rows).toEqual([
      ['预算完成率（总）', '47.93%'],
      ['预算调整率', '0.00%'],
      ['空编人数', '11'],
      ['上年预算完成率', '100.00%'],
      ['预算完成率比上年变动（百分点）', '-52.07'],
    ]);
    expect(scores.value('G29')).toBe('上年决算支出合计÷上年调整后预算合计');
  });

  test.each([
    ['blank', { prev_budget_adjusted_total: null, prev_actual_total: null }],
    ['only the budget', { prev_actual_total: null }],
    ['a budget of 0', { prev_budget_adjusted_total: 0 }],
  ])('last year’s totals %s: no such key figures', async (_what, changes) => {
    const { book, service } = over(seededWorkbook({ ...SEED_VALUES, ...changes }));
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    expect([scores.value('A28'), scores.value('A29'), scores.value('A30')]).toEqual(['空编人数', '', expect.stringMatching(/^生成记录：/)]);
  });
});

describe('the layout of 评分表 (shared with the .xlsx writer)', () => {
  const seed = (values: Record<string, RawValue> = SEED_VALUES as Record<string, RawValue>, profile = DEFAULT_PROFILE): EvaluationResult => {
    const outcome = scoreDepartment({ values }, profile);
    if (!outcome.ok) throw new Error('does not validate');
    return outcome.result;
  };
  const cap = [
    { below: 0.5, max: 59 },
    { below: 0.6, max: 69 },
  ];

  test('with the profile’s cap rows the line names the row that bit', () => {
    const result = seed(undefined, { ...DEFAULT_PROFILE, executionCap: cap });
    const plan = scoreSheetPlan(result, DEFAULT_PROFILE.grades, cap);
    expect(plan.cells.find((c) => c.row === 24 && c.col === 1)?.value).toBe('封顶说明：各项得分合计88.65分；预算完成率47.93%低于50%，按指标体系封顶为59分。');
    expect(plan.names).toEqual([
      { name: '总分', row: 22, col: 6 },
      { name: '评价等级', row: 23, col: 4 },
    ]);
  });

  test.each([
    [{ rate: 0.4793, max: 59, uncapped_total: 88.65 }, cap, '各项得分合计88.65分；预算完成率47.93%低于50%，按指标体系封顶为59分。'],
    [{ rate: 0.55, max: 69, uncapped_total: 75 }, cap, '各项得分合计75.00分；预算完成率55.00%低于60%，按指标体系封顶为69分。'],
    [{ rate: 0.55, max: 69.5, uncapped_total: 75 }, [], '各项得分合计75.00分；预算完成率55.00%，按指标体系封顶为69.5分。'],
  ])('capLine(%o)', (c, rows, line) => {
    expect(capLine(c, rows)).toBe(line);
  });

  test('the key figures follow last year’s rate only when there is one: prev_execution_rate in the engine’s metrics', () => {
    expect(seed().metrics.prev_execution_rate).toBe(1);
    expect(seed({ ...(SEED_VALUES as Record<string, RawValue>), prev_actual_total: 100 }).metrics.prev_execution_rate).toBe(100 / 216.81);
    expect(seed({ ...(SEED_VALUES as Record<string, RawValue>), prev_actual_total: null }).metrics.prev_execution_rate).toBeNull();
  });
});

describe('导出报告', () => {
  test('a .docx Blob of the draft, named after the unit and year, in 1 sync, writing nothing', async () => {
    const { book, service } = over();
    const before = wholeState(book);

    const file = await service.reportFile();
    expect(book.syncs).toBe(1);
    expect(wholeState(book)).toEqual(before);
    if (file.kind !== 'file') throw new Error(`expected a file, got ${file.kind}`);
    expect(file.fileName).toBe(`${TITLE}.docx`);
    expect(file.blob).toBeInstanceOf(Blob);
    const zip = await JSZip.loadAsync(await file.blob.arrayBuffer());
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('88.65');
    expect(xml).toContain('南昌市总工会职工服务中心');
  });

  test('invalid inputs: every error with its cell, no file', async () => {
    const { service } = over(seededWorkbook({ ...SEED_VALUES, actual_project: '约30' }));
    expect(await service.reportFile()).toEqual({
      kind: 'invalid',
      errors: [{ field: 'actual_project', cell: '基础数据表!C18', message: '决算支出·项目支出：应为数值，实为文字“约30”' }],
      warnings: [],
    });
  });

  test('no template: the missing sheet, in Chinese', async () => {
    const { service } = over(seededWorkbook(undefined, { template: false }));
    expect(await service.reportFile()).toMatchObject({ kind: 'invalid', errors: [{ field: 'sheet', cell: null }] });
  });

  test('below ExcelApi 1.4: failed, in Chinese, no sync', async () => {
    const book = seededWorkbook();
    book.apiVersion = 3;
    const { service } = over(book);
    expect(await service.reportFile()).toMatchObject({ kind: 'failed', message: expect.stringContaining('ExcelApi 1.4') });
    expect(book.syncs).toBe(0);
  });

  test.each([
    ['南昌市总工会职工服务中心', 2018, '南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告.docx'],
    ['南昌/市:总*工会?<服务>"中心"|\\', 2019, '南昌市总工会服务中心2019年度部门整体支出绩效自评报告.docx'],
    ['  ..某局\t\n', 2020, '某局2020年度部门整体支出绩效自评报告.docx'],
    ['///', 2021, '部门2021年度部门整体支出绩效自评报告.docx'],
    ['局'.repeat(200), 2022, `${'局'.repeat(80)}2022年度部门整体支出绩效自评报告.docx`],
  ])('the file name of %j %i is %s', (unit, year, name) => {
    expect(reportFileName(unit, year)).toBe(name);
  });
});
