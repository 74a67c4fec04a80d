import { scoreDepartment } from '../../src/engine';
import { validateInputs } from '../../src/engine/validate';
import type { RawValue } from '../../src/engine/types';
import { seedWith } from '../support/seed';

const errorsOf = (changes: Record<string, RawValue>) => {
  const v = validateInputs({ values: seedWith(changes), cells: { actual_project: '基础数据表!C18' } });
  return v.ok ? [] : v.errors;
};

describe('validation: every bad input is an error naming its field', () => {
  test.each<[string, Record<string, RawValue>, string, string]>([
    ['text in a number cell', { actual_project: '约30' }, 'actual_project', '决算支出·项目支出：应为数值，实为文字“约30”'],
    ['blank required field', { actual_project: null }, 'actual_project', '决算支出·项目支出：必填项未填写'],
    ['missing required field', { actual_project: undefined }, 'actual_project', '必填项未填写'],
    ['negative amount', { actual_project: -3 }, 'actual_project', '不能为负数'],
    ['#DIV/0! error value', { actual_project: { error: '#DIV/0!' } }, 'actual_project', '错误值 #DIV/0!'],
    ['percent sign in an amount', { actual_project: '47.93%' }, 'actual_project', '不应带百分号'],
    ['percent over 100%', { satisfaction_pct: 95 }, 'satisfaction_pct', '应在0%–100%之间'],
    ['basic + project ≠ total (adjusted)', { budget_adjusted_total: 209.4 }, 'budget_adjusted_total', '合计209.40万元与基本支出73.88＋项目支出135.50＝209.38万元不一致'],
    ['basic + project ≠ total (actual)', { actual_total: 100 }, 'actual_total', '不一致'],
    ['part larger than whole', { projects_added_with_goals: 2 }, 'projects_added_with_goals', '不能大于年中追加项目个数1'],
    ['tasks done over total', { key_tasks_done: 7 }, 'key_tasks_done', '不能大于'],
    ['key projects over project budget', { key_project_budget: 200 }, 'key_project_budget', '不能大于调整后预算·项目支出135.50万元'],
    ['evaluated funds over project budget', { evaluated_project_funds: 136 }, 'evaluated_project_funds', '不能大于'],
    ['excluded additions over the increase', { adjustment_excluded: 176 }, 'adjustment_excluded', '超过了年中预算增加额175.70万元'],
    ['zero authorised staff', { staff_authorized: 0 }, 'staff_authorized', '编制数不能为0'],
    ['yes/no answer that is neither', { pm_monitoring: '部分' }, 'pm_monitoring', '应填“是”或“否”'],
    ['blank checklist item', { pm_monitoring: '' }, 'pm_monitoring', '请选择“是”或“否”'],
    ['year out of range', { eval_year: 18 }, 'eval_year', '2000–2100'],
    ['fractional count', { staff_actual: 10.5 }, 'staff_actual', '应为整数'],
  ])('%s', (_name, changes, field, message) => {
    const errors = errorsOf(changes);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe(field);
    expect(errors[0].message).toContain(message);
  });

  test('the cell is named when the source is a workbook, null for JSON', () => {
    expect(errorsOf({ actual_project: '约30' })[0].cell).toBe('基础数据表!C18');
    expect(errorsOf({ actual_basic: '约30' })[0].cell).toBeNull();
  });

  test('every error is reported at once, not only the first', () => {
    const errors = errorsOf({ actual_project: '约30', staff_actual: -1, pm_mechanism: '?', budget_adjusted_total: 1 });
    expect(errors.map((e) => e.field).sort()).toEqual(['budget_adjusted_total', 'pm_mechanism', 'staff_actual', 'actual_project'].sort());
  });

  test('accepted spellings score exactly like plain numbers', () => {
    const out = scoreDepartment({
      values: seedWith({ actual_basic: '７３．８８', budget_adjusted_project: '135.50万元', satisfaction_pct: '95%', adjustment_excluded: '175.7', pm_mechanism: 'Y' }),
    });
    expect(out.ok && out.result.total).toBe(88.65);
  });

  test('overspending a line is a warning, not an error, and raises OVERSPENT_LINE', () => {
    const out = scoreDepartment({ values: seedWith({ actual_basic: 80, actual_total: 106.48 }) });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.result.warnings.map((w) => w.field)).toContain('actual_basic');
    expect(out.result.flags.map((f) => f.code)).toContain('OVERSPENT_LINE');
  });

  test('more than two decimals is accepted with a warning and computed exactly', () => {
    const out = scoreDepartment({ values: seedWith({ actual_project: 26.4812, actual_total: null }) });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.result.warnings[0].message).toContain('超过两位小数');
  });

  test('excluded additions with no budget increase: a warning that says the formula still subtracts them', () => {
    const out = scoreDepartment({ values: seedWith({ budget_initial_basic: 250, adjustment_excluded: 10 }) });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    expect(out.result.warnings.map((w) => w.message)).toEqual([
      '不计入预算调整的追加数（上级配套资金、一次性补助、增人增资等）：预算未增加（调整后合计209.38万元不高于年初合计250.00万元），却填写了10.00万元，请核对；预算调整率仍按公式扣除此数',
    ]);
    expect(out.result.metrics.budget_adjustment_rate).toBe(-0.20248); // exact; floats give -0.20248000000000002
  });

  test('unknown JSON keys are warned about', () => {
    const out = scoreDepartment({ values: seedWith({ dept_nmae: 'x' }) });
    expect(out.ok && out.result.warnings.map((w) => w.field)).toEqual(['dept_nmae']);
  });
});

describe('flags beyond the seed', () => {
  const flagsOf = (changes: Record<string, RawValue>) => {
    const out = scoreDepartment({ values: seedWith(changes) });
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    return Object.fromEntries(out.result.flags.map((f) => [f.code, f]));
  };
  test.each<[string, Record<string, RawValue>, string]>([
    ['OVERSTAFFED', { staff_actual: 23 }, '中'],
    ['SANGONG_RISING', { sangong_budget: 2, sangong_actual: 2 }, '中'],
    ['SANGONG_OVERSPENT', { sangong_actual: 1 }, '高'],
    ['PUBLIC_OVERSPENT', { public_budget: 10, public_actual: 12 }, '中'],
    ['PROCUREMENT_OFF_PLAN', { procurement_budget: 10, procurement_actual: 5 }, '低'],
    ['RULES_INCOMPLETE', { sys_project_rules: '否' }, '中'],
    ['NONCOMPLIANT_FUNDS', { comp_no_misuse: '否' }, '高'],
    ['DISCLOSURE_INCOMPLETE', { disc_on_time: '否' }, '中'],
    ['PM_WEAK', { pm_monitoring: '否' }, '中'],
    ['COVERAGE_LOW', { evaluated_project_funds: 100 }, '低'],
    ['TASKS_UNFINISHED', { key_tasks_done: 5 }, '中'],
    ['SATISFACTION_LOW', { satisfaction_pct: 0.85 }, '中'],
    ['ADJUSTMENT_HIGH', { adjustment_excluded: 100 }, '中'],
  ])('%s is raised with severity %s', (code, changes, severity) => {
    const flags = flagsOf(changes);
    expect(flags[code]?.severity).toBe(severity);
  });
  test('GOALS_NOT_QUANTIFIED names what is missing: unquantified goals, projects without goals, or both', () => {
    expect(flagsOf({}).GOALS_NOT_QUANTIFIED.message).toBe(
      '绩效目标不够细化量化：未设置详细、具体、可衡量的绩效目标，工作开展缺乏明确方向',
    );
    const both = flagsOf({ projects_added: 2 }).GOALS_NOT_QUANTIFIED;
    expect(both.message).toBe('绩效目标不够细化量化：未设置详细、具体、可衡量的绩效目标，部分项目未编报绩效目标，工作开展缺乏明确方向');
    expect(both.evidence).toBe(
      '“绩效目标细化量化、可衡量”为否；年中追加项目绩效目标编报：编报绩效目标的项目个数1个÷年中追加项目个数2个=50.00%',
    );
    expect(flagsOf({ projects_added: 2, pm_goals_quantified: '是' }).GOALS_NOT_QUANTIFIED.message).toBe(
      '绩效目标不够细化量化：部分项目未编报绩效目标，工作开展缺乏明确方向',
    );
  });

  test('execution between 60% and 90% is 中, and no flag above 90%', () => {
    expect(flagsOf({ actual_project: 80, actual_total: 153.88 }).EXECUTION_LOW.severity).toBe('中');
    const high = flagsOf({ actual_project: 130, actual_total: 203.88, pm_goals_quantified: '是' });
    expect(Object.keys(high)).toEqual([]);
  });
  test('spending with no budget scores 0 and flags SANGONG_OVERSPENT', () => {
    const out = scoreDepartment({ values: seedWith({ sangong_actual: 1.5 }) });
    if (!out.ok) throw new Error('invalid');
    const ind = out.result.indicators.find((i) => i.id === 'sangong_control');
    expect(ind?.score).toBe(0);
    expect(ind?.reason).toContain('无预算安排却发生支出');
    expect(out.result.total).toBe(82.65);
  });
});
