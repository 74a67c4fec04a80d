/**
 * Plain data types shared by the engine, the layouts and both adapters.
 * Nothing here knows about Office.js, exceljs or React.
 */

/** An Excel error value such as `#DIV/0!`, kept apart from text so it can be reported as such. */
export interface CellError {
  error: string;
}

/**
 * A cell that holds a formula but no computed result (the file was saved by a program that does not
 * calculate). `formula` is its text, with or without the leading `=`.
 */
export interface UncalculatedFormula {
  formula: string;
}

/**
 * A source value that is not one value: a JSON object or array. Only `rawInputsFromJson` makes it,
 * so that `{"error": "#N/A"}` in a JSON file is never taken for an Excel error value.
 */
export interface NonScalarValue {
  nonScalar: 'object' | 'array';
}

/** A cell as an adapter hands it to the engine, before any parsing. */
export type RawValue =
  | number
  | string
  | boolean
  | Date
  | null
  | undefined
  | CellError
  | UncalculatedFormula
  | NonScalarValue;

/** Raw inputs by field id, with the cell each came from when the source is a workbook. */
export interface RawInputs {
  values: Record<string, RawValue>;
  /** field id → address such as `基础数据表!C18`; absent for JSON input. */
  cells?: Record<string, string>;
}

/** A problem with one input (or one profile parameter), shown to the officer. */
export interface InputIssue {
  field: string;
  cell: string | null;
  message: string;
}

export type Severity = '高' | '中' | '低';
export type Grade = '优' | '良' | '中' | '差';

/** One 三级指标 result. `value` is the unrounded rate (null for checklists and zero denominators). */
export interface IndicatorResult {
  id: string;
  level1: string;
  level2: string;
  name: string;
  /** The rule kind: 区间 (band), 分档 (tiers) or 检查项 (checklist). */
  rule: 'band' | 'tiers' | 'checklist';
  weight: number;
  value: number | null;
  score: number;
  /** 扣分原因: the rate, the bound and the arithmetic. */
  reason: string;
  /** 计算过程: how the rate was derived from the inputs. */
  process: string;
}

export interface Metrics {
  /** 预算完成率（总）; null when the adjusted total is 0. */
  budget_execution_rate: number | null;
  /** 预算调整率; null when the initial total is 0. */
  budget_adjustment_rate: number | null;
  /** 空编人数 */
  staff_vacancy: number;
  /** 上年预算完成率: 上年决算支出合计 ÷ 上年调整后预算合计; null unless both are given and the budget is not 0. */
  prev_execution_rate: number | null;
}

export interface IssueFlag {
  code: string;
  severity: Severity;
  /** 问题: the problem, quoting its figures. */
  message: string;
  /** 依据: the figures that show it. */
  evidence: string;
  /** 整改措施 */
  suggestion: string;
  indicators: string[];
  fields: string[];
}

/** How the profile's execution-rate cap (预算执行率封顶) lowered the total; present only when it did. */
export interface ExecutionCap {
  /** 预算完成率（总）, unrounded. */
  rate: number;
  /** The most the total may be at this rate. */
  max: number;
  /** The sum of the rounded scores, before the cap. */
  uncapped_total: number;
}

export interface EvaluationResult {
  department: string;
  year: number;
  /** The sum of the rounded scores, or the cap's maximum when `cap` is present. */
  total: number;
  grade: Grade;
  /** Absent unless the execution-rate cap lowered the total (no key at all, so JSON shows none). */
  cap?: ExecutionCap;
  indicators: IndicatorResult[];
  metrics: Metrics;
  flags: IssueFlag[];
  warnings: InputIssue[];
}
