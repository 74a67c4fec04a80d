/**
 * The pane's markup, rendered to a string (no DOM needed): what it says, how it is labelled, and
 * that the 计算评分 view shows the engine's figures for the 南昌 2018 fixture. The browser test
 * (tests/e2e) drives the same views in Chromium.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { EvaluationResult } from '../../src/engine/types';
import { App } from '../../src/taskpane/components/App';
import OutcomeView from '../../src/taskpane/components/OutcomeView';
import { Steps } from '../../src/taskpane/components/Steps';
import type { PaneOutcome } from '../../src/taskpane/actions';
import { stepsFor } from '../../src/taskpane/steps';
import { STATES, createFakeService, fixtureInputs } from './fakeService';

const render = (outcome: PaneOutcome) =>
  renderToStaticMarkup(<OutcomeView outcome={outcome} stale={false} onSelectCell={() => undefined} onShowIndicator={() => undefined} />);
const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const buttons = (html: string) => [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map((m) => ({ attrs: m[1], label: text(m[2]).trim() }));

describe('drawn before Office is ready', () => {
  const html = renderToStaticMarkup(<App service={createFakeService()} connection={{ state: 'connecting' }} />);

  test('the title, the five steps in order, every button disabled', () => {
    expect(html).toMatch(/<h1[^>]*>绩效自评助手<\/h1>/);
    expect(count(html, /<li[^>]*>/)).toBe(5);
    expect(text(html)).toMatch(/插入模板.*填写基础数据表.*校验.*计算评分.*导出报告/);
    expect(buttons(html).map((b) => b.label)).toEqual(['插入模板', '校验', '计算评分', '载入示例数据']);
    expect(buttons(html).every((b) => / disabled=""/.test(b.attrs))).toBe(true);
  });

  test('the one live region says 正在连接 Excel…, and nothing around it is aria-busy', () => {
    expect(count(html, /aria-live=/)).toBe(1);
    expect(html).toMatch(/<p[^>]*role="status" aria-live="polite"[^>]*><span[^>]*aria-hidden="true"><\/span>正在连接 Excel…<\/p>/);
    expect(html).not.toContain('aria-busy');
  });
});

test('connected: the buttons can be pressed', () => {
  const html = renderToStaticMarkup(<App service={createFakeService()} connection={{ state: 'ready', platform: 'PC', dark: false }} />);
  expect(buttons(html).some((b) => / disabled=""| aria-disabled="true"/.test(b.attrs))).toBe(false);
  expect(html).toMatch(/role="status" aria-live="polite"[^>]*><\/p>/);
});

test('a failed connection is the status line, in words', () => {
  const html = renderToStaticMarkup(<App service={createFakeService()} connection={{ state: 'failed', message: '无法加载 Office 脚本（office.js）。' }} />);
  expect(html).toMatch(/role="status" aria-live="polite">无法加载 Office 脚本（office.js）。<\/p>/);
});

describe('the steps', () => {
  const draw = (state: keyof typeof STATES, compact = false) =>
    renderToStaticMarkup(
      <Steps steps={stepsFor(STATES[state])} disabled={false} busy={false} compact={compact} onAction={() => undefined} onLoadSample={() => undefined} />,
    );

  test('partly filled: 插入模板 done, 填写 next with its help and the primary button, the rest at hand', () => {
    const html = draw('partlyFilled');
    expect(text(html)).toContain('✓ 第 1 步（已完成）： 插入模板 已插入');
    expect(html).toMatch(/<li[^>]*aria-current="step"[^>]*>.*第 2 步（下一步）：/);
    expect(text(html)).toContain('已填写 12/42 项 在“基础数据表”的黄色单元格中填写预算、决算、人员和各检查项。');
    expect(buttons(html).map((b) => b.label)).toEqual(['定位到第一个未填写的单元格', '校验', '计算评分', '载入示例数据']);
    expect(text(html)).not.toContain('处错误');
    expect(count(html, /aria-current="step"/)).toBe(1);
  });

  test('with results on show: one sticky bar with the next step and a way to all steps', () => {
    const html = draw('scored', true);
    expect(text(html)).toContain('第 5 步：导出报告');
    expect(buttons(html).map((b) => b.label)).toEqual(['导出报告', '全部步骤']);
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>全部步骤<\/button>/);
    expect(count(html, /<li/)).toBe(0);
  });
});

describe('after 计算评分 on the fixture', () => {
  let html = '';
  beforeAll(async () => {
    html = render(await createFakeService().score());
  });

  test('the summary first: total, grade, the key figures', () => {
    expect(text(html)).toMatch(/^[^评]*评分结果 88\.65 分 等级 良 南昌市总工会职工服务中心 · 2018 年度/);
    expect(text(html)).toContain('预算完成率 47.93%（上年 100.00%）');
    expect(text(html)).toContain('预算调整率 0.00%');
    expect(text(html)).toContain('空编人数 11 人');
  });

  test('only the indicators that lost points, each with a labelled bar, its 计算过程 folded, and a way to 评分表', () => {
    expect(text(html)).toContain('扣分项 3 项（共 18 项）');
    expect(count(html, /role="meter"/)).toBe(3);
    expect(html).toContain('aria-label="项目支出预算完成率：得 1.65 分，满分 8 分"');
    expect(text(html)).toContain('扣分原因：完成率19.54%');
    expect(count(html, />计算过程</)).toBe(3);
    expect(count(html, />在评分表中查看</)).toBe(3);
    expect(html).toMatch(/role="switch"[^>]*checked=""/);
  });

  test('the 问题清单 with severities, 依据 and 整改建议 in body text', () => {
    expect(text(html)).toContain('问题清单（4）');
    expect(count(html, />高</)).toBe(2);
    expect(count(html, />中</)).toBe(2);
    expect(count(html, /<p[^>]*>依据：/)).toBe(4);
    expect(count(html, /<p[^>]*>整改建议：/)).toBe(4);
  });
});

test('last year’s 预算完成率 beside this year’s, and the cap when it lowered the total: both totals and why', async () => {
  const scored = await createFakeService().score();
  if (scored.kind !== 'scored') throw new Error('the fixture did not score');
  const result: EvaluationResult = {
    ...scored.result,
    total: 60,
    grade: '中',
    metrics: { ...scored.result.metrics, prev_execution_rate: 0.9512 },
    cap: { rate: 0.4793, max: 60, uncapped_total: 88.65 },
  };
  const html = render({ kind: 'scored', result });
  expect(text(html)).toContain('预算完成率 47.93%（上年 95.12%）');
  expect(text(html)).toContain('按预算执行率封顶：预算完成率 47.93%，总分不超过 60.00 分；各项得分合计 88.65 分，计为 60.00 分。');
});

test('校验 errors each get a button that names the cell it selects', async () => {
  const inputs = fixtureInputs({ dept_name: '', actual_project: '二十六' });
  const outcome = await createFakeService({ inputs }).validate();
  expect(outcome.kind).toBe('invalid');
  const html = render(outcome);
  expect(text(html)).toContain('校验错误（2）');
  expect(count(html, /<button[^>]*aria-label="选中单元格 基础数据表!C\d+"/)).toBe(2);
});

test('a failure, a notice, a done without notes and a question show nothing here: the status line says it once', () => {
  expect(render({ kind: 'failed', message: '工作簿中已有名为“评分表”的工作表。' })).toBe('');
  expect(render({ kind: 'notice', message: 'Mac 版 Excel 的任务窗格不能保存文件。' })).toBe('');
  expect(render({ kind: 'done', message: '已插入模板。' })).toBe('');
  expect(render({ kind: 'confirm', message: '将覆盖 2 个已填写的单元格，是否继续？', confirmLabel: '覆盖并载入', options: { overwrite: true } })).toBe('');
});

test('notes on what an action left as it was are shown under 请注意', () => {
  const html = render({ kind: 'done', message: '已载入示例数据。', notes: ['“基础数据表”是隐藏的工作表，已写入但保持隐藏。'] });
  expect(text(html)).toContain('请注意 “基础数据表”是隐藏的工作表，已写入但保持隐藏。');
});
