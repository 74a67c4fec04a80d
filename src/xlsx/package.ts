/** (being written) */
import type { WorkbookSources } from '../layout/workflow';
import type { SheetPlan } from '../layout/plan';

export interface OpenedWorkbook {
  /** The template's area of 基础数据表 and 指标体系, and the names pointing into 基础数据表. */
  sources: WorkbookSources;
  /** `.xlsm` when the package holds macros (its copy keeps the extension), else `.xlsx`. */
  extension: '.xlsx' | '.xlsm';
  /** True for a summary workbook written by `batch` (its 汇总 sheet carries our marker). */
  isSummary: boolean;
  /**
   * The bytes of a copy with these sheets added, or rewritten in place where they are ours.
   * Throws SheetConflictError (nothing built) when a sheet or name of the user's is in the way.
   */
  withSheets(plans: SheetPlan[]): Buffer;
}

/** Reads a workbook's bytes. Throws WorkbookFileError (Chinese message) when it is not a readable .xlsx/.xlsm. */
export async function openWorkbook(_bytes: Buffer): Promise<OpenedWorkbook> {
  throw new Error('not yet');
}

/** A new workbook holding just these sheets (the template, a JSON input's copy, a batch summary). */
export function newWorkbookBytes(_plans: SheetPlan[]): Buffer {
  throw new Error('not yet');
}
