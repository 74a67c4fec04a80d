/**
 * The bench's instruments: the machine it ran on, medians, and a child process's wall time and peak
 * memory (GNU time's “Maximum resident set size” where /usr/bin/time exists, else the child's own
 * process.resourceUsage().maxRSS written at exit by a preloaded script).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Calls `f` `n` times (after `warm` unmeasured calls) and returns each call's milliseconds. */
export async function timings(n: number, f: () => unknown, warm = 3): Promise<number[]> {
  for (let i = 0; i < warm; i++) await f();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = nowMs();
    await f();
    ms.push(nowMs() - t);
  }
  return ms;
}

/** Calls per second of `f`, run for at least `minMs` after a warm-up. */
export function throughput(f: (i: number) => void, minMs = 3000): number {
  for (let i = 0; i < 200; i++) f(i);
  let calls = 0;
  const start = nowMs();
  while (nowMs() - start < minMs) {
    for (let k = 0; k < 100; k++) f(calls++);
  }
  return (calls * 1000) / (nowMs() - start);
}

function firstLine(file: string, pattern: RegExp): string | null {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').find((l) => pattern.test(l)) ?? null;
  } catch {
    return null;
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  commit: string;
  load: string;
}

export function machine(): Machine {
  const model = firstLine('/proc/cpuinfo', /^model name/)?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const dirty = git(['status', '--porcelain']).split('\n').filter(Boolean).length;
  const head = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  return {
    cpu: model,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: dirty ? `${head} with ${dirty} uncommitted change(s) in the working tree` : head,
    load: loadAverage(),
  };
}

export const loadAverage = (): string => os.loadavg().map((x) => x.toFixed(2)).join(' / ');

export interface ChildRun {
  ms: number;
  /** Peak resident set size in MiB, or null when it could not be measured. */
  peakMiB: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = (() => {
  try {
    return spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' }).stderr.includes('Maximum resident set size');
  } catch {
    return false;
  }
})();

/** How peak memory is measured, for the results. */
export const RSS_METHOD = hasGnuTime
  ? 'GNU time (`/usr/bin/time -v`, “Maximum resident set size”, the largest of the process and its children)'
  : 'the child’s own `process.resourceUsage().maxRSS` at exit (a preloaded script)';

const PRELOAD = path.join(os.tmpdir(), 'jxpj-bench-maxrss.cjs');

/** Runs `argv` as a child process (from the project root) and measures it. Never throws for a failing child. */
export function runChild(argv: string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  let cmd = argv[0];
  let args = argv.slice(1);
  const rssFile = path.join(os.tmpdir(), `jxpj-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (hasGnuTime) {
    cmd = GNU_TIME;
    args = ['-v', ...argv];
  } else {
    fs.writeFileSync(PRELOAD, `process.on('exit', () => require('fs').appendFileSync(process.env.JXPJ_BENCH_RSS, process.resourceUsage().maxRSS + '\\n'));\n`);
    childEnv.JXPJ_BENCH_RSS = rssFile;
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim();
  }
  const t = nowMs();
  const r = spawnSync(cmd, args, { cwd: ROOT, env: childEnv, encoding: 'utf8', maxBuffer: 256 << 20 });
  const ms = nowMs() - t;
  let stderr = r.stderr ?? '';
  let peakKiB: number | null = null;
  let code = r.status;
  if (hasGnuTime) {
    const at = stderr.lastIndexOf('\tCommand being timed:');
    const report = at >= 0 ? stderr.slice(at) : '';
    stderr = at >= 0 ? stderr.slice(0, at) : stderr;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    peakKiB = rss ? Number(rss[1]) : null;
    const exit = /Exit status: (\d+)/.exec(report);
    if (exit) code = Number(exit[1]);
  } else if (fs.existsSync(rssFile)) {
    peakKiB = Math.max(...fs.readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
    fs.rmSync(rssFile, { force: true });
  }
  return { ms, peakMiB: peakKiB === null ? null : peakKiB / 1024, code, stdout: r.stdout ?? '', stderr };
}

/** `1234.5` → "1,234.5" (en-US grouping, for tables). */
export const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const mib = (bytes: number): string => `${fmt(bytes / 2 ** 20, 1)} MiB`;
