/**
 * The Office.js WorkbookService: the task pane's actions on the open workbook. Each action reads
 * what it needs in one sync (two when the officer's names reach far down), decides everything with
 * the shared layout rules (workflow, ownership, provenance), checks every reason a write could fail
 * half-way, and only then writes (writeSheets.ts). Syncs per action:
 *
 *   计算评分       5 (read 1, content 1, look 1, panes 1, print 1); one more when names reach below
 *                  the first data area, one more when 报告草稿 runs past its first read area
 *   插入模板       6 (read 1, content 1, look 1, lists 1, panes 1, print 1); bringing an older template
 *                  up to date 3 (read 1, content 1, look 1; lists 1 when a patch has any)
 *   载入示例数据   6 into a new workbook, as 插入模板; 2 into an existing template (read 1, values 1)
 *   状态           1 (2 with far names)   校验 1 (2)   结果状态 1 (2)   导出报告 1 (2)
 *   在评分表中查看 1   选中单元格 1   监视输入 2
 *
 * Fewer on older Excel, where the optional batches are skipped.
 */
import sample from '../../assets/samples/nanchang-2018.json';
import { FIELDS } from '../engine/fields';
import { DEFAULT_PROFILE } from '../engine/profile';
import type { RawValue } from '../engine/types';
import { outputFullReadArea, outputReadArea, type ReadArea } from '../layout/bounds';
import { type Grid, gridValue } from '../layout/grid';
import { SCORE_COLUMNS, indicatorRow } from '../layout/output';
import { isOurSheet, planSheetWrites, renamedSheetMessage, renamedSheets } from '../layout/ownership';
import { MARKERS, SHEET_DATA, SHEET_PROFILE, SHEET_REPORT, SHEET_SCORES, cellAddress, type PlanValue, type SheetPlan } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { findProvenance, resultFreshness, sheetEdits, sourcesFingerprint } from '../layout/provenance';
import { dataSheetPlan, readDataSheet } from '../layout/template';
import { outputPlans, reportDraft, scoreWorkbookSources, type WorkflowOutcome } from '../layout/workflow';
import type { ActionOptions, ActionOutcome, ReportFile, ResultStatus, WorkbookService, WorkbookState } from '../taskpane/service';
import { errorText } from './errors';
import { detectFeatures, type ExcelFeatures } from './features';
import { gridArea, readOutputAreas, readWorkbook, sourcesOf, type WorkbookSnapshot } from './readWorkbook';
import { cellTarget, splitSheetAddress } from './references';
import { isText } from './renderPlan';
import { dataSheetPatch, profileSheetPatch, type SheetPatch } from './upgrade';
import { ContentWriteError, quotedNames, writeSheets, type PlannedWrites } from './writeSheets';

const SAMPLE: Record<string, PlanValue> = sample;

const UNSUPPORTED = '此版本的 Excel 不支持本加载项所需的功能（ExcelApi 1.4）。请更新 Office 或改用 Microsoft 365 / 网页版 Excel。';
const TEMPLATE_PRESENT = `工作簿中已有本工具插入的“${SHEET_DATA}”和“${SHEET_PROFILE}”，未做改动，以免覆盖已填写的数据。如需空白模板，请先将这两张表改名或删除。`;

export function createExcelService(): WorkbookService {
  const watched = new Set<string>();
  return {
    state,
    showIndicator,
    reportFile,
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
    return failed(failureText(label, error));
  }
}

/** What went wrong, in Chinese, with the hint older Excel builds need. */
function failureText(label: string, error: unknown): string {
  // Older Excel builds raise GeneralException for sheet changes while another workbook is open.
  const hint = (error as { code?: unknown }).code === 'GeneralException' ? '如同时打开了其他工作簿，请先关闭它们，' : '';
  return `${label}时出错：${errorText(error)}。${hint}请重试。`;
}

// ---------------------------------------------------------------------------------------------
// The actions

async function insertTemplate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true, profile: true });
  const plans = [dataSheetPlan(), profileSheetPlan(DEFAULT_PROFILE)];
  const renamed = renamedSheets(before, plans);
  if (renamed.length > 0) return failed(renamedSheetMessage(renamed[0].sheet, renamed[0].now));
  const sheetWrites = planSheetWrites(before, plans, 'keep');
  if (!sheetWrites.ok) return failed(sheetWrites.message);
  const upgrade = templatePatches(before, sheetWrites.kept);
  if (!upgrade.ok) return failed(upgrade.message);
  if (sheetWrites.add.length === 0 && upgrade.patches.length === 0) return failed(TEMPLATE_PRESENT);
  // The names of the rows a patch adds, by the same rule as a sheet's: never over a name of the officer's.
  const patchNames = planSheetWrites(before, upgrade.patches.map((p) => p.plan), 'replace');
  if (!patchNames.ok) return failed(patchNames.message);
  const writes: PlannedWrites = {
    ...sheetWrites,
    dropNames: [...sheetWrites.dropNames, ...patchNames.dropNames],
    defineNames: [...sheetWrites.defineNames, ...patchNames.defineNames],
  };
  const patched = upgrade.patches.map((p) => p.plan.name);
  const blocked = writeBlocker(before, writes, patched);
  if (blocked) return failed(blocked);
  const added = quotedNames(writes.add.map((p) => p.name));
  const incomplete = [
    ...(writes.add.length > 0 ? [`已加入的${added}可能不完整。请删除这些工作表后重新插入模板。`] : []),
    ...(patched.length > 0 ? [`${quotedNames(patched)}末尾补充的行可能不完整，请删除这些行后重新插入模板。`] : []),
  ].join('');
  const { notes } = await write(context, features, before, writes, SHEET_DATA, incomplete, { patches: upgrade.patches.map((p) => p.plan) });
  const upgraded = upgrade.patches.map((p) => `在“${p.plan.name}”第${p.rows[0]}–${p.rows[1]}行补充了${p.what}`);
  const upgradeText = upgraded.length > 0 ? `模板已更新到当前版本：${upgraded.join('；')}。已填写的内容和名称均未改动。` : '';
  if (writes.add.length === 0) return done(upgradeText, notes);
  const message = writes.kept.length === 0
    ? `已插入${added}。请在“${SHEET_DATA}”的黄色单元格中填写，然后点“校验”或“计算评分”。`
    : `已补回工作表${added}；已有的${quotedNames(writes.kept)}保持不变。${upgradeText}`;
  return done(message, notes);
}

/** What today's template adds to the sheets of ours that stay (upgrade.ts), each as a patch. */
function templatePatches(before: WorkbookSnapshot, kept: string[]): { ok: true; patches: SheetPatch[] } | { ok: false; message: string } {
  const outcomes = [
    kept.includes(SHEET_DATA) && before.data ? dataSheetPatch(before.data, sourcesOf(before).names) : null,
    kept.includes(SHEET_PROFILE) && before.profile ? profileSheetPatch(before.profile) : null,
  ];
  const patches: SheetPatch[] = [];
  for (const outcome of outcomes) {
    if (outcome && !outcome.ok) return outcome;
    if (outcome?.patch) patches.push(outcome.patch);
  }
  return { ok: true, patches };
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
    : `已加入的${quotedNames(writes.add.map((p) => p.name))}可能不完整。请删除这些工作表后重新载入。`;
  const { notes } = await write(context, features, before, writes, SHEET_DATA, incomplete, { extra: intoExisting ? () => queueSampleValues(context, before) : undefined });
  return done(`已载入示例数据：${String(SAMPLE.dept_name)}${String(SAMPLE.eval_year)}年度。可直接点“计算评分”查看结果。`, notes);
}

async function validate(context: Excel.RequestContext, features: ExcelFeatures): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true, profile: true, outputs: [SHEET_SCORES] });
  const outcome = scored(before);
  if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
  const status = freshness(before);
  return { kind: 'valid', warnings: outcome.result.warnings, ...(status.state === 'stale' ? { notes: [status.message] } : {}) };
}

async function score(context: Excel.RequestContext, features: ExcelFeatures, { replaceEdited = false }: ActionOptions): Promise<ActionOutcome> {
  const before = await readWorkbook(context, features, { data: true, profile: true, outputs: true });
  const outcome = scored(before);
  if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
  // Stamped with their provenance by the workflow (given the raw inputs).
  const plans = outputPlans(outcome.result, outcome.profile, outcome.raw);
  const writes = planSheetWrites(before, plans, 'replace');
  if (!writes.ok) return failed(writes.message);
  const outputs = await readFurther(context, before.outputs);
  if (!replaceEdited) {
    const edited = editedSheets(outputs, writes.rewrite);
    if (edited) return confirm(edited, '重新计算并替换', { replaceEdited: true });
  }
  const blocked = writeBlocker(before, writes, []);
  if (blocked) return failed(blocked);
  const written = quotedNames(plans.map((p) => p.name));
  const clearArea = (sheet: string) => {
    const grid = outputs.get(sheet);
    return grid ? gridArea(grid) : outputReadArea(sheet);
  };
  const { notes } = await write(context, features, before, writes, SHEET_SCORES, `${written}可能不完整，请重新计算。`, { clearArea });
  return { kind: 'scored', result: outcome.result, ...(notes.length > 0 ? { notes } : {}) };
}

/** The workflow on what was read; when 基础数据表 is missing because the officer renamed ours, it says so. */
function scored(before: WorkbookSnapshot): WorkflowOutcome {
  const outcome = scoreWorkbookSources(sourcesOf(before));
  return outcome.ok ? outcome : { ...outcome, errors: renamedDataErrors(before) ?? outcome.errors };
}

/** The rows of 报告草稿 a full read may take (its columns A:E within MAX_READ_CELLS). */
const REPORT_FULL_AREA: ReadArea = outputFullReadArea(SHEET_REPORT);

/** Rows at the bottom of 报告草稿's first read that, holding anything, mean the sheet may go on below (the draft has no two empty rows in a row). */
const REPORT_EDGE_ROWS = 3;

/**
 * 报告草稿 read further, in one more sync, when what is on it may run past its first read area: no
 * provenance line in the area (ours ends with one) and something in its last rows. Then the check
 * for the officer's edits sees the whole sheet, and the rewrite clears it all.
 */
async function readFurther(context: Excel.RequestContext, outputs: Map<string, Grid | null>): Promise<Map<string, Grid | null>> {
  const report = outputs.get(SHEET_REPORT);
  const reachesEdge = report?.values.slice(-REPORT_EDGE_ROWS).some((line) => line.some((v) => v !== null && v !== ''));
  if (!report || !reachesEdge || findProvenance(report)) return outputs;
  const more = await readOutputAreas(context, new Map([[SHEET_REPORT, REPORT_FULL_AREA]]));
  return new Map([...outputs, ...more]);
}

/** 在评分表中查看: 评分表 shown with the indicator's row (A:H) selected, in one sync; the row comes from the layout. */
async function showIndicator(indicatorId: string): Promise<void> {
  const row = indicatorRow(DEFAULT_PROFILE.indicators.map((i) => i.id), indicatorId);
  if (row === null) throw new Error(`找不到指标“${indicatorId}”。`);
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(SHEET_SCORES);
    ws.activate();
    ws.getRange(`${cellAddress(row, 1)}:${cellAddress(row, SCORE_COLUMNS)}`).select();
    await context.sync();
  });
}

/** Characters Windows, macOS and the web do not take in a file name, and control characters. */
const NOT_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** `<单位><年度>年度部门整体支出绩效自评报告.docx`, safe as a file name on any system. */
export function reportFileName(department: string, year: number): string {
  const unit = [...department.replace(NOT_IN_FILE_NAMES, '').trim()].slice(0, 80).join('').replace(/^[.\s]+|[.\s]+$/g, '');
  return `${unit || '部门'}${year}年度部门整体支出绩效自评报告.docx`;
}

/**
 * 导出报告: the inputs as they are now, read (one sync), validated and scored, drafted and built as
 * a .docx. The Word builder is a chunk of its own, loaded on first use. Writes nothing.
 */
async function reportFile(): Promise<ReportFile> {
  const features = detectFeatures();
  if (!features.core) return { kind: 'failed', message: UNSUPPORTED };
  try {
    const outcome = await Excel.run(async (context) => scored(await readWorkbook(context, features, { data: true, profile: true })));
    if (!outcome.ok) return { kind: 'invalid', errors: outcome.errors, warnings: outcome.warnings };
    const { packReport } = await import(/* webpackChunkName: "report-docx" */ '../docx/reportDocx');
    const blob = await packReport(reportDraft(outcome), 'blob');
    return { kind: 'file', blob, fileName: reportFileName(outcome.result.department, outcome.result.year) };
  } catch (error) {
    return { kind: 'failed', message: failureText('导出报告', error) };
  }
}

/** Whether a value is blank as the officer sees it: nothing, or only spaces. */
function isBlank(v: RawValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The workbook's state for the guided steps, in one sync (two when names reach far down); writes nothing. */
async function state(): Promise<WorkbookState> {
  const features = detectFeatures();
  const none: WorkbookState = { template: { state: 'missing' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } };
  if (!features.core) return none;
  return Excel.run(async (context) => {
    const before = await readWorkbook(context, features, { data: true, profile: true, outputs: [SHEET_SCORES] });
    const result = freshness(before);
    const template = templateState(before);
    if (!before.data || !isOurSheet(before, SHEET_DATA, MARKERS[SHEET_DATA])) return { ...none, template, result };
    const raw = readDataSheet(before.data, sourcesOf(before).names);
    const required = FIELDS.filter((f) => f.required);
    const empty = required
      .filter((f) => isBlank(raw.values[f.id]))
      .flatMap((f) => (raw.cells?.[f.id] ? [raw.cells[f.id]] : []))
      .sort((a, b) => cellOrder(a) - cellOrder(b));
    const filled = required.filter((f) => !isBlank(raw.values[f.id])).length;
    const anything = FIELDS.some((f) => !isBlank(raw.values[f.id]));
    const outcome = scored(before);
    return {
      template,
      required: { filled, total: required.length, firstEmpty: empty[0] ?? null },
      errors: anything ? (outcome.ok ? 0 : outcome.errors.length) : null,
      result,
    };
  });
}

/** `基础数据表!C18` → a number that orders cells by row, then column. */
function cellOrder(address: string): number {
  const cell = cellTarget(address);
  return cell ? cell.row * 20000 + cell.col : Number.MAX_SAFE_INTEGER;
}

/** 基础数据表 and 指标体系: both ours (present), one of ours under another name (renamed), else missing. */
function templateState(before: WorkbookSnapshot): WorkbookState['template'] {
  const plans = [dataSheetPlan(), profileSheetPlan(DEFAULT_PROFILE)];
  const renamed = renamedSheets(before, plans);
  if (renamed.length > 0) return { state: 'renamed', where: renamed[0].now };
  return plans.every((p) => isOurSheet(before, p.name, p.marker)) ? { state: 'present' } : { state: 'missing' };
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
  return Excel.run(async (context) => freshness(await readWorkbook(context, features, { data: true, profile: true, outputs: [SHEET_SCORES] })));
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
    return `工作簿结构受保护，无法添加工作表${quotedNames(writes.add.map((p) => p.name))}。请先在“审阅”选项卡中取消“保护工作簿”，然后重试。未写入任何内容。`;
  }
  return null;
}

/** The question to ask before rewriting sheets of ours the officer edited (or that carry no record); null when none. */
function editedSheets(outputs: Map<string, Grid | null>, rewrite: SheetPlan[]): string | null {
  const changed: string[] = [];
  const unrecorded: string[] = [];
  for (const plan of rewrite) {
    // A sheet whose output area was not read cannot be vouched for: ask.
    const verdict = outputs.has(plan.name) ? sheetEdits(outputs.get(plan.name) ?? null) : 'unrecorded';
    if (verdict === 'edited') changed.push(plan.name);
    if (verdict === 'unrecorded') unrecorded.push(plan.name);
  }
  const parts = [
    ...(changed.length > 0 ? [`${quotedNames(changed)}在上次生成后被修改过`] : []),
    ...(unrecorded.length > 0 ? [`${quotedNames(unrecorded)}没有本工具的生成记录，无法确认是否被修改过`] : []),
  ];
  if (parts.length === 0) return null;
  // Narrative typed into the draft is lost on every score: say where it belongs.
  const report = [...changed, ...unrecorded].includes(SHEET_REPORT) ? `报告中的文字请填写在“${SHEET_DATA}”的“七、报告信息（选填）”中，或导出 Word 后修改。` : '';
  return `${parts.join('；')}。重新计算将清除这些修改并重写，是否继续？${report}`;
}

/** Input cells the sample would change that hold something now (a cell outside the read area counts: it cannot be checked). */
function sampleOverwrites(before: WorkbookSnapshot): number {
  let count = 0;
  for (const [id, at] of inputCells(before)) {
    const now = before.data ? gridValue(before.data, at.row, at.col) : undefined;
    if (now === null || now === '') continue;
    if (now === undefined || !sameValue(now, SAMPLE[id] ?? null)) count++;
  }
  return count;
}

function sameValue(now: RawValue, planned: PlanValue): boolean {
  return (typeof now === 'string' || typeof now === 'number' || typeof now === 'boolean') && now === planned;
}

/**
 * Where each field's input is, as the reader finds it (its defined name, else its label): the
 * sample goes exactly where it will be read from. A field an older template lacks has none, and is
 * not written (插入模板 adds it).
 */
function inputCells(before: WorkbookSnapshot): Map<string, { row: number; col: number }> {
  const found = before.data ? readDataSheet(before.data, sourcesOf(before).names).cells ?? {} : {};
  return new Map(
    Object.entries(found).flatMap(([id, address]) => {
      const cell = cellTarget(address);
      return cell ? [[id, { row: cell.row, col: cell.col }] as const] : [];
    }),
  );
}

/** Writes the seed case into the input cells of our 基础数据表. */
function queueSampleValues(context: Excel.RequestContext, before: WorkbookSnapshot): void {
  const ws = context.workbook.worksheets.getItem(SHEET_DATA);
  for (const [id, at] of inputCells(before)) {
    const cell = ws.getRange(cellAddress(at.row, at.col));
    const value = SAMPLE[id] ?? '';
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
  more: { extra?: () => void; patches?: SheetPlan[]; clearArea?: (sheet: string) => ReadArea } = {},
): Promise<{ notes: string[] }> {
  const hidden = new Set(before.sheets.filter((s) => s.visibility !== 'Visible').map((s) => s.name));
  const touched = [...writes.rewrite.map((p) => p.name), ...(more.patches ?? []).map((p) => p.name), show];
  const hiddenNotes = [...new Set(touched)]
    .filter((name) => hidden.has(name))
    .map((name) => `“${name}”是隐藏的工作表，已写入但保持隐藏。如需查看，请右键单击任一工作表标签，选择“取消隐藏”。`);
  try {
    const notes = await writeSheets(context, features, {
      writes,
      show: hidden.has(show) ? null : show,
      clearArea: more.clearArea ?? outputReadArea,
      hidden,
      patches: more.patches,
      extra: more.extra,
    });
    return { notes: [...hiddenNotes, ...notes] };
  } catch (error) {
    if (error instanceof ContentWriteError) error.incomplete = incomplete;
    throw error;
  }
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
