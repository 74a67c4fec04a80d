/** 校验 and 计算评分 through the Office.js adapter, on the seed case (南昌市总工会职工服务中心 2018). */
import expected from '../fixtures/nanchang-2018.expected.json';
import { sheetConflictMessage } from '../../src/layout/ownership';
import { MARKERS, SHEET_DATA, SHEET_ISSUES, SHEET_REPORT, SHEET_SCORES } from '../../src/layout/plan';
import { FOREIGN_SHEET, SEED_VALUES, seededWorkbook } from '../support/fakeExcel';
import { mostCellsRead, rowWith, serviceOver, wholeState } from './harness';

describe('计算评分 on the seed case', () => {
  test('writes 评分表 with every score, the total 88.65 and the grade 良, in exactly 5 syncs', async () => {
    const { book, service } = serviceOver();
    const outcome = await service.score();

    expect(outcome.kind).toBe('scored');
    if (outcome.kind !== 'scored') return;
    expect(outcome.result.total).toBe(88.65);
    expect(outcome.result.grade).toBe('良');
    // Read 1, content 1, look 1, panes 1, print 1; no read asks for more than 10,000 cells.
    expect(book.syncs).toBe(5);
    expect(book.runs).toBe(1);
    expect(mostCellsRead(book)).toBeLessThanOrEqual(10_000);

    const scores = book.sheet(SHEET_SCORES);
    const scoreOf = (name: string) => scores?.value(`F${rowWith(scores, 'C', name)}`);
    expect(scoreOf('项目支出预算完成率')).toBe(1.65);
    expect(scoreOf('支付进度率')).toBe(2);
    const byIndicator = Object.fromEntries(outcome.result.indicators.map((i) => [i.id, scoreOf(i.name)]));
    expect(byIndicator).toEqual(expected.scores);

    expect(scores?.value('A1')).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评评分表');
    expect(scores?.value('A22')).toBe('总分');
    expect(scores?.value('F22')).toBe(88.65);
    expect(scores?.value('D23')).toBe('良');
    expect(scores?.cell('F22')?.numberFormat).toBe('0.00');
    expect(book.activeSheet?.name).toBe(SHEET_SCORES);
  });

  test('writes 问题清单 with the four problems in order, each with its severity', async () => {
    const { book, service } = serviceOver();
    await service.score();

    const issues = book.sheet(SHEET_ISSUES);
    expect(['F4', 'F5', 'F6', 'F7', 'F8'].map((a) => issues?.value(a))).toEqual([...expected.flags, '']);
    expect(['A4', 'A5', 'A6', 'A7'].map((a) => issues?.value(a))).toEqual([1, 2, 3, 4]);
    expect(['C4', 'C5', 'C6', 'C7'].map((a) => issues?.value(a))).toEqual(['高', '高', '中', '中']);
    expect(issues?.cell('C4')).toMatchObject({ fill: '#FFC7CE', font: { color: '#9C0006', bold: true } });
    expect(issues?.value('A2')).toBe('共发现 4 个问题（高 2、中 2、低 0）。整改建议供参考，请结合本单位实际完善。');
  });

  test('draws the plans’ look: lost scores in red, merges, frozen header, tab colour, widths, A4 landscape', async () => {
    const { book, service } = serviceOver();
    await service.score();

    const scores = book.sheet(SHEET_SCORES);
    const lost = scores?.cell(`F${rowWith(scores, 'C', '项目支出预算完成率')}`);
    expect(lost).toMatchObject({ fill: '#FCE4D6', font: { color: '#C00000', bold: true, name: '宋体', size: 11 }, horizontalAlignment: 'Center' });
    expect(lost?.borders).toEqual(Object.fromEntries(['top', 'bottom', 'left', 'right'].map((s) => [s, { style: 'Continuous', weight: 'Thin', color: '#808080' }])));
    const full = scores?.cell(`F${rowWith(scores, 'C', '基本支出预算完成率')}`);
    expect(full?.fill).toBeUndefined();
    expect(scores?.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 8 });
    expect(scores?.merges).toContainEqual({ top: 23, left: 4, bottom: 23, right: 6 });
    expect(scores?.frozenRows).toBe(3);
    expect(scores?.tabColor).toBe('#4472C4');
    expect(scores?.columnWidths.get(8)).toBe((52 * 7 + 5) * 0.75);
    expect(scores?.rowHeights.get(1)).toBe(30);
    expect(scores?.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', printTitleRows: '$3:$3', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 } });
    expect(book.sheet(SHEET_ISSUES)?.pageLayout).toMatchObject({ zoom: { horizontalFitToPages: 1, verticalFitToPages: 9 } });
  });

  test('leaves the officer’s own sheet, 基础数据表 and their defined name untouched', async () => {
    const { book, service } = serviceOver();
    const before = [FOREIGN_SHEET, SHEET_DATA].map((s) => book.sheetState(s));
    await service.score();

    expect([FOREIGN_SHEET, SHEET_DATA].map((s) => book.sheetState(s))).toEqual(before);
    expect(book.nameFormula('my_total')).toBe('=我的草稿!$B$2');
    expect(book.nameFormula(MARKERS[SHEET_SCORES])).toBe('=评分表!$A$1');
  });

  test('a second run rewrites our sheets in place: same sheets (same ids), same content, no duplicates, again 5 syncs', async () => {
    const { book, service } = serviceOver();
    await service.score();
    const first = [SHEET_SCORES, SHEET_ISSUES].map((s) => book.sheetState(s));
    const ids = [SHEET_SCORES, SHEET_ISSUES].map((s) => book.sheet(s)?.id);
    const namesAfterFirst = book.names.map((n) => n.name);
    book.resetCounters();

    expect((await service.score()).kind).toBe('scored');
    expect(book.syncs).toBe(5);
    expect([SHEET_SCORES, SHEET_ISSUES].map((s) => book.sheet(s)?.id)).toEqual(ids);
    expect(book.sheetNames()).toEqual([FOREIGN_SHEET, SHEET_DATA, '指标体系', SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT]);
    // The same sheets, but for the rows no plan sizes, which a rewrite sets back to the standard height.
    const unsizedDropped = (state: unknown) => {
      const s = state as { rowHeights: [number, number][] };
      return { ...s, rowHeights: s.rowHeights.filter(([, h]) => h !== 14.25) };
    };
    expect([SHEET_SCORES, SHEET_ISSUES].map((s) => unsizedDropped(book.sheetState(s)))).toEqual(first);
    expect(book.names.map((n) => n.name).sort()).toEqual([...namesAfterFirst].sort());
  });

  test('a sheet of the user’s named 评分表 stops everything: failed, nothing written, 1 sync', async () => {
    const book = seededWorkbook();
    book.setCell(SHEET_SCORES, 'A1', '我自己做的评分表');
    const { service } = serviceOver(book);
    const before = wholeState(book);

    expect(await service.score()).toEqual({ kind: 'failed', message: sheetConflictMessage(SHEET_SCORES) });
    expect(wholeState(book)).toEqual(before);
    expect(book.syncs).toBe(1);
  });

  test('our 评分表 renamed by the user is kept; a new one is written and our marker moves to it', async () => {
    const { book, service } = serviceOver();
    await service.score();
    book.renameSheet(book.sheet(SHEET_SCORES) as NonNullable<ReturnType<typeof book.sheet>>, '评分表（旧）');

    expect((await service.score()).kind).toBe('scored');
    expect(book.sheetNames()).toEqual([FOREIGN_SHEET, SHEET_DATA, '指标体系', '评分表（旧）', SHEET_ISSUES, SHEET_REPORT, SHEET_SCORES]);
    expect(book.sheet('评分表（旧）')?.value('F22')).toBe(88.65);
    expect(book.nameFormula(MARKERS[SHEET_SCORES])).toBe('=评分表!$A$1');
  });
});

describe('bad input is reported with its cell and nothing is written', () => {
  const cases: { what: string; field: string; value: unknown; format?: string; cell: string; message: string }[] = [
    { what: 'text “约30” in an amount', field: 'actual_project', value: '约30', cell: '基础数据表!C18', message: '决算支出·项目支出：应为数值，实为文字“约30”' },
    {
      what: 'an error value #DIV/0!',
      field: 'budget_adjusted_basic',
      value: { error: '#DIV/0!' },
      cell: '基础数据表!C13',
      message: '调整后预算·基本支出：单元格为错误值 #DIV/0!，请修正公式或改填数值',
    },
    {
      what: '基本＋项目 ≠ 合计',
      field: 'actual_total',
      value: 100,
      cell: '基础数据表!C19',
      message: '决算支出·合计（用于核对）：合计100.00万元与基本支出73.88＋项目支出26.48＝100.36万元不一致，请核对',
    },
    { what: 'a date in an amount', field: 'actual_project', value: 43466, format: 'yyyy-mm-dd', cell: '基础数据表!C18', message: '决算支出·项目支出：应为数值，却是日期；请检查单元格格式' },
  ];

  test.each(cases)('$what → invalid at $cell', async ({ field, value, format, cell, message }) => {
    const book = seededWorkbook();
    const at = book.nameFormula(field)?.split('!')[1] ?? '';
    book.setCell(SHEET_DATA, at, value as string | number | { error: string }, format);
    const { service } = serviceOver(book);
    const before = wholeState(book);

    for (const action of [service.validate, service.score]) {
      book.resetCounters();
      expect(await action()).toEqual({ kind: 'invalid', errors: [{ field, cell, message }], warnings: [] });
      expect(book.syncs).toBe(1);
    }
    expect(wholeState(book)).toEqual(before);
  });

  test('a missing 基础数据表 is one error, with no cell', async () => {
    const book = seededWorkbook();
    book.deleteSheet(book.sheet(SHEET_DATA) as NonNullable<ReturnType<typeof book.sheet>>);
    const { service } = serviceOver(book);

    expect(await service.validate()).toEqual({
      kind: 'invalid',
      errors: [{ field: 'sheet', cell: null, message: '找不到工作表“基础数据表”。请先插入标准模板并填写。' }],
      warnings: [],
    });
  });

  test('a host that rejects calls through a null object still gets that error, reading in two more syncs', async () => {
    const book = seededWorkbook();
    book.deleteSheet(book.sheet(SHEET_DATA) as NonNullable<ReturnType<typeof book.sheet>>);
    book.nullChains = 'throw';
    const { service } = serviceOver(book);

    expect(await service.score()).toEqual({
      kind: 'invalid',
      errors: [{ field: 'sheet', cell: null, message: '找不到工作表“基础数据表”。请先插入标准模板并填写。' }],
      warnings: [],
    });
    expect(book.syncs).toBe(3);
  });

  test('with such a host and the template present, scoring is unchanged (its read costs two more syncs)', async () => {
    const book = seededWorkbook();
    book.nullChains = 'throw';
    const { service } = serviceOver(book);
    const outcome = await service.score();
    expect(outcome.kind === 'scored' && outcome.result.total).toBe(88.65);
    expect(book.syncs).toBe(7);
  });

  test('fields still read by label when their defined names are gone, with the cells they came from', async () => {
    const book = seededWorkbook({ ...SEED_VALUES, actual_project: '约30' });
    for (const n of [...book.names]) if (n.sheet.name === SHEET_DATA && n.name !== MARKERS[SHEET_DATA]) book.deleteName(n.name);
    const { service } = serviceOver(book);

    const outcome = await service.validate();
    expect(outcome.kind === 'invalid' && outcome.errors.map((e) => e.cell)).toEqual(['基础数据表!C18']);
  });
});

describe('校验', () => {
  test('the seed case is valid, with one sync and nothing written', async () => {
    const { book, service } = serviceOver();
    const before = wholeState(book);

    expect(await service.validate()).toEqual({ kind: 'valid', warnings: [] });
    expect(book.syncs).toBe(1);
    expect(wholeState(book)).toEqual(before);
  });
});

describe('text that looks like a formula stays text', () => {
  test('a 单位名称 starting with “=” is written as text in 评分表 and 问题清单', async () => {
    const { book, service } = serviceOver(seededWorkbook({ ...SEED_VALUES, dept_name: '=南昌市总工会' }));
    const outcome = await service.score();

    expect(outcome.kind === 'scored' && outcome.result.department).toBe('=南昌市总工会');
    for (const [sheet, title] of [
      [SHEET_SCORES, '=南昌市总工会2018年度部门整体支出绩效自评评分表'],
      [SHEET_ISSUES, '=南昌市总工会2018年度绩效自评问题清单'],
    ]) {
      const a1 = book.sheet(sheet)?.cell('A1');
      expect(a1).toMatchObject({ value: title, numberFormat: '@' });
      expect(a1?.formula).toBeUndefined();
    }
  });
});

describe('a write that fails part-way is reported as it is', () => {
  test('a failing content sync: a Chinese message with the cause and what may be incomplete, no claim of an undo', async () => {
    const { book, service } = serviceOver();
    book.failOn = { label: 'Range.merge', code: 'InvalidArgument', message: '合并失败' };

    expect(await service.score()).toEqual({ kind: 'failed', message: '计算评分时出错：合并失败（InvalidArgument）。“评分表”、“问题清单”和“报告草稿”可能不完整，请重新计算。' });
    // What ran before the failing call stays (Office batches are not transactions): 评分表 is there, unmerged.
    expect(book.sheet(SHEET_SCORES)?.value('F22')).toBe(88.65);
    expect(book.sheet(SHEET_SCORES)?.merges).toEqual([]);
  });

  test('计算评分 again after such a failure completes the sheets without asking', async () => {
    const { book, service } = serviceOver();
    book.failOn = { label: 'Range.merge', code: 'InvalidArgument', message: '合并失败' };
    await service.score();

    expect((await service.score()).kind).toBe('scored');
    expect(book.sheet(SHEET_SCORES)?.merges).toContainEqual({ top: 1, left: 1, bottom: 1, right: 8 });
  });

  test('drop-down lists and frozen panes fail alone: the template stays, styled, with a note', async () => {
    const book = seededWorkbook(undefined, { template: false });
    const { service } = serviceOver(book);
    book.failOn = { label: 'WorksheetFreezePanes.freezeRows', code: 'GeneralException', message: '冻结失败' };

    const outcome = await service.insertTemplate();
    expect(outcome.kind === 'done' && outcome.notes).toEqual(['表头冻结未能设置：冻结失败（GeneralException）']);
    const data = book.sheet(SHEET_DATA);
    expect(data?.value('A18')).toBe('决算支出·项目支出');
    // Fills, borders, tab colours and the 是/否 lists had batches of their own before the panes; print came after.
    expect(data?.cell('C18')?.fill).toBe('#FFF2CC');
    expect(data?.tabColor).toBe('#FFC000');
    expect(data?.cell(`C${rowWith(data, 'A', '绩效目标细化量化、可衡量')}`)?.validation?.rule).toEqual({ list: { inCellDropDown: true, source: '是,否' } });
    expect(data?.pageLayout).toMatchObject({ paperSize: 'A4' });
    expect(book.activeSheet?.name).toBe(SHEET_DATA);
  });

  test('a failing print setup keeps the complete content and says so in a note', async () => {
    const { book, service } = serviceOver();
    book.failOn = { label: 'PageLayout.zoom', message: '不支持' };

    const outcome = await service.score();
    expect(outcome.kind === 'scored' && outcome.notes).toEqual(['打印设置（A4、适应页宽）未能完成：不支持（GeneralException）']);
    expect(outcome.kind === 'scored' && outcome.result.warnings).toEqual([]);
    expect(book.sheet(SHEET_SCORES)?.value('F22')).toBe(88.65);
    expect(book.sheet(SHEET_SCORES)?.frozenRows).toBe(3);
    expect(book.activeSheet?.name).toBe(SHEET_SCORES);
  });
});
