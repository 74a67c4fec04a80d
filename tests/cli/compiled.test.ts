/**
 * The command line ships compiled: tsconfig.cli.json builds only what src/cli/main.ts reaches into
 * lib/, bin/jxpj.js runs lib/cli/main.js (or says in Chinese how to build it), and `npm run demo`
 * runs the compiled CLI and may run again over its own output. Built here into test-output/ so the
 * test never depends on (or disturbs) a lib/ left by an earlier build.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir, writeJson } from '../support/cli';
import { seedWith } from '../support/seed';

const ROOT = path.resolve(__dirname, '../..');
const BUILD = path.join(ROOT, 'test-output', 'cli-build');
const BIN = path.join(BUILD, 'bin', 'jxpj.js');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let tscStatus: number | null = null;
let tscOutput = '';

beforeAll(() => {
  fs.rmSync(BUILD, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json', '--outDir', path.join(BUILD, 'lib')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  tscStatus = tsc.status;
  tscOutput = tsc.stdout + tsc.stderr;
  fs.mkdirSync(path.dirname(BIN), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'bin/jxpj.js'), BIN);
  // As installed: package.json at the package root, beside bin/ and lib/ (the engine reads its version there).
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(BUILD, 'package.json'));
}, 120000);

/** Every file under a folder, relative, sorted. */
function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('build:cli', () => {
  test('compiles without errors (npm ci runs it through prepare)', () => {
    expect(tscOutput).toBe('');
    expect(tscStatus).toBe(0);
  });

  test('emits only what the command line reaches: no task pane, Office.js adapter, tests or source maps', () => {
    const emitted = files(path.join(BUILD, 'lib'));
    expect(emitted).toContain(path.join('cli', 'main.js'));
    expect(emitted).toContain(path.join('engine', 'evaluate.js'));
    expect(emitted).toContain(path.join('docx', 'reportDocx.js'));
    expect(emitted.every((f) => /^(cli|engine|layout|xlsx|docx)[\\/][^\\/]+\.js$/.test(f))).toBe(true);
  });

  test('package.json wires it: bin, build:cli, prepare, demo on lib/, cli on tsx; tsx and exceljs only for development', () => {
    expect(pkg.bin).toEqual({ jxpj: 'bin/jxpj.js' });
    expect(pkg.scripts['build:cli']).toBe('tsc -p tsconfig.cli.json');
    expect(pkg.scripts.prepare).toBe('npm run build:cli');
    expect(pkg.scripts.cli).toBe('tsx src/cli/main.ts');
    expect(pkg.scripts.demo).toMatch(/^node lib\/cli\/main\.js score /);
    expect(pkg.dependencies.docx).toBeDefined();
    for (const dev of ['tsx', 'exceljs']) {
      expect(pkg.dependencies[dev]).toBeUndefined();
      expect(pkg.devDependencies[dev]).toBeDefined();
    }
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('lib/');
  });
});

describe('bin/jxpj.js', () => {
  test('scores the demo workbook', () => {
    const out = execFileSync('node', [BIN, 'score', path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'), '--json'], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ total: 88.65, grade: '良' });
  });

  test('writes the report draft as Word (docx is a runtime dependency, bundled into nothing)', () => {
    const out = path.join(tempDir(), '报告.docx');
    const r = spawnSync('node', [BIN, 'report', path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'), '--out', out], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`已写出报告草稿：${out}`);
    expect(fs.readFileSync(out).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  });

  test('exits 1 on invalid input, the errors as JSON on stdout', () => {
    const dir = tempDir();
    const bad = writeJson(dir, 'bad.json', seedWith({ actual_project: '约30' }));
    const r = spawnSync('node', [BIN, 'score', bad, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).errors[0]).toEqual({ field: 'actual_project', cell: null, message: '决算支出·项目支出：应为数值，实为文字“约30”' });
  });

  test('exits 2 with a Chinese message (no stack) on a usage error', () => {
    const r = spawnSync('node', [BIN, 'score', '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('错误：未知选项 --bogus\n运行 jxpj --help 查看用法。\n');
  });

  test('without lib/ it says how to build, exit 2', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(ROOT, 'bin/jxpj.js'), path.join(dir, 'bin/jxpj.js'));
    const r = spawnSync('node', [path.join(dir, 'bin/jxpj.js'), 'template'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('错误：命令行尚未编译（缺少 lib/cli/main.js）。请在项目文件夹中运行 npm run build:cli（npm ci 会自动编译）后重试。\n');
  });
});

describe('npm run demo', () => {
  test('runs twice: the second run replaces its own out/ file', () => {
    // The demo's own arguments, run against this build from a folder holding the sample.
    const args = (pkg.scripts.demo as string).replace(/^node lib\/cli\/main\.js /, '').split(' ');
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'assets/samples'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'assets/samples/nanchang-2018.xlsx'), path.join(dir, 'assets/samples/nanchang-2018.xlsx'));
    const main = path.join(BUILD, 'lib/cli/main.js');
    for (const run of [1, 2]) {
      const r = spawnSync('node', [main, ...args], { cwd: dir, encoding: 'utf8' });
      expect([run, r.status, r.stderr]).toEqual([run, 0, '']);
      expect(r.stdout).toContain('已写出评分结果：out/nanchang-2018-评分结果.xlsx');
    }
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['nanchang-2018-评分结果.xlsx']);
  });
});
