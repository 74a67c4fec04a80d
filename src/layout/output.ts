/**
 * The output sheets: 评分表 (score table, print-ready on A4 landscape) and 问题清单 (issue list),
 * as plans built from an evaluation result.
 */
import { capRowFor } from '../engine/evaluate';
import { Decimal, ZERO, fmtPercent, fmtPercentShort, fmtPlain, fromSpreadsheetNumber, pointsChange } from '../engine/decimal';
import type { ExecutionCapRow, GradeBounds } from '../engine/profile';
import type { EvaluationResult, ExecutionCap, IssueFlag } from '../engine/types';
import { PlanBuilder, SHEET_ISSUES, SHEET_SCORES, fitRowHeight, groupRuns, type SheetPlan, type StyleName } from './plan';

const SCORE_WIDTHS = [10, 12, 22, 7, 11, 8, 44, 52];
const ISSUE_WIDTHS = [6, 40, 9, 52, 52, 22];

const SEVERITY_STYLE: Record<IssueFlag['severity'], StyleName> = { 高: 'high', 中: 'mid', 低: 'low' };

/**
 * Weights are whole numbers or have one or two decimals. `General` shows 20 as “20” and 2.5 as
 * “2.5”; `0.##` would show “20.” (Excel always draws the decimal point of a format that has one).
 */
const WEIGHT_FORMAT = 'General';

/** The first row of indicators on 评分表. */
const FIRST_INDICATOR_ROW = 4;

/**
 * The row of an indicator on 评分表: the indicators are laid out in the profile's order from row 4
 * (every profile has the default's 18, in its order). `order`: the indicator ids in that order.
 */
export function indicatorRow(order: readonly string[], indicatorId: string): number | null {
  const i = order.indexOf(indicatorId);
  return i < 0 ? null : FIRST_INDICATOR_ROW + i;
}

/** 评分表's columns A…H: an indicator's row is selected across them. */
export const SCORE_COLUMNS = SCORE_WIDTHS.length;

/**
 * 评分表's key cells: workbook names an officer may use in formulas (`=总分`), at addresses that
 * stay put from one score to the next (every profile has the default's 18 indicators, so the total
 * is always F22 and the grade D23; tests pin both). Rescoring rewrites these cells in place.
 */
export const SCORE_KEY_NAMES = { total: '总分', grade: '评价等级' } as const;

/**
 * Why the execution-rate cap lowered the total, with both totals: “各项得分合计88.65分；预算完成率
 * 47.93%低于50%，按指标体系封顶为59分。” The row named is the one the engine applied (the first whose
 * `below` the rate is under); without the profile's rows the threshold is left out.
 */
export function capLine(cap: ExecutionCap, rows: readonly ExecutionCapRow[] = []): string {
  const rate = new Decimal(cap.rate);
  const row = capRowFor(rate, rows);
  const below = row ? `低于${fmtPercentShort(fromSpreadsheetNumber(row.below))}` : '';
  return `各项得分合计${cap.uncapped_total.toFixed(2)}分；预算完成率${fmtPercent(rate)}${below}，按指标体系封顶为${fmtPlain(new Decimal(cap.max))}分。`;
}


/** 关键数据 on 评分表: name, value (null: 不适用), number format, how it is computed. */
type KeyFigure = [string, number | null, string, string];

function keyFigures(result: EvaluationResult): KeyFigure[] {
  const m = result.metrics;
  const figures: KeyFigure[] = [
    ['预算完成率（总）', m.budget_execution_rate, '0.00%', '（决算支出基本＋项目）÷（调整后预算基本＋项目）'],
    ['预算调整率', m.budget_adjustment_rate, '0.00%', '（调整后预算合计－年初预算合计－不计入调整的追加数）÷年初预算合计'],
    ['空编人数', m.staff_vacancy, '0', '编制数－年末实有在职人数（负数为超编）'],
  ];
  // Only when both of last year's optional totals were given (and last year's budget was not 0).
  if (m.prev_execution_rate !== null) {
    const change = m.budget_execution_rate === null ? null : pointsChange(m.budget_execution_rate, m.prev_execution_rate).toNumber();
    figures.push(
      ['上年预算完成率', m.prev_execution_rate, '0.00%', '上年决算支出合计÷上年调整后预算合计'],
      ['预算完成率比上年变动（百分点）', change, '0.00', '本年预算完成率－上年预算完成率，按两位小数的百分数相减（负数为下降）'],
    );
  }
  return figures;
}

/**
 * 评分表. `executionCap`: the profile's cap rows, so that a capped total says which row bit. The
 * total stays at F22 and the grade at D23 whatever else the sheet shows (SCORE_KEY_NAMES).
 */
export function scoreSheetPlan(result: EvaluationResult, grades: GradeBounds, executionCap?: readonly ExecutionCapRow[]): SheetPlan {
  const b = new PlanBuilder(SHEET_SCORES, SCORE_WIDTHS);
  const last = SCORE_WIDTHS.length;
  b.merged(1, 1, last, `${result.department}${result.year}年度部门整体支出绩效自评评分表`, 'title').height(1, 30);
  const capped = result.cap ? `（各项得分合计 ${result.cap.uncapped_total.toFixed(2)} 分，按预算执行率封顶）` : '';
  b.merged(2, 1, last, `总分 ${result.total.toFixed(2)} 分${capped}，评价等级“${result.grade}”。得分按指标体系逐项计算，四舍五入保留两位小数；扣分原因与计算过程列出所用数据和算式。`, 'subtitle');
  b.height(2, 20);
  const headers = ['一级指标', '二级指标', '三级指标', '权重', '指标值', '得分', '扣分原因', '计算过程'];
  headers.forEach((h, i) => b.set(3, i + 1, h, 'header'));
  b.height(3, 20);

  const first = FIRST_INDICATOR_ROW;
  const list = result.indicators;
  // Rows of the indicators a problem points at are highlighted, so the table leads to 问题清单.
  const flagged = new Set(result.flags.flatMap((f) => f.indicators));
  list.forEach((ind, i) => {
    const row = first + i;
    const value = ind.value ?? (ind.rule === 'checklist' ? '—' : '不涉及');
    b.set(row, 3, ind.name, flagged.has(ind.id) ? 'flagged' : 'text');
    b.set(row, 4, ind.weight, 'number', WEIGHT_FORMAT);
    b.set(row, 5, value, typeof value === 'number' ? 'percent' : 'center', typeof value === 'number' ? '0.00%' : undefined);
    b.set(row, 6, ind.score, ind.score < ind.weight ? 'scoreLost' : 'scoreFull', '0.00');
    b.set(row, 7, ind.reason, 'text');
    b.set(row, 8, ind.process, 'text');
    b.height(row, fitRowHeight([
      { text: ind.reason, width: SCORE_WIDTHS[6] },
      { text: ind.process, width: SCORE_WIDTHS[7] },
      { text: ind.name, width: SCORE_WIDTHS[2] },
    ]));
  });
  for (const [s, e] of groupRuns(list, (x) => x.level1)) b.merged(first + s, 1, 1, list[s].level1, 'group', { bottom: first + e });
  for (const [s, e] of groupRuns(list, (x) => `${x.level1}/${x.level2}`)) b.merged(first + s, 2, 2, list[s].level2, 'group', { bottom: first + e });

  const totalRow = first + list.length;
  const weightSum = list.reduce((a, x) => a.plus(x.weight), ZERO).toNumber();
  b.merged(totalRow, 1, 3, '总分', 'total');
  b.set(totalRow, 4, weightSum, 'total', WEIGHT_FORMAT);
  b.set(totalRow, 5, null, 'total');
  b.set(totalRow, 6, result.total, 'totalNumber', '0.00');
  b.merged(totalRow, 7, last, `一级指标得分：${level1Subtotals(result)}`, 'total');
  b.height(totalRow, 22);
  const gradeRow = totalRow + 1;
  b.merged(gradeRow, 1, 3, '评价等级', 'total');
  b.merged(gradeRow, 4, 6, result.grade, 'grade');
  b.merged(gradeRow, 7, last, `优：≥${grades.优}分；良：≥${grades.良}分；中：≥${grades.中}分；差：<${grades.中}分`, 'total');
  b.height(gradeRow, 24);
  b.plan.names.push({ name: SCORE_KEY_NAMES.total, row: totalRow, col: 6 }, { name: SCORE_KEY_NAMES.grade, row: gradeRow, col: 4 });

  let keyRow = gradeRow + 2;
  if (result.cap) {
    // Below the grade, so that the total and the grade keep their addresses.
    const line = `封顶说明：${capLine(result.cap, executionCap)}`;
    b.merged(gradeRow + 1, 1, last, line, 'flagged');
    b.height(gradeRow + 1, fitRowHeight([{ text: line, width: SCORE_WIDTHS.reduce((a, w) => a + w, 0) }]));
    keyRow++;
  }
  b.merged(keyRow, 1, last, '关键数据', 'section');
  keyFigures(result).forEach(([name, v, fmt, how], i) => {
    const row = keyRow + 1 + i;
    b.merged(row, 1, 3, name, 'text');
    b.merged(row, 4, 6, v === null ? '不适用' : v, v === null ? 'center' : 'number', { numFmt: v === null ? undefined : fmt });
    b.merged(row, 7, last, how, 'text');
  });

  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3], onePage: true };
  b.plan.tabColor = '4472C4';
  return b.plan;
}

function level1Subtotals(result: EvaluationResult): string {
  const sums = new Map<string, { score: Decimal; weight: Decimal }>();
  for (const ind of result.indicators) {
    const s = sums.get(ind.level1) ?? { score: ZERO, weight: ZERO };
    sums.set(ind.level1, { score: s.score.plus(ind.score), weight: s.weight.plus(ind.weight) });
  }
  return [...sums].map(([k, s]) => `${k} ${s.score.toFixed(2)}/${s.weight.toString()}`).join('；');
}

export function issueSheetPlan(result: EvaluationResult): SheetPlan {
  const b = new PlanBuilder(SHEET_ISSUES, ISSUE_WIDTHS);
  const last = ISSUE_WIDTHS.length;
  b.merged(1, 1, last, `${result.department}${result.year}年度绩效自评问题清单`, 'title').height(1, 30);
  b.merged(2, 1, last, `共发现 ${result.flags.length} 个问题（高 ${count(result, '高')}、中 ${count(result, '中')}、低 ${count(result, '低')}）。整改建议供参考，请结合本单位实际完善。`, 'subtitle');
  ['序号', '问题', '严重程度', '依据', '整改建议', '问题代码'].forEach((h, i) => b.set(3, i + 1, h, 'header'));
  if (result.flags.length === 0) {
    b.merged(4, 1, last, '未发现问题。', 'center');
  }
  result.flags.forEach((flag, i) => {
    const row = 4 + i;
    b.set(row, 1, i + 1, 'number');
    b.set(row, 2, flag.message, 'text');
    b.set(row, 3, flag.severity, SEVERITY_STYLE[flag.severity]);
    b.set(row, 4, flag.evidence, 'text');
    b.set(row, 5, flag.suggestion, 'text');
    b.set(row, 6, flag.code, 'center');
    b.height(row, fitRowHeight([
      { text: flag.message, width: ISSUE_WIDTHS[1] },
      { text: flag.evidence, width: ISSUE_WIDTHS[3] },
      { text: flag.suggestion, width: ISSUE_WIDTHS[4] },
    ]));
  });
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3] };
  b.plan.tabColor = 'C00000';
  return b.plan;
}

const count = (r: EvaluationResult, s: IssueFlag['severity']) => r.flags.filter((f) => f.severity === s).length;
