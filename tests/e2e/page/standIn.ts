/// <reference types="office-js" />
/**
 * The in-page Excel of the browser test. The test server appends this bundle to /office.js, so it
 * runs right after the package's real office.js and before the pane's own scripts. It:
 *   - builds the fake workbook of tests/support/fakeExcel.ts, seeded with the seed case (with the
 *     changes the test put in window.jxpjE2eSetup) and installs its Excel API as window.Excel;
 *   - makes Office.onReady resolve, once office.js has finished loading (later, or never, as the
 *     test asks), with the Excel host, and gives Office.context the requirement sets the fake
 *     supports, the theme and the platform (office.js outside Office leaves Office.context empty);
 *   - keeps office.js from opening its telemetry frame (a request to Microsoft), which its plain-
 *     browser path schedules three seconds after load;
 *   - exposes the workbook as window.jxpjE2eBook for the test's assertions.
 */
import type { PlanValue } from '../../../src/layout/plan';
import { SEED_VALUES, fakeExcelNamespace, fakeOfficeNamespace, seededWorkbook, type FakeWorkbook } from '../../support/fakeExcel';

export interface E2eSetup {
  /** Fields of the seed to replace in 基础数据表, e.g. { actual_project: '约30' }. */
  seedChanges?: Record<string, PlanValue>;
  /** A workbook with only the officer's own sheet: no template yet. */
  blank?: boolean;
  /** When Office.onReady resolves, in ms after office.js has loaded; 'never': it does not. Default at once. */
  readyAfterMs?: number | 'never';
  /** Office's theme is 黑色 (dark): Office.context.officeTheme.bodyBackgroundColor #262626. */
  dark?: boolean;
  /** What Office.context.diagnostics.platform says; default OfficeOnline (Excel on the web). */
  platform?: 'OfficeOnline' | 'PC' | 'Mac';
}

interface UlsEndpoint {
  loadProxyFrame(): void;
}

declare global {
  interface Window {
    jxpjE2eSetup?: E2eSetup;
    jxpjE2eBook?: FakeWorkbook;
    /** What the stand-in did, for the test to check (and to read when something goes wrong). */
    jxpjE2eLog?: string[];
    OSF?: { Logger?: { ulsEndpoint?: UlsEndpoint | null } };
  }
}

type OnReadyInfo = { host: Office.HostType | null; platform: Office.PlatformType | null };

/** The members of office.js's `Office` this script replaces or fills in. */
interface PatchableOffice {
  HostType: typeof Office.HostType;
  PlatformType: typeof Office.PlatformType;
  onReady(callback?: (info: OnReadyInfo) => unknown): Promise<OnReadyInfo>;
  context: object | undefined;
}

const log: string[] = (window.jxpjE2eLog = []);

const setup = window.jxpjE2eSetup ?? {};
const book = seededWorkbook({ ...SEED_VALUES, ...setup.seedChanges }, { template: !setup.blank });
window.jxpjE2eBook = book;
(window as unknown as { Excel: unknown }).Excel = fakeExcelNamespace(book);
log.push(`workbook: ${book.sheetNames().join(', ')}`);

const fakeOffice = fakeOfficeNamespace(book) as { context: { requirements: unknown } };
const office = (window as unknown as { Office?: PatchableOffice }).Office;
if (!office) throw new Error('stand-in: office.js did not define Office');

// office.js loads o15apptofilemappingtable.js, whose logger opens a frame on Microsoft's telemetry
// service 3 s later. The script's load event fires right after it has run, well before that.
document.addEventListener(
  'load',
  (event) => {
    const script = event.target;
    if (!(script instanceof HTMLScriptElement) || !script.src.includes('o15apptofilemappingtable')) return;
    const endpoint = window.OSF?.Logger?.ulsEndpoint;
    if (endpoint) {
      endpoint.loadProxyFrame = () => log.push('office.js telemetry frame suppressed');
      log.push('office.js telemetry endpoint disarmed');
    }
  },
  true,
);

const realOnReady = office.onReady.bind(office);
const platform = office.PlatformType[setup.platform ?? 'OfficeOnline'];
const later = (info: OnReadyInfo): Promise<OnReadyInfo> => {
  const wait = setup.readyAfterMs ?? 0;
  if (wait === 'never') return new Promise(() => log.push('Office.onReady held back for good'));
  return new Promise((resolve) => setTimeout(() => resolve(info), wait));
};
const ready: Promise<OnReadyInfo> = realOnReady()
  .then((info) => {
    log.push(`office.js ready outside Office: ${JSON.stringify(info)}`);
    const context = office.context;
    if (!context) throw new Error('stand-in: Office.context is missing after office.js loaded');
    const fill = (name: string, value: unknown) => Object.defineProperty(context, name, { value, configurable: true });
    fill('requirements', fakeOffice.context.requirements);
    fill('diagnostics', { platform, host: office.HostType.Excel, version: '16.0' });
    if (setup.dark) fill('officeTheme', { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' });
    return { host: office.HostType.Excel, platform };
  })
  .then(later);
office.onReady = (callback) =>
  ready.then((info) => {
    callback?.(info);
    return info;
  });
log.push('Office.onReady patched');
