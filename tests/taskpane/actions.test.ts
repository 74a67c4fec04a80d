import { ACTIONS, describeOutcome, failureOf, formatScore, toneOf, type PaneOutcome, type Tone } from '../../src/taskpane/actions';
import type { EvaluationResult, InputIssue } from '../../src/engine/types';

const issue = (field: string): InputIssue => ({ field, cell: `基础数据表!C${field.length}`, message: `${field} 有误` });
const result = { total: 88.6, grade: '良' } as EvaluationResult;

describe('the one message each outcome leaves, and how it reads', () => {
  const cases: [string, PaneOutcome, string, Tone][] = [
    ['done passes the service message through', { kind: 'done', message: '已插入模板。' }, '已插入模板。', 'success'],
    ['a notice passes its message through', { kind: 'notice', message: 'Mac 版不能保存文件。' }, 'Mac 版不能保存文件。', 'info'],
    ['invalid counts the errors', { kind: 'invalid', errors: [issue('a'), issue('b')], warnings: [] }, '校验未通过：2 处错误。请按下方列表修改后重试。', 'error'],
    ['invalid counts warnings too', { kind: 'invalid', errors: [issue('a')], warnings: [issue('w')] }, '校验未通过：1 处错误，1 条提示。请按下方列表修改后重试。', 'error'],
    ['valid without warnings invites scoring', { kind: 'valid', warnings: [] }, '校验通过，可以计算评分。', 'success'],
    ['valid with warnings counts them', { kind: 'valid', warnings: [issue('w'), issue('x')] }, '校验通过，另有 2 条提示。', 'success'],
    ['scored gives the total with two decimals and the grade', { kind: 'scored', result }, '评分完成：总分 88.60 分，等级 良。', 'success'],
    ['confirm asks the question', { kind: 'confirm', message: '将覆盖 2 个已填写的单元格，是否继续？', confirmLabel: '覆盖并载入', options: { overwrite: true } }, '需要确认：将覆盖 2 个已填写的单元格，是否继续？', 'info'],
    ['failed gives the reason', { kind: 'failed', message: '“评分表”是您自己的工作表。' }, '操作未完成：“评分表”是您自己的工作表。', 'error'],
  ];
  test.each(cases)('%s', (_name, outcome, message, tone) => {
    expect([describeOutcome(outcome), toneOf(outcome)]).toEqual([message, tone]);
  });
});

test('every button of the pane, with what its status line says while it runs', () => {
  expect(Object.values(ACTIONS).map((a) => [a.key, a.label, a.busyText])).toEqual([
    ['insertTemplate', '插入模板', '正在插入模板…'],
    ['loadSample', '载入示例数据', '正在载入示例数据…'],
    ['locateEmpty', '定位到第一个未填写的单元格', '正在定位…'],
    ['validate', '校验', '正在校验基础数据…'],
    ['score', '计算评分', '正在计算评分…'],
    ['exportReport', '导出报告', '正在生成报告…'],
  ]);
});

test('a rejected action becomes a failed outcome naming the action and the error', () => {
  expect(failureOf(ACTIONS.score, new Error('RichApi.Error'))).toEqual({
    kind: 'failed',
    message: '计算评分时出错（RichApi.Error）。请重试；若仍出错，请关闭并重新打开任务窗格。',
  });
  expect(failureOf(ACTIONS.insertTemplate, 'timeout')).toMatchObject({ message: expect.stringContaining('插入模板时出错（timeout）') });
});

test.each([
  [88.65, '88.65'],
  [88.6, '88.60'],
  [1.65, '1.65'],
  [0, '0.00'],
  [100, '100.00'],
])('formatScore(%p) is %p', (score, text) => {
  expect(formatScore(score)).toBe(text);
});
