/**
 * The fake keeps Office's rules, so the adapter's tests mean something: a test that passes here
 * would fail on a real workbook for the same mistakes (reading before a sync, text taken as a
 * formula, a call Excel does not have).
 */
import { FakeWorkbook, fakeExcelNamespace, installFakeExcel, type FakeSheet } from '../support/fakeExcel';

type Run = <R>(batch: (context: Excel.RequestContext) => Promise<R>) => Promise<R>;

function excelOver(book: FakeWorkbook): Run {
  return fakeExcelNamespace(book).run as unknown as Run;
}

test('reading a property before load and sync throws PropertyNotLoaded', async () => {
  const book = new FakeWorkbook();
  book.setCell('S', 'A1', 1);
  await excelOver(book)(async (context) => {
    const range = context.workbook.worksheets.getItem('S').getRange('A1');
    // The reads below are the mistakes the fake must catch, as Office does.
    // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    range.load('values');
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await context.sync();
    expect(range.values).toEqual([[1]]);
  });
});

test('writes wait for sync; text starting with “=” becomes a formula unless the cell is formatted “@”', async () => {
  const book = new FakeWorkbook();
  book.addSheet('S');
  await excelOver(book)(async (context) => {
    const ws = context.workbook.worksheets.getItem('S');
    ws.getRange('A1:B1').values = [['=1+1', '=1+1']];
    expect(book.sheet('S')?.value('A1')).toBe('');
    await context.sync();
  });
  expect(book.sheet('S')?.cell('A1')?.formula).toBe('=1+1');

  await excelOver(book)(async (context) => {
    const cell = context.workbook.worksheets.getItem('S').getRange('B1');
    cell.numberFormat = [['@']];
    cell.values = [['=1+1']];
    await context.sync();
  });
  expect(book.sheet('S')?.cell('B1')).toMatchObject({ value: '=1+1', formula: undefined });
});

test('isNullObject is known only after a sync, and a null sheet gives a null used range', async () => {
  const book = new FakeWorkbook();
  book.addSheet('S');
  await excelOver(book)(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject('missing');
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load('values');
    // eslint-disable-next-line office-addins/call-sync-before-read -- the mistake the fake must catch
    expect(() => sheet.isNullObject).toThrow();
    await context.sync();
    expect([sheet.isNullObject, used.isNullObject]).toEqual([true, true]);
  });
});

test('a call newer than the workbook’s ExcelApi fails the batch with ApiNotFound', async () => {
  const book = new FakeWorkbook();
  book.addSheet('S');
  book.apiVersion = 7;
  await expect(
    excelOver(book)(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: '是,否' } };
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('a failing call stops its batch there: earlier calls stay done, later ones never run', async () => {
  const book = new FakeWorkbook();
  book.addSheet('S');
  book.failOn = { label: 'Range.merge' };
  await expect(
    excelOver(book)(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [['before']];
      ws.getRange('A1:B1').merge(false);
      ws.getRange('A2').values = [['after']];
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: 'GeneralException' });
  expect([book.sheet('S')?.value('A1'), book.sheet('S')?.value('A2')]).toEqual(['before', '']);
});

test('Excel.run sends calls left queued, and that counts as a sync', async () => {
  const book = new FakeWorkbook();
  book.addSheet('S');
  await excelOver(book)(async (context) => {
    context.workbook.worksheets.getItem('S').getRange('A1').values = [[1]];
  });
  expect([book.syncs, book.sheet('S')?.value('A1')]).toEqual([1, 1]);
});

test('installFakeExcel sets and restores the globals', () => {
  const scope: Record<string, unknown> = { Excel: 'real' };
  const uninstall = installFakeExcel(new FakeWorkbook(), scope);
  expect(typeof (scope.Excel as { run: unknown }).run).toBe('function');
  uninstall();
  expect(scope).toEqual({ Excel: 'real', Office: undefined });
});

describe('the stand-in refuses what Excel refuses', () => {
  type Ctx = Excel.RequestContext;
  const cases: [string, (book: FakeWorkbook) => void, (context: Ctx) => void, string][] = [
    ['values of the wrong dimensions', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1:B2').values = [[1, 2]]), 'InvalidArgument'],
    ['a border style that is no BorderLineStyle', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').format.borders.getItem('EdgeTop').style = 'Solid' as Excel.BorderLineStyle), 'InvalidArgument'],
    ['an alignment that is no HorizontalAlignment', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').format.horizontalAlignment = 'Middle' as Excel.HorizontalAlignment), 'InvalidArgument'],
    ['a fill that is no colour', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').format.fill.color = 'FFF2CC'), 'InvalidArgument'],
    ['a row of 410 pt', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('1:1').format.rowHeight = 410), 'InvalidArgument'],
    ['a column wider than 255 characters', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A:A').format.columnWidth = 1400), 'InvalidArgument'],
    ['a cell of 32,768 characters', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').values = [['x'.repeat(32768)]]), 'InvalidArgument'],
    ['a typed list of 256 characters', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: 'x'.repeat(256) } }), 'InvalidArgument'],
    ['a sheet name of 32 characters', () => undefined, (c) => void c.workbook.worksheets.add('x'.repeat(32)), 'InvalidArgument'],
    ['a sheet name with a colon', () => undefined, (c) => void c.workbook.worksheets.add('2018:评分'), 'InvalidArgument'],
    ['a sheet name taken, in other case', (b) => void b.addSheet('Summary'), (c) => void c.workbook.worksheets.add('SUMMARY'), 'ItemAlreadyExists'],
    ['a write to a protected sheet', (b) => void ((b.sheet('S') as FakeSheet).protected = true), (c) => void (c.workbook.worksheets.getItem('S').getRange('A1').values = [[1]]), 'AccessDenied'],
    ['clearing a protected sheet', (b) => void ((b.sheet('S') as FakeSheet).protected = true), (c) => c.workbook.worksheets.getItem('S').getRange('A1:B2').clear('All'), 'AccessDenied'],
    ['adding a sheet to a protected structure', (b) => void (b.structureProtected = true), (c) => void c.workbook.worksheets.add('新表'), 'AccessDenied'],
    ['activating a hidden sheet', (b) => void ((b.sheet('S') as FakeSheet).visibility = 'Hidden'), (c) => c.workbook.worksheets.getItem('S').activate(), 'InvalidOperation'],
    ['freezing panes of a hidden sheet', (b) => void ((b.sheet('S') as FakeSheet).visibility = 'Hidden'), (c) => c.workbook.worksheets.getItem('S').freezePanes.freezeRows(3), 'InvalidOperation'],
    ['zero pages tall', () => undefined, (c) => void (c.workbook.worksheets.getItem('S').pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }), 'InvalidArgument'],
    ['a merge over a merged area', (b) => void ((b.sheet('S') as FakeSheet).merges = [{ top: 1, left: 1, bottom: 1, right: 3 }]), (c) => c.workbook.worksheets.getItem('S').getRange('B1:D1').merge(false), 'InvalidArgument'],
    ['reading a whole used range that reaches XFD1048576', (b) => (b.setCell('S', 'A1', '标题'), b.setCell('S', 'XFD1048576', 'x')), (c) => void c.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true).load('values'), 'InvalidOperation'],
    ['reading 100,000 rows of a pasted ledger at once (over 5 MB)', (b) => {
      const s = b.sheet('S') as FakeSheet;
      for (let r = 1; r <= 100_000; r++) for (let col = 1; col <= 3; col++) s.ensure(r, col).value = `2018年第${r}号凭证·科目${col}`;
    }, (c) => void c.workbook.worksheets.getItem('S').getRange('A1:C100000').load('values,numberFormat'), 'ResponsePayloadSizeLimitExceeded'],
  ];

  test.each(cases)('%s fails at sync', async (_what, setup, call, code) => {
    const book = new FakeWorkbook();
    book.addSheet('S');
    setup(book);
    await expect(
      excelOver(book)(async (context) => {
        call(context);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code });
  });

  test('the limits themselves pass: 409 pt, 255 characters of list, 31-character names, 32,767 characters', async () => {
    const book = new FakeWorkbook();
    book.addSheet('S');
    await excelOver(book)(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('1:1').format.rowHeight = 409;
      ws.getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: 'x'.repeat(255) } };
      ws.getRange('A2').values = [['x'.repeat(32767)]];
      context.workbook.worksheets.add('x'.repeat(31));
      await context.sync();
    });
    expect(book.sheetNames()).toHaveLength(2);
  });

  test('deleting a sheet turns formulas elsewhere that refer to it into #REF! for good', () => {
    const book = new FakeWorkbook();
    book.addSheet('封面');
    book.setCell('评分表', 'F22', 88.65);
    book.setFormula('封面', 'B2', '=评分表!F22');
    expect(book.sheet('封面')?.value('B2')).toBe(88.65);
    book.deleteSheet(book.sheet('评分表') as FakeSheet);
    book.setCell('评分表', 'F22', 90);
    expect([book.sheet('封面')?.value('B2'), book.sheet('封面')?.cell('B2')?.formula]).toEqual(['#REF!', '=#REF!F22']);
  });

  test('each sync records the cells it asked to read', async () => {
    const book = new FakeWorkbook();
    book.addSheet('S');
    await excelOver(book)(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:D10').load('values,valueTypes');
      await context.sync();
    });
    expect(book.cellsReadPerSync).toEqual([40]);
  });
});
