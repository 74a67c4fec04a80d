import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { RawValue } from '../../src/engine/types';
import { cli, tempDir, writeJson } from '../support/cli';
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
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系', '评分表', '问题清单']);
  });

  test('the real command line (npm run cli) prints the same JSON', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'score', path.join(ROOT, 'tests/fixtures/nanchang-2018.json'), '--json'], { cwd: ROOT, encoding: 'utf8' });
    const r = JSON.parse(out);
    expect([r.total, r.grade]).toEqual([88.65, '良']);
  });

  test('the real command line exits 1 on invalid input', () => {
    const dir = tempDir();
    const bad = writeJson(dir, 'bad.json', seedWith({ actual_project: '约30' }));
    let status = 0;
    let stdout = '';
    try {
      execFileSync('node', [path.join(ROOT, 'bin/jxpj.js'), 'score', bad, '--json'], { cwd: ROOT, encoding: 'utf8' });
    } catch (e) {
      status = (e as { status: number }).status;
      stdout = (e as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(JSON.parse(stdout).errors[0]).toEqual({ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为文字“约30”' });
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
    [['score'], 'score 需要且只需要一个输入文件'],
    [['score', 'x.csv'], '不支持的文件类型'],
    [['score', '/nonexistent/a.json'], '找不到文件'],
    [['frobnicate'], '未知命令'],
    [['score', 'a.json', '--bogus'], '未知选项'],
  ])('%p', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
  test('--out may not overwrite the input', async () => {
    const dir = tempDir();
    const p = writeJson(dir, 'seed.json', SEED);
    const { code, err } = await cli('score', p, '--out', p);
    expect(code).toBe(2);
    expect(err).toContain('不能与输入文件相同');
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
  test.each([
    [{ indicators: [{ id: 'payment_progress', rule: { per: 0 } }] }, 'payment_progress.rule.per 不能为0'],
    [{ indicators: [{ id: 'payment_progress', rule: { mode: 'linear' } }] }, 'payment_progress.rule.mode 应为'],
    [{ indicators: [{ id: 'public_control', rule: { ifBaseZero: 'zero' } }] }, 'public_control.rule.ifBaseZero 应为'],
    [{ indicators: [{ id: 'staff_control', weight: -3 }] }, 'staff_control.weight 应为不小于0的数值'],
    [{ grades: { 优: '九十' } }, 'grades.优 应为不小于0的数值'],
  ])('profile %j is refused: %s', async (json, message) => {
    const dir = tempDir();
    const { code, err } = await cli('score', writeJson(dir, 'seed.json', SEED), '--profile', writeJson(dir, 'p.json', json));
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  test('a bad profile is a usage error', async () => {
    const dir = tempDir();
    const profile = writeJson(dir, 'p.json', { indicators: [{ id: 'nope', weight: 1 }] });
    const { code, err } = await cli('score', writeJson(dir, 'seed.json', SEED), '--profile', profile);
    expect(code).toBe(2);
    expect(err).toContain('未知指标代码“nope”');
  });
});
