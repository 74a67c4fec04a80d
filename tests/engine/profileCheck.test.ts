import { DEFAULT_PROFILE, type BandRule, type ChecklistRule, type Profile, type TiersRule } from '../../src/engine/profile';
import { checkProfile, profileField, type ProfilePath } from '../../src/engine/profileCheck';

/** The default profile with one change made by `edit`. */
function edited(edit: (p: Profile) => void): Profile {
  const p = structuredClone(DEFAULT_PROFILE);
  edit(p);
  return p;
}
const indicator = (p: Profile, id: string) => p.indicators.find((x) => x.id === id) as Profile['indicators'][number];
const band = (p: Profile, id: string) => indicator(p, id).rule as BandRule;
const tiers = (p: Profile) => (indicator(p, 'project_arrangement').rule as TiersRule).tiers;
const items = (p: Profile, id: string) => (indicator(p, id).rule as ChecklistRule).items;
/** report.md's four cap rows. */
const CAP = () => [{ below: 0.5, max: 59 }, { below: 0.6, max: 69 }, { below: 0.7, max: 79 }, { below: 0.8, max: 89 }];

/** Places each problem at its path, written out, so that every case pins the structured address too. */
const where = (path: ProfilePath) => JSON.stringify(path);
const check = (p: Profile) => checkProfile(p, where);

describe('checkProfile: the one validator of a profile', () => {
  test('the default profile (the 2018 report’s) has no problem', () => {
    expect(check(DEFAULT_PROFILE)).toEqual({ errors: [], warnings: [] });
  });

  test.each<[string, (p: Profile) => void, { field: string; path: ProfilePath; message: string }[]]>([
    [
      'a lower bound of 500%',
      (p) => (band(p, 'project_execution').lower = 5),
      [{ field: 'profile.project_execution', path: { indicator: 'project_execution', param: 'lower' }, message: '“项目支出预算完成率”的下限应在0%–200%之间，实为500%' }],
    ],
    [
      'an upper bound over 200%',
      (p) => (band(p, 'staff_control').upper = 2.5),
      [{ field: 'profile.staff_control', path: { indicator: 'staff_control', param: 'upper' }, message: '“财政供养人员控制率”的上限应在0%–200%之间，实为250%' }],
    ],
    [
      'an upper bound below the lower',
      (p) => (band(p, 'procurement_execution').upper = 0.9),
      [{ field: 'profile.procurement_execution', path: { indicator: 'procurement_execution', param: 'upper' }, message: '“政府采购执行率”的上限应不低于下限95%，实为90%' }],
    ],
    [
      'per = 0 in steps mode',
      (p) => (band(p, 'payment_progress').per = 0),
      [{ field: 'profile.payment_progress', path: { indicator: 'payment_progress', param: 'per' }, message: '“支付进度率”的“每满N个百分点”应大于0，实为0' }],
    ],
    [
      'a negative step below the lower bound',
      (p) => (band(p, 'payment_progress').stepBelow = -1),
      [{ field: 'profile.payment_progress', path: { indicator: 'payment_progress', param: 'stepBelow' }, message: '“支付进度率”的“每满N扣分”应不小于0，实为-1' }],
    ],
    [
      'a negative step above the upper bound',
      (p) => (band(p, 'public_control').stepAbove = -0.6),
      [{ field: 'profile.public_control', path: { indicator: 'public_control', param: 'stepAbove' }, message: '“公用经费控制率”的“超上限每1个百分点扣分”应不小于0，实为-0.6' }],
    ],
    [
      'a weight over 100 (two of 1e308 would add up to Infinity)',
      (p) => (indicator(p, 'key_tasks').weight = 1e308),
      [{ field: 'profile.key_tasks', path: { indicator: 'key_tasks', param: 'weight' }, message: '“年度重点工作办结率”的权重应不大于100，实为1e+308' }],
    ],
    [
      'per over 100',
      (p) => (band(p, 'payment_progress').per = 101),
      [{ field: 'profile.payment_progress', path: { indicator: 'payment_progress', param: 'per' }, message: '“支付进度率”的“每满N个百分点”应不大于100，实为101' }],
    ],
    [
      'a step below the lower bound over 100',
      (p) => (band(p, 'payment_progress').stepBelow = 1e300),
      [{ field: 'profile.payment_progress', path: { indicator: 'payment_progress', param: 'stepBelow' }, message: '“支付进度率”的“每满N扣分”应不大于100，实为1e+300' }],
    ],
    [
      'a step above the upper bound over 100',
      (p) => (band(p, 'public_control').stepAbove = 100.5),
      [{ field: 'profile.public_control', path: { indicator: 'public_control', param: 'stepAbove' }, message: '“公用经费控制率”的“超上限每1个百分点扣分”应不大于100，实为100.5' }],
    ],
    [
      'checklist points over 100 (the sum is then not judged)',
      (p) => (items(p, 'system_soundness')[0].points = 1e308),
      [{ field: 'profile.sys_finance_rules', path: { indicator: 'system_soundness', item: 'sys_finance_rules', index: 0, param: 'points' }, message: '“管理制度健全性”检查项“已制定单位财务管理制度”的分值应不大于100，实为1e+308' }],
    ],
    [
      'a weight that is not a number',
      (p) => (indicator(p, 'key_tasks').weight = Number.NaN),
      [{ field: 'profile.key_tasks', path: { indicator: 'key_tasks', param: 'weight' }, message: '“年度重点工作办结率”的权重应为有效数值，实为NaN' }],
    ],
    [
      'no tier at all',
      (p) => tiers(p).splice(0),
      [{ field: 'profile.project_arrangement', path: { indicator: 'project_arrangement', param: 'tiers' }, message: '“项目安排率（重点项目支出安排率）”至少应有一档' }],
    ],
    [
      'a tier minimum over 100%',
      (p) => (tiers(p)[0].min = 1.2),
      [{ field: 'profile.project_arrangement.tier1', path: { indicator: 'project_arrangement', tier: 0, param: 'min' }, message: '“项目安排率（重点项目支出安排率）”第1档的“达到”应在0%–100%之间，实为120%' }],
    ],
    [
      'tiers not in descending order of minimum',
      (p) => (tiers(p)[1].min = 0.95),
      [{ field: 'profile.project_arrangement.tier2', path: { indicator: 'project_arrangement', tier: 1, param: 'min' }, message: '“项目安排率（重点项目支出安排率）”第2档的“达到”应低于第1档的90%，实为95%' }],
    ],
    [
      'a lower tier giving a larger share',
      (p) => (tiers(p)[3].share = 0.7),
      [{ field: 'profile.project_arrangement.tier4', path: { indicator: 'project_arrangement', tier: 3, param: 'share' }, message: '“项目安排率（重点项目支出安排率）”第4档的得分比例应不高于第3档的60%，实为70%' }],
    ],
    [
      'a checklist item that is no 是/否 field of the template',
      (p) => (items(p, 'disclosure')[3].field = 'actual_project'),
      [{ field: 'profile.actual_project', path: { indicator: 'disclosure', item: 'actual_project', index: 3, param: 'field' }, message: '“预决算信息公开性”的检查项“actual_project”不是模板中的是/否项' }],
    ],
    [
      'a checklist item twice in one indicator',
      (p) => (items(p, 'disclosure')[3].field = 'disc_budget'),
      [{ field: 'profile.disc_budget', path: { indicator: 'disclosure', item: 'disc_budget', index: 3, param: 'field' }, message: '“预决算信息公开性”的检查项“按规定公开部门预算”重复' }],
    ],
    [
      'a checklist item already scored by another indicator',
      (p) => (items(p, 'performance_management')[0].field = 'disc_budget'),
      [{ field: 'profile.disc_budget', path: { indicator: 'performance_management', item: 'disc_budget', index: 0, param: 'field' }, message: '“财政预算绩效管理”的检查项“按规定公开部门预算”已用于“预决算信息公开性”' }],
    ],
    [
      'a negative checklist point (the sum is then not judged)',
      (p) => (items(p, 'system_soundness')[0].points = -1),
      [{ field: 'profile.sys_finance_rules', path: { indicator: 'system_soundness', item: 'sys_finance_rules', index: 0, param: 'points' }, message: '“管理制度健全性”检查项“已制定单位财务管理制度”的分值应不小于0，实为-1' }],
    ],
    [
      'checklist points short of the weight',
      (p) => (items(p, 'performance_management')[0].points = 1),
      [{ field: 'profile.performance_management', path: { indicator: 'performance_management', param: 'weight' }, message: '“财政预算绩效管理”各检查项分值合计9，应等于权重10' }],
    ],
    [
      'checklist points over the weight (decimals summed exactly)',
      (p) => items(p, 'fund_compliance').forEach((it) => (it.points += 0.1)),
      [{ field: 'profile.fund_compliance', path: { indicator: 'fund_compliance', param: 'weight' }, message: '“资金使用合规性”各检查项分值合计7.5，应等于权重7' }],
    ],
    [
      'an empty checklist',
      (p) => items(p, 'disclosure').splice(0),
      [{ field: 'profile.disclosure', path: { indicator: 'disclosure', param: 'items' }, message: '“预决算信息公开性”至少应有一个检查项' }],
    ],
    [
      'inverted grade lines (88.65 would be 优)',
      (p) => Object.assign(p.grades, { 优: 80, 良: 90 }),
      [{ field: 'profile.grade.良', path: { grade: '良' }, message: '等级“良”的分数线应低于“优”的80，实为90' }],
    ],
    [
      'equal grade lines',
      (p) => (p.grades.中 = 80),
      [{ field: 'profile.grade.中', path: { grade: '中' }, message: '等级“中”的分数线应低于“良”的80，实为80' }],
    ],
    [
      'a grade line over 100',
      (p) => (p.grades.优 = 120),
      [{ field: 'profile.grade.优', path: { grade: '优' }, message: '等级“优”的分数线应在0–100之间，实为120' }],
    ],
    [
      'a threshold over 100%',
      (p) => (p.thresholds.adjustmentHigh = 1.5),
      [{ field: 'profile.threshold.adjustmentHigh', path: { threshold: 'adjustmentHigh' }, message: '“预算调整率偏高阈值”应在0%–100%之间，实为150%' }],
    ],
    [
      'the severe execution threshold above the low one',
      (p) => (p.thresholds.executionSevere = 0.95),
      [{ field: 'profile.threshold.executionSevere', path: { threshold: 'executionSevere' }, message: '“预算完成率严重偏低阈值”应不高于“预算完成率偏低阈值”90%，实为95%' }],
    ],
    [
      'a cap row with below 0 (it would catch no rate)',
      (p) => (p.executionCap = [{ below: 0, max: 59 }]),
      [{ field: 'profile.cap.1', path: { cap: 0, param: 'below' }, message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为0%' }],
    ],
    [
      'a cap row with a negative below',
      (p) => (p.executionCap = [{ below: -0.5, max: 59 }]),
      [{ field: 'profile.cap.1', path: { cap: 0, param: 'below' }, message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为-50%' }],
    ],
    [
      'a cap row with below over 100% (50 typed for 50%)',
      (p) => (p.executionCap = [...CAP().slice(0, 3), { below: 80, max: 89 }]),
      [{ field: 'profile.cap.4', path: { cap: 3, param: 'below' }, message: '预算执行率封顶第4条的“执行率低于”应大于0%且不高于100%，实为8000%' }],
    ],
    [
      'a cap row with a max over 100',
      (p) => (p.executionCap = [{ below: 0.5, max: 590 }]),
      [{ field: 'profile.cap.1', path: { cap: 0, param: 'max' }, message: '预算执行率封顶第1条的“总分最高”应在0–100之间，实为590' }],
    ],
    [
      'a cap row with a negative max',
      (p) => (p.executionCap = [{ below: 0.5, max: -1 }]),
      [{ field: 'profile.cap.1', path: { cap: 0, param: 'max' }, message: '预算执行率封顶第1条的“总分最高”应在0–100之间，实为-1' }],
    ],
    [
      'a cap row whose numbers are no numbers',
      (p) => (p.executionCap = [{ below: Number.NaN, max: Number.POSITIVE_INFINITY }]),
      [
        { field: 'profile.cap.1', path: { cap: 0, param: 'below' }, message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为NaN' },
        { field: 'profile.cap.1', path: { cap: 0, param: 'max' }, message: '预算执行率封顶第1条的“总分最高”应在0–100之间，实为Infinity' },
      ],
    ],
    [
      'cap rows out of order (a row under its predecessor would never be reached)',
      (p) => (p.executionCap = [CAP()[0], CAP()[2], CAP()[1], CAP()[3]]),
      [{ field: 'profile.cap.3', path: { cap: 2, param: 'below' }, message: '预算执行率封顶第3条的“执行率低于”应高于第2条的70%，实为60%' }],
    ],
    [
      'two cap rows with the same below',
      (p) => (p.executionCap = [{ below: 0.5, max: 59 }, { below: 0.5, max: 69 }]),
      [{ field: 'profile.cap.2', path: { cap: 1, param: 'below' }, message: '预算执行率封顶第2条的“执行率低于”应高于第1条的50%，实为50%' }],
    ],
    [
      'a cap row after one out of range: only the bad row (its successor is not judged against it)',
      (p) => (p.executionCap = [{ below: 1.5, max: 59 }, { below: 0.6, max: 69 }]),
      [{ field: 'profile.cap.1', path: { cap: 0, param: 'below' }, message: '预算执行率封顶第1条的“执行率低于”应大于0%且不高于100%，实为150%' }],
    ],
  ])('%s is an error naming the parameter and the figures', (_name, edit, expected) => {
    const { errors } = check(edited(edit));
    expect(errors).toEqual(expected.map(({ field, path, message }) => ({ field, cell: where(path), message })));
  });

  test.each<[string, (p: Profile) => void]>([
    ['report.md’s four cap rows', (p) => (p.executionCap = CAP())],
    ['an empty cap', (p) => (p.executionCap = [])],
    ['one cap row reaching to 100%, with a max of 0', (p) => (p.executionCap = [{ below: 1, max: 0 }])],
    ['cap maxima that do not rise with the rows (the first row applies, so that is allowed)', (p) => (p.executionCap = [{ below: 0.5, max: 70 }, { below: 0.9, max: 60 }])],
    ['weights, steps and points of 100 exactly', (p) => {
      indicator(p, 'satisfaction').weight = 100;
      Object.assign(band(p, 'payment_progress'), { per: 100, stepBelow: 100, stepAbove: 100 });
    }],
  ])('%s: no error', (_name, edit) => {
    expect(check(edited(edit)).errors).toEqual([]);
  });

  test('a weight of 1e308 on two indicators is an error at each (never an Infinity total)', () => {
    const { errors } = check(edited((p) => {
      indicator(p, 'goals_initial').weight = 1e308;
      indicator(p, 'goals_added').weight = 1e308;
    }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ['profile.goals_initial', '“年初项目绩效目标编报”的权重应不大于100，实为1e+308'],
      ['profile.goals_added', '“年中追加项目绩效目标编报”的权重应不大于100，实为1e+308'],
    ]);
  });

  test('a negative weight is an error, and the weights then not summing to 100 a warning', () => {
    expect(check(edited((p) => (indicator(p, 'staff_control').weight = -3)))).toEqual({
      errors: [{ field: 'profile.staff_control', cell: where({ indicator: 'staff_control', param: 'weight' }), message: '“财政供养人员控制率”的权重应不小于0，实为-3' }],
      warnings: [{ field: 'profile.weights', cell: null, message: '各指标权重合计为94，不是100' }],
    });
  });

  test('weights not summing to 100 are only a warning; decimal weights are summed exactly', () => {
    expect(check(edited((p) => (indicator(p, 'satisfaction').weight = 4.9)))).toEqual({
      errors: [],
      warnings: [{ field: 'profile.weights', cell: null, message: '各指标权重合计为99.9，不是100' }],
    });
    const moved = edited((p) => {
      indicator(p, 'goals_initial').weight = 4.1;
      indicator(p, 'goals_added').weight = 2.9;
    });
    expect(check(moved)).toEqual({ errors: [], warnings: [] });
  });

  test('an open lower bound, an upper bound above 100% and equal bounds are fine (and 0% upper, as by default)', () => {
    const p = edited((q) => {
      delete band(q, 'project_execution').lower;
      band(q, 'staff_control').upper = 1.05;
      band(q, 'procurement_execution').upper = 0.95;
    });
    expect(check(p).errors).toEqual([]);
  });

  test('every problem is reported at once, each where its caller places it', () => {
    const asked: ProfilePath[] = [];
    const p = edited((q) => {
      band(q, 'project_execution').lower = 5;
      Object.assign(q.grades, { 优: 80, 良: 90 });
      q.thresholds.satisfactionLow = 2;
    });
    const { errors } = checkProfile(p, (path) => {
      asked.push(path);
      return 'grade' in path ? null : `指标体系!X${asked.length}`;
    });
    expect(errors.map((e) => [e.field, e.cell])).toEqual([
      ['profile.project_execution', '指标体系!X1'],
      ['profile.grade.良', null],
      ['profile.threshold.satisfactionLow', '指标体系!X3'],
    ]);
  });

  test.each<[ProfilePath | null, string]>([
    [{ indicator: 'project_execution', param: 'lower' }, 'profile.project_execution'],
    [{ indicator: 'project_arrangement', tier: 1, param: 'min' }, 'profile.project_arrangement.tier2'],
    [{ indicator: 'performance_management', item: 'pm_mechanism', index: 0, param: 'points' }, 'profile.pm_mechanism'],
    [{ grade: '优' }, 'profile.grade.优'],
    [{ threshold: 'executionLow' }, 'profile.threshold.executionLow'],
    [{ cap: 2, param: 'below' }, 'profile.cap.3'],
    [null, 'profile.weights'],
  ])('profileField(%j) is %s, as both readers name it', (path, field) => {
    expect(profileField(path)).toBe(field);
  });
});
