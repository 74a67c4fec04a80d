/**
 * Carries out planned sheet writes, after every check has been made (service.ts). Office batches
 * are not transactions — a failing call stops the rest of its batch and what ran before it stays —
 * and ExcelApi 1.4 cannot copy a sheet to roll back to. So the batches are ordered so that nothing
 * optional can spoil anything else:
 *
 *   1 content   names that must go, sheets added (each with its marker at once), our existing
 *               sheets cleared in place, number formats, values, merges, rows added to sheets of
 *               ours that stay (patches), names, any extra values, and the sheet to show activated;
 *   2 look      fonts, fills, borders, sizes; the tab colour last;
 *   3 lists     the 是/否 drop-downs (ExcelApi 1.8), when a plan or patch has any;
 *   4 panes     the frozen header (ExcelApi 1.7), then the sheet to show again;
 *   5 print     A4 and fit to width (ExcelApi 1.9), then the sheet to show again.
 *
 * A failed content batch is reported as what it is (ContentWriteError: the sheets may be
 * incomplete), never “undone”. A failed batch after it is a note; the content is complete.
 */
import type { ReadArea } from '../layout/bounds';
import type { NameDefinition, SheetWrites } from '../layout/ownership';
import { cellAddress, type SheetPlan } from '../layout/plan';
import { errorText } from './errors';
import type { ExcelFeatures } from './features';
import {
  planExtent,
  queueClear,
  queueFreezePanes,
  queueListValidations,
  queuePatchContent,
  queuePatchFormat,
  queueSheetContent,
  queueSheetFormat,
  queueSheetPrint,
  queueTabColor,
} from './renderPlan';

export type PlannedWrites = Extract<SheetWrites, { ok: true }>;

/** The content batch failed: the sheets it was writing may be incomplete. */
export class ContentWriteError extends Error {
  /** What may be incomplete, in the officer's words (the action fills it in). */
  incomplete = '';

  constructor(readonly reason: unknown) {
    super(errorText(reason));
  }
}

export interface WriteJob {
  writes: PlannedWrites;
  /** The sheet to show when done; null leaves the active sheet as it is (the sheet is hidden). */
  show: string | null;
  /** The area of an existing sheet of ours that a rewrite clears: the area that was read of it (layout/bounds.ts outputReadArea). */
  clearArea: (sheet: string) => ReadArea;
  /** Sheets that are hidden: written, but their panes are not frozen (Excel refuses that). */
  hidden: ReadonlySet<string>;
  /**
   * Rows added to sheets of ours that stay as they are (an older template brought up to date): only
   * their cells are written and styled; widths, panes, tab and print of the sheet are left alone.
   */
  patches?: SheetPlan[];
  /** More writes for the content batch (values into an existing sheet). */
  extra?: () => void;
}

/** Both areas at once. */
function union(a: ReadArea, b: ReadArea): ReadArea {
  return { top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) };
}

/** Resolves to notes on the optional parts that failed; throws ContentWriteError when the content did. */
export async function writeSheets(context: Excel.RequestContext, features: ExcelFeatures, job: WriteJob): Promise<string[]> {
  const { writes, show, hidden, patches = [] } = job;
  const worksheets = context.workbook.worksheets;
  const names = context.workbook.names;
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => sheets.get(name) ?? worksheets.getItem(name);
  const toDefine = new Set(writes.defineNames.map((d) => d.name));

  // 1 content
  for (const name of writes.dropNames) names.getItem(name).delete();
  for (const plan of writes.add) {
    const ws = worksheets.add(plan.name);
    sheets.set(plan.name, ws);
    // The marker first, so even a sheet a failure leaves half-done is recognisably ours.
    if (toDefine.has(plan.marker)) names.add(plan.marker, ws.getRange('A1'));
  }
  const cleared = new Map<string, ReadArea>();
  for (const plan of writes.rewrite) {
    const area = union(job.clearArea(plan.name), planExtent(plan));
    cleared.set(plan.name, area);
    queueClear(sheet(plan.name), area);
  }
  const plans: SheetPlan[] = [...writes.add, ...writes.rewrite];
  for (const plan of plans) queueSheetContent(sheet(plan.name), plan);
  for (const patch of patches) queuePatchContent(sheet(patch.name), patch);
  const addedMarkers = new Set(writes.add.map((p) => p.marker));
  for (const def of writes.defineNames) if (!addedMarkers.has(def.name)) defineName(names, sheet(def.sheet), def);
  job.extra?.();
  const activate = () => {
    if (show !== null) sheet(show).activate();
  };
  activate();
  try {
    await context.sync();
  } catch (error) {
    throw new ContentWriteError(error);
  }
  if (plans.length === 0 && patches.length === 0) return [];

  const notes: string[] = [];
  const optional = async (what: string, queue: () => boolean) => {
    if (!queue()) return;
    try {
      await context.sync();
    } catch (error) {
      notes.push(`${what}：${errorText(error)}`);
    }
  };
  const each = (wanted: boolean, queue: (ws: Excel.Worksheet, plan: SheetPlan) => void, which = plans) => () => {
    if (!wanted || which.length === 0) return false;
    for (const plan of which) queue(sheet(plan.name), plan);
    return true;
  };
  // 2 look, the tab colour last
  await optional(`${quotedNames([...plans, ...patches].map((p) => p.name))}已写入，但部分格式未能设置`, () => {
    for (const plan of plans) queueSheetFormat(sheet(plan.name), plan, cleared.get(plan.name));
    for (const patch of patches) queuePatchFormat(sheet(patch.name), patch);
    if (features.tabColor) for (const plan of plans) queueTabColor(sheet(plan.name), plan);
    return true;
  });
  // 3 lists, 4 panes, 5 print: one batch each. Panes and print end by showing the sheet again, so
  // whatever they do to Excel's notion of the active sheet, the last word is ours.
  const thenShow = (queue: () => boolean) => () => queue() && (activate(), true);
  const withLists = [...plans, ...patches].filter((p) => p.listValidations.length > 0);
  await optional('“是/否”下拉列表未能设置', each(features.dataValidation, queueListValidations, withLists));
  const visible = plans.filter((p) => p.freezeRows > 0 && !hidden.has(p.name));
  await optional('表头冻结未能设置', thenShow(each(features.freezePanes, queueFreezePanes, visible)));
  await optional('打印设置（A4、适应页宽）未能完成', thenShow(each(features.pageLayout, queueSheetPrint)));
  return notes;
}

/** Sheet names as a Chinese list: “评分表”, “评分表”和“问题清单”, “评分表”、“问题清单”和“报告草稿”. */
export function quotedNames(names: readonly string[]): string {
  const q = [...new Set(names)].map((n) => `“${n}”`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join('、')}和${q[q.length - 1]}`;
}

function defineName(names: Excel.NamedItemCollection, ws: Excel.Worksheet, def: NameDefinition): void {
  names.add(def.name, ws.getRange(cellAddress(def.row, def.col)));
}
