/** Runs the CLI in-process and captures what it prints; helpers to prove what was (not) written. */
import { createHash } from 'crypto';
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/run';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** Each progress line as drawn (only when `progress` was asked for). */
  progress: string[];
}

export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWith({}, ...argv);
}

/** As `cli`, with a progress sink when `tty` (as main.ts gives one on a terminal). */
export async function cliWith(opts: { tty?: boolean }, ...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const progress: string[] = [];
  const code = await run(argv, {
    out: (t) => (out += t + '\n'),
    err: (t) => (err += t + '\n'),
    progress: opts.tty ? (line) => progress.push(line) : undefined,
  });
  return { code, out, err, progress };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jxpj-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(value));
  return p;
}

export const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Every file under `dir` (symlinks not followed) with its hash: equal before and after means nothing was written. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) walk(p);
      else out[rel] = sha256(p);
    }
  };
  walk(dir);
  return out;
}

export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const bytes = fs.readFileSync(file);
  // exceljs types its Buffer as an ArrayBuffer; Node's Buffer is what it takes at run time.
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export type Where = { sheetName: string; row: number; col: number; address: string };

/** The part of exceljs's DefinedNames the tests use, typed as it behaves (its .d.ts is looser). */
interface NamesApi {
  forEach(cb: (name: string, cell: Where) => void): void;
  removeEx(where: Where, name: string): void;
}

export const namesApi = (wb: ExcelJS.Workbook) => wb.definedNames as unknown as NamesApi;

/** Every defined name of the workbook with the (first) cell it refers to, as exceljs reads it. */
export function definedNames(wb: ExcelJS.Workbook): Map<string, Where> {
  const out = new Map<string, Where>();
  namesApi(wb).forEach((name, cell) => {
    if (!out.has(name)) out.set(name, cell);
  });
  return out;
}
