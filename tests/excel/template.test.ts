/** 插入模板, 载入示例数据 and 选中单元格 through the Office.js adapter; older Excel versions. */
import { FIELDS } from '../../src/engine/fields';
import { nameConflictMessage, sheetConflictMessage } from '../../src/layout/ownership';
import { MARKERS, SHEET_DATA, SHEET_PROFILE, SHEET_SCORES } from '../../src/layout/plan';
import { DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import { FOREIGN_SHEET, FakeWorkbook, SEED_VALUES, seededWorkbook } from '../support/fakeExcel';
import { emptyWorkbook, serviceOver, wholeState } from './harness';

const TEMPLATE_PRESENT = '工作簿中已有本工具插入的“基础数据表”和“指标体系”，未做改动，以免覆盖已填写的数据。如需空白模板，请先将这两张表改名或删除。';
const INSERTED = '已插入“基础数据表”和“指标体系”。请在“基础数据表”的黄色单元格中填写，然后点“校验”或“计算评分”。';
const SAMPLE_LOADED = '已载入示例数据：南昌市总工会职工服务中心2018年度。可直接点“计算评分”查看结果。';

/** field id → the formula of its defined name, for every field. */
function fieldNames(book: FakeWorkbook): Record<string, string | undefined> {
  return Object.fromEntries(FIELDS.map((f) => [f.id, book.nameFormula(f.id)]));
}

const expectedFieldNames = Object.fromEntries(FIELDS.map((f) => [f.id, `=基础数据表!$C$${DATA_ROWS.fields[f.id]}`]));

describe('插入模板', () => {
  test('adds 基础数据表 and 指标体系 with a defined name per field, in 6 syncs', async () => {
    const { book, service } = serviceOver(emptyWorkbook());

    expect(await service.insertTemplate()).toEqual({ kind: 'done', message: INSERTED });
    // Read 1, content 1, look 1, lists 1, panes 1, print 1.
    expect(book.syncs).toBe(6);
    expect(book.sheetNames()).toEqual(['Sheet1', SHEET_DATA, SHEET_PROFILE]);
    expect(fieldNames(book)).toEqual(expectedFieldNames);
    expect(book.nameFormula(MARKERS[SHEET_DATA])).toBe('=基础数据表!$A$1');
    expect(book.nameFormula(MARKERS[SHEET_PROFILE])).toBe('=指标体系!$A$1');
    expect(book.activeSheet?.name).toBe(SHEET_DATA);

    const data = book.sheet(SHEET_DATA);
    expect(data?.value('A5')).toBe('单位名称');
    expect(data?.cell('C5')).toMatchObject({ value: '', numberFormat: '@', fill: '#FFF2CC' });
    expect(data?.cell('C18')?.numberFormat).toBe('0.00');
    expect(data?.cell('C41')?.numberFormat).toBe('0.00%');
    expect(data?.frozenRows).toBe(3);
    expect(data?.tabColor).toBe('#FFC000');
  });

  test('puts a 是/否 drop-down on every checklist cell', async () => {
    const { book, service } = serviceOver(emptyWorkbook());
    await service.insertTemplate();

    const data = book.sheet(SHEET_DATA);
    const yesno = FIELDS.filter((f) => f.kind === 'yesno').map((f) => `C${DATA_ROWS.fields[f.id]}`);
    expect(yesno).toHaveLength(18);
    for (const address of yesno) {
      expect(data?.cell(address)?.validation).toEqual({
        rule: { list: { inCellDropDown: true, source: '是,否' } },
        errorAlert: { showAlert: true, style: 'Stop', title: '输入有误', message: '请从下拉列表选择：是、否' },
      });
    }
    expect(data?.cell('C41')?.validation).toBeUndefined();
  });

  test('refuses a second insert and keeps the officer’s data, in 1 sync', async () => {
    const { book, service } = serviceOver(seededWorkbook());
    const before = wholeState(book);

    expect(await service.insertTemplate()).toEqual({ kind: 'failed', message: TEMPLATE_PRESENT });
    expect(book.syncs).toBe(1);
    expect(wholeState(book)).toEqual(before);
  });

  test('a sheet of the user’s named 基础数据表 is never overwritten', async () => {
    const book = emptyWorkbook();
    book.setCell(SHEET_DATA, 'A1', '我的数据');
    const { service } = serviceOver(book);
    const before = wholeState(book);

    expect(await service.insertTemplate()).toEqual({ kind: 'failed', message: sheetConflictMessage(SHEET_DATA) });
    expect(wholeState(book)).toEqual(before);
  });

  test('after the officer deleted 基础数据表, its left-over #REF! names are replaced and 指标体系 kept', async () => {
    const book = seededWorkbook();
    book.deleteSheet(book.sheet(SHEET_DATA) as NonNullable<ReturnType<typeof book.sheet>>);
    expect(book.nameFormula('dept_name')).toBe('=#REF!$C$5');
    const profileBefore = book.sheetState(SHEET_PROFILE);
    const { service } = serviceOver(book);

    expect(await service.insertTemplate()).toEqual({ kind: 'done', message: '已补回工作表“基础数据表”；已有的“指标体系”保持不变。' });
    expect(fieldNames(book)).toEqual(expectedFieldNames);
    expect(book.sheetState(SHEET_PROFILE)).toEqual(profileBefore);
  });

  test('a defined name of the user’s that a field needs stops the insert', async () => {
    const book = emptyWorkbook();
    book.setCell(FOREIGN_SHEET, 'B2', 1);
    book.addName('dept_name', book.sheet(FOREIGN_SHEET) as NonNullable<ReturnType<typeof book.sheet>>, { top: 2, left: 2, bottom: 2, right: 2 });
    const { service } = serviceOver(book);
    const before = wholeState(book);

    expect(await service.insertTemplate()).toEqual({ kind: 'failed', message: nameConflictMessage('dept_name', '我的草稿!B2') });
    expect(wholeState(book)).toEqual(before);
  });
});

describe('载入示例数据', () => {
  test('on a new workbook inserts the template filled with the seed case (6 syncs), which then scores 88.65', async () => {
    const { book, service } = serviceOver(emptyWorkbook());

    expect(await service.loadSample()).toEqual({ kind: 'done', message: SAMPLE_LOADED });
    expect(book.syncs).toBe(6);
    const data = book.sheet(SHEET_DATA);
    expect(data?.value('C5')).toBe('南昌市总工会职工服务中心');
    expect(data?.value('C18')).toBe(26.48);
    expect(data?.value('C60')).toBe('否');

    const outcome = await service.score();
    expect(outcome.kind === 'scored' && [outcome.result.total, outcome.result.grade]).toEqual([88.65, '良']);
  });

  test('into an existing template, once confirmed, writes only the input cells, found by their defined names (2 syncs)', async () => {
    const book = seededWorkbook({ payment_actual_pct: 0.5 });
    // The officer inserted rows: 单位名称 now lives in C70.
    book.names.splice(book.names.findIndex((n) => n.name === 'dept_name'), 1);
    book.addName('dept_name', book.sheet(SHEET_DATA) as NonNullable<ReturnType<typeof book.sheet>>, { top: 70, left: 3, bottom: 70, right: 3 });
    const profileBefore = book.sheetState(SHEET_PROFILE);
    const { service } = serviceOver(book);

    expect(await service.loadSample({ overwrite: true })).toEqual({ kind: 'done', message: SAMPLE_LOADED });
    expect(book.syncs).toBe(2);
    const data = book.sheet(SHEET_DATA);
    expect(data?.value('C70')).toBe('南昌市总工会职工服务中心');
    expect(data?.value('C5')).toBe('');
    expect(data?.value('C17')).toBe(73.88);
    expect(data?.value(`C${DATA_ROWS.fields.payment_actual_pct}`)).toBe('');
    expect(data?.value('A5')).toBe('单位名称');
    expect(book.sheetState(SHEET_PROFILE)).toEqual(profileBefore);
    expect(book.sheetNames()).toEqual([FOREIGN_SHEET, SHEET_DATA, SHEET_PROFILE]);
  });

  test('fills the same values the CLI’s template holds for the seed case', async () => {
    const { book, service } = serviceOver(emptyWorkbook());
    await service.loadSample();

    const plan = dataSheetPlan(SEED_VALUES);
    const data = book.sheet(SHEET_DATA);
    for (const f of FIELDS) {
      const row = DATA_ROWS.fields[f.id];
      const planned = plan.cells.find((c) => c.row === row && c.col === 3)?.value ?? '';
      expect([f.id, data?.value(`C${row}`)]).toEqual([f.id, planned]);
    }
  });
});

describe('older Excel versions', () => {
  test('ExcelApi 1.7: no drop-downs, no page setup, and no crash', async () => {
    const book = emptyWorkbook();
    book.apiVersion = 7;
    const { service } = serviceOver(book);

    expect(await service.loadSample()).toEqual({ kind: 'done', message: SAMPLE_LOADED });
    const data = book.sheet(SHEET_DATA);
    expect(data?.cell('C43')?.validation).toBeUndefined();
    expect(data?.pageLayout).toEqual({});
    expect(data?.frozenRows).toBe(3);
    expect((await service.score()).kind).toBe('scored');
  });

  test('ExcelApi 1.4 (the minimum): names read from their values; the whole flow scores the seed case', async () => {
    const book = emptyWorkbook();
    book.apiVersion = 4;
    const { service } = serviceOver(book);

    await service.loadSample();
    book.resetCounters();
    expect(await service.validate()).toEqual({ kind: 'valid', warnings: [] });
    const outcome = await service.score();
    expect(outcome.kind === 'scored' && outcome.result.total).toBe(88.65);
    expect(book.syncs).toBe(4);
    const scores = book.sheet(SHEET_SCORES);
    expect([scores?.frozenRows, scores?.tabColor, scores?.pageLayout]).toEqual([0, '', {}]);
  });

  test('below ExcelApi 1.4 every action says so in Chinese, touching nothing', async () => {
    const book = seededWorkbook();
    book.apiVersion = 3;
    const { service } = serviceOver(book);
    const message = '此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.4）。请更新 Office 或改用 Microsoft 365 / 网页版 Excel。';

    for (const action of [service.insertTemplate, service.loadSample, service.validate, service.score]) {
      expect(await action()).toEqual({ kind: 'failed', message });
    }
    expect(book.syncs).toBe(0);
  });
});

describe('选中单元格', () => {
  test.each(['基础数据表!C18', "'基础数据表'!C18"])('%s activates the sheet and selects the cell in 1 sync', async (address) => {
    const { book, service } = serviceOver();
    await service.selectCell(address);

    expect(book.activeSheet?.name).toBe(SHEET_DATA);
    expect(book.selection).toEqual({ sheet: SHEET_DATA, address: 'C18' });
    expect(book.syncs).toBe(1);
  });

  test('a sheet that is gone rejects, for the pane to report', async () => {
    const { service } = serviceOver();
    await expect(service.selectCell('评分表!F10')).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});
