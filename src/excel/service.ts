/**
 * The Office.js WorkbookService: the task pane's four actions on the open workbook. Each action
 * reads everything in one sync, decides with the shared workflow (src/layout/workflow.ts), checks
 * every conflict, and only then writes: content in one sync, format in at most one more.
 */
import sample from '../../assets/samples/nanchang-2018.json';
import { FIELDS } from '../engine/fields';
import { DEFAULT_PROFILE } from '../engine/profile';
import type { EvaluationResult } from '../engine/types';
import { SHEET_DATA, SHEET_PROFILE, SHEET_SCORES, cellAddress, type PlanValue } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { DATA_COLUMNS, DATA_ROWS, dataSheetPlan } from '../layout/template';
import { outputPlans, scoreWorkbookSources } from '../layout/workflow';
import type { ActionOutcome, WorkbookService } from '../taskpane/service';
import { detectFeatures, type ExcelFeatures } from './features';
import { queueWorkbookRead, sourcesOf, type WorkbookSnapshot } from './readWorkbook';
import { splitSheetAddress } from './references';
import { isText } from './renderPlan';
import { planSheetWrites } from '../layout/ownership';
import { ContentWriteError, undoContentWrite, writeSheets } from './writeSheets';

const SAMPLE: Record<string, PlanValue> = sample;

const UNSUPPORTED = '此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.4）。请更新 Office 或改用 Microsoft 365 / 网页版 Excel。';
const TEMPLATE_PRESENT = `工作簿中已有本工具插入的“${SHEET_DATA}”和“${SHEET_PROFILE}”，未做改动，以免覆盖已填写的数据。如需空白模板，请先将这两张表改名或删除。`;

export function createExcelService(): WorkbookService {
  return {
    insertTemplate: () => attempt('插入模板', insertTemplate),
    loadSample: () => attempt('载入示例数据', loadSample),
    validate: () => attempt('校验', validate),
    score: () => attempt('计算评分', score),
    selectCell,
  };
}

type Action = (context: Excel.RequestContext, features: ExcelFeatures) => Promise<ActionOutcome>;

/** Runs an action in one Excel.run; anything Office throws becomes a 'failed' outcome in Chinese. */
async function attempt(label: string, action: Action): Promise<ActionOutcome> {
  const features = detectFeatures();
  if (!features.core) return failed(UNSUPPORTED);
  try {
    return await Excel.run((context) => action(context, features));
  } catch (error) {
    if (error instanceof ContentWriteError) {
      const undone = await undoContentWrite(error);
      const after = undone ? '已撤销未写完的工作表，请重试。' : '未能撤销未写完的工作表，请检查工作簿后重试。';
      return failed(`${label}时出错：${errorText(error.reason)}。${after}`);
    }
    // Older Excel builds raise GeneralException for sheet changes while another workbook is open.
    const hint = (error as { code?: unknown }).code === 'GeneralException' ? '如同时打开了其他工作簿，请先关闭它们，' : '';
    return failed(`${label}时出错：${errorText(error)}。${hint}请重试。`);
  }
}

async function insertTemplate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, false);
  const writes = planSheetWrites(before, [dataSheetPlan(), profileSheetPlan(DEFAULT_PROFILE)], 'keep');
  if (!writes.ok) return failed(writes.message);
  if (writes.add.length === 0) return failed(TEMPLATE_PRESENT);
  const formatError = await writeSheets(context, before, writes, features, { show: SHEET_DATA });
  const added = writes.add.map((p) => `“${p.name}”`).join('和');
  const message = writes.kept.length === 0
    ? `已插入${added}。请在“${SHEET_DATA}”的黄色单元格中填写，然后点“校验”或“计算评分”。`
    : `已补回工作表${added}；已有的“${writes.kept.join('”“')}”保持不变。`;
  return { kind: 'done', message: message + formatNote(formatError) };
}

/** Fills the template with the seed case, inserting whatever of the template is missing first. */
async function loadSample(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, false);
  const writes = planSheetWrites(before, [dataSheetPlan(SAMPLE), profileSheetPlan(DEFAULT_PROFILE)], 'keep');
  if (!writes.ok) return failed(writes.message);
  const fillExisting = writes.kept.includes(SHEET_DATA) ? () => queueSampleValues(context, before) : undefined;
  const formatError = await writeSheets(context, before, writes, features, { show: SHEET_DATA, extra: fillExisting });
  return {
    kind: 'done',
    message: `已载入示例数据：${String(SAMPLE.dept_name)}${String(SAMPLE.eval_year)}年度。可直接点“计算评分”查看结果。${formatNote(formatError)}`,
  };
}

/** Writes the seed case into the input cells of our 基础数据表: by defined name, else by template row. */
function queueSampleValues(context: Excel.RequestContext, before: WorkbookSnapshot): void {
  const ws = context.workbook.worksheets.getItem(SHEET_DATA);
  for (const field of FIELDS) {
    const named = before.names.get(field.id)?.target;
    const at = named?.sheet === SHEET_DATA ? named : { row: DATA_ROWS.fields[field.id], col: DATA_COLUMNS.input };
    const cell = ws.getRange(cellAddress(at.row, at.col));
    const value = SAMPLE[field.id] ?? '';
    if (isText(value)) cell.numberFormat = [['@']];
    cell.values = [[value]];
  }
}

async function validate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const outcome = scoreWorkbookSources(sourcesOf(await readWorkbook(context, features, true)));
  if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
  return { kind: 'valid', warnings: outcome.result.warnings };
}

async function score(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, true);
  const outcome = scoreWorkbookSources(sourcesOf(before));
  if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
  const writes = planSheetWrites(before, outputPlans(outcome.result, outcome.profile), 'replace');
  if (!writes.ok) return failed(writes.message);
  const formatError = await writeSheets(context, before, writes, features, { show: SHEET_SCORES });
  return { kind: 'scored', result: formatError ? withFormatWarning(outcome.result, formatError) : outcome.result };
}

async function selectCell(address: string): Promise<void> {
  const ref = splitSheetAddress(address);
  await Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    const ws = ref ? worksheets.getItem(ref.sheet) : worksheets.getActiveWorksheet();
    ws.activate();
    ws.getRange(ref ? ref.address : address).select();
    await context.sync();
  });
}

/**
 * The one read sync of every action. Office carries a missing sheet through the chained calls as a
 * null object; should a host reject that chain instead, read again in two steps (names first).
 */
async function readWorkbook(context: Excel.RequestContext, features: ExcelFeatures, grids: boolean): Promise<WorkbookSnapshot> {
  const snapshot = queueWorkbookRead(context, features, { grids });
  try {
    await context.sync();
    return snapshot();
  } catch (error) {
    if (!grids) throw error;
    const sheets = queueWorkbookRead(context, features, { grids: false });
    await context.sync();
    const retry = queueWorkbookRead(context, features, { grids: true, present: sheets().sheetNames });
    await context.sync();
    return retry();
  }
}

function failed(message: string): ActionOutcome {
  return { kind: 'failed', message };
}

function withFormatWarning(result: EvaluationResult, error: unknown): EvaluationResult {
  const warning = { field: 'format', cell: null, message: `评分表和问题清单已写入，但部分格式未能设置：${errorText(error)}` };
  return { ...result, warnings: [...result.warnings, warning] };
}

function formatNote(error: unknown): string {
  return error ? `（部分格式未能设置：${errorText(error)}）` : '';
}

/** Office errors carry a code (e.g. InvalidArgument) beside their message; keep both. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code && !error.message.includes(code) ? `${error.message}（${code}）` : error.message;
}
