/**
 * A WorkbookService without Excel, for rendering the pane in jsdom or a plain browser.
 * 校验 and 计算评分 run the real engine on the 南昌 2018 fixture, so the pane shows real figures;
 * every call is recorded, and any outcome can be replaced.
 */
import { scoreDepartment } from '../../src/engine';
import { FIELDS } from '../../src/engine/fields';
import type { RawInputs, RawValue } from '../../src/engine/types';
import type { ActionKey } from '../../src/taskpane/actions';
import type { ActionOptions, ActionOutcome, ReportFile, ResultStatus, WorkbookService, WorkbookState } from '../../src/taskpane/service';
import nanchang2018 from '../fixtures/nanchang-2018.json';

export interface FakeServiceOptions {
  /** Milliseconds each action takes, to see the busy state. */
  delayMs?: number;
  /** Replaces what an action returns (given the options it was called with); a function may also throw to simulate a crash. */
  outcomes?: Partial<Record<ActionKey, (options?: ActionOptions) => ActionOutcome>>;
  /** What resultStatus reports; default no 评分表. */
  status?: ResultStatus;
  /** The inputs 校验 and 计算评分 read; default the fixture with its cells invented below. */
  inputs?: RawInputs;
  /** What state() reports; default FILLED_STATE. */
  state?: WorkbookState;
  /** What reportFile() returns; default a small .docx-typed blob. */
  report?: ReportFile;
}

const REQUIRED = FIELDS.filter((field) => field.required).length;

/** States of a workbook, for the steps: as the officer goes from a blank workbook to a score. */
export const STATES = {
  blank: { template: { state: 'missing' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } },
  inserted: { template: { state: 'present' }, required: { filled: 0, total: REQUIRED, firstEmpty: '基础数据表!C5' }, errors: null, result: { state: 'none' } },
  partlyFilled: { template: { state: 'present' }, required: { filled: 12, total: REQUIRED, firstEmpty: '基础数据表!C17' }, errors: 3, result: { state: 'none' } },
  invalid: { template: { state: 'present' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 1, result: { state: 'none' } },
  filled: { template: { state: 'present' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 0, result: { state: 'none' } },
  scored: { template: { state: 'present' }, required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null }, errors: 0, result: { state: 'current' } },
  stale: {
    template: { state: 'present' },
    required: { filled: REQUIRED, total: REQUIRED, firstEmpty: null },
    errors: 0,
    result: { state: 'stale', message: '“评分表”已过期：计算评分之后，“基础数据表”或“指标体系”有改动。请点“重新计算”。' },
  },
  renamed: { template: { state: 'renamed', where: '我的数据' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } },
} satisfies Record<string, WorkbookState>;

export interface FakeService extends WorkbookService {
  /** Every call in order, e.g. `score`, `loadSample {"overwrite":true}`, `selectCell 基础数据表!C5`. */
  readonly calls: string[];
  /** Tells the pane an input sheet changed, as Worksheet.onChanged would. */
  changeInputs(): void;
}

/** The fixture as if read from the template: each field in column C, one row each from row 4. */
export function fixtureInputs(overrides: Record<string, RawValue> = {}): RawInputs {
  const values: Record<string, RawValue> = { ...(nanchang2018 as Record<string, RawValue>), ...overrides };
  const cells = Object.fromEntries(FIELDS.map((field, index) => [field.id, `基础数据表!C${index + 4}`]));
  return { values, cells };
}

function engineOutcome(inputs: RawInputs, scoring: boolean): ActionOutcome {
  const outcome = scoreDepartment(inputs);
  if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
  return scoring ? { kind: 'scored', result: outcome.result } : { kind: 'valid', warnings: outcome.result.warnings };
}

export function createFakeService(options: FakeServiceOptions = {}): FakeService {
  const calls: string[] = [];
  const inputs = options.inputs ?? fixtureInputs();
  const defaults: Record<ActionKey, (options?: ActionOptions) => ActionOutcome> = {
    insertTemplate: () => ({ kind: 'done', message: '已插入“基础数据表”和“指标体系”工作表。' }),
    loadSample: () => ({ kind: 'done', message: '已载入示例数据（南昌市总工会职工服务中心 2018 年度）。' }),
    validate: () => engineOutcome(inputs, false),
    score: () => engineOutcome(inputs, true),
  };
  const listeners: (() => void)[] = [];
  const act = (key: ActionKey) => async (given?: ActionOptions): Promise<ActionOutcome> => {
    calls.push(given ? `${key} ${JSON.stringify(given)}` : key);
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    return (options.outcomes?.[key] ?? defaults[key])(given);
  };
  return {
    calls,
    insertTemplate: act('insertTemplate'),
    loadSample: act('loadSample'),
    validate: act('validate'),
    score: act('score'),
    selectCell: async (address) => {
      calls.push(`selectCell ${address}`);
    },
    resultStatus: async () => options.status ?? { state: 'none' },
    state: async () => {
      calls.push('state');
      return options.state ?? STATES.filled;
    },
    showIndicator: async (id) => {
      calls.push(`showIndicator ${id}`);
    },
    reportFile: async () => {
      calls.push('reportFile');
      return options.report ?? { kind: 'file', blob: new Blob(['PK']), fileName: '南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告.docx' };
    },
    watchInputs: async (onChange) => {
      listeners.push(onChange);
      return true;
    },
    changeInputs: () => listeners.forEach((l) => l()),
  };
}
