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
    ['F70', 'a cap row’s 总分最高', 'General'],
    ['I73', 'a cap row’s 执行率低于', '0.00%'],
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

  test('a weight is a plain number: a tiny one is taken (no 万元 in sight), a negative one judged by profileCheck', () => {
    const tiny = read({ F4: 1e-7 });
    expect(tiny.errors).toEqual([]);
    expect(tiny.profile.indicators[0].weight).toBe(1e-7);
    expect(read({ F5: -3 }).errors).toEqual([
      { field: 'profile.goals_added', cell: '指标体系!F5', message: '“年中追加项目绩效目标编报”的权重应不小于0，实为-3' },
    ]);
  });

  test.each<[string, RawValue, string]>([
    ['a weight typed with 万元', '4万元', '指标体系“年初项目绩效目标编报·权重”：应为数值，实为文字“4万元”'],
    ['a weight typed as a percentage', '4%', '指标体系“年初项目绩效目标编报·权重”：应为数值，不应带百分号（“4%”）'],
    ['an error value', { error: '#REF!' }, '指标体系“年初项目绩效目标编报·权重”：单元格为错误值 #REF!，请修正公式或改填数值'],
  ])('%s in a plain-number cell is an error at it', (_name, value, message) => {
    expect(read({ F4: value }).errors).toEqual([{ field: 'profile.goals_initial', cell: '指标体系!F4', message }]);
  });

  test('a weight of 1e308 on two indicators is an error at each cell, never an Infinity total', () => {
    expect(read({ F4: 1e308, F5: 1e308 }).errors).toEqual([
      { field: 'profile.goals_initial', cell: '指标体系!F4', message: '“年初项目绩效目标编报”的权重应不大于100，实为1e+308' },
      { field: 'profile.goals_added', cell: '指标体系!F5', message: '“年中追加项目绩效目标编报”的权重应不大于100，实为1e+308' },
    ]);
  });

  test.each<[string, Record<string, RawValue>, string]>([
    ['per over 100', { L11: 150 }, '“支付进度率”的“每满N个百分点”应不大于100，实为150'],
    ['a step below over 100', { M11: 101 }, '“支付进度率”的“每满N扣分”应不大于100，实为101'],
    ['checklist points over 100', { F38: 1e300 }, '“财政预算绩效管理”检查项“建立预算绩效管理工作机制”的分值应不大于100，实为1e+300'],
  ])('%s is an error naming its cell', (_name, edits, message) => {
    const [address] = Object.keys(edits);
    expect(read(edits).errors).toEqual([expect.objectContaining({ cell: `指标体系!${address}`, message })]);
  });

  test.each<[string, RawValue, string]>([
    ['an error value', { error: '#N/A' }, '指标体系“支付进度率·低于下限计分”：单元格为错误值 #N/A，请修正公式或改填数值'],
    ['a formula without result', { formula: 'IF(A1,"按比例","按档扣分")' }, '指标体系“支付进度率·低于下限计分”：单元格中是公式“=IF(A1,"按比例","按档扣分")”，但文件里没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS 中打开此文件，确认公式算出结果后保存，再重新评分；或直接填写数值。'],
    ['text with a control character, quoted escaped', '按\u001b[31m比例', '指标体系“支付进度率·低于下限计分”应为“按比例”或“按档扣分”，实为“按\\x1b[31m比例”'],
    ['a logic value', true, '指标体系“支付进度率·低于下限计分”应为“按比例”或“按档扣分”，实为“TRUE”'],
  ])('a choice cell holding %s says what it holds, never “[object Object]”', (_name, value, message) => {
    expect(read({ K11: value }).errors).toEqual([{ field: 'profile.payment_progress', cell: '指标体系!K11', message }]);
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

/** report.md's four cap rows. */
const CAP = [{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }, { below: 0.7, max: 79 }, { below: 0.8, max: 89 }];

describe('the section 预算执行率封顶（选填） of 指标体系', () => {
  test('it comes last, below every older row (so older workbooks read by key keep their places), with four empty yellow rows', () => {
    const rowsOf = (text: string) => PLAN.cells.filter((c) => c.value === text).map((c) => c.row);
    expect(rowsOf('预算执行率封顶（选填）')).toEqual([67]);
    expect(rowsOf('cap.1')).toEqual([70]);
    expect(rowsOf('cap.4')).toEqual([73]);
    expect(Math.max(...PLAN.cells.map((c) => c.row))).toBe(73);
    const caps = PLAN.cells.filter((c) => c.row >= 70 && (c.col === 6 || c.col === 9));
    expect(caps.map((c) => [c.value, c.style])).toEqual(Array(8).fill([null, 'input']));
  });

  test('blank rows are no cap: the default profile, without an executionCap key', () => {
    const r = readProfileSheet(gridOf(PLAN), DEFAULT_PROFILE);
    expect('executionCap' in r.profile).toBe(false);
  });

  test('round trip: a profile with caps → the sheet → the same caps, which cap the seed at 59', () => {
    const profile = { ...DEFAULT_PROFILE, executionCap: CAP };
    const r = readProfileSheet(gridOf(profileSheetPlan(profile)), DEFAULT_PROFILE);
    expect(r).toEqual({ profile, errors: [], warnings: [] });
    const out = scoreDepartment({ values: SEED }, r.profile);
    expect(out.ok && [out.result.total, out.result.grade, out.result.cap?.max]).toEqual([59, '差', 59]);
  });

  test('a profile with more rows than four gets them all on the sheet, and back', () => {
    const executionCap = [...CAP, { below: 0.9, max: 95 }];
    const plan = profileSheetPlan({ ...DEFAULT_PROFILE, executionCap });
    expect(plan.cells.find((c) => c.value === 'cap.5')?.row).toBe(74);
    expect(readProfileSheet(gridOf(plan), DEFAULT_PROFILE).profile.executionCap).toEqual(executionCap);
  });

  test('rows typed on the template are taken, as 50% or 0.5, skipping a blank row between', () => {
    const r = read({ F70: 59, I70: '50%', F72: '69', I72: 0.6 });
    expect(r.errors).toEqual([]);
    expect(r.profile.executionCap).toEqual([{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }]);
  });

  test.each<[string, Record<string, RawValue>, { field: string; cell: string; message: string }[]]>([
    ['a row with only 执行率低于', { I70: 0.5 }, [{ field: 'profile.cap.1', cell: '指标体系!F70', message: '指标体系“预算执行率封顶第1条·总分最高”未填写' }]],
    ['a row with only 总分最高', { F71: 69 }, [{ field: 'profile.cap.2', cell: '指标体系!I71', message: '指标体系“预算执行率封顶第2条·执行率低于”未填写' }]],
    ['rows out of order', { F70: 59, I70: 0.6, F71: 69, I71: '50%' }, [{ field: 'profile.cap.2', cell: '指标体系!I71', message: '预算执行率封顶第2条的“执行率低于”应高于第1条的60%，实为50%' }]],
    ['执行率低于 typed as 50 instead of 50%', { F70: 59, I70: 50 }, [{ field: 'profile.cap.1', cell: '指标体系!I70', message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为5000%' }]],
    ['执行率低于 of 0%', { F70: 59, I70: 0 }, [{ field: 'profile.cap.1', cell: '指标体系!I70', message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为0%' }]],
    ['总分最高 over 100', { F70: 120, I70: 0.5 }, [{ field: 'profile.cap.1', cell: '指标体系!F70', message: '预算执行率封顶第1条的“总分最高”应在0–100之间，实为120' }]],
    ['总分最高 in words', { F70: '五十九', I70: 0.5 }, [{ field: 'profile.cap.1', cell: '指标体系!F70', message: '指标体系“预算执行率封顶第1条·总分最高”：应为数值，实为文字“五十九”' }]],
    ['执行率低于 an error value', { F70: 59, I70: { error: '#DIV/0!' } }, [{ field: 'profile.cap.1', cell: '指标体系!I70', message: '指标体系“预算执行率封顶第1条·执行率低于”：单元格为错误值 #DIV/0!，请修正公式或改填数值' }]],
  ])('%s is an error naming its cell', (_name, edits, errors) => {
    expect(read(edits).errors).toEqual(errors);
  });

  test('a workbook made before the section existed reads as before: no cap, no warning', () => {
    const old = gridOf(PLAN);
    old.values = old.values.slice(0, 65);
    expect(readProfileSheet(old, DEFAULT_PROFILE)).toEqual({ profile: DEFAULT_PROFILE, errors: [], warnings: [] });
  });
});
