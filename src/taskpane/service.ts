/**
 * What the task pane may ask of the workbook. The React components call only this interface;
 * the Office.js implementation lives in src/excel/, and tests supply their own.
 */
import type { EvaluationResult, InputIssue } from '../engine/types';

export type ActionOutcome =
  /** Done; `message` is a short Chinese confirmation for the status bar. */
  | { kind: 'done'; message: string }
  /** Inputs failed validation: every error with its cell; nothing was written. */
  | { kind: 'invalid'; errors: InputIssue[]; warnings: InputIssue[] }
  /** Inputs are valid (from 校验): warnings only. */
  | { kind: 'valid'; warnings: InputIssue[] }
  /** Scored and written back (from 计算评分). */
  | { kind: 'scored'; result: EvaluationResult }
  /** Could not proceed (e.g. a sheet of the user's is in the way); plain Chinese message. */
  | { kind: 'failed'; message: string };

export interface WorkbookService {
  /** 插入模板: adds 基础数据表 and 指标体系 (never over a sheet the user made). */
  insertTemplate(): Promise<ActionOutcome>;
  /** 载入示例数据: fills the template with the bundled seed case (inserting it first if needed). */
  loadSample(): Promise<ActionOutcome>;
  /** 校验: reads and validates; writes nothing. */
  validate(): Promise<ActionOutcome>;
  /** 计算评分: reads, validates, scores, writes 评分表 and 问题清单. */
  score(): Promise<ActionOutcome>;
  /** Selects a cell given as `基础数据表!C18` (click on an error). */
  selectCell(address: string): Promise<void>;
}
