/**
 * The adapter under Microsoft's office-addin-mock, for the calls it can model (it has no
 * collections, so the full read/score path is covered with tests/support/fakeExcel.ts instead).
 */
import { OfficeMockObject } from 'office-addin-mock';
import { createExcelService } from '../../src/excel/service';

// office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main module pulls in
// ES-module-only packages Jest cannot require on Node 20: give it the enum's own (CommonJS) file.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: jest.requireActual('office-addin-manifest/lib/officeApp').OfficeApp,
}));

type Global = { Excel?: unknown; Office?: unknown };

function installOffice(supported: (version: string) => boolean): void {
  (globalThis as Global).Office = new OfficeMockObject({
    context: { requirements: { isSetSupported: (_set: string, version: string) => supported(version) } },
  });
}

function excelMock() {
  const range = { address: '', selected: false, select() { this.selected = true; } };
  const sheet = {
    name: '',
    active: false,
    activate() { this.active = true; },
    getRange(address: string) { range.address = address; return range; },
  };
  const requested: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          getItem(name: string) { requested.push(name); sheet.name = name; return sheet; },
          getActiveWorksheet() { return sheet; },
        },
      },
    },
    run: async function (callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  }) as unknown as { context: { sync: () => Promise<void> }; run: unknown };
  return { mock, range, sheet, requested };
}

afterEach(() => {
  delete (globalThis as Global).Excel;
  delete (globalThis as Global).Office;
});

describe('Office.js adapter under office-addin-mock', () => {
  test('clicking an error selects its cell: activate the sheet, select the range, one sync', async () => {
    installOffice(() => true);
    const { mock, range, sheet, requested } = excelMock();
    const sync = jest.spyOn(mock.context, 'sync');
    (globalThis as Global).Excel = mock;
    await createExcelService().selectCell('基础数据表!C18');
    expect(requested).toEqual(['基础数据表']);
    expect(sheet.active).toBe(true);
    expect([range.address, range.selected]).toEqual(['C18', true]);
    expect(sync).toHaveBeenCalledTimes(1);
  });

  test('an Excel without ExcelApi 1.4 gets a plain Chinese message and no Excel.run at all', async () => {
    installOffice((v) => Number(v) < 1.4);
    const run = jest.fn();
    (globalThis as Global).Excel = new OfficeMockObject({ run });
    for (const action of ['score', 'validate', 'insertTemplate', 'loadSample'] as const) {
      const outcome = await createExcelService()[action]();
      expect(outcome).toEqual({ kind: 'failed', message: expect.stringContaining('ExcelApi 1.4') });
    }
    expect(run).not.toHaveBeenCalled();
  });
});
