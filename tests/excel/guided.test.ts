/** What the guided pane asks of the workbook: its state in one sync, and an indicator shown on 评分表. */
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { MAX_READ_CELLS } from '../../src/layout/bounds';
import { SHEET_DATA, SHEET_PROFILE, SHEET_SCORES } from '../../src/layout/plan';
import { DATA_ROWS } from '../../src/layout/template';
import type { WorkbookState } from '../../src/taskpane/service';
import { SEED_VALUES, seededWorkbook, type FakeSheet, type FakeWorkbook } from '../support/fakeExcel';
import { mostCellsRead, serviceOver, wholeState } from './harness';

const REQUIRED = 42;
const STALE = '“评分表”已过期：计算评分之后，“基础数据表”或“指标体系”有改动。请点“重新计算”。';
const inputCell = (id: string) => `C${DATA_ROWS.fields[id]}`;

describe('状态 (state): one sync, nothing written', () => {
  const cases: [string, () => FakeWorkbook, (book: FakeWorkbook) => void, WorkbookState][] = [
    [
      'a workbook without the template',
      () => seededWorkbook(undefined, { template: false }),
      () => undefined,
      { template: { state: 'missing' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } },
    ],
    [
      'the template, nothing filled',
      () => seededWorkbook({}),
      () => undefined,
      { template: { state: 'present' }, required: { filled: 0, total: REQUIRED, firstEmpty: '基础数据表!C5' }, errors: null, result: { state: 'none' } },
    ],
    [
      'partly filled: 单位名称 and 评价年度',
      () => seededWorkbook({ dept_name: '某某局', eval_year: 2020 }),
      () => undefined,
      { template: { state: 'present' }, required: { filled: 2, total: REQUIRED, firstEmpty: '基础数据表!C8' }, errors: REQUIRED - 2, result: { state: 'none' } },
    ],
    [
      'filled, with one error (text in an amount)',
      () => seededWorkbook({ ...SEED_VALUES, actual_project: '约30' }),
      () => undefined,
      { template: { state: 'present' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 1, result: { state: 'none' } },
    ],
    [
      'filled but for 满意度, which the officer moved down to row 90',
      () => seededWorkbook({ ...SEED_VALUES, satisfaction_pct: null }),
      (book) => {
        const name = book.name('satisfaction_pct');
        if (name) name.area = { top: 90, left: 3, bottom: 90, right: 3 };
      },
      { template: { state: 'present' }, required: { filled: REQUIRED - 1, total: REQUIRED, firstEmpty: '基础数据表!C90' }, errors: 1, result: { state: 'none' } },
    ],
    [
      '基础数据表 renamed by the officer',
      () => seededWorkbook(),
      (book) => book.renameSheet(book.sheet(SHEET_DATA) as FakeSheet, '基础数据表2018'),
      { template: { state: 'renamed', where: '基础数据表2018' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } },
    ],
    [
      '指标体系 deleted: the template is incomplete, the inputs are still counted',
      () => seededWorkbook(),
      (book) => book.deleteSheet(book.sheet(SHEET_PROFILE) as FakeSheet),
      { template: { state: 'missing' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 0, result: { state: 'none' } },
    ],
  ];

  test.each(cases)('%s', async (_what, make, change, expected) => {
    const book = make();
    change(book);
    const { service } = serviceOver(book);
    const before = wholeState(book);

    expect(await service.state()).toEqual(expected);
    expect(book.syncs).toBe(1);
    expect(mostCellsRead(book)).toBeLessThanOrEqual(MAX_READ_CELLS);
    expect(wholeState(book)).toEqual(before);
  });

  test('scored: current; an input changed since: stale, with the message; each in one sync', async () => {
    const { book, service } = serviceOver(seededWorkbook());
    await service.score();
    book.resetCounters();
    const filled = { template: { state: 'present' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 0 };

    expect(await service.state()).toEqual({ ...filled, result: { state: 'current' } });
    expect(book.syncs).toBe(1);

    book.edit(SHEET_DATA, inputCell('satisfaction_pct'), 0.8);
    book.resetCounters();
    expect(await service.state()).toEqual({ ...filled, result: { state: 'stale', message: STALE } });
    expect(book.syncs).toBe(1);
  });

  test('below ExcelApi 1.4: the state of a workbook the add-in cannot use, without a sync', async () => {
    const book = seededWorkbook();
    book.apiVersion = 3;
    const { service } = serviceOver(book);
    expect(await service.state()).toEqual({ template: { state: 'missing' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } });
    expect(book.syncs).toBe(0);
  });
});

describe('在评分表中查看 (showIndicator)', () => {
  test.each(DEFAULT_PROFILE.indicators.map((ind, i) => [ind.id, ind.name, i + 4] as const))(
    '%s (%s) selects A%i:H on 评分表 in one sync',
    async (id, name, row) => {
      const { book, service } = serviceOver(seededWorkbook());
      await service.score();
      book.activeSheet = book.sheet(SHEET_DATA) ?? null;
      book.resetCounters();

      await service.showIndicator(id);
      expect(book.syncs).toBe(1);
      expect(book.activeSheet?.name).toBe(SHEET_SCORES);
      expect(book.selection).toEqual({ sheet: SHEET_SCORES, address: `A${row}:H${row}` });
      expect(book.sheet(SHEET_SCORES)?.value(`C${row}`)).toBe(name);
    },
  );

  test('an unknown indicator rejects, in Chinese, without a sync', async () => {
    const { book, service } = serviceOver(seededWorkbook());
    await expect(service.showIndicator('no_such')).rejects.toThrow('找不到指标“no_such”。');
    expect(book.syncs).toBe(0);
  });

  test('without 评分表 it rejects for the pane to report', async () => {
    const { service } = serviceOver(seededWorkbook());
    await expect(service.showIndicator('project_execution')).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});
