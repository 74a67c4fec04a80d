/**
 * Installs a fake workbook as the global Excel/Office for one test, and finds rows by their text.
 * Every test that runs the service also holds it to Excel's read limit, whatever else it asserts.
 */
import { createExcelService } from '../../src/excel/service';
import { MAX_READ_CELLS } from '../../src/layout/bounds';
import type { WorkbookService } from '../../src/taskpane/service';
import { FakeWorkbook, installFakeExcel, seededWorkbook, type FakeSheet } from '../support/fakeExcel';

let uninstall: (() => void) | null = null;
let installed: FakeWorkbook | null = null;

afterEach(() => {
  uninstall?.();
  uninstall = null;
  if (installed) expect(mostCellsRead(installed)).toBeLessThanOrEqual(MAX_READ_CELLS);
  installed = null;
});

/** The service over `book` (the seeded workbook by default), with its counters at zero. */
export function serviceOver(book: FakeWorkbook = seededWorkbook()): { book: FakeWorkbook; service: WorkbookService } {
  uninstall?.();
  uninstall = installFakeExcel(book);
  installed = book;
  book.resetCounters();
  return { book, service: createExcelService() };
}

/** A workbook as a new one opens: one empty sheet. */
export function emptyWorkbook(): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addSheet('Sheet1');
  return book;
}

/** The row whose cell in `column` holds `text`. */
export function rowWith(sheet: FakeSheet | undefined, column: string, text: string): number {
  if (!sheet) throw new Error('no such sheet');
  for (let row = 1; row <= 200; row++) if (sheet.value(`${column}${row}`) === text) return row;
  throw new Error(`“${text}” not found in column ${column} of ${sheet.name}`);
}

/** Everything in the workbook, to assert that an action wrote nothing. */
export function wholeState(book: FakeWorkbook): unknown {
  return {
    sheets: book.sheetNames().map((name) => book.sheetState(name)),
    names: book.names.map((n) => [n.name, book.nameFormula(n.name)]),
  };
}

/** The most cells any one sync asked to read. */
export function mostCellsRead(book: FakeWorkbook): number {
  return Math.max(0, ...book.cellsReadPerSync);
}
