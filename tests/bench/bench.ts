/**
 * `npm run bench`: how long scoring takes (median of repeated runs) and, when dist/ is built,
 * the task pane's initial script size gzipped. Figures, not pass/fail: budgets live in the build.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { scoreDepartment } from '../../src/engine';
import { run } from '../../src/cli/run';
import seed from '../fixtures/nanchang-2018.json';
import type { RawValue } from '../../src/engine/types';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = path.join(ROOT, 'assets/samples/nanchang-2018.xlsx');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(n: number, f: () => unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await f();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ms);
}

const quiet = { out: () => undefined, err: () => undefined };

async function main(): Promise<void> {
  const values = seed as Record<string, RawValue>;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jxpj-bench-')), 'o.xlsx');
  const rows: [string, string][] = [];
  await time(20, () => scoreDepartment({ values })); // warm-up
  rows.push(['引擎：校验＋评分一个部门（JSON 值）', `${(await time(500, () => scoreDepartment({ values }))).toFixed(3)} ms`]);
  rows.push(['score 示例 .xlsx（读取＋评分，进程内）', `${(await time(20, () => run(['score', SAMPLE, '--json'], quiet))).toFixed(1)} ms`]);
  rows.push(['score 示例 .xlsx --out（读取＋评分＋写出，进程内）', `${(await time(20, () => run(['score', SAMPLE, '--out', out], quiet))).toFixed(1)} ms`]);
  const cliMs = await time(5, () =>
    execFileSync('node', [path.join(ROOT, 'bin/jxpj.js'), 'score', SAMPLE, '--out', out], { stdio: 'ignore' }),
  );
  rows.push(['jxpj score 示例 .xlsx --out（整个命令，含 Node 启动）', `${cliMs.toFixed(0)} ms`]);

  const dist = path.join(ROOT, 'dist');
  if (fs.existsSync(dist)) {
    const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
    // taskpane.html's inline loader lists the first-paint scripts as a JSON array of file names.
    const list = /\[("[^"\]]+\.js"(?:,"[^"\]]+\.js")*)\]/.exec(html);
    const scripts = list ? (JSON.parse(`[${list[1]}]`) as string[]) : [];
    let gz = 0;
    for (const s of scripts) gz += zlib.gzipSync(fs.readFileSync(path.join(dist, s.replace(/^\//, '')))).length;
    rows.push([`任务窗格首屏脚本（${scripts.join('、')}），gzip`, `${(gz / 1024).toFixed(1)} KiB`]);
  } else {
    rows.push(['任务窗格首屏脚本', '未构建（先运行 npm run build）']);
  }
  for (const [k, v] of rows) process.stdout.write(`${k}：${v}\n`);
}

main();
