/**
 * What the task pane may ask of the workbook. The React components call only this interface;
 * the Office.js implementation lives in src/excel/, and tests supply their own.
 */
import type { EvaluationResult, InputIssue } from '../engine/types';

/** Explicit permissions an action never assumes: the pane passes them only after the officer said yes. */
export interface ActionOptions {
  /** 载入示例数据: write over input cells that already hold something. */
  overwrite?: boolean;
  /** 计算评分: replace a sheet of ours the officer edited since we wrote it. */
  replaceEdited?: boolean;
}

export type ActionOutcome =
  /** Done; `message` is a short Chinese confirmation for the status bar; `notes` what the officer should know. */
  | { kind: 'done'; message: string; notes?: string[] }
  /** Inputs failed validation: every error with its cell; nothing was written. */
  | { kind: 'invalid'; errors: InputIssue[]; warnings: InputIssue[] }
  /** Inputs are valid (from 校验): warnings only; `notes` e.g. that 评分表 is out of date. */
  | { kind: 'valid'; warnings: InputIssue[]; notes?: string[] }
  /** Scored and written back (from 计算评分); `notes` e.g. a hidden sheet left hidden, a format not set. */
  | { kind: 'scored'; result: EvaluationResult; notes?: string[] }
  /** Nothing written yet: the action would lose something of the officer's; ask, then run it again with `options`. */
  | { kind: 'confirm'; message: string; confirmLabel: string; options: ActionOptions }
  /** Could not proceed (e.g. a sheet of the user's is in the way); plain Chinese message. */
  | { kind: 'failed'; message: string };

/** Whether 评分表 in the workbook shows the score of the inputs as they are now. */
export type ResultStatus =
  | { state: 'none' }
  | { state: 'current' }
  /** The inputs changed since 评分表 was written. */
  | { state: 'stale'; message: string };

/** What the guided steps need to know of the workbook, read in one sync. */
export interface WorkbookState {
  /** 基础数据表 and 指标体系 are there (ours); `renamed`: one of ours carries another name now (`where` says which). */
  template: { state: 'missing' } | { state: 'present' } | { state: 'renamed'; where: string };
  /** Required inputs filled, and the first empty one (`基础数据表!C5`) to go to; zeros when the template is missing. */
  required: { filled: number; total: number; firstEmpty: string | null };
  /** How many errors validating the inputs as they are now gives (0 = valid); null without the template or before anything is filled. */
  errors: number | null;
  /** Whether 评分表 is there and shows the inputs as they are now. */
  result: ResultStatus;
}

/** The report draft as a Word file, for the pane to save where the host allows. */
export type ReportFile =
  | { kind: 'file'; blob: Blob; fileName: string }
  | { kind: 'invalid'; errors: InputIssue[]; warnings: InputIssue[] }
  | { kind: 'failed'; message: string };

export interface WorkbookService {
  /** The workbook's state for the guided steps, in one sync; writes nothing. */
  state(): Promise<WorkbookState>;
  /** 在评分表中查看: activates 评分表 and selects the indicator's row. */
  showIndicator(indicatorId: string): Promise<void>;
  /** 导出报告: scores the inputs as they are now and builds the .docx (the Word builder is loaded on first use). Writes nothing to the workbook. */
  reportFile(): Promise<ReportFile>;
  /** 插入模板: adds 基础数据表 and 指标体系 (never over a sheet the user made). */
  insertTemplate(): Promise<ActionOutcome>;
  /** 载入示例数据: fills the template with the bundled seed case; never over filled cells without `overwrite`. */
  loadSample(options?: ActionOptions): Promise<ActionOutcome>;
  /** 校验: reads and validates; writes nothing. */
  validate(): Promise<ActionOutcome>;
  /** 计算评分: reads, validates, scores, rewrites 评分表 and 问题清单 in place; never over the officer's edits without `replaceEdited`. */
  score(options?: ActionOptions): Promise<ActionOutcome>;
  /** Selects a cell given as `基础数据表!C18` (click on an error). */
  selectCell(address: string): Promise<void>;
  /** Whether 评分表 is out of date (its input fingerprint against the workbook's inputs now); writes nothing. */
  resultStatus(): Promise<ResultStatus>;
  /**
   * Calls `onChange` whenever 基础数据表 or 指标体系 changes while the pane is open (Worksheet.onChanged,
   * ExcelApi 1.7). Resolves to false where this Excel has no such events. Safe to call again after
   * the template was inserted: sheets already watched are not watched twice.
   */
  watchInputs(onChange: () => void): Promise<boolean>;
}
