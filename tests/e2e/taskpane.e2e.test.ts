/**
 * The task pane in a real browser: the production build, served on 127.0.0.1 with the npm
 * package's office.js, in Debian's headless Chromium, with an in-page Excel (tests/support/
 * fakeExcel.ts, installed by page/standIn.ts) and the real Excel adapter over it. Nothing may
 * leave the machine: requests elsewhere are aborted and fail the test. axe-core checks every state.
 *
 * Screenshots at 350 px, light and dark: docs/pane-<state>-<theme>.png (the states the officer
 * goes through), and test-output/e2e/ for the rest.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { scoreDepartment } from '../../src/engine';
import { FIELDS } from '../../src/engine/fields';
import { EXPECTED, SEED } from '../support/seed';
import {
  OUTPUT_DIR,
  ROOT,
  buildPane,
  launchChromium,
  openPane,
  paneState,
  requireChromium,
  servePane,
  type OpenPane,
  type PaneOptions,
  type PaneServer,
} from './harness';
import type { E2eSetup } from './page/standIn';

const SCORE = '计算评分';
const DOCS = path.join(ROOT, 'docs');
const AXE = require.resolve('axe-core/axe.min.js');
/** The pane's own wait for Office (src/taskpane/connection.ts) and for office.js (taskpane.html). */
const OFFICE_TIMEOUT_MS = 15_000;
const REQUIRED = FIELDS.filter((f) => f.required);

let outDir = '';
let server: PaneServer | undefined;
let browser: Browser | undefined;
const trafficLog: string[] = [];

beforeAll(async () => {
  requireChromium();
  mkdirSync(OUTPUT_DIR, { recursive: true });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'jxpj-e2e-'));
  // Chromium starts while webpack builds; a browser that started is closed even if the build failed.
  const [built, launched] = await Promise.allSettled([buildPane(outDir), launchChromium()]);
  if (launched.status === 'fulfilled') browser = launched.value;
  if (built.status === 'rejected') throw built.reason;
  if (launched.status === 'rejected') throw launched.reason;
  server = await servePane(outDir);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (trafficLog.length > 0) writeFileSync(path.join(OUTPUT_DIR, 'requests.txt'), `${trafficLog.join('\n')}\n`);
});

function pane(setup: E2eSetup = {}, options: PaneOptions = {}): Promise<OpenPane> {
  if (!browser || !server) throw new Error('beforeAll did not finish');
  return openPane(browser, server, setup, options);
}

/** taskpane.html with the stand-in, waited on until the pane has read the workbook (a step is next). */
async function open(name: string, setup: E2eSetup = {}, options: PaneOptions = {}): Promise<OpenPane> {
  const opened = await pane(setup, options);
  try {
    await opened.page.locator('li[aria-current="step"]').waitFor({ timeout: 20_000 });
  } catch (error) {
    throw new Error(`The pane did not come up (${String(error)}).\n${await paneState(opened.page)}\n${opened.errors.join('\n')}`);
  }
  trafficLog.push(`# ${name}`);
  return opened;
}

/** Only the page's own files and office.js were asked for, all from the test server, all found. */
function expectOnlyOwnRequests(opened: OpenPane): void {
  const base = server?.base ?? '';
  trafficLog.push(...opened.requests);
  expect(opened.offHost).toEqual([]);
  expect(opened.failures).toEqual([]);
  const paths = opened.requests.map((url) => (url.startsWith(`${base}/`) ? new URL(url).pathname : url));
  expect(paths.filter((p) => !server?.allowed.has(p))).toEqual([]);
  expect(paths).toEqual(expect.arrayContaining(['/taskpane.html', '/office.js']));
  expect(opened.errors).toEqual([]);
}

/** axe-core's violations on the page as it is now (WCAG 2.x A and AA and best practice), as readable lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    type Node = { target: string[]; html: string; failureSummary?: string };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: { id: string; nodes: Node[] }[] }> } }).axe;
    const { violations: found } = await axe.run(document);
    return found.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.html.slice(0, 120)} — ${n.failureSummary ?? ''}`).join(' | ')}`);
  });
  return violations;
}

/** Waits for running transitions (an accordion opening, a theme change) to end: axe and the eye judge the settled page. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

async function expectAccessible(page: Page): Promise<void> {
  await settled(page);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/**
 * The whole pane as a picture, into test-output/. The states an officer goes through also go to
 * docs/ when asked (`UPDATE_DOCS=1 npx jest tests/e2e`), so an ordinary test run never changes
 * tracked files.
 */
async function snap(page: Page, name: string, where: 'docs' | 'output' = 'docs', fullPage = true): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await settled(page);
  const dir = where === 'docs' && process.env.UPDATE_DOCS === '1' ? DOCS : OUTPUT_DIR;
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
}

const status = (page: Page) => page.locator('main [role="status"]').innerText();

/** Each step's texts in order, e.g. `→ 1 第 1 步（下一步）： 插入模板 …` (→ marks the next step). */
async function steps(page: Page): Promise<string[]> {
  return page.locator('main ol > li').evaluateAll((items) =>
    items.map((li) => {
      const texts: string[] = [];
      const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push((node.textContent ?? '').trim());
      const next = li.getAttribute('aria-current') === 'step' ? '→ ' : '';
      return next + texts.filter(Boolean).join(' ');
    }),
  );
}

const book = <T>(page: Page, read: (b: NonNullable<Window['jxpjE2eBook']>) => T) =>
  page.evaluate(`(${read.toString()})(window.jxpjE2eBook)`) as Promise<T>;

const seedResult = (() => {
  const outcome = scoreDepartment({ values: SEED });
  if (!outcome.ok) throw new Error(`the seed does not validate: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
})();

/** Half the required fields left empty: a workbook being filled in. */
const PARTLY_FILLED: Record<string, null> = Object.fromEntries(REQUIRED.slice(REQUIRED.length / 2).map((f) => [f.id, null]));

describe.each([
  ['light', false],
  ['dark', true],
])('the steps, %s theme', (theme, dark) => {
  test('a blank workbook: 插入模板 is next; inserted, 填写基础数据表 is next at 0 of 42', async () => {
    const opened = await open(`blank ${theme}`, { blank: true, dark });
    const { page } = opened;
    expect(await steps(page)).toEqual([
      '→ 1 第 1 步（下一步）： 插入模板 在工作簿中加入“基础数据表”和“指标体系”两张表，不改动已有的工作表。 插入模板',
      '2 第 2 步（未完成）： 填写基础数据表',
      '3 第 3 步（未完成）： 校验',
      '4 第 4 步（未完成）： 计算评分',
      '5 第 5 步（未完成）： 导出报告',
    ]);
    await expectAccessible(page);
    await snap(page, `pane-blank-${theme}`);

    await page.getByRole('button', { name: '插入模板' }).click();
    await page.getByText(`已填写 0/${REQUIRED.length} 项`).waitFor({ timeout: 20_000 });
    expect(await status(page)).toMatch(/^已插入“基础数据表”和“指标体系”/);
    expect((await steps(page))[0]).toBe('✓ 第 1 步（已完成）： 插入模板 已插入');
    expect((await steps(page))[1]).toMatch(/^→ 2 第 2 步（下一步）： 填写基础数据表 已填写 0\/42 项 .* 定位到第一个未填写的单元格$/);
    expect(await page.getByText('正在显示结果').count()).toBe(0);
    await expectAccessible(page);
    await snap(page, `pane-inserted-${theme}`);
    expectOnlyOwnRequests(opened);
    await opened.close();
  }, 60_000);

  test('partly filled: N of 42, and 定位到第一个未填写的单元格 selects an empty input cell', async () => {
    const opened = await open(`partly filled ${theme}`, { seedChanges: PARTLY_FILLED, dark });
    const { page } = opened;
    const filled = REQUIRED.length - Object.keys(PARTLY_FILLED).length;
    expect((await steps(page))[1]).toContain(`填写基础数据表 已填写 ${filled}/${REQUIRED.length} 项`);
    await expectAccessible(page);
    await snap(page, `pane-partly-filled-${theme}`);

    await page.getByRole('button', { name: '定位到第一个未填写的单元格' }).click();
    await page.waitForFunction(() => window.jxpjE2eBook?.selection !== null);
    const selected = await book(page, (b) => {
      const at = b.selection;
      return at && { sheet: at.sheet, value: b.sheet(at.sheet)?.value(at.address) || null };
    });
    expect(selected).toEqual({ sheet: '基础数据表', value: null });
    expect(await status(page)).toMatch(/^已选中 基础数据表!C\d+，请从这里开始填写。$/);
    expectOnlyOwnRequests(opened);
    await opened.close();
  }, 60_000);

  test('invalid: 校验 is next with its error count; 校验 lists 基础数据表!C18 and writes nothing', async () => {
    const opened = await open(`invalid ${theme}`, { seedChanges: { actual_project: '约30' }, dark });
    const { page } = opened;
    expect((await steps(page))[2]).toMatch(/^→ 3 第 3 步（下一步）： 校验 1 处错误 /);
    const before = await book(page, (b) => b.sheetNames());

    await page.getByRole('button', { name: '校验', exact: true }).click();
    await page.getByRole('heading', { name: '校验错误（1）' }).waitFor({ timeout: 20_000 });
    expect(await status(page)).toBe('校验未通过：1 处错误。请按下方列表修改后重试。');
    const errors = page.getByRole('region', { name: '校验错误（1）' }).locator('li');
    expect(await errors.innerText()).toMatch(/^基础数据表!C18\s*决算支出·项目支出：应为数值，实为文字“约30”$/);
    expect(await book(page, (b) => b.sheetNames())).toEqual(before);
    await expectAccessible(page);
    await snap(page, `pane-invalid-${theme}`);

    await page.getByRole('button', { name: '选中单元格 基础数据表!C18' }).click();
    await page.waitForFunction(() => window.jxpjE2eBook?.selection !== null);
    expect(await book(page, (b) => ({ selection: b.selection, active: b.activeSheet?.name }))).toEqual({
      selection: { sheet: '基础数据表', address: 'C18' },
      active: '基础数据表',
    });
    expectOnlyOwnRequests(opened);
    await opened.close();
  }, 60_000);

  test('scored: the summary first, 只看扣分项, bars that read, 计算过程, 在评分表中查看; then stale', async () => {
    const opened = await open(`scored ${theme}`, { dark });
    const { page } = opened;
    expect((await steps(page))[3]).toMatch(/^→ 4 第 4 步（下一步）： 计算评分 /);
    await page.getByRole('button', { name: SCORE }).click();
    await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
    // One message per outcome: the status line, nowhere else.
    const message = '评分完成：总分 88.65 分，等级 良。';
    expect(await status(page)).toBe(message);
    expect((await page.locator('body').innerText()).split(message).length - 1).toBe(1);
    expect(await page.locator('[aria-busy]').count()).toBe(0);

    // The steps fold into the bar: 导出报告 is next.
    expect(await page.getByRole('region', { name: '第 5 步：导出报告' }).getByRole('button').allInnerTexts()).toEqual(['导出报告', '全部步骤']);

    // Only the indicators that lost points, with bars of at least 3:1 against their track.
    const meters = page.getByRole('meter');
    expect(await meters.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual([
      '项目支出预算完成率：得 1.65 分，满分 8 分',
      '支付进度率：得 2.00 分，满分 6 分',
      '财政预算绩效管理：得 9.00 分，满分 10 分',
    ]);
    const bars = await meters.evaluateAll((els) =>
      els.map((track) => {
        const fill = track.firstElementChild as HTMLElement;
        return { height: track.getBoundingClientRect().height, track: getComputedStyle(track).backgroundColor, fill: getComputedStyle(fill).backgroundColor };
      }),
    );
    for (const bar of bars) {
      expect(bar.height).toBeGreaterThanOrEqual(12);
      expect(contrast(bar.fill, bar.track)).toBeGreaterThanOrEqual(3);
    }
    // 依据 and 整改建议 in body text: 14 px, the body colour.
    const evidence = await page.getByText(/^依据：/).first().evaluate((el) => ({ size: getComputedStyle(el).fontSize, color: getComputedStyle(el).color }));
    const body = await page.locator('h1').evaluate((el) => getComputedStyle(el).color);
    expect(evidence).toEqual({ size: '14px', color: body });
    await expectAccessible(page);
    await snap(page, `pane-scored-${theme}`);

    // The actions stay at hand: the bar is still on screen at the bottom of the results.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await page.getByRole('button', { name: '导出报告' }).evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(80);

    // All 18, in order, with the report's scores.
    await page.getByRole('switch', { name: '只看扣分项' }).click();
    const all = await meters.evaluateAll((els) => els.map((el) => /：得 ([\d.]+) 分/.exec(el.getAttribute('aria-label') ?? '')?.[1]));
    expect(all).toEqual(Object.values(EXPECTED.scores).map((score) => score.toFixed(2)));
    await page.getByRole('button', { name: /^计算过程\s*：项目支出预算完成率$/ }).click();
    await page.getByText(/项目支出/).filter({ hasText: '÷' }).first().waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: /^在评分表中查看\s*：项目支出预算完成率$/ }).click();
    await page.waitForFunction(() => window.jxpjE2eBook?.selection?.sheet === '评分表');
    expect(await book(page, (b) => ({ selection: b.selection, active: b.activeSheet?.name }))).toEqual({
      selection: { sheet: '评分表', address: 'A10:H10' },
      active: '评分表',
    });

    // The officer changes a figure in Excel while the pane is open: Worksheet.onChanged.
    await page.evaluate(() => {
      const b = window.jxpjE2eBook;
      const at = b?.nameFormula('satisfaction_pct')?.split('!')[1].replace(/\$/g, '') ?? '';
      b?.edit('基础数据表', at, 0.8);
    });
    await page.getByRole('button', { name: '重新计算' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('以下结果已过期').count()).toBe(1);
    await page.getByRole('button', { name: '全部步骤' }).click();
    expect((await steps(page))[3]).toMatch(/^→ 4 第 4 步（下一步）： 计算评分 已过期 “评分表”已过期/);
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The top of the pane, as the officer sees it (the full list of 18 is below).
    await snap(page, `pane-stale-${theme}`, 'docs', false);
    await page.getByRole('button', { name: '重新计算' }).first().click();
    await page.waitForFunction(() => !document.body.innerText.includes('以下结果已过期'));
    expect(await status(page)).toMatch(/^评分完成：总分 [\d.]+ 分/);
    expectOnlyOwnRequests(opened);
    await opened.close();
  }, 90_000);
});

/** WCAG contrast of two computed colours, rgb(…) */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const c = Number(part) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

test('计算评分 writes 评分表 and 问题清单 with the report’s figures, the four flags on show, nothing else touched', async () => {
  const opened = await open('scored sheets');
  const { page } = opened;
  const before = await book(page, (b) => ({ sheets: b.sheetNames(), foreign: b.sheetState('我的草稿') }));
  expect(before.sheets).toEqual(['我的草稿', '基础数据表', '指标体系']);

  await page.getByRole('button', { name: SCORE }).click();
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
  const result = page.getByRole('region', { name: '评分结果' });
  expect(await result.innerText()).toMatch(/^评分结果\s+88\.65\s+分\s+等级\s+良\s/);
  expect(await result.locator('.fui-Badge').innerText()).toBe('良');
  expect(await page.getByRole('definition').first().innerText()).toMatch(/^47\.93%/);

  expect(seedResult.flags.map((f) => f.code)).toEqual(EXPECTED.flags);
  const shown = await page
    .getByRole('region', { name: '问题清单（4）' })
    .locator('li')
    .evaluateAll((items) => items.map((li) => ({ severity: li.querySelector('.fui-Badge')?.textContent ?? '', text: (li as HTMLElement).innerText })));
  expect(shown.map((f) => f.severity)).toEqual(['高', '高', '中', '中']);
  seedResult.flags.forEach((flag, i) => {
    expect(shown[i].text).toContain(flag.message);
    expect(shown[i].text).toContain(`依据：${flag.evidence}`);
    expect(shown[i].text).toContain(`整改建议：${flag.suggestion}`);
  });

  const after = await book(page, (b) => {
    const scores = b.sheet('评分表');
    const issues = b.sheet('问题清单');
    if (!scores || !issues) return null;
    const column = (sheet: typeof scores, col: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => sheet.value(`${col}${from + i}`));
    return {
      sheets: b.sheetNames(),
      foreign: b.sheetState('我的草稿'),
      total: scores.value('F22'),
      grade: scores.value('D23'),
      column: column(scores, 'F', 4, 21),
      codes: column(issues, 'F', 4, 8),
    };
  });
  expect(after).toEqual({
    sheets: expect.arrayContaining(['我的草稿', '基础数据表', '指标体系', '评分表', '问题清单']),
    foreign: before.foreign,
    total: 88.65,
    grade: '良',
    column: Object.values(EXPECTED.scores),
    codes: [...EXPECTED.flags, ''],
  });

  // office.js schedules its telemetry frame 3 s after load: wait it out, so that attempt (disarmed
  // by the stand-in) would have shown up among the requests.
  const suppressed = await page
    .waitForFunction(() => window.jxpjE2eLog?.includes('office.js telemetry frame suppressed'), undefined, { timeout: 10_000 })
    .then(() => true, () => false);
  expect(suppressed).toBe(true);
  expectOnlyOwnRequests(opened);
  await opened.close();
}, 60_000);

test('keyboard only, on a workbook without the template: 载入示例数据, 计算评分, 导出报告', async () => {
  const opened = await open('keyboard', { blank: true });
  const { page } = opened;
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');

  // Tab order: the next step's button first, then 载入示例数据.
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('插入模板');
  // Fluent's focus ring shows on the focused button.
  expect(await page.evaluate(() => document.activeElement && getComputedStyle(document.activeElement).boxShadow)).toMatch(/inset/);
  await snap(page, 'pane-keyboard-focus', 'output', false);
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('载入示例数据');
  await page.keyboard.press('Enter');
  await page.getByText(/^已载入示例数据/).waitFor({ timeout: 20_000 });
  expect(await focused()).toBe('载入示例数据'); // focus stays where the officer was

  // 计算评分 is next now, just before.
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe(SCORE);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
  expect(await status(page)).toBe('评分完成：总分 88.65 分，等级 良。');
  // The button pressed has gone with its step: focus moved on to the next step's, 导出报告.
  expect(await focused()).toBe('导出报告');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告.docx');
  await page.getByText(/^已导出报告/).waitFor({ timeout: 20_000 });
  expectOnlyOwnRequests(opened);
  await opened.close();
}, 60_000);

test('导出报告 on a Mac says where the report is instead of downloading', async () => {
  const opened = await open('mac', { platform: 'Mac' });
  const { page } = opened;
  await page.getByRole('button', { name: SCORE }).click();
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByRole('button', { name: '导出报告' }).click();
  await page.getByText(/^Mac 版 Excel 的任务窗格不能保存文件/).waitFor({ timeout: 20_000 });
  expect(await status(page)).toContain('“报告草稿”工作表');
  expect(await status(page)).toContain('jxpj report');
  expect(downloaded).toBe(false);
  await snap(page, 'pane-mac-export', 'output');
  expectOnlyOwnRequests(opened);
  await opened.close();
}, 60_000);

test('载入示例数据 over filled inputs asks in a dialog first', async () => {
  const opened = await open('confirm', { seedChanges: { actual_project: '约30' } });
  const { page } = opened;
  const c18 = () => book(page, (b) => b.sheet('基础数据表')?.value('C18'));

  await page.getByRole('button', { name: '载入示例数据' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ timeout: 20_000 });
  expect(await dialog.innerText()).toContain('将覆盖 1 个已填写的单元格，是否继续？');
  await expectAccessible(page);
  await snap(page, 'pane-confirm', 'output');
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await status(page)).toBe('已取消，未做任何改动。');
  expect(await c18()).toBe('约30');

  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '覆盖并载入' }).click();
  await page.getByText(/^已载入示例数据/).waitFor({ timeout: 20_000 });
  expect(await c18()).toBe(26.48);
  expect((await steps(page))[3]).toMatch(/^→ 4 第 4 步（下一步）： 计算评分/);
  expectOnlyOwnRequests(opened);
  await opened.close();
}, 60_000);

describe.each([
  ['light', false],
  ['dark', true],
])('before Office is ready (%s)', (theme, dark) => {
  test('the pane is drawn at once, buttons disabled, 正在连接 Excel…; still waiting after 15 s, it says so', async () => {
    const opened = await pane({ readyAfterMs: 'never', dark });
    const { page } = opened;
    await page.getByRole('heading', { name: '绩效自评助手' }).waitFor({ timeout: 20_000 });
    expect(await status(page)).toBe('正在连接 Excel…');
    expect(await steps(page)).toHaveLength(5);
    const buttons = page.locator('main button');
    expect(await buttons.allInnerTexts()).toEqual(['插入模板', '校验', SCORE, '载入示例数据']);
    expect(await buttons.evaluateAll((els) => els.every((el) => (el as HTMLButtonElement).disabled))).toBe(true);
    await expectAccessible(page);
    // Office's theme is not known before it is ready: the pane is drawn light until then.
    if (!dark) await snap(page, 'pane-connecting-light');

    await page.getByText(/^仍在连接 Excel/).waitFor({ timeout: OFFICE_TIMEOUT_MS + 5_000 });
    expect(await status(page)).toBe('仍在连接 Excel（已等待 15 秒）。如果一直停在这里，请关闭任务窗格后重新打开。');
    await expectAccessible(page);
    expect(opened.errors).toEqual([]);
    await opened.close();
  }, 60_000);
});

test('ready later: the steps fill in once Office is ready', async () => {
  const opened = await pane({ readyAfterMs: 1500 });
  const { page } = opened;
  await page.getByRole('heading', { name: '绩效自评助手' }).waitFor({ timeout: 20_000 });
  expect(await status(page)).toBe('正在连接 Excel…');
  await page.locator('li[aria-current="step"]').waitFor({ timeout: 20_000 });
  expect(await page.getByRole('button', { name: SCORE }).isEnabled()).toBe(true);
  expect(await status(page)).toBe('');
  expectOnlyOwnRequests(opened);
  await opened.close();
}, 60_000);

test('office.js never loads: after 15 s the pane says why, with a button to try again', async () => {
  const opened = await pane({}, { stallOfficeJs: true });
  const { page } = opened;
  const message = page.getByRole('alert');
  await message.waitFor({ timeout: OFFICE_TIMEOUT_MS + 10_000 });
  expect(await message.innerText()).toBe(
    'Office 脚本（office.js）15 秒内没有加载完成，绩效自评助手无法启动。请确认电脑可以访问 Office 加载项服务，然后重新加载。',
  );
  expect(await page.getByRole('button', { name: '重新加载' }).count()).toBe(1);
  await expectAccessible(page);
  await snap(page, 'pane-office-stalled-light');
  await opened.close();
}, 60_000);

test('a results view that fails to load says so, and the message goes with the next success', async () => {
  // Twice: the pane fetches the chunk ahead of time when it opens, then again to show the outcome.
  const opened = await open('outcome chunk fails', { seedChanges: { actual_project: '约30' } }, { fail: { path: /^\/outcome\.[0-9a-f]+\.js$/, times: 2 } });
  const { page } = opened;
  await page.getByRole('button', { name: '校验', exact: true }).click();
  const failed = page.getByRole('alert');
  await failed.waitFor({ timeout: 20_000 });
  expect(await failed.innerText()).toMatch(/^结果无法显示/);
  await page.getByRole('button', { name: '校验', exact: true }).click();
  await page.getByRole('heading', { name: '校验错误（1）' }).waitFor({ timeout: 20_000 });
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(opened.failures.filter((f) => !/\/outcome\./.test(f))).toEqual([]);
  await opened.close();
}, 60_000);

test('a dark theme that fails to load falls back to light, and the pane works', async () => {
  const opened = await open('dark theme fails', { dark: true }, { fail: { path: /^\/dark-theme\.[0-9a-f]+\.js$/, times: 1 } });
  const { page } = opened;
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  expect(await page.getByRole('button', { name: SCORE }).isEnabled()).toBe(true);
  await opened.close();
}, 60_000);

test('Chinese text in a Chinese font; the title on one line at 200% zoom (175 CSS px)', async () => {
  const opened = await open('zoom', {}, { width: 175 });
  const { page } = opened;
  const font = await page.locator('h1').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toMatch(/^"Segoe UI", .*"Helvetica Neue", "Microsoft YaHei UI", "PingFang SC", "Noto Sans CJK SC", sans-serif$/);
  const title = await page.locator('h1').evaluate((el) => ({ height: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight) }));
  expect(title.height).toBeLessThan(title.line * 1.5);
  await snap(page, 'pane-zoom-200', 'output');
  await opened.close();
}, 60_000);

test('the local production build holds the manifest (the dev server’s address), the pages and the icons', () => {
  const app = path.join(outDir, 'app');
  for (const file of ['manifest.xml', 'taskpane.html', 'commands.html', 'help.html']) expect([file, existsSync(path.join(app, file))]).toEqual([file, true]);
  expect(readdirSync(path.join(app, 'assets')).sort()).toEqual(['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
  const manifest = readFileSync(path.join(app, 'manifest.xml'), 'utf8');
  expect(manifest).not.toContain('example.com');
  expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  const html = readFileSync(path.join(app, 'taskpane.html'), 'utf8');
  // The pages load office.js from where the build was told (Microsoft's CDN in a real build), and the stylesheet.
  expect(html).toMatch(/<script src="?\/office\.js"?>/);
  expect(html).toMatch(/<link rel="?stylesheet"? href="?griffel\.[0-9a-f]+\.css"?/);
});
