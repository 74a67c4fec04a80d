/**
 * The fake keeps Office's rules, so the adapter's tests mean something: a test that passes here
 * would fail on a real workbook for the same mistakes (reading before a sync, text taken as a
 * formula, a call Excel does not have).
 */
import { FakeWorkbook, fakeExcelNamespace, installFakeExcel } from '../support/fakeExcel';

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
