/**
 * Carries out planned sheet writes: content in one sync, format in at most one more. Every check
 * has been made before (see sheetWrites.ts); if the content sync still fails, what it left behind
 * is removed again, so the workbook is never left half-written.
 */
import type { SheetWrites } from '../layout/ownership';
import type { ExcelFeatures } from './features';
import type { WorkbookSnapshot } from './readWorkbook';
import { queueListValidations, queueSheetContent, queueSheetFormat, queueSheetPanes, queueSheetPrint } from './renderPlan';

export type PlannedWrites = Extract<SheetWrites, { ok: true }>;

/** The content sync failed; `undoContentWrite` removes what it may have left. */
export class ContentWriteError extends Error {
  constructor(
    readonly reason: unknown,
    readonly before: WorkbookSnapshot,
    readonly writes: PlannedWrites,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

export interface WriteOptions {
  /** Sheet to show when done. */
  show: string;
  /** More writes for the content batch (values into an existing sheet). */
  extra?: () => void;
}

/** Resolves to null, or the error of the format sync (the content is then complete). */
export async function writeSheets(
  context: Excel.RequestContext,
  before: WorkbookSnapshot,
  writes: PlannedWrites,
  features: ExcelFeatures,
  { show, extra }: WriteOptions,
): Promise<unknown> {
  const worksheets = context.workbook.worksheets;
  for (const name of writes.dropNames) context.workbook.names.getItem(name).delete();
  for (const sheet of writes.dropSheets) worksheets.getItem(sheet).delete();
  const added = writes.add.map((plan) => {
    const ws = worksheets.add(plan.name);
    queueSheetContent(context, ws, plan);
    return { ws, plan };
  });
  extra?.();
  const shown = added.find((a) => a.plan.name === show)?.ws ?? worksheets.getItem(show);
  shown.activate();
  try {
    await context.sync();
  } catch (error) {
    throw new ContentWriteError(error, before, writes);
  }
  if (added.length === 0) return null;

  // The format batch, surest first: a failing call stops the rest of a batch, so each optional
  // feature comes after everything that does not need it.
  for (const { ws, plan } of added) queueSheetFormat(ws, plan);
  for (const { ws, plan } of added) queueListValidations(ws, plan, features);
  for (const { ws, plan } of added) queueSheetPanes(ws, plan, features);
  for (const { ws, plan } of added) queueSheetPrint(ws, plan, features);
  // Freezing panes may move Excel's notion of the active sheet: show the right one again, last.
  shown.activate();
  try {
    await context.sync();
    return null;
  } catch (error) {
    return error;
  }
}

/**
 * Removes the sheets a failed content sync added (those whose id was not there before) and the
 * names it defined. Best effort: resolves to false if even that fails.
 */
export async function undoContentWrite({ before, writes }: ContentWriteError): Promise<boolean> {
  const sheetsToGo = new Set(writes.add.map((p) => p.name));
  const namesToGo = new Set(writes.add.flatMap((p) => [p.marker, ...p.names.map((n) => n.name)]).filter((n) => !before.names.has(n)));
  const oldIds = new Set(before.sheetIds);
  try {
    await Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name,items/id');
      const names = context.workbook.names;
      names.load('items/name');
      await context.sync();
      for (const item of names.items) if (namesToGo.has(item.name)) item.delete();
      for (const ws of worksheets.items) if (sheetsToGo.has(ws.name) && !oldIds.has(ws.id)) ws.delete();
      await context.sync();
    });
    return true;
  } catch {
    return false;
  }
}
