/**
 * The browser test's machinery: build the pane (tests/e2e/build.cjs), serve it on 127.0.0.1 with
 * the office.js of the npm package, drive Debian's Chromium through playwright-core, and keep
 * every request on this machine (anything else is aborted and recorded).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { E2eSetup } from './page/standIn';

export const ROOT = path.resolve(__dirname, '../..');
export const OUTPUT_DIR = path.join(ROOT, 'test-output/e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OFFICE_JS_DIR = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
/** The package's files office.js itself loads in a plain browser (it finds them next to itself). */
const OFFICE_JS_OWN_FILES = ['o15apptofilemappingtable.js'];

/** Fails (never skips) when the browser is missing: CI installs it with apt-get. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}, which does not exist. ` +
        'Install it with `apt-get install chromium` (as .ci/run does), or set CHROMIUM=/path/to/chromium.',
    );
  }
}

/** Builds the add-in and the stand-in into `outDir` (see build.cjs); resolves to the build's log. */
export async function buildPane(outDir: string): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'build.cjs'), outDir], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building the task pane for the browser test failed:\n${stderr}\n${stdout}`);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

export interface PaneServer {
  base: string;
  /** Paths the page may ask for: the build's own files and office.js (with the files it loads). */
  allowed: Set<string>;
  close(): Promise<void>;
}

function filesUnder(dir: string, prefix = '/'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

/**
 * Serves `<outDir>/app` at /, and /office.js as the package's office.js followed by the stand-in
 * bundle, so the stand-in runs right after office.js and before the pane's scripts.
 */
export async function servePane(outDir: string): Promise<PaneServer> {
  const appDir = path.join(outDir, 'app');
  const officeJs = Buffer.concat([
    readFileSync(path.join(OFFICE_JS_DIR, 'office.js')),
    Buffer.from('\n;\n'),
    readFileSync(path.join(outDir, 'stand-in/stand-in.js')),
  ]);
  const files = new Map<string, Buffer | string>(filesUnder(appDir).map((p) => [p, path.join(appDir, p)]));
  files.set('/office.js', officeJs);
  for (const name of OFFICE_JS_OWN_FILES) files.set(`/${name}`, path.join(OFFICE_JS_DIR, name));

  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = files.get(pathname);
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const body = typeof file === 'string' ? readFileSync(file) : file;
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(pathname)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    allowed: new Set(files.keys()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Headless Chromium in a fresh profile (playwright's launch makes a temporary one and removes it). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      // Nothing but the test server resolves, whatever asks (the page or the browser itself).
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

export interface OpenPane {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Requests that were not for the test server: aborted before they left. */
  offHost: string[];
  /** Responses of 400 and above, and requests that failed. */
  failures: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
}

/** The task pane's width in Excel (and of the screenshots in docs/). */
export const PANE_WIDTH = 350;

export interface PaneOptions {
  /** The request for office.js is never answered, as when the network stalls. */
  stallOfficeJs?: boolean;
  /** The first `times` requests whose path matches `path` fail (e.g. a lazily loaded chunk); later ones go through. */
  fail?: { path: RegExp; times: number };
  /** Viewport width in CSS pixels (default PANE_WIDTH); 175 is the pane at 200% zoom. */
  width?: number;
}

/** A task-pane sized page on taskpane.html, with `setup` for the stand-in and every request watched. */
export async function openPane(browser: Browser, server: PaneServer, setup: E2eSetup = {}, options: PaneOptions = {}): Promise<OpenPane> {
  const context = await browser.newContext({ viewport: { width: options.width ?? PANE_WIDTH, height: 720 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const opened: Omit<OpenPane, 'page' | 'close'> = { requests: [], offHost: [], failures: [], errors: [] };
  let failures = options.fail?.times ?? 0;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== server.base) {
      opened.offHost.push(url);
      return route.abort('blockedbyclient');
    }
    const pathname = new URL(url).pathname;
    if (options.stallOfficeJs && pathname === '/office.js') return undefined;
    if (failures > 0 && options.fail?.path.test(pathname)) {
      failures--;
      return route.abort('failed');
    }
    return route.continue();
  });
  context.on('request', (request) => opened.requests.push(request.url()));
  context.on('requestfailed', (request) => opened.failures.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`));
  context.on('response', (response) => {
    if (response.status() >= 400) opened.failures.push(`${response.status()} ${response.url()}`);
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => opened.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium asks for /favicon.ico by itself (the page has none); that 404 is not the page's doing.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      opened.errors.push(`console error: ${message.text()}`);
    }
  });
  await page.addInitScript((s: E2eSetup) => {
    window.jxpjE2eSetup = s;
  }, setup);
  // With office.js stalled the page never finishes loading: go on once it has started.
  await page.goto(`${server.base}/taskpane.html`, { waitUntil: options.stallOfficeJs ? 'commit' : 'load' });
  return { page, ...opened, close: () => context.close() };
}

/** What the page shows and the stand-in logged, to explain a pane that never came up. */
export async function paneState(page: Page): Promise<string> {
  const text = await page.evaluate(() => document.body.innerText).catch((error: unknown) => String(error));
  const log = await page.evaluate(() => window.jxpjE2eLog ?? []).catch(() => []);
  return `page text:\n${text}\nstand-in log:\n${log.join('\n')}`;
}
