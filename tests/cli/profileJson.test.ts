import { scoreDepartment } from '../../src/engine';
import { DEFAULT_PROFILE, type BandRule, type Profile } from '../../src/engine/profile';
import { profileFromJson, type ProfileJsonResult } from '../../src/cli/profileJson';
import { SEED } from '../support/seed';

const profileOf = (r: ProfileJsonResult): Profile => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profile;
};
const errorsOf = (json: unknown) => {
  const r = profileFromJson(json);
  return r.ok ? [] : r.errors;
};
const scored = (profile: Profile) => {
  const out = scoreDepartment({ values: SEED }, profile);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
};
/** report.md's four cap rows. */
const CAP = [{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }, { below: 0.7, max: 79 }, { below: 0.8, max: 89 }];
/** Every indicator of the default, in its order, by id only; `changes` lays entries over some. */
const everyIndicator = (changes: Record<string, object> = {}) => DEFAULT_PROFILE.indicators.map((d) => ({ id: d.id, ...changes[d.id] }));

describe('profileFromJson: a good file', () => {
  test('an empty object is the default profile under its own name', () => {
    const r = profileFromJson({});
    expect(r).toEqual({ ok: true, profile: { ...DEFAULT_PROFILE, name: `${DEFAULT_PROFILE.name}（已按文件调整）` }, warnings: [] });
    expect(scored(profileOf(r))).toMatchObject({ total: 88.65, grade: '良' });
  });

  test('overrides change the score and the grade line', () => {
    const profile = profileOf(profileFromJson({
      name: '某市',
      indicators: [{ id: 'project_execution', rule: { lower: 0.9 } }, { id: 'satisfaction', weight: 5 }],
      grades: { 良: 90, 优: 95 },
    }));
    expect(profile.name).toBe('某市');
    const r = scored(profile);
    // 8 × 19.54% ÷ 90% = 1.737… → 1.74
    expect(r.indicators.find((i) => i.id === 'project_execution')?.score).toBe(1.74);
    expect(r.total).toBe(88.74);
    expect(r.grade).toBe('中');
  });

  test('a whole exported profile reads back as itself, its fixed parts (names, formulas) quietly kept', () => {
    const r = profileFromJson(JSON.parse(JSON.stringify(DEFAULT_PROFILE)));
    expect(r).toEqual({ ok: true, profile: DEFAULT_PROFILE, warnings: [] });
  });

  test('null removes a bound', () => {
    const profile = profileOf(profileFromJson({ indicators: [{ id: 'procurement_execution', rule: { upper: null } }] }));
    const rule = profile.indicators.find((i) => i.id === 'procurement_execution')?.rule as BandRule;
    expect(rule).toEqual({ kind: 'band', lower: 0.95, mode: 'proportional', stepAbove: 0.6, ifBaseZero: 'full_if_zero_numerator' });
  });

  test('a weight moved between indicators is taken; the total is still 100, so no warning', () => {
    const r = profileFromJson({ indicators: [{ id: 'goals_initial', weight: 3.5 }, { id: 'goals_added', weight: 3.5 }] });
    expect(r.ok && r.warnings).toEqual([]);
  });

  test('unknown or misplaced keys are warnings, and the file is still used', () => {
    const r = profileFromJson({
      executionCaps: [],
      indicators: [{ id: 'staff_control', wieght: 4, rule: { tiers: [], upper: 1.05 } }],
      thresholds: { executionlow: 0.8 },
    });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      { field: 'executionCaps', cell: null, message: '指标体系文件 executionCaps：未知的键“executionCaps”，已忽略' },
      { field: 'indicators[0].wieght', cell: null, message: '指标体系文件 indicators[0].wieght：未知的键“wieght”，已忽略' },
      { field: 'indicators[0].rule.tiers', cell: null, message: '指标体系文件 indicators[0].rule.tiers：“tiers”不适用于“区间”规则，已忽略' },
      { field: 'thresholds.executionlow', cell: null, message: '指标体系文件 thresholds.executionlow：未知的键“executionlow”，已忽略' },
    ]);
    expect((profileOf(r).indicators[2].rule as BandRule).upper).toBe(1.05);
  });

  test('report.md’s execution cap is read and caps the seed at 59, grade 差', () => {
    const profile = profileOf(profileFromJson({ executionCap: CAP }));
    expect(profile.executionCap).toEqual(CAP);
    const r = scored(profile);
    expect([r.total, r.grade, r.cap]).toEqual([59, '差', { rate: 100.36 / 209.38, max: 59, uncapped_total: 88.65 }]);
  });

  test.each([[[]], [null]])('executionCap %j is no cap: no key in the profile, no cap in the result', (executionCap) => {
    const profile = profileOf(profileFromJson({ executionCap }));
    expect('executionCap' in profile).toBe(false);
    expect('cap' in scored(profile)).toBe(false);
  });

  test('a whole exported profile with a cap reads back as itself', () => {
    const whole = { ...DEFAULT_PROFILE, executionCap: CAP };
    expect(profileFromJson(JSON.parse(JSON.stringify(whole)))).toEqual({ ok: true, profile: whole, warnings: [] });
  });

  test('an unknown key in a cap row is a warning', () => {
    const r = profileFromJson({ executionCap: [{ below: 0.5, max: 59, note: '省厅口径' }] });
    expect(r).toMatchObject({ ok: true, profile: { executionCap: [{ below: 0.5, max: 59 }] } });
    expect(r.warnings).toEqual([{ field: 'executionCap[0].note', cell: null, message: '指标体系文件 executionCap[0].note：未知的键“note”，已忽略' }]);
  });

  test('weights not summing to 100: a warning, the file still used', () => {
    const r = profileFromJson({ indicators: [{ id: 'satisfaction', weight: 4 }] });
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([{ field: 'profile', cell: null, message: '指标体系文件：各指标权重合计为99，不是100' }]);
  });
});

describe('profileFromJson: every problem, at its JSON path as in the file', () => {
  test('a lower bound of 500% is refused at the index the file gives it', () => {
    const r = profileFromJson({ indicators: everyIndicator({ project_execution: { rule: { lower: 5 } } }) });
    expect(r).toEqual({
      ok: false,
      errors: [{ field: 'indicators[6].rule.lower', cell: null, message: '指标体系文件 indicators[6].rule.lower：“项目支出预算完成率”的下限应在0%–200%之间，实为500%' }],
      warnings: [],
    });
  });

  test('inverted grade lines are refused (they would give 88.65 the grade 优)', () => {
    expect(errorsOf({ grades: { 优: 80, 良: 90 } })).toEqual([
      { field: 'grades.良', cell: null, message: '指标体系文件 grades.良：等级“良”的分数线应低于“优”的80，实为90' },
    ]);
  });

  test.each<[string, unknown, string, string]>([
    ['an array', [], 'profile', '指标体系文件：应为 JSON 对象，实为数组'],
    ['null', null, 'profile', '指标体系文件：应为 JSON 对象，实为null'],
    ['a name that is no text', { name: 3 }, 'name', '指标体系文件 name：名称应为文字，实为3'],
    ['indicators not an array', { indicators: { id: 'satisfaction' } }, 'indicators', '指标体系文件 indicators：应为数组，实为对象'],
    ['an indicator entry that is no object', { indicators: ['satisfaction'] }, 'indicators[0]', '指标体系文件 indicators[0]：应为对象，实为文字“satisfaction”'],
    ['an entry without id', { indicators: [{ weight: 5 }] }, 'indicators[0].id', '指标体系文件 indicators[0].id：指标代码应为文字，实为空'],
    ['an unknown indicator code', { indicators: [{ id: 'nope', weight: 1 }] }, 'indicators[0].id', '指标体系文件 indicators[0].id：未知指标代码“nope”'],
    ['an indicator twice', { indicators: [{ id: 'satisfaction' }, { id: 'satisfaction', weight: 4 }] }, 'indicators[1].id', '指标体系文件 indicators[1].id：指标代码“satisfaction”重复（已见于 indicators[0]）'],
    ['a weight in words', { indicators: [{ id: 'project_execution', weight: '八' }] }, 'indicators[0].weight', '指标体系文件 indicators[0].weight：“项目支出预算完成率”的权重应为数值，实为文字“八”'],
    ['an infinite weight', { indicators: [{ id: 'project_execution', weight: Infinity }] }, 'indicators[0].weight', '指标体系文件 indicators[0].weight：“项目支出预算完成率”的权重应为有效数值，实为Infinity'],
    ['a NaN bound', { indicators: [{ id: 'project_execution', rule: { lower: NaN } }] }, 'indicators[0].rule.lower', '指标体系文件 indicators[0].rule.lower：“项目支出预算完成率”的下限应为有效数值，实为NaN'],
    ['a bound as percent text', { indicators: [{ id: 'project_execution', rule: { lower: '95%' } }] }, 'indicators[0].rule.lower', '指标体系文件 indicators[0].rule.lower：“项目支出预算完成率”的下限应为数值，实为文字“95%”'],
    ['an unknown mode', { indicators: [{ id: 'payment_progress', rule: { mode: 'linear' } }] }, 'indicators[0].rule.mode', '指标体系文件 indicators[0].rule.mode：“支付进度率”的“低于下限计分”应为“proportional”或“steps”，实为文字“linear”'],
    ['an unknown zero-base policy', { indicators: [{ id: 'public_control', rule: { ifBaseZero: 'zero' } }] }, 'indicators[0].rule.ifBaseZero', '指标体系文件 indicators[0].rule.ifBaseZero：“公用经费控制率”的“分母为0时”应为“full”或“full_if_zero_numerator”，实为文字“zero”'],
    ['a rule that is no object', { indicators: [{ id: 'public_control', rule: 0.6 }] }, 'indicators[0].rule', '指标体系文件 indicators[0].rule：“公用经费控制率”的规则应为对象，实为0.6'],
    ['another rule kind', { indicators: [{ id: 'public_control', rule: { kind: 'tiers' } }] }, 'indicators[0].rule.kind', '指标体系文件 indicators[0].rule.kind：“公用经费控制率”的规则为“区间”（band），不能改为文字“tiers”'],
    ['tiers that are no array', { indicators: [{ id: 'project_arrangement', rule: { tiers: 0.9 } }] }, 'indicators[0].rule.tiers', '指标体系文件 indicators[0].rule.tiers：“项目安排率（重点项目支出安排率）”的分档列表应为数组，实为0.9'],
    ['a checklist item without field', { indicators: [{ id: 'disclosure', rule: { items: [{ points: 4 }] } }] }, 'indicators[0].rule.items[0].field', '指标体系文件 indicators[0].rule.items[0].field：“预决算信息公开性”第1个检查项的代码应为文字，实为空'],
    ['grades that are no object', { grades: [90, 80, 60] }, 'grades', '指标体系文件 grades：应为对象，实为数组'],
    ['a threshold in words', { thresholds: { executionLow: '九成' } }, 'thresholds.executionLow', '指标体系文件 thresholds.executionLow：“预算完成率偏低阈值”应为数值，实为文字“九成”'],
    ['a weight over 100', { indicators: [{ id: 'project_execution', weight: 1e308 }] }, 'indicators[0].weight', '指标体系文件 indicators[0].weight：“项目支出预算完成率”的权重应不大于100，实为1e+308'],
    ['checklist points over 100', { indicators: [{ id: 'disclosure', rule: { items: [{ field: 'disc_budget', points: 400 }] } }] }, 'indicators[0].rule.items[0].points', '指标体系文件 indicators[0].rule.items[0].points：“预决算信息公开性”检查项“按规定公开部门预算”的分值应不大于100，实为400'],
    ['a cap that is no array', { executionCap: { below: 0.5, max: 59 } }, 'executionCap', '指标体系文件 executionCap：预算执行率封顶应为数组，实为对象'],
    ['a cap row that is no object', { executionCap: [CAP[0], 0.6] }, 'executionCap[1]', '指标体系文件 executionCap[1]：预算执行率封顶第2条应为对象，实为0.6'],
    ['a cap below as percent text', { executionCap: [CAP[0], CAP[1], { below: '70%', max: 79 }] }, 'executionCap[2].below', '指标体系文件 executionCap[2].below：预算执行率封顶第3条的“执行率低于”应为数值，实为文字“70%”'],
    ['a cap row without max', { executionCap: [{ below: 0.5 }] }, 'executionCap[0].max', '指标体系文件 executionCap[0].max：预算执行率封顶第1条的“总分最高”应为数值，实为空'],
    ['a cap max in words', { executionCap: [{ below: 0.5, max: '五十九' }] }, 'executionCap[0].max', '指标体系文件 executionCap[0].max：预算执行率封顶第1条的“总分最高”应为数值，实为文字“五十九”'],
    ['cap rows out of order', { executionCap: [CAP[0], CAP[2], CAP[1], CAP[3]] }, 'executionCap[2].below', '指标体系文件 executionCap[2].below：预算执行率封顶第3条的“执行率低于”应高于第2条的70%，实为60%'],
    ['a cap below of 0', { executionCap: [{ below: 0, max: 59 }] }, 'executionCap[0].below', '指标体系文件 executionCap[0].below：预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为0%'],
    ['a cap below over 100% (50 for 50%)', { executionCap: [{ below: 50, max: 59 }] }, 'executionCap[0].below', '指标体系文件 executionCap[0].below：预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为5000%'],
    ['a cap max over 100', { executionCap: [{ below: 0.5, max: 101 }] }, 'executionCap[0].max', '指标体系文件 executionCap[0].max：预算执行率封顶第1条的“总分最高”应在0–100之间，实为101'],
  ])('%s is one error, exactly', (_name, json, field, message) => {
    expect(errorsOf(json)).toEqual([{ field, cell: null, message }]);
  });

  test('a weight of 1e308 on two indicators: an error at each, and nothing is scored', () => {
    expect(errorsOf({ indicators: [{ id: 'goals_initial', weight: 1e308 }, { id: 'goals_added', weight: 1e308 }] }).map((e) => e.field)).toEqual([
      'indicators[0].weight',
      'indicators[1].weight',
    ]);
  });

  test('a cap row that is no object or no number is one error: its NaN is not judged again', () => {
    expect(errorsOf({ executionCap: ['x', { below: 0.6, max: null }, { below: 0.55, max: 79 }] }).map((e) => e.message)).toEqual([
      '指标体系文件 executionCap[0]：预算执行率封顶第1条应为对象，实为文字“x”',
      '指标体系文件 executionCap[1].max：预算执行率封顶第2条的“总分最高”应为数值，实为null',
      '指标体系文件 executionCap[2].below：预算执行率封顶第3条的“执行率低于”应高于第2条的60%，实为55%',
    ]);
  });

  test('all errors at once: type errors first, then what the numbers get wrong; a value not taken is not judged again', () => {
    const r = profileFromJson({
      name: '某市',
      indicators: [
        { id: 'payment_progress', weight: '六', rule: { per: 0, mode: 'linear' } },
        'x',
        { id: 'nope' },
        { id: 'project_arrangement', rule: { tiers: [{ min: 0.8, share: 1 }, { min: 0.9, share: 0.8 }, 5] } },
        { id: 'performance_management', rule: { items: [{ field: 'pm_mechanism', points: 12 }, { field: 'pm_satisfied', points: 0 }] } },
      ],
      grades: { 优: '九十', 中: 95 },
      thresholds: { executionLow: 2 },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => e.message)).toEqual([
      '指标体系文件 indicators[1]：应为对象，实为文字“x”',
      '指标体系文件 indicators[2].id：未知指标代码“nope”',
      '指标体系文件 indicators[3].rule.tiers[2]：“项目安排率（重点项目支出安排率）”的第3个分档应为对象，实为5',
      '指标体系文件 indicators[0].weight：“支付进度率”的权重应为数值，实为文字“六”',
      '指标体系文件 indicators[0].rule.mode：“支付进度率”的“低于下限计分”应为“proportional”或“steps”，实为文字“linear”',
      '指标体系文件 grades.优：等级“优”的分数线应为数值，实为文字“九十”',
      '指标体系文件 indicators[3].rule.tiers[1].min：“项目安排率（重点项目支出安排率）”第2档的“达到”应低于第1档的80%，实为90%',
      '指标体系文件 indicators[0].rule.per：“支付进度率”的“每满N个百分点”应大于0，实为0',
      '指标体系文件 indicators[4].rule.items[1].field：“财政预算绩效管理”的检查项“pm_satisfied”不是模板中的是/否项',
      '指标体系文件 indicators[4].weight：“财政预算绩效管理”各检查项分值合计12，应等于权重10',
      '指标体系文件 grades.中：等级“中”的分数线应低于“良”的80，实为95',
      '指标体系文件 thresholds.executionLow：“预算完成率偏低阈值”应在0%–100%之间，实为200%',
    ]);
  });
});
