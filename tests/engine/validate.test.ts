import fc from 'fast-check';
import { scoreDepartment } from '../../src/engine';
import { FIELDS } from '../../src/engine/fields';
import { rawInputsFromJson } from '../../src/engine/parse';
import { validateInputs } from '../../src/engine/validate';
import type { InputIssue, RawInputs, RawValue } from '../../src/engine/types';
import { SEED, seedWith } from '../support/seed';

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

describe('bad values cannot slip through, by construction', () => {
  const errorsOfRaw = (raw: RawInputs): InputIssue[] => {
    const v = validateInputs(raw);
    return v.ok ? [] : v.errors;
  };
  const fromJson = (changes: Record<string, unknown>) => errorsOfRaw(rawInputsFromJson({ ...SEED, ...changes }));
  const UNCALCULATED_TAIL =
    '，但文件里没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS 中打开此文件，确认公式算出结果后保存，再重新评分；或直接填写数值。';

  test.each<[string, Record<string, unknown>, InputIssue[]]>([
    [
      'a JSON object that looks like an error value',
      { dept_name: { error: '#N/A' } },
      [{ field: 'dept_name', cell: null, message: '单位名称：应为文字，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值' }],
    ],
    [
      'a JSON object that looks like a formula',
      { actual_project: { formula: 'B18*2', result: 26.48 } },
      [{ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值' }],
    ],
    [
      'a JSON array',
      { actual_project: [26.48], actual_total: null },
      [{ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为 JSON 数组（方括号 […]）；每个字段只能填一个值' }],
    ],
    [
      'a checklist answer given as an object',
      { pm_monitoring: { value: '是' } },
      [{ field: 'pm_monitoring', cell: null, message: '开展绩效运行监控：应为“是”或“否”，实为 JSON 对象（花括号 {…}）；每个字段只能填一个值' }],
    ],
    [
      '1e400 (Infinity after JSON.parse) in a number field',
      { actual_project: Infinity, actual_total: null },
      [{ field: 'actual_project', cell: null, message: '决算支出·项目支出：数值过大，超出可计算的范围' }],
    ],
    [
      '1e400 in the department name',
      { dept_name: Infinity },
      [{ field: 'dept_name', cell: null, message: '单位名称：数值过大，超出可计算的范围' }],
    ],
    [
      'two amounts of 1e308, whose sum would overflow',
      { actual_basic: 1e308, actual_project: 1e308, actual_total: null },
      [
        { field: 'actual_basic', cell: null, message: '决算支出·基本支出：1e+308万元超出上限1万亿万元，请核对单位（金额以万元为单位）' },
        { field: 'actual_project', cell: null, message: '决算支出·项目支出：1e+308万元超出上限1万亿万元，请核对单位（金额以万元为单位）' },
      ],
    ],
    [
      'a count beyond 10亿',
      { key_tasks_total: 1e10 },
      [{ field: 'key_tasks_total', cell: null, message: '年度重点工作任务数：10000000000超出上限10亿，请核对' }],
    ],
    [
      'a denominator too small to be an amount',
      { budget_adjusted_basic: 1e-300, budget_adjusted_total: null, actual_basic: 73.88 },
      [{ field: 'budget_adjusted_basic', cell: null, message: '调整后预算·基本支出：1e-300万元不足0.01元，请核对单位（金额以万元为单位）；没有则填0' }],
    ],
    [
      'control characters in text quoted escaped',
      { actual_project: '约\x1b[2J30' },
      [{ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为文字“约\\x1b[2J30”' }],
    ],
  ])('%s', (_name, changes, errors) => {
    expect(fromJson(changes)).toEqual(errors);
  });

  test('a formula without a computed value is named with its cell, never “未填写”', () => {
    const errors = errorsOfRaw({
      values: seedWith({ actual_project: { formula: 'SUM(C16:C17)' }, dept_name: { formula: '=B2' }, pm_monitoring: { formula: 'IF(1,"是","否")' } }),
      cells: { actual_project: '基础数据表!C18', dept_name: '基础数据表!C3', pm_monitoring: '基础数据表!C52' },
    });
    expect(errors).toEqual([
      { field: 'dept_name', cell: '基础数据表!C3', message: `单位名称：单元格中是公式“=B2”${UNCALCULATED_TAIL}` },
      { field: 'actual_project', cell: '基础数据表!C18', message: `决算支出·项目支出：单元格中是公式“=SUM(C16:C17)”${UNCALCULATED_TAIL}` },
      { field: 'pm_monitoring', cell: '基础数据表!C52', message: `开展绩效运行监控：单元格中是公式“=IF(1,"是","否")”${UNCALCULATED_TAIL}` },
    ]);
  });

  const textFields = FIELDS.filter((f) => f.kind === 'text');
  test.each(textFields.map((f) => [f.id, f.label]))('text longer than 32,767 characters in %s is an error naming its cell', (id, label) => {
    const errors = errorsOfRaw({ values: seedWith({ [id]: '字'.repeat(32768) }), cells: { [id]: '基础数据表!C9' } });
    expect(errors).toEqual([
      { field: id, cell: '基础数据表!C9', message: `${label}：文字过长（32768个字符），超过了 Excel 单元格的上限32767个字符，请精简` },
    ]);
  });

  test('control characters stay in the data; only messages escape them', () => {
    const out = scoreDepartment({ values: seedWith({ dept_name: '南昌\x1b中心' }) });
    expect(out.ok && out.result.department).toBe('南昌\x1b中心');
  });

  test('an unknown key is quoted escaped in its warning', () => {
    const out = scoreDepartment({ values: seedWith({ 'bad\x1bkey': 1 }) });
    expect(out.ok && out.result.warnings).toEqual([{ field: 'bad\x1bkey', cell: null, message: '未识别的字段“bad\\x1bkey”，已忽略' }]);
  });

  /** Every number in a result is finite and no text shows Infinity or NaN. */
  const allFinite = (x: unknown): boolean => {
    if (typeof x === 'number') return Number.isFinite(x);
    if (typeof x === 'string') return !/Infinity|NaN/.test(x);
    if (Array.isArray(x)) return x.every(allFinite);
    if (x && typeof x === 'object') return Object.values(x).every(allFinite);
    return true;
  };

  test('the largest and smallest valid figures score without Infinity or NaN', () => {
    const amount = fc.oneof(fc.constantFrom(0, 0.000001, 1e12), fc.double({ min: 0.000001, max: 1e12, noNaN: true }));
    const percent = fc.oneof(fc.constantFrom(0, 0.000001, 1), fc.double({ min: 0.000001, max: 1, noNaN: true }));
    const count = fc.oneof(fc.constantFrom(0, 1, 1e9), fc.integer({ min: 0, max: 1e9 }));
    const amountIds = FIELDS.filter((f) => f.kind === 'amount').map((f) => f.id);
    const percentIds = FIELDS.filter((f) => f.kind === 'percent').map((f) => f.id);
    const countIds = FIELDS.filter((f) => f.kind === 'count').map((f) => f.id);
    fc.assert(
      fc.property(
        fc.tuple(...amountIds.map(() => amount)),
        fc.tuple(...percentIds.map(() => percent)),
        fc.tuple(...countIds.map(() => count)),
        (amounts, percents, counts) => {
          const values: Record<string, RawValue> = { ...SEED };
          amountIds.forEach((id, i) => (values[id] = amounts[i]));
          percentIds.forEach((id, i) => (values[id] = percents[i]));
          countIds.forEach((id, i) => (values[id] = counts[i]));
          // Keep the cross-checks satisfied: totals and the capped optional amounts left blank, parts ≤ wholes.
          for (const id of ['budget_adjusted_total', 'actual_total', 'adjustment_excluded', 'key_project_budget', 'evaluated_project_funds']) values[id] = null;
          for (const [part, whole] of [['projects_initial_with_goals', 'projects_initial'], ['projects_added_with_goals', 'projects_added'], ['key_tasks_done', 'key_tasks_total']]) {
            values[part] = Math.min(values[part] as number, values[whole] as number);
          }
          values.staff_authorized = Math.max(1, values.staff_authorized as number);
          const out = scoreDepartment({ values });
          if (!out.ok) throw new Error(JSON.stringify(out.errors));
          expect(allFinite(out.result)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('values beyond the bounds are errors whose messages show no Infinity or NaN', () => {
    const huge = Object.fromEntries(FIELDS.filter((f) => f.kind !== 'text' && f.kind !== 'yesno').map((f) => [f.id, 1e308]));
    const errors = fromJson(huge);
    expect(errors.map((e) => e.field).sort()).toEqual(Object.keys(huge).sort());
    expect(allFinite(errors)).toBe(true);
  });
});
