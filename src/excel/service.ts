/**
 * The Office.js WorkbookService: the task pane's actions on the open workbook. Each action reads
 * what it needs in one sync (two when the officer's names reach far down), decides everything with
 * the shared layout rules (workflow, ownership, provenance), checks every reason a write could fail
 * half-way, and only then writes (writeSheets.ts). Syncs per action:
 *
 *   计算评分       5 (read 1, content 1, look 1, panes 1, print 1); 6 when names reach below the default area
 *   插入模板       6 (read 1, content 1, look 1, lists 1, panes 1, print 1)
 *   载入示例数据   6 into a new workbook, as 插入模板; 2 into an existing template (read 1, values 1)
 *   校验           1 (2 with far names)   结果状态 1 (2)   选中单元格 1   监视输入 2
 *
 * Fewer on older Excel, where the optional batches are skipped.
 */
import sample from '../../assets/samples/nanchang-2018.json';
import { FIELDS } from '../engine/fields';
import { DEFAULT_PROFILE } from '../engine/profile';
import type { RawValue } from '../engine/types';
import { outputReadArea } from '../layout/bounds';
import { gridValue } from '../layout/grid';
import { isOurSheet, planSheetWrites, renamedSheetMessage, renamedSheets } from '../layout/ownership';
import { MARKERS, SHEET_DATA, SHEET_PROFILE, SHEET_SCORES, cellAddress, type PlanValue, type SheetPlan } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { inputFingerprint, resultFreshness, sheetEdits, sourcesFingerprint, stampPlan } from '../layout/provenance';
import { DATA_COLUMNS, DATA_ROWS, dataSheetPlan } from '../layout/template';
import { outputPlans, scoreWorkbookSources } from '../layout/workflow';
import type { ActionOptions, ActionOutcome, ResultStatus, WorkbookService } from '../taskpane/service';
import { errorText } from './errors';
import { detectFeatures, type ExcelFeatures } from './features';
import { readWorkbook, sourcesOf, type WorkbookSnapshot } from './readWorkbook';
import { splitSheetAddress } from './references';
import { isText } from './renderPlan';
import { ContentWriteError, writeSheets, type PlannedWrites } from './writeSheets';

const SAMPLE: Record<string, PlanValue> = sample;

const UNSUPPORTED = '此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.4）。请更新 Office 或改用 Microsoft 365 / 网页版 Excel。';
const TEMPLATE_PRESENT = `工作簿中已有本工具插入的“${SHEET_DATA}”和“${SHEET_PROFILE}”，未做改动，以免覆盖已填写的数据。如需空白模板，请先将这两张表改名或删除。`;

export function createExcelService(): WorkbookService {
  const watched = new Set<string>();
  return {
    insertTemplate: () => attempt('插入模板', insertTemplate),
    loadSample: (options = {}) => attempt('载入示例数据', (context, features) => loadSample(context, features, options)),
    validate: () => attempt('校验', validate),
    score: (options = {}) => attempt('计算评分', (context, features) => score(context, features, options)),
    selectCell,
    resultStatus,
    watchInputs: (onChange) => watchInputs(watched, onChange),
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
    if (error instanceof ContentWriteError) return failed(`${label}时出错：${errorText(error.reason)}。${error.incomplete}`);
    // Older Excel builds raise GeneralException for sheet changes while another workbook is open.
    const hint = (error as { code?: unknown }).code === 'GeneralException' ? '如同时打开了其他工作簿，请先关闭它们，' : '';
    return failed(`${label}时出错：${errorText(error)}。${hint}请重试。`);
  }
}

// ---------------------------------------------------------------------------------------------
// The actions

async function insertTemplate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, {});
  const plans = [dataSheetPlan(), profileSheetPlan(DEFAULT_PROFILE)];
  const renamed = renamedSheets(before, plans);
  if (renamed.length > 0) return failed(renamedSheetMessage(renamed[0].sheet, renamed[0].now));
  const writes = planSheetWrites(before, plans, 'keep');
  if (!writes.ok) return failed(writes.message);
  if (writes.add.length === 0) return failed(TEMPLATE_PRESENT);
  const blocked = writeBlocker(before, writes, []);
  if (blocked) return failed(blocked);
  const added = quoted(writes.add.map((p) => p.name));
  const { notes } = await write(context, features, before, writes, SHEET_DATA, `已加入的${added}可能不完整。请删除这些工作表后重新插入模板。`);
  const message = writes.kept.length === 0
    ? `已插入${added}。请在“${SHEET_DATA}”的黄色单元格中填写，然后点“校验”或“计算评分”。`
    : `已补回工作表${added}；已有的${quoted(writes.kept)}保持不变。`;
  return done(message, notes);
}

/**
 * Fills the template with the seed case, inserting whatever of the template is missing first.
 * Input cells that already hold something are written over only with `overwrite`.
 */
async function loadSample(context: Excel.RequestContext, features: ExcelFeatures, { overwrite = false }: ActionOptions): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true });
  const plans = [dataSheetPlan(SAMPLE), profileSheetPlan(DEFAULT_PROFILE)];
  const renamed = renamedSheets(before, plans);
  if (renamed.length > 0) return failed(renamedSheetMessage(renamed[0].sheet, renamed[0].now));
  const writes = planSheetWrites(before, plans, 'keep');
  if (!writes.ok) return failed(writes.message);
  const intoExisting = writes.kept.includes(SHEET_DATA);
  if (intoExisting && !overwrite) {
    const filled = sampleOverwrites(before);
    if (filled > 0) return confirm(`将覆盖 ${filled} 个已填写的单元格，是否继续？`, '覆盖并载入', { overwrite: true });
  }
  const blocked = writeBlocker(before, writes, intoExisting ? [SHEET_DATA] : []);
  if (blocked) return failed(blocked);
  const incomplete = intoExisting
    ? `“${SHEET_DATA}”中的示例数据可能只写入了一部分，请重新载入。`
    : `已加入的${quoted(writes.add.map((p) => p.name))}可能不完整。请删除这些工作表后重新载入。`;
  const { notes } = await write(context, features, before, writes, SHEET_DATA, incomplete, intoExisting ? () => queueSampleValues(context, before) : undefined);
  return done(`已载入示例数据：${String(SAMPLE.dept_name)}${String(SAMPLE.eval_year)}年度。可直接点“计算评分”查看结果。`, notes);
}

async function validate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true, profile: true, outputs: true });
  const outcome = scoreWorkbookSources(sourcesOf(before));
  if (!outcome.ok) return { kind: 'invalid', errors: renamedDataErrors(before) ?? outcome.errors, warnings: outcome.warnings };
  const status = freshness(before);
  return { kind: 'valid', warnings: outcome.result.warnings, ...(status.state === 'stale' ? { notes: [status.message] } : {}) };
}

async function score(context: Excel.RequestContext, features: ExcelFeatures, { replaceEdited = false }: ActionOptions): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true, profile: true, outputs: true });
  const outcome = scoreWorkbookSources(sourcesOf(before));
  if (!outcome.ok) return { kind: 'invalid', errors: renamedDataErrors(before) ?? outcome.errors, warnings: outcome.warnings };
  const stamp = { profileName: outcome.profile.name, inputFingerprint: inputFingerprint(outcome.raw, outcome.profile) };
  const plans = outputPlans(outcome.result, outcome.profile).map((plan) => stampPlan(plan, stamp));
  const writes = planSheetWrites(before, plans, 'replace');
  if (!writes.ok) return failed(writes.message);
  if (!replaceEdited) {
    const edited = editedSheets(before, writes.rewrite);
    if (edited) return confirm(edited, '重新计算并替换', { replaceEdited: true });
  }
  const blocked = writeBlocker(before, writes, []);
  if (blocked) return failed(blocked);
  const written = quoted(plans.map((p) => p.name));
  const { notes } = await write(context, features, before, writes, SHEET_SCORES, `${written}可能不完整，请重新计算。`);
  return { kind: 'scored', result: outcome.result, ...(notes.length > 0 ? { notes } : {}) };
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

async function resultStatus(): Promise<ResultStatus> {
  const features = detectFeatures();
  if (!features.core) return { state: 'none' };
  return Excel.run(async (context) => freshness(await readWorkbook(context, features, { data: true, profile: true, outputs: true })));
}

/** Registers a change handler on each input sheet not yet watched: one sync to find them, one to register. */
async function watchInputs(watched: Set<string>, onChange: () => void): Promise<boolean> {
  const features = detectFeatures();
  if (!features.core || !features.changeEvents) return false;
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/id');
    await context.sync();
    const inputs = worksheets.items.filter((ws) => (ws.name === SHEET_DATA || ws.name === SHEET_PROFILE) && !watched.has(ws.id));
    if (inputs.length === 0) return true;
    for (const ws of inputs) {
      ws.onChanged.add(async () => onChange());
      watched.add(ws.id);
    }
    await context.sync();
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Checks made before the first write

/**
 * What would make a write fail half-way, found before it starts: a protected sheet we would write
 * into, or a protected workbook structure when a sheet must be added (feature-detected; older
 * Excel cannot tell, and then a failure is reported as it happened).
 */
function writeBlocker(before: WorkbookSnapshot, writes: PlannedWrites, alsoWrites: string[]): string | null {
  const targets = [...writes.rewrite.map((p) => p.name), ...alsoWrites];
  const protectedSheet = before.sheets.find((s) => s.protected && targets.includes(s.name));
  if (protectedSheet) {
    return `“${protectedSheet.name}”受工作表保护，无法写入。请先在“审阅”选项卡中单击“撤销工作表保护”，然后重试。未写入任何内容。`;
  }
  if (writes.add.length > 0 && before.structureProtected === true) {
    return `工作簿结构受保护，无法添加工作表${quoted(writes.add.map((p) => p.name))}。请先在“审阅”选项卡中取消“保护工作簿”，然后重试。未写入任何内容。`;
  }
  return null;
}

/** The question to ask before rewriting sheets of ours the officer edited (or that carry no record); null when none. */
function editedSheets(before: WorkbookSnapshot, rewrite: SheetPlan[]): string | null {
  const changed: string[] = [];
  const unrecorded: string[] = [];
  for (const plan of rewrite) {
    // A sheet whose output area was not read cannot be vouched for: ask.
    const verdict = before.outputs.has(plan.name) ? sheetEdits(before.outputs.get(plan.name) ?? null) : 'unrecorded';
    if (verdict === 'edited') changed.push(plan.name);
    if (verdict === 'unrecorded') unrecorded.push(plan.name);
  }
  const parts = [
    ...(changed.length > 0 ? [`${quoted(changed)}在上次生成后被修改过`] : []),
    ...(unrecorded.length > 0 ? [`${quoted(unrecorded)}没有本工具的生成记录，无法确认是否被修改过`] : []),
  ];
  return parts.length > 0 ? `${parts.join('；')}。重新计算将清除这些修改并重写，是否继续？` : null;
}

/** Input cells the sample would change that hold something now (a cell outside the read area counts: it cannot be checked). */
function sampleOverwrites(before: WorkbookSnapshot): number {
  let count = 0;
  for (const field of FIELDS) {
    const at = sampleCell(before, field.id);
    const now = before.data ? gridValue(before.data, at.row, at.col) : undefined;
    if (now === null || now === '') continue;
    if (now === undefined || !sameValue(now, SAMPLE[field.id] ?? null)) count++;
  }
  return count;
}

function sameValue(now: RawValue, planned: PlanValue): boolean {
  return (typeof now === 'string' || typeof now === 'number' || typeof now === 'boolean') && now === planned;
}

/** Where a field's input is: its defined name in 基础数据表, else its template row. */
function sampleCell(before: WorkbookSnapshot, fieldId: string): { row: number; col: number } {
  const named = before.names.get(fieldId)?.target;
  return named?.sheet === SHEET_DATA ? named : { row: DATA_ROWS.fields[fieldId], col: DATA_COLUMNS.input };
}

/** Writes the seed case into the input cells of our 基础数据表. */
function queueSampleValues(context: Excel.RequestContext, before: WorkbookSnapshot): void {
  const ws = context.workbook.worksheets.getItem(SHEET_DATA);
  for (const field of FIELDS) {
    const at = sampleCell(before, field.id);
    const cell = ws.getRange(cellAddress(at.row, at.col));
    const value = SAMPLE[field.id] ?? '';
    if (isText(value)) cell.numberFormat = [['@']];
    cell.values = [[value]];
  }
}

/** When 基础数据表 is missing because the officer renamed ours, say so instead of “not found”. */
function renamedDataErrors(before: WorkbookSnapshot) {
  if (before.data) return null;
  const renamed = renamedSheets(before, [dataSheetPlan()]);
  if (renamed.length === 0) return null;
  return [{ field: 'sheet', cell: null, message: `“${SHEET_DATA}”已改名为“${renamed[0].now}”。请将它改回“${SHEET_DATA}”后再校验或计算评分。` }];
}

/** Whether our 评分表 still shows the score of the inputs as read. */
function freshness(before: WorkbookSnapshot): ResultStatus {
  if (!isOurSheet(before, SHEET_SCORES, MARKERS[SHEET_SCORES])) return { state: 'none' };
  const status = resultFreshness(before.outputs.get(SHEET_SCORES) ?? null, sourcesFingerprint(sourcesOf(before)));
  if (status.state !== 'stale') return { state: status.state };
  return { state: 'stale', message: `“${SHEET_SCORES}”已过期：计算评分之后，“${SHEET_DATA}”或“${SHEET_PROFILE}”有改动。请点“重新计算”。` };
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Writes and reports: the sheet to show is shown unless it is hidden (Excel cannot activate a
 * hidden sheet; the officer hid it, so it stays hidden and the pane says so).
 */
async function write(
  context: Excel.RequestContext,
  features: ExcelFeatures,
  before: WorkbookSnapshot,
  writes: PlannedWrites,
  show: string,
  incomplete: string,
  extra?: () => void,
): Promise<{ notes: string[] }> {
  const hidden = new Set(before.sheets.filter((s) => s.visibility !== 'Visible').map((s) => s.name));
  const hiddenNotes = [...new Set([...writes.rewrite.map((p) => p.name), show])]
    .filter((name) => hidden.has(name))
    .map((name) => `“${name}”是隐藏的工作表，已写入但保持隐藏。如需查看，请右键单击任一工作表标签，选择“取消隐藏”。`);
  try {
    const notes = await writeSheets(context, features, { writes, show: hidden.has(show) ? null : show, clearArea: outputReadArea(), hidden, extra });
    return { notes: [...hiddenNotes, ...notes] };
  } catch (error) {
    if (error instanceof ContentWriteError) error.incomplete = incomplete;
    throw error;
  }
}

function quoted(sheets: string[]): string {
  return sheets.map((s) => `“${s}”`).join('和');
}

function done(message: string, notes: string[]): ActionOutcome {
  return notes.length > 0 ? { kind: 'done', message, notes } : { kind: 'done', message };
}

function confirm(message: string, confirmLabel: string, options: ActionOptions): ActionOutcome {
  return { kind: 'confirm', message, confirmLabel, options };
}

function failed(message: string): ActionOutcome {
  return { kind: 'failed', message };
}
