/** The score table and messages as plain Chinese text for a terminal. */
import { capRowFor } from '../engine/evaluate';
import { Decimal, fmtPercent, fmtPercentShort, fmtPlain, fromSpreadsheetNumber } from '../engine/decimal';
import type { Profile } from '../engine/profile';
import type { EvaluationResult, ExecutionCap, InputIssue } from '../engine/types';
import { textWidth } from '../layout/plan';

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - textWidth(s)));
const padLeft = (s: string, width: number) => ' '.repeat(Math.max(0, width - textWidth(s))) + s;

/** As the reasons print it: half-up on the decimal value, never binary rounding. */
function pct(v: number | null, rule: string): string {
  if (v === null) return rule === 'checklist' ? '—' : '不涉及';
  return fmtPercent(new Decimal(v));
}

/**
 * Why the execution-rate cap lowered the total: “封顶前 88.65；预算完成率47.93%低于50%，总分最高59分”.
 * The row named is the one the engine applies: the first whose `below` the rate is under.
 */
export function capExplanation(cap: ExecutionCap, profile: Profile): string {
  const rate = new Decimal(cap.rate);
  const row = capRowFor(rate, profile.executionCap);
  const below = row ? `低于${fmtPercentShort(fromSpreadsheetNumber(row.below))}` : '';
  return `封顶前 ${cap.uncapped_total.toFixed(2)}；预算完成率${fmtPercent(rate)}${below}，总分最高${fmtPlain(new Decimal(cap.max))}分`;
}

export function formatScoreTable(r: EvaluationResult, profile: Profile): string {
  const lines: string[] = [];
  lines.push(`${r.department} ${r.year}年度部门整体支出绩效自评评分表`);
  lines.push('');
  const widths = [10, 14, 34, 6, 10, 8];
  const head = ['一级指标', '二级指标', '三级指标', '权重', '指标值', '得分'];
  lines.push(head.map((h, i) => (i >= 3 ? padLeft(h, widths[i]) : pad(h, widths[i]))).join(' ') + '  扣分原因');
  lines.push('-'.repeat(widths.reduce((a, b) => a + b + 1, 0) + 10));
  let prev1 = '';
  let prev2 = '';
  for (const ind of r.indicators) {
    const l1 = ind.level1 === prev1 ? '' : ind.level1;
    const l2 = ind.level1 === prev1 && ind.level2 === prev2 ? '' : ind.level2;
    prev1 = ind.level1;
    prev2 = ind.level2;
    const mark = ind.score < ind.weight ? '*' : ' ';
    const cells = [l1, l2, ind.name, String(ind.weight), pct(ind.value, ind.rule), ind.score.toFixed(2)];
    lines.push(cells.map((c, i) => (i >= 3 ? padLeft(c, widths[i]) : pad(c, widths[i]))).join(' ') + ` ${mark}${ind.reason}`);
  }
  lines.push('-'.repeat(widths.reduce((a, b) => a + b + 1, 0) + 10));
  const weights = r.indicators.reduce((a, x) => a + x.weight, 0);
  lines.push(`${pad('总分', widths[0] + widths[1] + widths[2] + 2)} ${padLeft(String(weights), widths[3])} ${padLeft('', widths[4])} ${padLeft(r.total.toFixed(2), widths[5])}`);
  if (r.cap) lines.push(`总分：${r.total.toFixed(2)}（${capExplanation(r.cap, profile)}）`);
  lines.push(`评价等级：${r.grade}`);
  lines.push('');
  const m = r.metrics;
  lines.push(`关键数据：预算完成率 ${pct(m.budget_execution_rate, 'band')}；预算调整率 ${m.budget_adjustment_rate === null ? '不适用' : pct(m.budget_adjustment_rate, 'band')}；空编人数 ${m.staff_vacancy}`);
  lines.push('');
  lines.push(r.flags.length ? `问题清单（${r.flags.length}项）：` : '问题清单：未发现问题。');
  r.flags.forEach((f, i) => {
    lines.push(`  ${i + 1}. [${f.severity}] ${f.message}（${f.code}）`);
    lines.push(`     依据：${f.evidence}`);
    lines.push(`     整改建议：${f.suggestion}`);
  });
  if (r.warnings.length) {
    lines.push('');
    lines.push('提示：');
    for (const w of r.warnings) lines.push(`  - ${issueLine(w)}`);
  }
  return lines.join('\n');
}

export function issueLine(i: InputIssue): string {
  return i.cell ? `${i.cell}（${i.field}）：${i.message}` : `${i.field}：${i.message}`;
}

export function formatErrors(errors: InputIssue[], warnings: InputIssue[]): string {
  const lines = [`输入校验未通过，共 ${errors.length} 处错误，未写入任何文件：`];
  errors.forEach((e, i) => lines.push(`  ${i + 1}. ${issueLine(e)}`));
  if (warnings.length) {
    lines.push('提示：');
    for (const w of warnings) lines.push(`  - ${issueLine(w)}`);
  }
  return lines.join('\n');
}
