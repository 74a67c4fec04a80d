import { nextStep, stepsFor, type Step } from '../../src/taskpane/steps';
import { STATES } from './fakeService';

/** Each step as `title status [detail] (button)`, e.g. `校验 next [3 处错误] (校验)`. */
const summary = (steps: Step[]) =>
  steps.map((s) => `${s.title} ${s.status}${s.detail ? ` [${s.detail}]` : ''}${s.action ? ` (${s.action.label})` : ''}`);

describe('the steps for each state of the workbook', () => {
  const cases: [string, keyof typeof STATES, string[]][] = [
    [
      'a blank workbook: insert the template first',
      'blank',
      ['插入模板 next (插入模板)', '填写基础数据表 todo', '校验 todo', '计算评分 todo', '导出报告 todo'],
    ],
    [
      'the template just inserted: fill in, starting at the first empty cell',
      'inserted',
      ['插入模板 done [已插入]', '填写基础数据表 next [已填写 0/42 项] (定位到第一个未填写的单元格)', '校验 todo (校验)', '计算评分 todo (计算评分)', '导出报告 todo'],
    ],
    [
      'partly filled: still filling (the empty cells not yet counted as errors), 校验 and 计算评分 at hand',
      'partlyFilled',
      ['插入模板 done [已插入]', '填写基础数据表 next [已填写 12/42 项] (定位到第一个未填写的单元格)', '校验 todo (校验)', '计算评分 todo (计算评分)', '导出报告 todo'],
    ],
    [
      'all filled but invalid: validate to see the errors',
      'invalid',
      ['插入模板 done [已插入]', '填写基础数据表 done [已填写 42/42 项]', '校验 next [1 处错误] (校验)', '计算评分 todo (计算评分)', '导出报告 todo'],
    ],
    [
      'valid: score',
      'filled',
      ['插入模板 done [已插入]', '填写基础数据表 done [已填写 42/42 项]', '校验 done [校验通过]', '计算评分 next (计算评分)', '导出报告 todo'],
    ],
    [
      'scored and current: export the report',
      'scored',
      ['插入模板 done [已插入]', '填写基础数据表 done [已填写 42/42 项]', '校验 done [校验通过]', '计算评分 done [结果为最新]', '导出报告 next (导出报告)'],
    ],
    [
      'stale: score again before exporting',
      'stale',
      ['插入模板 done [已插入]', '填写基础数据表 done [已填写 42/42 项]', '校验 done [校验通过]', '计算评分 next [已过期] (重新计算)', '导出报告 todo (导出报告)'],
    ],
    [
      'the template renamed: nothing to press until it has its name back',
      'renamed',
      ['插入模板 next [已改名]', '填写基础数据表 todo', '校验 todo', '计算评分 todo', '导出报告 todo'],
    ],
  ];
  test.each(cases)('%s', (_name, state, expected) => {
    expect(summary(stepsFor(STATES[state]))).toEqual(expected);
  });
});

test('numbered 1 to 5, one of them next', () => {
  const steps = stepsFor(STATES.partlyFilled);
  expect(steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);
  expect(nextStep(steps)?.key).toBe('fill');
});

test('before the state is known: every step to do, none next, the main actions shown (disabled by the pane)', () => {
  const steps = stepsFor(null);
  expect(summary(steps)).toEqual(['插入模板 todo (插入模板)', '填写基础数据表 todo', '校验 todo (校验)', '计算评分 todo (计算评分)', '导出报告 todo']);
  expect(nextStep(steps)).toBeUndefined();
});

test('problems are marked: errors, a stale score, a renamed sheet — with the help that says what to do', () => {
  expect(stepsFor(STATES.invalid)[2]).toMatchObject({ problem: true, detail: '1 处错误' });
  expect(stepsFor(STATES.stale)[3]).toMatchObject({ problem: true, help: STATES.stale.result.message });
  expect(stepsFor(STATES.renamed)[0]).toMatchObject({
    problem: true,
    help: '本工具插入的一张表已改名为“我的数据”。请将它改回原名（“基础数据表”或“指标体系”），再继续。',
  });
});
