// Builds the pane with the fake service (scripts/preview/harness.tsx), serves it on localhost with a
// local office.js, opens it in headless Chromium and saves screenshots of each state, checking a few
// things on the way. No request leaves the machine: any that tries is blocked and reported.
//
//   node scripts/preview-taskpane.mjs [outDir]          (default: <tmp>/jxpj-preview)
//   CHROMIUM=/path/to/chromium                          (default: /usr/bin/chromium)
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), 'jxpj-preview'));
const buildDir = path.join(outDir, 'dist');
const officeJsDir = path.join(root, 'node_modules/@microsoft/office-js/dist');

process.env.OFFICE_JS_URL = '/office.js';
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { chromium } = require('playwright-core');
const makeConfig = require('../webpack.config.js');

async function build() {
  const config = await makeConfig({}, { mode: 'production' });
  config.mode = 'production';
  config.context = root;
  config.output.path = buildDir;
  config.entry.harness = './scripts/preview/harness.tsx';
  config.plugins.push(
    new HtmlWebpackPlugin({
      filename: 'harness.html',
      template: './src/taskpane/taskpane.html',
      chunks: ['harness'],
      inject: false,
      templateParameters: { officeJsUrl: '/office.js' },
    }),
    new webpack.NormalModuleReplacementPlugin(/[\\/]excel[\\/]service$/, path.join(root, 'scripts/preview/excelService.ts')),
  );
  const stats = await new Promise((resolve, reject) =>
    webpack(config, (error, result) => (error ? reject(error) : resolve(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

/** dist/ at /, office.js (and the files it pulls in) from the npm package. */
function serve() {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const file = [buildDir, officeJsDir]
      .map((dir) => [dir, path.join(dir, pathname)])
      .filter(([dir, f]) => f.startsWith(dir + path.sep) && existsSync(f) && statSync(f).isFile())
      .map(([, f]) => f)[0];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const checks = [];
function check(name, ok, detail = '') {
  checks.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

async function main() {
  console.log(`building into ${buildDir} …`);
  await build();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const blocked = [];
  const shot = (page, name) => page.screenshot({ path: path.join(outDir, name), fullPage: true });

  async function open(url, { blockOfficeJs = false, initScript } = {}) {
    const context = await browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'zh-CN' });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (!url.startsWith(base)) {
        blocked.push(url);
        return route.abort();
      }
      return blockOfficeJs && url.endsWith('/office.js') ? route.abort() : route.continue();
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (initScript) await page.addInitScript(initScript);
    await page.goto(`${base}/${url}`);
    return { page, errors, close: () => context.close() };
  }

  try {
    // The pane at rest, busy, and with scores.
    {
      const { page, errors, close } = await open('harness.html?delay=600');
      await page.getByRole('button', { name: '计算评分' }).waitFor();
      await shot(page, '1-start.png');
      const focused = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => document.activeElement?.textContent ?? ''));
      }
      check('Tab reaches the four buttons in order', focused.join('|') === '插入模板|载入示例数据|校验|计算评分', focused.join(' → '));
      await page.keyboard.press('Enter');
      await page.getByText('正在计算评分…').first().waitFor();
      check('busy: main is aria-busy', (await page.locator('main').getAttribute('aria-busy')) === 'true');
      check('busy: buttons disabled', (await page.getByRole('button', { name: '插入模板' }).getAttribute('aria-disabled')) === 'true');
      await shot(page, '2-busy.png');
      await page.getByRole('heading', { name: '评分结果' }).waitFor();
      const status = await page.getByRole('status').first().textContent();
      check('status announces the total', status === '评分完成：总分 88.65 分，等级 良。', status);
      check('18 indicator bars', (await page.getByRole('progressbar').count()) === 18);
      check('focus stayed on 计算评分', (await page.evaluate(() => document.activeElement?.textContent)) === '计算评分');
      await shot(page, '3-scored.png');
      check('no page errors (scored)', errors.length === 0, errors.join('; '));
      await close();
    }
    // Validation errors, with cells to select.
    {
      const { page, errors, close } = await open('harness.html?case=invalid&delay=0');
      await page.getByRole('button', { name: '校验' }).click();
      await page.getByRole('heading', { name: /校验错误/ }).waitFor();
      const cellButtons = page.getByRole('button', { name: /^选中单元格/ });
      check('errors have cell buttons', (await cellButtons.count()) > 0, `${await cellButtons.count()} buttons`);
      await cellButtons.first().focus();
      await page.keyboard.press('Enter');
      const calls = await page.evaluate(() => window.fakeCalls);
      check('Enter on a cell calls selectCell', calls.some((c) => c.startsWith('selectCell 基础数据表!')), calls.join(', '));
      await shot(page, '4-invalid.png');
      check('no page errors (invalid)', errors.length === 0, errors.join('; '));
      await close();
    }
    // Dark theme.
    {
      const { page, close } = await open('harness.html?dark&delay=0');
      await page.getByRole('button', { name: '计算评分' }).click();
      await page.getByRole('heading', { name: '评分结果' }).waitFor();
      await shot(page, '5-dark.png');
      await close();
    }
    // The real entry outside Excel, without office.js, and in a web view that is too old.
    const bootCases = [
      ['outside Excel', 'not-in-excel', {}],
      ['office.js missing', 'no-office', { blockOfficeJs: true }],
      ['old web view', 'unsupported', { initScript: 'delete window.Proxy;' }],
    ];
    for (const [name, key, options] of bootCases) {
      const { page, errors, close } = await open('taskpane.html', options);
      const message = page.locator(`#boot [data-message="${key}"]`);
      await message.waitFor({ state: 'visible', timeout: 15000 }).catch(() => undefined);
      check(`${name}: shows the "${key}" message`, await message.isVisible(), (await message.textContent())?.trim());
      check(`${name}: no page errors`, errors.length === 0, errors.join('; '));
      await shot(page, `6-${key}.png`);
      await close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  check('no request left the machine', blocked.length === 0, blocked.join(', '));
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`screenshots in ${outDir}`);
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
