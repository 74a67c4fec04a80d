/**
 * `npm run bench`: how fast scoring is and how much memory it takes, written to bench/results.md
 * with the machine it ran on. Figures, not tests — except the hostile workbooks, which are judged
 * against their budget (< 5 s and < 500 MB each) and marked PASS or FAIL; nothing here throws for a
 * slow or failing measurement. Takes a few minutes; the generated workbooks are cached in the
 * system temp folder (see workbooks.ts).
 *
 *   1. engine evaluations per second (the Nanchang sample; a thousand random departments);
 *   2. `score` on one workbook: the whole process of the compiled CLI (median of runs) and in-process;
 *   3. `batch` over 1,000 generated workbooks: time and peak memory;
 *   4. the hostile workbooks, with and without --out, in a child process each;
 *   5. the task pane's initial bytes (JS + CSS, gzipped) from a production build;
 *   6. the task pane's load time in headless Chromium with 4× CPU throttling (tests/bench/paneLoad.ts).
 */
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { scoreDepartment } from '../../src/engine';
import { packReport } from '../../src/docx/reportDocx';
import { outputPlans, reportDraft, scoreWorkbookSources } from '../../src/layout/workflow';
import { openWorkbook } from '../../src/xlsx';
import { department, profile } from '../support/arbitraries';
import { EXPECTED, SEED as NANCHANG } from '../support/seed';
import { ROOT, RSS_METHOD, fmt, loadAverage, machine, median, mib, nowMs, runChild, throughput, timings, type ChildRun } from './measure';
import { paneLoadSection } from './paneLoad';
import { batchFolder, hostileWorkbooks, sampleWorkbookBytes } from './workbooks';

const RESULTS = path.join(ROOT, 'bench', 'results.md');
const SAMPLE = path.join(ROOT, 'assets', 'samples', 'nanchang-2018.xlsx');
const BUDGET = { ms: 5000, mib: 500 };
const BATCH_SIZE = 1000;

const log = (line: string) => process.stdout.write(`${line}\n`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jxpj-bench-run-'));
const notes: string[] = [];

/** The compiled CLI (lib/cli/main.js), built if missing; else tsx on the sources, said so in the results. */
function cliCommand(): { argv: string[]; label: string } {
  const main = path.join(ROOT, 'lib', 'cli', 'main.js');
  if (!fs.existsSync(main)) {
    log('lib/cli/main.js is missing: building it with npx tsc -p tsconfig.cli.json…');
    const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, encoding: 'utf8' });
    if (fs.existsSync(main)) notes.push('lib/cli/main.js was missing; the bench built it with `npx tsc -p tsconfig.cli.json`.');
    else notes.push(`lib/cli/main.js was missing and \`npx tsc -p tsconfig.cli.json\` failed (${(built.stdout + built.stderr).trim().split('\n')[0]}); whole-process figures are for \`npx tsx src/cli/main.ts\`, which adds tsx's own start-up (npx and on-the-fly compilation).`);
  }
  if (fs.existsSync(main)) {
    const newestSource = Math.max(...fs.readdirSync(path.join(ROOT, 'src', 'cli')).map((f) => fs.statSync(path.join(ROOT, 'src', 'cli', f)).mtimeMs));
    if (fs.statSync(main).mtimeMs < newestSource) notes.push('lib/ is older than src/cli: whole-process figures are for the compiled CLI as found (run `npm run build:cli` first for the current sources).');
    return { argv: ['node', main], label: '`node lib/cli/main.js`' };
  }
  return { argv: ['npx', 'tsx', path.join(ROOT, 'src', 'cli', 'main.ts')], label: '`npx tsx src/cli/main.ts` (fallback)' };
}

const ms = (x: number) => (x < 10 ? `${fmt(x, 2)} ms` : x < 1000 ? `${fmt(x, 1)} ms` : `${fmt(x / 1000, 2)} s`);
const range = (xs: number[]) => `${ms(Math.min(...xs))} – ${ms(Math.max(...xs))}`;

// ───────────────────────────── 1. engine ─────────────────────────────

function engineSection(): string[] {
  log('1/5 engine…');
  const sample = fc.sample(department(), { seed: 7, numRuns: 1000 });
  const edited = fc.sample(profile(), { seed: 8, numRuns: 1000 });
  const nanchang = throughput(() => scoreDepartment({ values: NANCHANG }));
  const random = throughput((i) => scoreDepartment({ values: sample[i % sample.length] }));
  const randomEdited = throughput((i) => scoreDepartment({ values: sample[i % sample.length] }, edited[i % edited.length]));
  const row = (what: string, eps: number) => `| ${what} | ${fmt(eps)} | ${fmt(1000 / eps, 3)} ms |`;
  return [
    '## 1. Engine: evaluations per second',
    '',
    '`scoreDepartment` (parse → validate → evaluate → flags) in one process, warm, for at least 3 s each.',
    '',
    '| input | evaluations / s | per evaluation |',
    '|---|---:|---:|',
    row('the Nanchang 2018 sample (tests/fixtures)', nanchang),
    row('1,000 random valid departments (tests/support/arbitraries.ts), default profile', random),
    row('the same, each under a randomly edited 指标体系', randomEdited),
    '',
  ];
}

// ───────────────────────────── 2. score one workbook ─────────────────────────────

async function scoreSection(cli: { argv: string[]; label: string }): Promise<string[]> {
  log('2/5 score one workbook…');
  const runs = 15;
  const out = path.join(work, 'score-out.xlsx');
  const whole = (args: string[]) => {
    const rs: ChildRun[] = [];
    for (let i = 0; i < runs + 1; i++) rs.push(runChild([...cli.argv, ...args]));
    const measured = rs.slice(1); // the first run warms the file cache
    const failed = measured.find((r) => r.code !== 0);
    return { ms: measured.map((r) => r.ms), peak: Math.max(...measured.map((r) => r.peakMiB ?? 0)), failed };
  };
  const nodeAlone: number[] = [];
  for (let i = 0; i < runs; i++) nodeAlone.push(runChild(['node', '-e', '0']).ms);
  const plain = whole(['score', SAMPLE]);
  const json = whole(['score', SAMPLE, '--json']);
  const withOut = whole(['score', SAMPLE, '--out', out]);
  const docxOut = path.join(work, 'report.docx');
  const report = whole(['report', SAMPLE, '--out', docxOut, '--force']);

  const bytes = fs.readFileSync(SAMPLE);
  const open = await timings(200, async () => scoreWorkbookSources((await openWorkbook(bytes)).sources), 20);
  const openWrite = await timings(200, async () => {
    const wb = await openWorkbook(bytes);
    const scored = scoreWorkbookSources(wb.sources);
    if (!scored.ok) throw new Error('the sample did not score');
    return wb.withSheets(outputPlans(scored.result, scored.profile, scored.raw));
  }, 20);
  const scored = scoreWorkbookSources((await openWorkbook(bytes)).sources);
  if (!scored.ok) throw new Error('the sample did not score');
  const docx = await timings(50, async () => packReport(reportDraft(scored), 'nodebuffer'), 5);

  const row = (what: string, r: { ms: number[]; peak: number; failed?: ChildRun }) =>
    `| ${what} | ${ms(median(r.ms))} | ${range(r.ms)} | ${fmt(r.peak, 0)} MiB |${r.failed ? ` exit ${r.failed.code}: ${r.failed.stderr.trim().split('\n')[0]}` : ''}`;
  return [
    '## 2. `score` on one workbook',
    '',
    `The sample workbook \`assets/samples/nanchang-2018.xlsx\` (${fmt(bytes.length)} bytes). Whole process: ${cli.label}, median of ${runs} runs after one warm-up run, each a fresh Node process (start-up included); peak memory by ${RSS_METHOD}.`,
    '',
    '| command | median | range | peak RSS |',
    '|---|---:|---:|---:|',
    `| \`node -e 0\` (Node start-up alone, for scale) | ${ms(median(nodeAlone))} | ${range(nodeAlone)} | |`,
    row('`score nanchang-2018.xlsx` (prints the score table)', plain),
    row('`score nanchang-2018.xlsx --json`', json),
    row('`score nanchang-2018.xlsx --out scored.xlsx`', withOut),
    row('`report nanchang-2018.xlsx --out 报告.docx --force` (the Word draft)', report),
    '',
    'In-process (the same file already in memory; median of 200 after 20 warm-up calls):',
    '',
    '| step | median | range |',
    '|---|---:|---:|',
    `| \`openWorkbook\` + \`scoreWorkbookSources\` | ${ms(median(open))} | ${range(open)} |`,
    `| the same + \`withSheets(outputPlans(…))\` (the bytes of the \`--out\` copy, not written to disk) | ${ms(median(openWrite))} | ${range(openWrite)} |`,
    `| building the .docx: \`packReport(reportDraft(…), 'nodebuffer')\` (median of 50 after 5 warm-up calls) | ${ms(median(docx))} | ${range(docx)} |`,
    '',
  ];
}

// ───────────────────────────── 3. batch ─────────────────────────────

function batchSection(cli: { argv: string[]; label: string }): string[] {
  log(`3/5 batch over ${BATCH_SIZE} workbooks…`);
  const t = nowMs();
  const folder = batchFolder(BATCH_SIZE);
  const made = nowMs() - t;
  const runs: ChildRun[] = [];
  for (let i = 0; i < 3; i++) {
    const out = path.join(work, `汇总-${i}.xlsx`);
    runs.push(runChild([...cli.argv, 'batch', folder.dir, '--out', out]));
    if (runs[i].code !== 0 || runs[i].ms > 60_000) break;
  }
  const ok = runs.filter((r) => r.code === 0);
  const times = ok.map((r) => r.ms);
  const lines = [
    `## 3. \`batch\` over ${fmt(BATCH_SIZE)} generated workbooks`,
    '',
    `${fmt(BATCH_SIZE)} filled templates of random valid departments (fast-check seed 20180000, tests/support/arbitraries.ts), ${mib(folder.bytes)} in all, in \`${folder.dir}\` (${folder.built ? `generated by this run in ${ms(made)}` : 'cached from an earlier run'}). Command: ${cli.label} \`batch <folder> --out 汇总.xlsx\`, ${runs.length} run(s).`,
    '',
  ];
  if (ok.length === 0) {
    const r = runs[0];
    return [...lines, `**batch failed**: exit ${r.code}; ${(r.stderr || r.stdout).trim().split('\n').slice(0, 5).join(' / ')}`, ''];
  }
  const m = median(times);
  const ranked = ok[0].stdout.split('\n').filter((l) => /^\s*\d+\.\s/.test(l)).length;
  const grades = /等级分布：.*/.exec(ok[0].stdout)?.[0];
  return [
    ...lines,
    `Scored and ranked: ${fmt(ranked)} of ${fmt(BATCH_SIZE)}${grades ? ` (${grades})` : ''}.`,
    '',
    '| figure | value |',
    '|---|---:|',
    `| wall time (median of ${times.length}) | ${ms(m)} (range ${range(times)}) |`,
    `| per workbook | ${ms(m / BATCH_SIZE)} |`,
    `| workbooks per second | ${fmt((BATCH_SIZE * 1000) / m, 0)} |`,
    `| peak RSS (largest run) | ${fmt(Math.max(...ok.map((r) => r.peakMiB ?? 0)), 0)} MiB |`,
    '',
  ];
}

// ───────────────────────────── 4. hostile workbooks ─────────────────────────────

async function hostileSection(cli: { argv: string[]; label: string }): Promise<string[]> {
  log('4/5 hostile workbooks…');
  const books = await hostileWorkbooks(log);
  const rows: string[] = [];
  let failures = 0;
  for (const b of books) {
    // Scored as the sample is: the JSON total must be the report's.
    const check = runChild([...cli.argv, 'score', b.file, '--json']);
    let verdictNote = '';
    try {
      const r = JSON.parse(check.stdout) as { total?: number; grade?: string };
      if (r.total !== EXPECTED.total || r.grade !== EXPECTED.grade) verdictNote = ` (scored ${r.total} ${r.grade}, expected ${EXPECTED.total} ${EXPECTED.grade})`;
    } catch {
      verdictNote = ` (no JSON result: exit ${check.code}, ${check.stderr.trim().split('\n')[0] ?? ''})`;
    }
    for (const withOut of [false, true]) {
      const args = ['score', b.file, ...(withOut ? ['--out', path.join(work, `${b.id}-scored.xlsx`)] : [])];
      const rs: ChildRun[] = [];
      for (let i = 0; i < 3; i++) rs.push(runChild([...cli.argv, ...args]));
      const t = median(rs.map((r) => r.ms));
      const peak = Math.max(...rs.map((r) => r.peakMiB ?? Number.NaN));
      const bad = rs.find((r) => r.code !== 0);
      const within = t < BUDGET.ms && peak < BUDGET.mib;
      const pass = !bad && within && !verdictNote;
      if (!pass) failures++;
      const why = bad ? ` — exit ${bad.code}: ${bad.stderr.trim().split('\n')[0]}` : verdictNote ? ` —${verdictNote}` : within ? '' : ' — over budget';
      rows.push(`| ${b.title} | ${mib(b.bytes)} (largest part ${mib(b.inflated)} inflated) | ${withOut ? '`--out`' : '—'} | ${ms(t)} | ${fmt(peak, 0)} MiB | **${pass ? 'PASS' : 'FAIL'}**${why} |`);
    }
  }
  return [
    '## 4. Hostile workbooks (budget: < 5 s and < 500 MB each)',
    '',
    `Each the filled sample template plus one hostile thing, ~20 MB as .xlsx, built by streaming XML into a zip (tests/bench/workbooks.ts) and cached in the temp folder. Each scored by ${cli.label} \`score <file>\` and \`score <file> --out scored.xlsx\` in a child process, 3 runs each: median wall time, largest peak RSS. PASS needs exit 0, the sample's total (${EXPECTED.total}, ${EXPECTED.grade}) and both figures within budget.`,
    '',
    '| workbook | size | output | time (median) | peak RSS | verdict |',
    '|---|---:|---|---:|---:|---|',
    ...rows,
    '',
    failures === 0 ? 'All within budget.' : `**${failures} of ${rows.length} over budget or failed.**`,
    '',
  ];
}

// ───────────────────────────── 5. task pane ─────────────────────────────

function taskpaneSection(): string[] {
  log('5/5 task pane initial bytes (a production build)…');
  const skipped = (why: string) => ['## 5. Task pane: initial bytes', '', `Skipped: ${why}`, ''];
  const npmScripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  let dist = path.join(work, 'dist');
  let source = '';
  let buildFailure = '';
  if (npmScripts['build:local']) {
    const t = nowMs();
    // The build of `npm run build:local`, into a temp folder so that dist/ is left as it is.
    const built = spawnSync('npx', ['webpack', '--mode', 'production', '--env', 'local', '--output-path', dist], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    source = `a fresh production build (\`webpack --mode production --env local\`, as \`npm run build:local\`, into a temp folder; ${ms(nowMs() - t)})`;
    if (built.status !== 0 || !fs.existsSync(path.join(dist, 'taskpane.html'))) {
      buildFailure = (built.stdout + built.stderr).trim().split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join(' / ') || `exit ${built.status}`;
    }
  } else {
    buildFailure = 'package.json has no `build:local` script';
  }
  if (buildFailure) {
    dist = path.join(ROOT, 'dist');
    if (!fs.existsSync(path.join(dist, 'taskpane.html'))) return skipped(`the production build failed (${buildFailure}) and there is no dist/taskpane.html.`);
    source = `\`dist/\` as found, built ${new Date(fs.statSync(path.join(dist, 'taskpane.html')).mtimeMs).toISOString().slice(0, 16)}Z (a fresh build failed: ${buildFailure})`;
  }
  const html = fs.readFileSync(path.join(dist, 'taskpane.html'), 'utf8');
  // The page's inline loader lists the initial scripts as a JSON array; stylesheets are <link>s.
  const list = /\[("[^"\]]+\.js"(?:\s*,\s*"[^"\]]+\.js")*)\]/.exec(html);
  const scripts = list ? (JSON.parse(`[${list[1]}]`) as string[]) : [];
  // The minified page writes attributes unquoted (`<link rel=stylesheet href=griffel.….css>`).
  const styles = [...html.matchAll(/<link[^>]+rel=["']?stylesheet["']?[^>]*href=["']?([^"' >]+)/g)].map((m) => m[1]).filter((h) => !/^https?:/.test(h));
  const gz = (file: string) => {
    const bytes = fs.readFileSync(path.join(dist, file.replace(/^\.?\//, '')));
    return { raw: bytes.length, gz: zlib.gzipSync(bytes, { level: 9 }).length };
  };
  const files = [...scripts, ...styles].map((f) => ({ f, ...gz(f) }));
  const page = gz('taskpane.html');
  const total = files.reduce((a, x) => a + x.gz, 0);
  const lazy = fs.readdirSync(dist).filter((f) => f.endsWith('.js') && !scripts.includes(f) && !/^commands\./.test(f));
  const lazyGz = lazy.reduce((a, f) => a + gz(f).gz, 0);
  return [
    '## 5. Task pane: initial bytes',
    '',
    `From ${source}: the scripts and stylesheets \`taskpane.html\` loads first, each gzipped (level 9). office.js comes from Microsoft's CDN and is not counted.`,
    '',
    '| file | raw | gzipped |',
    '|---|---:|---:|',
    ...files.map((x) => `| \`${x.f}\` | ${fmt(x.raw / 1024, 1)} KiB | ${fmt(x.gz / 1024, 1)} KiB |`),
    `| **initial JS + CSS** | ${fmt(files.reduce((a, x) => a + x.raw, 0) / 1024, 1)} KiB | **${fmt(total / 1024, 1)} KiB** |`,
    `| \`taskpane.html\` itself (inline loader and styles) | ${fmt(page.raw / 1024, 1)} KiB | ${fmt(page.gz / 1024, 1)} KiB |`,
    `| later chunks, loaded on demand (${lazy.length}) | | ${fmt(lazyGz / 1024, 1)} KiB |`,
    '',
    styles.length === 0 ? 'No stylesheet is loaded: Fluent UI styles are made at run time by the scripts.' : '',
    '',
  ];
}

async function main(): Promise<void> {
  const started = nowMs();
  const m = machine();
  log(`bench on ${m.cpu}, ${m.cores} cores, Node ${m.node}; load ${m.load}`);
  const cli = cliCommand();
  // The sample workbook must be the template the bench builds from (workbooks.ts); say so if not.
  if (!fs.readFileSync(SAMPLE).equals(sampleWorkbookBytes())) notes.push('assets/samples/nanchang-2018.xlsx differs from the template this code writes for the same values (run `npm run sample`); section 2 measures the file as committed.');

  const sections: string[][] = [];
  const safely = async (name: string, f: () => string[] | Promise<string[]>) => {
    try {
      sections.push(await f());
    } catch (err) {
      sections.push([`## ${name}`, '', `**Not measured**: ${(err as Error).stack?.split('\n').slice(0, 3).join(' / ')}`, '']);
    }
  };
  await safely('1. Engine', engineSection);
  await safely('2. score', () => scoreSection(cli));
  await safely('3. batch', () => batchSection(cli));
  await safely('4. Hostile workbooks', () => hostileSection(cli));
  await safely('5. Task pane', taskpaneSection);
  await safely('6. Task pane load time', () => paneLoadSection());

  const loadAfter = loadAverage();
  const busy = Math.max(Number(m.load.split(' / ')[0]), os.loadavg()[0]) > m.cores;
  const header = [
    '# Bench results',
    '',
    `Written by \`npm run bench\` (tests/bench/bench.ts) on ${m.date}, in ${ms(nowMs() - started)}.`,
    '',
    '| machine | |',
    '|---|---|',
    `| CPU | ${m.cpu} |`,
    `| cores | ${m.cores} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| Node | ${m.node} |`,
    `| OS | ${m.os} |`,
    `| code | ${m.commit} |`,
    `| load average (1/5/15 min) | ${m.load} at start, ${loadAfter} at end${busy ? ' — more runnable work than cores (other jobs shared the machine): times are upper bounds' : ''} |`,
    '',
  ];
  const body = [...header, ...sections.flat(), ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : [])];
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, body.join('\n').replace(/\n{3,}/g, '\n\n'));
  fs.rmSync(work, { recursive: true, force: true });
  log(`\nwritten ${path.relative(ROOT, RESULTS)}\n`);
  log(body.join('\n'));
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});
