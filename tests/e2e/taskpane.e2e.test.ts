/**
 * The task pane in a real browser: the production build, served on 127.0.0.1 with the npm
 * package's office.js, in Debian's headless Chromium, with an in-page Excel (tests/support/
 * fakeExcel.ts, installed by page/standIn.ts) holding a workbook with the seed case. Nothing may
 * leave the machine: requests elsewhere are aborted and fail the test.
 *
 * Screenshots: test-output/e2e/taskpane-scored.png, taskpane-invalid.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { scoreDepartment } from '../../src/engine';
import { EXPECTED, SEED } from '../support/seed';
import {
  OUTPUT_DIR,
  buildPane,
  launchChromium,
  openPane,
  paneState,
  requireChromium,
  servePane,
  type OpenPane,
  type PaneServer,
} from './harness';

const SCORE = '计算评分';

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

/** taskpane.html with the stand-in, waited on until the pane's buttons are up. */
async function open(name: string, setup: Parameters<typeof openPane>[2] = {}): Promise<OpenPane> {
  if (!browser || !server) throw new Error('beforeAll did not finish');
  const pane = await openPane(browser, server, setup);
  try {
    await pane.page.getByRole('button', { name: SCORE }).waitFor({ timeout: 20_000 });
  } catch (error) {
    throw new Error(`The pane did not come up (${String(error)}).\n${await paneState(pane.page)}\n${pane.errors.join('\n')}`);
  }
  trafficLog.push(`# ${name}`);
  return pane;
}

/** Only the page's own files and office.js were asked for, all from the test server, all found. */
function expectOnlyOwnRequests(pane: OpenPane): void {
  const base = server?.base ?? '';
  trafficLog.push(...pane.requests);
  expect(pane.offHost).toEqual([]);
  expect(pane.failures).toEqual([]);
  const paths = pane.requests.map((url) => (url.startsWith(`${base}/`) ? new URL(url).pathname : url));
  expect(paths.filter((p) => !server?.allowed.has(p))).toEqual([]);
  expect(paths).toEqual(expect.arrayContaining(['/taskpane.html', '/office.js']));
  expect(pane.errors).toEqual([]);
}

const seedResult = (() => {
  const outcome = scoreDepartment({ values: SEED });
  if (!outcome.ok) throw new Error(`the seed does not validate: ${JSON.stringify(outcome.errors)}`);
  return outcome.result;
})();

test('计算评分 on the seed workbook shows 88.65 / 良 with the four flags, and writes 评分表 and 问题清单', async () => {
  const pane = await open('scored');
  const { page } = pane;
  const before = await page.evaluate(() => {
    const book = window.jxpjE2eBook;
    if (!book) throw new Error('no stand-in workbook');
    return { sheets: book.sheetNames(), foreign: book.sheetState('我的草稿') };
  });
  expect(before.sheets).toEqual(['我的草稿', '基础数据表', '指标体系']);

  await page.getByRole('button', { name: SCORE }).click();
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });

  // The status line (also what a screen reader announces).
  expect(await page.locator('main [role="status"]').innerText()).toBe('评分完成：总分 88.65 分，等级 良。');

  // Total and grade.
  const result = page.getByRole('region', { name: '评分结果' });
  expect(await result.innerText()).toMatch(/^评分结果\s+88\.65\s+分\s+等级\s+良\s/);
  expect(await result.locator('.fui-Badge').innerText()).toBe('良');
  expect(await page.getByRole('region', { name: '关键指标' }).innerText()).toMatch(/预算完成率\s+47\.93%/);

  // All 18 indicators, in order, with the report's scores.
  const bars = await page.getByRole('progressbar').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  expect(bars.map((label) => /：得 ([\d.]+) 分/.exec(label)?.[1])).toEqual(
    Object.values(EXPECTED.scores).map((score) => score.toFixed(2)),
  );
  expect(bars[6]).toBe('项目支出预算完成率：得 1.65 分，满分 8 分');

  // The four flags: the pane shows each one's severity badge, message, evidence and suggestion.
  expect(seedResult.flags.map((f) => f.code)).toEqual(EXPECTED.flags);
  const flagsRegion = page.getByRole('region', { name: '问题清单（4）' });
  const shown = await flagsRegion.locator('li').evaluateAll((items) =>
    items.map((li) => ({
      severity: li.querySelector('.fui-Badge')?.textContent ?? '',
      text: (li as HTMLElement).innerText,
    })),
  );
  expect(shown.map((f) => f.severity)).toEqual(['高', '高', '中', '中']);
  seedResult.flags.forEach((flag, i) => {
    expect(shown[i].severity).toBe(flag.severity);
    expect(shown[i].text).toContain(flag.message);
    expect(shown[i].text).toContain(`依据：${flag.evidence}`);
    expect(shown[i].text).toContain(`整改建议：${flag.suggestion}`);
  });
  // As an officer reads them (the figures are the report's).
  [
    '预算执行率偏低：全年预算完成率47.93%，低于90%',
    '项目支出预算完成率19.54%，低于95%',
    '支付进度滞后：支付进度率47.93%，低于95%',
    '绩效目标不够细化量化',
  ].forEach((words, i) => expect(shown[i].text).toContain(words));

  // What the stand-in workbook received.
  const after = await page.evaluate(() => {
    const book = window.jxpjE2eBook;
    const scores = book?.sheet('评分表');
    const issues = book?.sheet('问题清单');
    if (!book || !scores || !issues) return null;
    const column = (sheet: typeof scores, col: string, from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => sheet.value(`${col}${from + i}`));
    return {
      sheets: book.sheetNames(),
      active: book.activeSheet?.name,
      foreign: book.sheetState('我的草稿'),
      names: book.names.map((n) => n.name),
      scores: {
        title: scores.value('A1'),
        totalLabel: scores.value('A22'),
        total: scores.value('F22'),
        totalFormat: scores.cell('F22')?.numberFormat,
        gradeLabel: scores.value('A23'),
        grade: scores.value('D23'),
        column: column(scores, 'F', 4, 21),
      },
      issues: {
        codes: column(issues, 'F', 4, 8),
        severities: column(issues, 'C', 4, 7),
        messages: column(issues, 'B', 4, 7),
      },
    };
  });
  expect(after).not.toBeNull();
  expect(after?.sheets).toEqual(['我的草稿', '基础数据表', '指标体系', '评分表', '问题清单']);
  expect(after?.active).toBe('评分表');
  expect(after?.foreign).toEqual(before.foreign);
  expect(after?.names).toEqual(expect.arrayContaining(['my_total', '_jxpj_scores', '_jxpj_issues']));
  expect(after?.scores).toEqual({
    title: `${seedResult.department}${seedResult.year}年度部门整体支出绩效自评评分表`,
    totalLabel: '总分',
    total: 88.65,
    totalFormat: '0.00',
    gradeLabel: '评价等级',
    grade: '良',
    column: Object.values(EXPECTED.scores),
  });
  expect(after?.issues).toEqual({
    codes: [...EXPECTED.flags, ''], // and nothing below the four
    severities: seedResult.flags.map((f) => f.severity),
    messages: seedResult.flags.map((f) => f.message),
  });

  await page.screenshot({ path: path.join(OUTPUT_DIR, 'taskpane-scored.png'), fullPage: true });

  // office.js schedules its telemetry frame 3 s after load: wait it out, so that attempt (disarmed
  // by the stand-in) would have shown up among the requests.
  const suppressed = await page
    .waitForFunction(() => window.jxpjE2eLog?.includes('office.js telemetry frame suppressed'), undefined, { timeout: 10_000 })
    .then(() => true, () => false);
  expectOnlyOwnRequests(pane);
  expect({ suppressed, log: await page.evaluate(() => window.jxpjE2eLog) }).toMatchObject({ suppressed: true });
  await pane.close();
}, 60_000);

test('a bad figure (约30 in actual_project) lists 基础数据表!C18 and writes nothing', async () => {
  const pane = await open('invalid', { seedChanges: { actual_project: '约30' } });
  const { page } = pane;
  const before = await page.evaluate(() => window.jxpjE2eBook?.sheetNames());
  expect(before).toEqual(['我的草稿', '基础数据表', '指标体系']);

  await page.getByRole('button', { name: SCORE }).click();
  await page.getByRole('heading', { name: '校验错误（1）' }).waitFor({ timeout: 20_000 });

  expect(await page.locator('main [role="status"]').innerText()).toBe('校验未通过：1 处错误。请按下方列表修改后重试。');
  const errors = page.getByRole('region', { name: '校验错误（1）' }).locator('li');
  expect(await errors.count()).toBe(1);
  expect(await errors.innerText()).toMatch(/^基础数据表!C18\s*决算支出·项目支出：应为数值，实为文字“约30”$/);
  expect(await page.getByRole('heading', { name: '评分结果' }).count()).toBe(0);

  const written = await page.evaluate(() => {
    const book = window.jxpjE2eBook;
    return book && { sheets: book.sheetNames(), names: book.names.map((n) => n.name) };
  });
  expect(written?.sheets).toEqual(before);
  expect(written?.names.filter((n) => n === '_jxpj_scores' || n === '_jxpj_issues')).toEqual([]);

  await page.screenshot({ path: path.join(OUTPUT_DIR, 'taskpane-invalid.png'), fullPage: true });

  // The cell button takes the officer to the cell.
  await page.getByRole('button', { name: '选中单元格 基础数据表!C18' }).click();
  await page.waitForFunction(() => window.jxpjE2eBook?.selection !== null);
  expect(await page.evaluate(() => ({ selection: window.jxpjE2eBook?.selection, active: window.jxpjE2eBook?.activeSheet?.name }))).toEqual({
    selection: { sheet: '基础数据表', address: 'C18' },
    active: '基础数据表',
  });

  expectOnlyOwnRequests(pane);
  await pane.close();
}, 60_000);

test('keyboard only, on a workbook without the template: 载入示例数据 then 计算评分', async () => {
  const pane = await open('keyboard', { blank: true });
  const { page } = pane;
  expect(await page.evaluate(() => window.jxpjE2eBook?.sheetNames())).toEqual(['我的草稿']);
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');

  // Tab order: 插入模板, 载入示例数据, 校验, 计算评分.
  const order: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused());
  }
  expect(order).toEqual(['插入模板', '载入示例数据', '校验', '计算评分']);

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('载入示例数据');
  await page.keyboard.press('Enter');
  await page.getByText('已载入示例数据').waitFor({ timeout: 20_000 });
  expect(await focused()).toBe('载入示例数据'); // focus stays where the officer was

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await focused()).toBe('计算评分');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
  expect(await page.locator('main [role="status"]').innerText()).toBe('评分完成：总分 88.65 分，等级 良。');
  expect(await page.locator('main').getAttribute('aria-busy')).toBe('false');
  expect(await page.evaluate(() => window.jxpjE2eBook?.sheetNames())).toEqual(['我的草稿', '基础数据表', '指标体系', '评分表', '问题清单']);
  expectOnlyOwnRequests(pane);
  await pane.close();
}, 60_000);

test('载入示例数据 over filled inputs asks in a dialog first; an input edited after scoring marks the result 已过期', async () => {
  const pane = await open('confirm', { seedChanges: { actual_project: '约30' } });
  const { page } = pane;
  const c18 = () => page.evaluate(() => window.jxpjE2eBook?.sheet('基础数据表')?.value('C18'));

  await page.getByRole('button', { name: '载入示例数据' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.waitFor({ timeout: 20_000 });
  expect(await dialog.innerText()).toContain('将覆盖 1 个已填写的单元格，是否继续？');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'taskpane-confirm.png'), fullPage: true });
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(await page.locator('main [role="status"]').innerText()).toBe('已取消，未做任何改动。');
  expect(await c18()).toBe('约30');

  await page.getByRole('button', { name: '载入示例数据' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '覆盖并载入' }).click();
  await page.getByText('已载入示例数据').waitFor({ timeout: 20_000 });
  expect(await c18()).toBe(26.48);

  await page.getByRole('button', { name: SCORE }).click();
  await page.getByRole('heading', { name: '评分结果' }).waitFor({ timeout: 20_000 });
  // The officer changes a figure in Excel while the pane is open: Worksheet.onChanged.
  await page.evaluate(() => {
    const book = window.jxpjE2eBook;
    const at = book?.nameFormula('satisfaction_pct')?.split('!')[1].replace(/\$/g, '') ?? '';
    book?.edit('基础数据表', at, 0.8);
  });
  const notice = page.getByText('已过期', { exact: true });
  await notice.waitFor({ timeout: 20_000 });
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'taskpane-stale.png'), fullPage: true });
  await page.getByRole('button', { name: '重新计算' }).click();
  await notice.waitFor({ state: 'detached', timeout: 20_000 });
  expect(await page.locator('main [role="status"]').innerText()).toMatch(/^评分完成：总分 [\d.]+ 分/);

  expectOnlyOwnRequests(pane);
  await pane.close();
}, 60_000);

test('the local production build holds the manifest (the dev server’s address), the pages and the icons', () => {
  const app = path.join(outDir, 'app');
  for (const file of ['manifest.xml', 'taskpane.html', 'commands.html', 'help.html']) expect([file, existsSync(path.join(app, file))]).toEqual([file, true]);
  expect(readdirSync(path.join(app, 'assets')).sort()).toEqual(['icon-16.png', 'icon-32.png', 'icon-64.png', 'icon-80.png']);
  const manifest = readFileSync(path.join(app, 'manifest.xml'), 'utf8');
  expect(manifest).not.toContain('example.com');
  expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  // The pages load office.js from where the build was told (Microsoft's CDN in a real build).
  expect(readFileSync(path.join(app, 'taskpane.html'), 'utf8')).toMatch(/<script src="?\/office\.js"?>/);
});
