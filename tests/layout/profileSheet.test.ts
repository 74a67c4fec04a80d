import { scoreDepartment } from '../../src/engine';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import type { RawValue } from '../../src/engine/types';
import type { Grid } from '../../src/layout/grid';
import { parseCellAddress, type SheetPlan } from '../../src/layout/plan';
import { profileSheetPlan, readProfileSheet } from '../../src/layout/profileSheet';
import { SEED } from '../support/seed';

const PLAN = profileSheetPlan(DEFAULT_PROFILE);

/** The sheet as an adapter would read it back: the plan's values, with some cells edited (`I10` → value). */
function gridOf(plan: SheetPlan, edits: Record<string, RawValue> = {}): Grid {
  const bottom = Math.max(...plan.cells.map((c) => c.row));
  const right = Math.max(...plan.cells.map((c) => c.col));
  const values: RawValue[][] = Array.from({ length: bottom }, () => Array<RawValue>(right).fill(null));
  for (const c of plan.cells) values[c.row - 1][c.col - 1] = c.value;
  for (const [address, value] of Object.entries(edits)) {
    const { row, col } = parseCellAddress(address) as { row: number; col: number };
    values[row - 1][col - 1] = value;
  }
  return { top: 1, left: 1, values };
}
const read = (edits: Record<string, RawValue>) => readProfileSheet(gridOf(PLAN, edits), DEFAULT_PROFILE);
const format = (address: string) => {
  const { row, col } = parseCellAddress(address) as { row: number; col: number };
  return PLAN.cells.find((c) => c.row === row && c.col === col)?.numFmt;
};

describe('the sheet 指标体系', () => {
  test.each([
    ['F4', 'a weight', 'General'],
    ['F22', 'the weights’ total', 'General'],
    ['L11', 'per (每满N个百分点)', 'General'],
    ['M11', 'the step below', 'General'],
    ['N6', 'the step above', 'General'],
    ['F38', 'checklist points', 'General'],
    ['F54', 'a grade line', 'General'],
    ['I10', 'a lower bound', '0.00%'],
    ['J6', 'an upper bound', '0.00%'],
    ['I47', 'a tier minimum', '0.00%'],
    ['F47', 'a tier share', '0.00%'],
    ['F61', 'a threshold', '0.00%'],
  ])('%s (%s) is formatted %s: 20 shows as 20, not “20.”; 95% as 95.00%', (address, _what, numFmt) => {
    expect(format(address)).toBe(numFmt);
  });

  test('read back unedited, it is the default profile, without a problem, and scores the report', () => {
    const r = readProfileSheet(gridOf(PLAN), DEFAULT_PROFILE);
    expect(r).toEqual({ profile: DEFAULT_PROFILE, errors: [], warnings: [] });
    const out = scoreDepartment({ values: SEED }, r.profile);
    expect(out.ok && [out.result.total, out.result.grade]).toEqual([88.65, '良']);
  });

  test('edited bounds are taken, an upper bound above 100% included', () => {
    const r = read({ I10: 0.9, J6: 1.05 });
    expect(r.errors).toEqual([]);
    const out = scoreDepartment({ values: SEED }, r.profile);
    expect(out.ok && out.result.indicators.find((i) => i.id === 'project_execution')?.score).toBe(1.74);
  });

  test.each<[string, Record<string, RawValue>, { field: string; cell: string; message: string }[]]>([
    ['a lower bound of 500%', { I10: 5 }, [{ field: 'profile.project_execution', cell: '指标体系!I10', message: '“项目支出预算完成率”的下限应在0%–200%之间，实为500%' }]],
    ['an upper bound below the lower', { J14: 0.9 }, [{ field: 'profile.procurement_execution', cell: '指标体系!J14', message: '“政府采购执行率”的上限应不低于下限95%，实为90%' }]],
    ['per = 0', { L11: 0 }, [{ field: 'profile.payment_progress', cell: '指标体系!L11', message: '“支付进度率”的“每满N个百分点”应大于0，实为0' }]],
    ['checklist points short of the weight', { F38: 1 }, [{ field: 'profile.performance_management', cell: '指标体系!F20', message: '“财政预算绩效管理”各检查项分值合计9，应等于权重10' }]],
    ['a weight changed without its checklist points', { F17: 5 }, [{ field: 'profile.disclosure', cell: '指标体系!F17', message: '“预决算信息公开性”各检查项分值合计4，应等于权重5' }]],
    ['tiers out of order', { I48: '95%' }, [{ field: 'profile.project_arrangement.tier2', cell: '指标体系!I48', message: '“项目安排率（重点项目支出安排率）”第2档的“达到”应低于第1档的90%，实为95%' }]],
    ['a tier share over 100%', { F47: 1.2 }, [{ field: 'profile.project_arrangement.tier1', cell: '指标体系!F47', message: '“项目安排率（重点项目支出安排率）”第1档的得分比例应在0%–100%之间，实为120%' }]],
    ['inverted grade lines', { F54: 80, F55: 90 }, [{ field: 'profile.grade.良', cell: '指标体系!F55', message: '等级“良”的分数线应低于“优”的80，实为90' }]],
    ['a grade line over 100', { F54: 120 }, [{ field: 'profile.grade.优', cell: '指标体系!F54', message: '等级“优”的分数线应在0–100之间，实为120' }]],
    ['a threshold typed as 95 instead of 95%', { F65: 95 }, [{ field: 'profile.threshold.satisfactionLow', cell: '指标体系!F65', message: '“满意度偏低阈值”应在0%–100%之间，实为9500%' }]],
    ['the severe threshold above the low one', { F62: 0.95 }, [{ field: 'profile.threshold.executionSevere', cell: '指标体系!F62', message: '“预算完成率严重偏低阈值”应不高于“预算完成率偏低阈值”90%，实为95%' }]],
  ])('%s is an error naming its cell', (_name, edits, errors) => {
    expect(read(edits).errors).toEqual(errors);
  });

  test('every bad cell at once: what is not a number at its cell, then what the numbers get wrong', () => {
    const r = read({ F10: '八', I10: 5, K11: '线性', F54: 80, F55: 90 });
    expect(r.errors).toEqual([
      { field: 'profile.project_execution', cell: '指标体系!F10', message: '指标体系“项目支出预算完成率·权重”：应为数值，实为文字“八”' },
      { field: 'profile.payment_progress', cell: '指标体系!K11', message: '指标体系“支付进度率·低于下限计分”应为“按比例”或“按档扣分”，实为“线性”' },
      { field: 'profile.project_execution', cell: '指标体系!I10', message: '“项目支出预算完成率”的下限应在0%–200%之间，实为500%' },
      { field: 'profile.grade.良', cell: '指标体系!F55', message: '等级“良”的分数线应低于“优”的80，实为90' },
    ]);
  });

  test('a cell that is not a number is one error: the default standing in for it is not judged', () => {
    // Upper bound unreadable → its default 100% stands in, below the new lower bound 120%: not a second error.
    expect(read({ I14: 1.2, J14: '一百' }).errors).toEqual([
      { field: 'profile.procurement_execution', cell: '指标体系!J14', message: '指标体系“政府采购执行率·上限”：应为数值，实为文字“一百”' },
    ]);
  });

  test('weights not summing to 100 are a warning, not an error', () => {
    const r = read({ F4: 5 });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([{ field: 'profile.weights', cell: null, message: '各指标权重合计为101，不是100' }]);
  });

  test('a missing row is a warning and keeps the default', () => {
    const r = read({ B61: '' });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      { field: 'profile.threshold.executionLow', cell: null, message: '指标体系中找不到“预算完成率低于此值时列为问题（EXECUTION_LOW）”（代码 threshold.executionLow），按默认值计算' },
    ]);
    expect(r.profile.thresholds.executionLow).toBe(0.9);
  });
});
