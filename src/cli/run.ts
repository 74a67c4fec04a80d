/**
 * The command line (see shared/spec/cli.md): `score`, `template`. `run` takes argv and an output
 * sink and returns the exit code — 0 success, 1 invalid input (nothing written), 2 usage or I/O.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { scoreDepartment } from '../engine';
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { RawInputs } from '../engine/types';
import type { PlanValue } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { dataSheetPlan } from '../layout/template';
import { finish, outputPlans, scoreWorkbookSources, type WorkflowOutcome } from '../layout/workflow';
import { SheetConflictError, isSummaryWorkbook, loadWorkbook, newWorkbook, readTemplateSources, renderPlan, replaceSheets } from '../xlsx/workbook';
import type ExcelJS from 'exceljs';
import { collectInputs, progressLine, scoreAll, summaryJson, summaryWorkbook } from './batch';
import { formatErrors, formatScoreTable, issueLine } from './format';
import { ProfileJsonError, profileFromJson } from './profileJson';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Redraws a progress line in place (a terminal only); absent where output is not a terminal. */
  progress?(line: string): void;
}

export const USAGE = `绩效自评助手 命令行（jxpj）

用法：
  jxpj score <输入.xlsx|输入.json> [--out 评分结果.xlsx] [--json] [--profile 指标体系.json]
      校验并评分一个部门，打印评分表；--out 写出含“评分表”“问题清单”的工作簿副本；--json 只输出 JSON。
  jxpj template [--out 模板.xlsx]
      写出空白标准模板（基础数据表、指标体系）。
  jxpj batch <文件或文件夹>… --out 汇总.xlsx [--json] [--profile 指标体系.json]
      逐个评分（文件夹中查找 .xlsx 和 .json），按总分排名写出汇总工作簿；未通过校验的文件单列，其余照常评分。

退出码：0 成功；1 输入校验未通过（不写任何文件）；2 用法或读写错误。`;

class UsageError extends Error {}

interface Args {
  command: string;
  positional: string[];
  out?: string;
  json: boolean;
  profile?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { command: argv[0] ?? '', positional: [], json: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--out' || a === '--profile') {
      const v = argv[++i];
      if (!v) throw new UsageError(`${a} 后面需要文件路径`);
      if (a === '--out') args.out = v;
      else args.profile = v;
    } else if (a.startsWith('--')) throw new UsageError(`未知选项 ${a}`);
    else args.positional.push(a);
  }
  return args;
}

/** Writes through a temporary file, so a failure never leaves half a workbook behind. */
async function writeWorkbookAtomically(wb: ExcelJS.Workbook, target: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(target)), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    await fs.rename(tmp, target);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

export function templateWorkbook(values: Record<string, PlanValue> = {}, profile: Profile = DEFAULT_PROFILE): ExcelJS.Workbook {
  const wb = newWorkbook();
  renderPlan(wb, dataSheetPlan(values));
  renderPlan(wb, profileSheetPlan(profile));
  return wb;
}

export interface LoadedInput {
  outcome: WorkflowOutcome;
  /** The workbook to write results into: the input's own, or one built from the template. */
  workbook: () => ExcelJS.Workbook;
}

/** Reads and scores one .xlsx or .json file. Throws only for I/O and usage problems. */
export async function scoreFile(file: string, explicitProfile?: Profile): Promise<LoadedInput> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') {
    const json = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`${file}：JSON 应为“字段代码: 值”的对象`);
    const raw: RawInputs = { values: json as RawInputs['values'] };
    const profile = explicitProfile ?? DEFAULT_PROFILE;
    const outcome = finish(scoreDepartment(raw, profile), { profile, errors: [], warnings: [] }, raw);
    return { outcome, workbook: () => templateWorkbook(json as Record<string, PlanValue>, profile) };
  }
  if (ext === '.xlsx') {
    const wb = await loadWorkbook(file);
    return { outcome: scoreWorkbookSources(readTemplateSources(wb), explicitProfile), workbook: () => wb };
  }
  throw new UsageError(`不支持的文件类型“${ext || file}”：请提供 .xlsx 或 .json`);
}

async function commandScore(args: Args, io: Io): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('score 需要且只需要一个输入文件');
  const input = args.positional[0];
  if (args.out && path.resolve(args.out) === path.resolve(input)) throw new UsageError('--out 不能与输入文件相同：结果写入副本，原文件保持不变');
  const profile = args.profile ? profileFromJson(JSON.parse(await fs.readFile(args.profile, 'utf8'))) : undefined;
  const { outcome, workbook } = await scoreFile(input, profile);
  if (!outcome.ok) {
    if (args.json) io.out(JSON.stringify({ errors: outcome.errors, warnings: outcome.warnings }, null, 2));
    else io.err(formatErrors(outcome.errors, outcome.warnings));
    return 1;
  }
  if (args.out) {
    const wb = workbook();
    replaceSheets(wb, outputPlans(outcome.result, outcome.profile));
    await writeWorkbookAtomically(wb, args.out);
  }
  if (args.json) io.out(JSON.stringify(outcome.result, null, 2));
  else {
    io.out(formatScoreTable(outcome.result));
    if (args.out) io.out(`\n已写出评分结果：${args.out}（工作表“评分表”“问题清单”）`);
  }
  return 0;
}

async function commandBatch(args: Args, io: Io): Promise<number> {
  if (args.positional.length === 0) throw new UsageError('batch 需要至少一个文件或文件夹');
  if (!args.out) throw new UsageError('batch 需要 --out 汇总.xlsx');
  const profile = args.profile ? profileFromJson(JSON.parse(await fs.readFile(args.profile, 'utf8'))) : undefined;
  const files = await collectInputs(args.positional, [args.out, ...(args.profile ? [args.profile] : [])]);
  if (files.length === 0) throw new UsageError('没有找到 .xlsx 或 .json 文件');
  const batch = await scoreAll(
    files,
    async (file) => {
      try {
        const { outcome, workbook } = await scoreFile(file, profile);
        if (!outcome.ok && file.toLowerCase().endsWith('.xlsx') && isSummaryWorkbook(workbook())) return { ok: 'skip' };
        return outcome.ok ? { ok: true, scored: { file, result: outcome.result }, profile: outcome.profile } : { ok: false, errors: outcome.errors };
      } catch (e) {
        const message = e instanceof SyntaxError ? `JSON 格式有误：${e.message}` : `无法读取：${(e as Error).message}`;
        return { ok: false, errors: [{ field: 'file', cell: null, message }] };
      }
    },
    (done, file) => io.progress?.(progressLine(done, files.length, file)),
  );
  await writeWorkbookAtomically(summaryWorkbook(batch), args.out);
  if (args.json) {
    io.out(JSON.stringify(summaryJson(batch), null, 2));
    return 0;
  }
  const { departments, grades } = summaryJson(batch);
  const skipped = batch.skipped.length ? `，跳过以前的汇总文件 ${batch.skipped.length} 个` : '';
  io.out(`共 ${files.length} 个文件：评分 ${batch.scored.length} 个，未通过校验 ${batch.failed.length} 个${skipped}。`);
  for (const d of departments) io.out(`  ${String(d.rank).padStart(3)}. ${d.total.toFixed(2).padStart(6)} ${d.grade}  ${d.department}（${d.year}）  ${d.file}`);
  io.out(`等级分布：优 ${grades.优}，良 ${grades.良}，中 ${grades.中}，差 ${grades.差}`);
  for (const f of batch.failed) io.out(`未通过校验（未参加排名）：${f.file}\n${f.errors.map((e) => `  - ${issueLine(e)}`).join('\n')}`);
  io.out(`已写出汇总：${args.out}`);
  return 0;
}

async function commandTemplate(args: Args, io: Io): Promise<number> {
  const out = args.out ?? '绩效自评基础数据模板.xlsx';
  await writeWorkbookAtomically(templateWorkbook(), out);
  io.out(`已写出空白模板：${out}`);
  return 0;
}

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case 'score':
        return await commandScore(args, io);
      case 'template':
        return await commandTemplate(args, io);
      case 'batch':
        return await commandBatch(args, io);
      case '':
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return args.command === '' ? 2 : 0;
      default:
        throw new UsageError(`未知命令“${args.command}”`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ProfileJsonError) {
      io.err(`错误：${e.message}\n\n${e instanceof UsageError ? USAGE : ''}`.trimEnd());
    } else if (e instanceof SheetConflictError) {
      io.err(`错误：${e.message}`);
    } else if (e instanceof SyntaxError) {
      io.err(`错误：JSON 格式有误：${e.message}`);
    } else {
      const err = e as NodeJS.ErrnoException;
      io.err(`错误：${err.code === 'ENOENT' ? `找不到文件 ${err.path ?? ''}` : err.message}`);
    }
    return 2;
  }
}
