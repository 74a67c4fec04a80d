/** The adapter's pure parts: references, raw cells, plan rendering helpers, write planning. */
import { MARKERS, SHEET_DATA, SHEET_ISSUES, SHEET_REPORT, SHEET_SCORES, type SheetPlan } from '../../src/layout/plan';
import { sheetConflictMessage } from '../../src/layout/ownership';
import { cellTarget, rangeAddress, splitSheetAddress, topLeftOf } from '../../src/excel/references';
import { firstDataArea, firstReadCells, gridOf, isDateFormat, rawCell, type DefinedName, type WorkbookSnapshot } from '../../src/excel/readWorkbook';
import { columnWidthPoints, isText, pagesTall, planMatrix, rectangles } from '../../src/excel/renderPlan';
import { planSheetWrites } from '../../src/layout/ownership';
import { errorText } from '../../src/excel/errors';
import { MAX_READ_CELLS, outputReadArea, profileReadArea } from '../../src/layout/bounds';

describe('references', () => {
  test.each([
    ['=基础数据表!$C$18', { sheet: '基础数据表', row: 18, col: 3 }],
    ["='基础数据表'!$C$18", { sheet: '基础数据表', row: 18, col: 3 }],
    ["='it''s 2018'!B2", { sheet: "it's 2018", row: 2, col: 2 }],
    ['基础数据表!$C$18', { sheet: '基础数据表', row: 18, col: 3 }],
    ['=#REF!$C$18', { sheet: '#REF', row: 18, col: 3 }],
    // Excel on Windows with the R1C1 reference style hands names out in that style.
    ['=基础数据表!R18C3', { sheet: '基础数据表', row: 18, col: 3 }],
    ["='基础数据表'!R1C1", { sheet: '基础数据表', row: 1, col: 1 }],
    ['=基础数据表!R[1]C[1]', null],
    ['#REF!', null],
    ['=基础数据表!$C$18:$C$19', null],
    ['="南昌"', null],
    ['=0.95', null],
  ])('cellTarget(%s)', (reference, target) => {
    expect(cellTarget(reference)).toEqual(target);
  });

  test('splits addresses and finds where a used range starts', () => {
    expect(splitSheetAddress("'我的 草稿'!A1:D60")).toEqual({ sheet: '我的 草稿', address: 'A1:D60' });
    expect(splitSheetAddress('C18')).toBeNull();
    expect(topLeftOf('基础数据表!B2:D60')).toEqual({ row: 2, col: 2 });
    expect(topLeftOf('C18')).toEqual({ row: 18, col: 3 });
    expect(rangeAddress({ top: 1, left: 1, bottom: 60, right: 4 })).toBe('A1:D60');
    expect(rangeAddress({ top: 18, left: 3, bottom: 18, right: 3 })).toBe('C18');
  });
});

describe('reading cells', () => {
  test.each([
    [26.48, 'Double', 26.48],
    ['约30', 'String', '约30'],
    ['#DIV/0!', 'Error', { error: '#DIV/0!' }],
    ['', 'Empty', null],
    [true, 'Boolean', true],
  ])('rawCell(%p, %s)', (value, type, raw) => {
    expect(rawCell(value, type)).toEqual(raw);
  });

  test.each([
    ['yyyy-mm-dd', true],
    ['[$-804]yyyy"年"m"月"d"日"', true],
    ['h:mm', true],
    ['General', false],
    ['0.00', false],
    ['0.00%', false],
    ['#,##0.00 "万元"', false],
    ['[Red]0.00', false],
    ['@', false],
    ['Standard', false], // German Excel's General
    ['G/通用格式', false],
  ])('isDateFormat(%s) is %s', (format, isDate) => {
    expect(isDateFormat(format)).toBe(isDate);
  });

  test('a number shown as a date is read as a Date, as exceljs reads it', () => {
    expect(rawCell(43466, 'Double', 'yyyy-mm-dd')).toEqual(new Date('2019-01-01T00:00:00Z'));
    expect(rawCell(43466, 'Double', '0.00')).toBe(43466);
  });

  test('an area read below A1 keeps its position', () => {
    const formats = [['General', 'General'], ['General', 'General']];
    expect(gridOf({ top: 3, left: 2, bottom: 4, right: 3 }, [['x', 1], ['', '#N/A']], [['String', 'Integer'], ['Empty', 'Error']], formats)).toEqual({
      top: 3,
      left: 2,
      values: [['x', 1], [null, { error: '#N/A' }]],
    });
  });
});

describe('rendering plans', () => {
  test.each([
    '=SUM(A1)', '+86 791 8888', '-', '@home', '2018', '1,234.5', '12.5%', '2018-1-1', '10:30', 'TRUE',
    '(123)', '1e5', '15-Feb', '¥100', '1 1/2', '#N/A', "'abc", '南昌市总工会', '不涉及', 'EXECUTION_LOW', '—',
  ])('text %p is written under the text format', (text) => {
    expect(isText(text)).toBe(true);
  });

  test('numbers, blanks, null and booleans keep their planned format', () => {
    expect([isText(12), isText(''), isText(null), isText(true)]).toEqual([false, false, false, false]);
  });

  test('planMatrix: one values array and one format array from A1; formula-like text gets “@”', () => {
    const plan = {
      cells: [
        { row: 1, col: 1, value: '=标题', numFmt: undefined },
        { row: 2, col: 3, value: 0.4793, numFmt: '0.00%' },
        { row: 2, col: 2, value: null, numFmt: '@' },
      ],
    } as unknown as SheetPlan;
    expect(planMatrix(plan)).toEqual({
      range: { top: 1, left: 1, bottom: 2, right: 3 },
      values: [['=标题', '', ''], ['', '', 0.4793]],
      numberFormats: [['@', 'General', 'General'], ['General', '@', '0.00%']],
    });
  });

  test.each([
    ['a single cell', [[1, 1]], [{ top: 1, left: 1, bottom: 1, right: 1 }]],
    ['a block', [[1, 1], [1, 2], [2, 1], [2, 2]], [{ top: 1, left: 1, bottom: 2, right: 2 }]],
    ['a column with a gap', [[1, 3], [2, 3], [4, 3]], [{ top: 1, left: 3, bottom: 2, right: 3 }, { top: 4, left: 3, bottom: 4, right: 3 }]],
    [
      'rows of different widths',
      [[1, 1], [1, 2], [2, 1]],
      [{ top: 1, left: 1, bottom: 1, right: 2 }, { top: 2, left: 1, bottom: 2, right: 1 }],
    ],
  ])('rectangles: %s', (_what, cells, expected) => {
    expect(rectangles(cells.map(([row, col]) => ({ row, col })))).toEqual(expected);
  });

  test('column widths go from characters to points', () => {
    expect(columnWidthPoints(10)).toBe(56.25);
    expect(columnWidthPoints(52)).toBe(276.75);
  });
});

describe('planning sheet writes', () => {
  const plan = (name: string, names: string[] = []): SheetPlan =>
    ({ name, marker: MARKERS[name as keyof typeof MARKERS], names: names.map((n, i) => ({ name: n, row: 5 + i, col: 3 })) }) as unknown as SheetPlan;
  const named = (formula: string): DefinedName => ({ formula, target: cellTarget(formula) });
  const snapshot = (sheetNames: string[], names: Record<string, string>): WorkbookSnapshot => ({
    sheets: sheetNames.map((name) => ({ name, id: name, visibility: 'Visible', protected: false })),
    sheetNames,
    names: new Map(Object.entries(names).map(([n, f]) => [n, named(f)])),
    structureProtected: false,
    data: null,
    profile: null,
    outputs: new Map(),
  });

  test('our sheet is rewritten in place, its names where they are left alone; a missing one is added', () => {
    const s = snapshot([SHEET_DATA, SHEET_SCORES], { _jxpj_scores: '=评分表!$A$1' });
    const writes = planSheetWrites(s, [plan(SHEET_SCORES), plan('问题清单')], 'replace');
    expect(writes.ok && [writes.add.map((p) => p.name), writes.rewrite.map((p) => p.name), writes.dropNames, writes.defineNames.map((d) => d.name)]).toEqual([
      ['问题清单'],
      [SHEET_SCORES],
      [],
      ['_jxpj_issues'],
    ]);
  });

  test('a sheet of the same name without our marker is the user’s', () => {
    const s = snapshot([SHEET_SCORES], { _jxpj_scores: '=别的表!$A$1' });
    expect(planSheetWrites(s, [plan(SHEET_SCORES)], 'replace')).toEqual({ ok: false, message: sheetConflictMessage(SHEET_SCORES) });
  });

  test('keep: our existing sheet stays, its names untouched', () => {
    const s = snapshot([SHEET_DATA], { _jxpj_data: '=基础数据表!$A$1', dept_name: '=基础数据表!$C$5' });
    expect(planSheetWrites(s, [plan(SHEET_DATA, ['dept_name'])], 'keep')).toEqual({ ok: true, add: [], rewrite: [], kept: [SHEET_DATA], dropNames: [], defineNames: [] });
  });

  test('names left by a deleted sheet are moved; a name on the user’s sheet is not', () => {
    const stale = snapshot(['Sheet1'], { dept_name: '=#REF!$C$5', eval_year: '=#REF!$C$6' });
    expect(planSheetWrites(stale, [plan(SHEET_DATA, ['dept_name', 'eval_year'])], 'keep')).toMatchObject({ ok: true, dropNames: ['dept_name', 'eval_year'] });
    const users = snapshot(['Sheet1'], { dept_name: '=Sheet1!$B$2' });
    expect(planSheetWrites(users, [plan(SHEET_DATA, ['dept_name'])], 'keep')).toMatchObject({ ok: false });
  });
});

describe('bounded reads', () => {
  test('the first read of an action asks for at most MAX_READ_CELLS cells: 基础数据表 A1:D565, 指标体系 A1:O220, 评分表 and 问题清单 A1:L60, 报告草稿 A1:E600', () => {
    expect(firstDataArea()).toEqual({ top: 1, left: 1, bottom: 565, right: 4 });
    expect(profileReadArea()).toEqual({ top: 1, left: 1, bottom: 220, right: 15 });
    expect([SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT].map((s) => outputReadArea(s))).toEqual([
      { top: 1, left: 1, bottom: 60, right: 12 },
      { top: 1, left: 1, bottom: 60, right: 12 },
      { top: 1, left: 1, bottom: 600, right: 5 },
    ]);
    expect(firstReadCells()).toBe(2260 + 3300 + 2 * 720 + 3000);
    expect(firstReadCells()).toBeLessThanOrEqual(MAX_READ_CELLS);
  });
});

test('print: one page wide; as tall as needed is a bound that never binds (a page per row), or exactly one', () => {
  const plan = (onePage: boolean) => ({ print: { landscape: true, onePage }, cells: [{ row: 1 }, { row: 30 }] }) as unknown as SheetPlan;
  expect([pagesTall(plan(false)), pagesTall(plan(true))]).toEqual([30, 1]);
});

test('errorText keeps an Office error’s code beside its message', () => {
  const e = Object.assign(new Error('The requested resource doesn’t exist.'), { code: 'ItemNotFound' });
  expect(errorText(e)).toBe('The requested resource doesn’t exist.（ItemNotFound）');
  expect(errorText('plain')).toBe('plain');
});
