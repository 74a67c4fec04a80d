/**
 * The pane's markup, rendered to a string (no DOM needed): what it says, how it is labelled, and
 * that the 计算评分 view shows the engine's figures for the 南昌 2018 fixture.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { App } from '../../src/taskpane/components/App';
import OutcomeView, { StaleNotice } from '../../src/taskpane/components/OutcomeView';
import type { ActionOutcome } from '../../src/taskpane/service';
import { createFakeService, fixtureInputs } from './fakeService';

const render = (outcome: ActionOutcome) =>
  renderToStaticMarkup(<OutcomeView outcome={outcome} onSelectCell={() => undefined} />);
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the pane at rest: title, the four buttons in order, an empty live status', () => {
  const html = renderToStaticMarkup(<App service={createFakeService()} />);
  expect(html).toContain('<h1');
  expect(text(html)).toContain('绩效自评助手');
  const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);
  expect(buttons).toEqual(['插入模板', '载入示例数据', '校验', '计算评分']);
  expect(html).toMatch(/<main[^>]*aria-busy="false"/);
  expect(html).toMatch(/role="status" aria-live="polite"/);
});

describe('after 计算评分 on the fixture', () => {
  let html = '';
  beforeAll(async () => {
    html = render(await createFakeService().score());
  });

  test('total, grade and the key metrics as percentages with two decimals', () => {
    expect(text(html)).toContain('88.65 分 等级 良');
    expect(text(html)).toContain('预算完成率 47.93%');
    expect(text(html)).toContain('预算调整率 0.00%');
    expect(text(html)).toContain('空编人数 11 人');
  });

  test('18 indicators, each with a labelled bar of score out of weight', () => {
    expect(count(html, /role="progressbar"/)).toBe(18);
    expect(html).toContain('aria-label="项目支出预算完成率：得 1.65 分，满分 8 分"');
    expect(text(html)).toContain('扣分原因：完成率19.54%');
  });

  test('the 问题清单 with its severities', () => {
    expect(text(html)).toContain('问题清单（4）');
    expect(count(html, />高</)).toBe(2);
    expect(count(html, />中</)).toBe(2);
  });
});

test('校验 errors each get a button that names the cell it selects', async () => {
  const inputs = fixtureInputs({ dept_name: '', actual_project: '二十六' });
  const outcome = await createFakeService({ inputs }).validate();
  expect(outcome.kind).toBe('invalid');
  const html = render(outcome);
  expect(text(html)).toContain('校验错误（2）');
  expect(count(html, /<button[^>]*aria-label="选中单元格 基础数据表!C\d+"/)).toBe(2);
});

test('a failed action is shown in an error message bar', () => {
  const html = render({ kind: 'failed', message: '工作簿中已有名为“评分表”的工作表。' });
  expect(text(html)).toContain('操作未完成 工作簿中已有名为“评分表”的工作表。');
});

test('done leaves the confirmation to the status line', () => {
  expect(render({ kind: 'done', message: '已插入模板。' })).toBe('');
});

test('notes on what an action left as it was are shown in one warning bar', () => {
  const html = render({ kind: 'done', message: '已载入示例数据。', notes: ['“基础数据表”是隐藏的工作表，已写入但保持隐藏。'] });
  expect(text(html)).toContain('请注意 “基础数据表”是隐藏的工作表，已写入但保持隐藏。');
});

test('a question is not drawn among the outcomes (the dialog asks it)', () => {
  expect(render({ kind: 'confirm', message: '将覆盖 2 个已填写的单元格，是否继续？', confirmLabel: '覆盖并载入', options: { overwrite: true } })).toBe('');
});

test('已过期 says why and offers 重新计算', () => {
  const html = renderToStaticMarkup(<StaleNotice message="“评分表”已过期：计算评分之后，“基础数据表”或“指标体系”有改动。" disabled={false} onRecalculate={() => undefined} />);
  expect(text(html)).toContain('已过期 “评分表”已过期：计算评分之后，“基础数据表”或“指标体系”有改动。');
  expect(html).toMatch(/<button[^>]*>重新计算<\/button>/);
});
