/**
 * How fast the task pane appears: the production build (as the browser test builds it, with the
 * in-page Excel stand-in appended to office.js) served from 127.0.0.1, loaded in headless Chromium
 * with the CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), a fresh browser context (empty
 * cache) each time; the median of 5 loads after one warm-up load. Times from navigation start to
 *
 *   - first paint of the steps: the first frame in which <main> shows the steps (“插入模板” …);
 *   - 计算评分 enabled: the first frame in which a 计算评分 button can be pressed (Office ready, the
 *     workbook's state read: the stand-in workbook holds the filled seed case).
 *
 * Figures, not a test. `npm run bench` calls `paneLoadSection()`; alone:
 *   npx tsx tests/bench/paneLoad.ts                   build, then measure
 *   npx tsx tests/bench/paneLoad.ts --prebuilt DIR    measure a build made earlier by tests/e2e/build.cjs DIR
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { buildPane, launchChromium, requireChromium, servePane, type PaneServer } from '../e2e/harness';

const LOADS = 5;
const CPU_SLOWDOWN = 4;
const TIMEOUT_MS = 60_000;

export interface PaneLoad {
  /** First contentful paint (whatever it shows: the boot message or the pane). */
  fcp: number;
  /** First frame showing the steps. */
  steps: number;
  /** First frame with 计算评分 enabled. */
  scoreEnabled: number;
}

declare global {
  interface Window {
    jxpjPaneLoad?: { steps?: number | 'pending'; scoreEnabled?: number | 'pending' };
  }
}

/**
 * Runs in the page before its own scripts: notes the frame in which each milestone is first drawn.
 * Plain JavaScript text: tsx would wrap a function's inner functions in a helper the page lacks.
 */
const INSTRUMENT = `(() => {
  const marks = (window.jxpjPaneLoad = {});
  const atNextFrame = (key) => {
    marks[key] = 'pending';
    // A requestAnimationFrame callback runs just before the frame that paints the change.
    requestAnimationFrame(() => (marks[key] = performance.now()));
  };
  const check = () => {
    const main = document.querySelector('main');
    if (marks.steps === undefined && main && main.textContent.includes('插入模板')) atNextFrame('steps');
    if (marks.scoreEnabled === undefined) {
      const ready = [...document.querySelectorAll('button')].some(
        (b) => b.textContent.includes('计算评分') && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
      );
      if (ready) atNextFrame('scoreEnabled');
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

async function loadOnce(browser: Browser, server: PaneServer): Promise<PaneLoad> {
  const context = await browser.newContext({ viewport: { width: 350, height: 720 }, locale: 'zh-CN', serviceWorkers: 'block' });
  try {
    await context.route('**/*', (route) =>
      new URL(route.request().url()).origin === server.base ? route.continue() : route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript({ content: INSTRUMENT });
    await page.goto(`${server.base}/taskpane.html`);
    await page.waitForFunction(
      () => typeof window.jxpjPaneLoad?.steps === 'number' && typeof window.jxpjPaneLoad?.scoreEnabled === 'number',
      undefined,
      { timeout: TIMEOUT_MS },
    );
    return await page.evaluate(() => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const marks = window.jxpjPaneLoad ?? {};
      return { fcp, steps: Number(marks.steps), scoreEnabled: Number(marks.scoreEnabled) };
    });
  } finally {
    await context.close();
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Measures the build in `outDir` (made by tests/e2e/build.cjs): one warm-up load, then `LOADS`. */
export async function measurePaneLoad(outDir: string): Promise<PaneLoad[]> {
  requireChromium();
  const server = await servePane(outDir);
  const browser = await launchChromium();
  try {
    await loadOnce(browser, server);
    const loads: PaneLoad[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadOnce(browser, server));
    return loads;
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;

/** The bench's section: builds the pane into a temp folder (or uses `prebuilt`), measures, and describes. */
export async function paneLoadSection(prebuilt?: string): Promise<string[]> {
  const outDir = prebuilt ?? mkdtempSync(path.join(os.tmpdir(), 'jxpj-pane-load-'));
  try {
    if (!prebuilt) await buildPane(outDir);
    const loads = await measurePaneLoad(outDir);
    const row = (what: string, pick: (l: PaneLoad) => number) =>
      `| ${what} | ${ms(median(loads.map(pick)))} | ${loads.map((l) => ms(pick(l))).join(', ')} |`;
    return [
      '## Task pane: load time',
      '',
      `The production build with a stand-in office.js (the package's office.js followed by the browser test's in-page Excel, whose workbook holds the filled seed case), served from 127.0.0.1; headless Chromium with the CPU slowed ${CPU_SLOWDOWN}× (CDP \`Emulation.setCPUThrottlingRate\`), an empty cache each load; median of ${LOADS} loads after one warm-up. Times from navigation start.`,
      '',
      `| milestone | median | the ${LOADS} loads |`,
      '|---|---:|---|',
      row('first contentful paint', (l) => l.fcp),
      row('first paint of the steps', (l) => l.steps),
      row('计算评分 enabled', (l) => l.scoreEnabled),
      '',
    ];
  } finally {
    if (!prebuilt) rmSync(outDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const at = process.argv.indexOf('--prebuilt');
  const prebuilt = at >= 0 ? path.resolve(process.argv[at + 1] ?? '') : undefined;
  paneLoadSection(prebuilt).then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
