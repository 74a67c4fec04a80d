/**
 * The indicator system (指标体系) as data: weights, rate formulas and rule parameters. The default
 * profile is the one the 2018 Nanchang report was scored against (see docs/scoring-rules.md in
 * shared/spec). Officers may edit the numbers on the sheet 指标体系; the formulas are fixed.
 */

/** What to do when the rate's denominator is 0. */
export type BaseZeroPolicy = 'full' | 'full_if_zero_numerator';

/** rate = (Σ numerator − Σ numeratorMinus) / Σ denominator; no denominator means the value itself. */
export interface RateFormula {
  numerator: string[];
  numeratorMinus?: string[];
  denominator?: string[];
  /** Fields whose sum is the "numerator" for the full_if_zero_numerator policy (default: numerator). */
  zeroNumerator?: string[];
  /** The word for the rate in reasons: 完成率, 控制率… */
  rateWord: string;
}

export interface BandRule {
  kind: 'band';
  lower?: number;
  upper?: number;
  mode: 'proportional' | 'steps';
  /** Points off per full `per` percentage points below the lower bound (mode steps). */
  stepBelow?: number;
  per?: number;
  /** Points off per percentage point above the upper bound. */
  stepAbove?: number;
  ifBaseZero?: BaseZeroPolicy;
}

export interface Tier {
  /** The minimum rate this tier needs. */
  min: number;
  /** The share of the weight it gives (0.8 = 80%). */
  share: number;
}

export interface TiersRule {
  kind: 'tiers';
  tiers: Tier[];
  ifBaseZero?: BaseZeroPolicy;
}

export interface ChecklistItem {
  field: string;
  points: number;
}

export interface ChecklistRule {
  kind: 'checklist';
  items: ChecklistItem[];
}

export type Rule = BandRule | TiersRule | ChecklistRule;

export interface IndicatorDef {
  id: string;
  level1: string;
  level2: string;
  name: string;
  weight: number;
  rate?: RateFormula;
  rule: Rule;
}

export interface GradeBounds {
  优: number;
  良: number;
  中: number;
}

/** Thresholds of the issue flags that are not an indicator's own bound. */
export interface FlagThresholds {
  /** EXECUTION_LOW when the overall execution rate is below this… */
  executionLow: number;
  /** …and 高 when below this. */
  executionSevere: number;
  /** PROJECT_EXECUTION_LOW is 高 below this. */
  projectExecutionSevere: number;
  /** ADJUSTMENT_HIGH above this. */
  adjustmentHigh: number;
  /** SATISFACTION_LOW below this. */
  satisfactionLow: number;
}

/** Each flag threshold's name in messages and what it does, as the sheet 指标体系 explains it. */
export const THRESHOLD_LABELS: Record<keyof FlagThresholds, { name: string; note: string }> = {
  executionLow: { name: '预算完成率偏低阈值', note: '预算完成率低于此值时列为问题（EXECUTION_LOW）' },
  executionSevere: { name: '预算完成率严重偏低阈值', note: '预算完成率低于此值时问题为“高”' },
  projectExecutionSevere: { name: '项目支出预算完成率严重偏低阈值', note: '项目支出预算完成率低于此值时问题为“高”' },
  adjustmentHigh: { name: '预算调整率偏高阈值', note: '预算调整率高于此值时列为问题（ADJUSTMENT_HIGH）' },
  satisfactionLow: { name: '满意度偏低阈值', note: '满意度低于此值时列为问题（SATISFACTION_LOW）' },
};

/**
 * One row of the optional execution-rate cap (预算执行率封顶): when the overall budget execution rate
 * is below `below` (a ratio), the total may be at most `max` points. Rows go by increasing `below`;
 * the first the rate is under applies.
 */
export interface ExecutionCapRow {
  below: number;
  max: number;
}

export interface Profile {
  name: string;
  indicators: IndicatorDef[];
  grades: GradeBounds;
  thresholds: FlagThresholds;
  /** Absent (the default): no cap. Some provinces' systems cap the total by the execution rate. */
  executionCap?: ExecutionCapRow[];
}

const rate = (numerator: string, denominator: string | undefined, rateWord: string): RateFormula => ({
  numerator: [numerator],
  denominator: denominator ? [denominator] : undefined,
  rateWord,
});

const L1_INPUT = '投入指标';
const L1_PROCESS = '过程指标';
const L1_EFFECT = '效果指标';

export const DEFAULT_PROFILE: Profile = {
  name: '默认（南昌市部门整体支出绩效评价指标体系）',
  indicators: [
    {
      id: 'goals_initial', level1: L1_INPUT, level2: '项目绩效目标', name: '年初项目绩效目标编报', weight: 4,
      rate: rate('projects_initial_with_goals', 'projects_initial', '编报率'),
      rule: { kind: 'band', lower: 1, mode: 'proportional', ifBaseZero: 'full' },
    },
    {
      id: 'goals_added', level1: L1_INPUT, level2: '项目绩效目标', name: '年中追加项目绩效目标编报', weight: 3,
      rate: rate('projects_added_with_goals', 'projects_added', '编报率'),
      rule: { kind: 'band', lower: 1, mode: 'proportional', ifBaseZero: 'full' },
    },
    {
      id: 'staff_control', level1: L1_INPUT, level2: '部门预算配置', name: '财政供养人员控制率', weight: 3,
      rate: rate('staff_actual', 'staff_authorized', '控制率'),
      rule: { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.3 },
    },
    {
      id: 'sangong_change', level1: L1_INPUT, level2: '部门预算配置', name: '三公经费变动率', weight: 5,
      rate: {
        numerator: ['sangong_budget'], numeratorMinus: ['sangong_budget_prev'], denominator: ['sangong_budget_prev'],
        zeroNumerator: ['sangong_budget'], rateWord: '变动率',
      },
      rule: { kind: 'band', upper: 0, mode: 'proportional', stepAbove: 0.5, ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'project_arrangement', level1: L1_INPUT, level2: '部门预算配置', name: '项目安排率（重点项目支出安排率）', weight: 5,
      rate: rate('key_project_budget', 'budget_adjusted_project', '安排率'),
      rule: {
        kind: 'tiers', ifBaseZero: 'full',
        tiers: [{ min: 0.9, share: 1 }, { min: 0.8, share: 0.8 }, { min: 0.7, share: 0.6 }, { min: 0.6, share: 0.4 }],
      },
    },
    {
      id: 'basic_execution', level1: L1_PROCESS, level2: '预算执行', name: '基本支出预算完成率', weight: 8,
      rate: rate('actual_basic', 'budget_adjusted_basic', '完成率'),
      rule: { kind: 'band', lower: 0.95, mode: 'proportional', ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'project_execution', level1: L1_PROCESS, level2: '预算执行', name: '项目支出预算完成率', weight: 8,
      rate: rate('actual_project', 'budget_adjusted_project', '完成率'),
      rule: { kind: 'band', lower: 0.95, mode: 'proportional', ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'payment_progress', level1: L1_PROCESS, level2: '预算执行', name: '支付进度率', weight: 6,
      rate: rate('payment_actual_pct', 'payment_planned_pct', '支付进度率'),
      rule: { kind: 'band', lower: 0.95, mode: 'steps', stepBelow: 1, per: 10, ifBaseZero: 'full' },
    },
    {
      id: 'public_control', level1: L1_PROCESS, level2: '预算执行', name: '公用经费控制率', weight: 6,
      rate: rate('public_actual', 'public_budget', '控制率'),
      rule: { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.6, ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'sangong_control', level1: L1_PROCESS, level2: '预算执行', name: '“三公经费”控制率', weight: 6,
      rate: rate('sangong_actual', 'sangong_budget', '控制率'),
      rule: { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.6, ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'procurement_execution', level1: L1_PROCESS, level2: '预算执行', name: '政府采购执行率', weight: 6,
      rate: rate('procurement_actual', 'procurement_budget', '执行率'),
      rule: { kind: 'band', lower: 0.95, upper: 1, mode: 'proportional', stepAbove: 0.6, ifBaseZero: 'full_if_zero_numerator' },
    },
    {
      id: 'system_soundness', level1: L1_PROCESS, level2: '预算管理', name: '管理制度健全性', weight: 3,
      rule: {
        kind: 'checklist',
        items: [
          { field: 'sys_finance_rules', points: 1 },
          { field: 'sys_project_rules', points: 1 },
          { field: 'sys_internal_control', points: 1 },
        ],
      },
    },
    {
      id: 'fund_compliance', level1: L1_PROCESS, level2: '预算管理', name: '资金使用合规性', weight: 7,
      rule: {
        kind: 'checklist',
        items: [
          { field: 'comp_purpose', points: 2 },
          { field: 'comp_no_misuse', points: 2 },
          { field: 'comp_approval', points: 1 },
          { field: 'comp_accounting', points: 1 },
          { field: 'comp_no_findings', points: 1 },
        ],
      },
    },
    {
      id: 'disclosure', level1: L1_PROCESS, level2: '预算管理', name: '预决算信息公开性', weight: 4,
      rule: {
        kind: 'checklist',
        items: [
          { field: 'disc_budget', points: 1 },
          { field: 'disc_final', points: 1 },
          { field: 'disc_sangong', points: 1 },
          { field: 'disc_on_time', points: 1 },
        ],
      },
    },
    {
      id: 'evaluation_coverage', level1: L1_PROCESS, level2: '预算管理', name: '绩效评价覆盖率', weight: 6,
      rate: rate('evaluated_project_funds', 'budget_adjusted_project', '覆盖率'),
      rule: { kind: 'band', lower: 1, mode: 'proportional', ifBaseZero: 'full' },
    },
    {
      id: 'key_tasks', level1: L1_EFFECT, level2: '部门履职效果', name: '年度重点工作办结率', weight: 5,
      rate: rate('key_tasks_done', 'key_tasks_total', '办结率'),
      rule: { kind: 'band', lower: 1, mode: 'proportional', ifBaseZero: 'full' },
    },
    {
      id: 'performance_management', level1: L1_EFFECT, level2: '部门履职效果', name: '财政预算绩效管理', weight: 10,
      rule: {
        kind: 'checklist',
        items: [
          { field: 'pm_mechanism', points: 2 },
          { field: 'pm_monitoring', points: 2 },
          { field: 'pm_self_eval', points: 2 },
          { field: 'pm_results_used', points: 2 },
          { field: 'pm_goals_complete', points: 1 },
          { field: 'pm_goals_quantified', points: 1 },
        ],
      },
    },
    {
      id: 'satisfaction', level1: L1_EFFECT, level2: '部门履职效果', name: '社会公众满意度', weight: 5,
      rate: rate('satisfaction_pct', undefined, '满意度'),
      rule: { kind: 'band', lower: 0.9, mode: 'proportional' },
    },
  ],
  grades: { 优: 90, 良: 80, 中: 60 },
  thresholds: {
    executionLow: 0.9,
    executionSevere: 0.6,
    projectExecutionSevere: 0.5,
    adjustmentHigh: 0.1,
    satisfactionLow: 0.9,
  },
};
