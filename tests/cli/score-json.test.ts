import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { RawValue } from '../../src/engine/types';
import { cli, loadWorkbook, tempDir, writeJson } from '../support/cli';
import { EXPECTED, SEED, seedWith } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');

describe('score on JSON', () => {
  test('--json reproduces every indicator score, the total, the grade and the flags', async () => {
    const dir = tempDir();
    const { code, out } = await cli('score', writeJson(dir, 'seed.json', SEED), '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.fromEntries(r.indicators.map((i: { id: string; score: number }) => [i.id, i.score]))).toEqual(EXPECTED.scores);
    expect([r.department, r.year, r.total, r.grade]).toEqual(['南昌市总工会职工服务中心', 2018, 88.65, '良']);
    expect(r.flags.map((f: { code: string }) => f.code)).toEqual(EXPECTED.flags);
    expect(r.metrics).toEqual({ budget_execution_rate: 100.36 / 209.38, budget_adjustment_rate: 0, staff_vacancy: 11 });
    expect(r.warnings).toEqual([]);
    const pe = r.indicators.find((i: { id: string }) => i.id === 'project_execution');
    expect(pe).toMatchObject({ level1: '过程指标', level2: '预算执行', name: '项目支出预算完成率', weight: 8, score: 1.65 });
  });

  test('the table names every indicator, the total and the grade', async () => {
    const dir = tempDir();
    const { code, out } = await cli('score', writeJson(dir, 'seed.json', SEED));
    expect(code).toBe(0);
    expect(out).toContain('项目支出预算完成率');
    expect(out).toMatch(/总分\s+100\s+88\.65/);
    expect(out).toContain('评价等级：良');
    expect(out).toContain('[高] 预算执行率偏低');
  });

  test('--out on JSON input writes a new workbook with the template and both output sheets', async () => {
    const dir = tempDir();
    const outFile = path.join(dir, 'scored.xlsx');
    const { code } = await cli('score', writeJson(dir, 'seed.json', SEED), '--out', outFile);
    expect(code).toBe(0);
    const wb = await loadWorkbook(outFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系', '评分表', '问题清单']);
  });

  test('the real command line (npm run cli) prints the same JSON', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'score', path.join(ROOT, 'tests/fixtures/nanchang-2018.json'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const r = JSON.parse(out);
    expect([r.total, r.grade]).toEqual([88.65, '良']);
  });
});

describe('invalid JSON input: exit 1, every error as JSON, no file written', () => {
  test.each<[string, Record<string, RawValue>, string]>([
    ['text in a number', { actual_project: '约30' }, 'actual_project'],
    ['blank', { actual_project: '' }, 'actual_project'],
    ['negative', { actual_basic: -1 }, 'actual_basic'],
    ['#DIV/0!', { actual_project: '#DIV/0!' }, 'actual_project'],
    ['inconsistent totals', { actual_total: 99 }, 'actual_total'],
    ['percent over 100', { satisfaction_pct: 95 }, 'satisfaction_pct'],
  ])('%s', async (_n, changes, field) => {
    const dir = tempDir();
    const outFile = path.join(dir, 'scored.xlsx');
    const { code, out } = await cli('score', writeJson(dir, 'in.json', seedWith(changes)), '--json', '--out', outFile);
    expect(code).toBe(1);
    const { errors } = JSON.parse(out);
    expect(errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(errors[0].cell).toBeNull();
    expect(fs.existsSync(outFile)).toBe(false);
  });
});

describe('usage and I/O errors exit 2', () => {
  test.each([
    [['score'], '错误：score 需要且只需要一个输入文件'],
    [['score', 'x.csv'], '错误：不支持的文件类型“.csv”（“x.csv”）：请提供 .xlsx、.xlsm 工作簿或 .json 文件。'],
    [['score', '/nonexistent/a.json'], '错误：找不到“/nonexistent/a.json”。请检查路径和文件名是否正确。'],
    [['frobnicate'], '错误：未知命令“frobnicate”（可用的命令：score、template、batch）'],
    [['score', 'a.json', '--bogus'], '错误：未知选项 --bogus'],
  ])('%p', async (argv, message) => {
    const { code, out, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(out).toBe('');
  });
});

describe('--profile', () => {
  test('an officer-edited profile changes the score and the grade line', async () => {
    const dir = tempDir();
    const profile = writeJson(dir, 'p.json', {
      indicators: [{ id: 'project_execution', rule: { lower: 0.9 } }, { id: 'satisfaction', weight: 5 }],
      grades: { 良: 90, 优: 95 },
    });
    const { code, out } = await cli('score', writeJson(dir, 'seed.json', SEED), '--json', '--profile', profile);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    // 8 × 19.54% ÷ 90% = 1.737… → 1.74
    expect(r.indicators.find((i: { id: string }) => i.id === 'project_execution').score).toBe(1.74);
    expect(r.total).toBe(88.74);
    expect(r.grade).toBe('中');
  });
  // The wording of each problem is profileJson's (tests/cli/profileJson.test.ts); here: every
  // problem printed, under one heading, exit 2, nothing scored or written.
  test.each([
    [{ indicators: [{ id: 'payment_progress', rule: { per: 0 } }] }, ['indicators[0].rule.per']],
    [{ indicators: [{ id: 'payment_progress', rule: { mode: 'linear' } }] }, ['indicators[0].rule.mode']],
    [{ indicators: [{ id: 'staff_control', weight: -3 }], grades: { 优: '九十' } }, ['grades.优', 'indicators[0].weight']],
  ])('profile %j is refused, every problem listed', async (json, paths) => {
    const dir = tempDir();
    const profile = writeJson(dir, 'p.json', json);
    const outFile = path.join(dir, 'scored.xlsx');
    const { code, out, err } = await cli('score', writeJson(dir, 'seed.json', SEED), '--profile', profile, '--out', outFile);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`错误：指标体系文件“${profile}”有 ${paths.length} 处错误，未评分、未写入任何文件：`);
    paths.forEach((p, i) => expect(err).toContain(`  ${i + 1}. 指标体系文件 ${p}：`));
    expect(fs.existsSync(outFile)).toBe(false);
  });

  test('a profile that is not JSON is exit 2 with the JSON message', async () => {
    const dir = tempDir();
    const profile = path.join(dir, 'p.json');
    fs.writeFileSync(profile, "{'grades': 1}");
    const { code, err } = await cli('score', writeJson(dir, 'seed.json', SEED), '--profile', profile);
    expect(code).toBe(2);
    expect(err).toContain(`错误：无法读取指标体系文件“${profile}”：JSON 格式有误（第1行第2列）`);
  });
});
