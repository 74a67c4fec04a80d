/**
 * The command line (see shared/spec/cli.md): `score`, `template`, `report`, `batch`. `run` takes argv
 * and an output sink and returns the exit code — 0 success, 1 invalid input (nothing written), 2
 * usage or I/O (nothing written). It never throws: one guard turns anything unexpected into a
 * Chinese message, and everything printed passes the terminal filter (terminal.ts).
 */
import * as path from 'path';
import { reportJson, type ReportDraft } from '../engine/report';
import type { InputIssue } from '../engine/types';
import { FILE_FIELD } from '../layout/summary';
import { outputPlans, reportDraft, type ScoredOutcome, type WorkflowOutcome } from '../layout/workflow';
import { COMMANDS, USAGE, parseCommandLine, type Args } from './args';
import { collectInputs, formatBatchReport, progressLine, scoreAll, summaryJson, summaryWorkbookBytes, type ScoreOne } from './batch';
import { CliError, UnreadableFile, UsageError, debugDetails, isSystemError, quoted, unexpectedMessage } from './errors';
import { prepareOutput, readPath, resolveOutput, refuseOverwrite, sameFile, writeAtomically, type OutputTarget, type ReadPath } from './files';
import { capExplanation, formatErrors, formatScoreTable, issueLine } from './format';
import { inputKind, loadInput, loadProfile, templateWorkbookBytes, type ExplicitProfile, type LoadedInput } from './input';
import { safeIo, type Io } from './terminal';

export type { Io } from './terminal';
export { USAGE } from './args';

export const DEFAULT_TEMPLATE_NAME = '绩效自评基础数据模板.xlsx';

/** `--out` must name a file of the kind we write (the extension decides what opens it). */
function requireExtension(out: string, expected: '.xlsx' | '.xlsm' | '.docx', why: string): void {
  const ext = path.extname(out).toLowerCase();
  if (ext === expected) return;
  const suggestion = `${out.slice(0, out.length - path.extname(out).length)}${expected}`;
  throw new CliError(`--out ${quoted(out)}的扩展名应为 ${expected}：${why}。请改为 ${quoted(suggestion)}。未写入任何文件。`);
}

function requireAnyWorkbookExtension(out: string): void {
  if (!['.xlsx', '.xlsm'].includes(path.extname(out).toLowerCase())) {
    throw new UsageError(`--out ${quoted(out)}应为 Excel 工作簿文件名（以 .xlsx 结尾）`);
  }
}

async function profileReads(args: Args): Promise<{ explicit?: ExplicitProfile; reads: ReadPath[] }> {
  if (!args.profile) return { reads: [] };
  return { explicit: await loadProfile(args.profile), reads: [await readPath(args.profile, 'profile')] };
}

/** The one input file of `score` and `report`, refused before anything is read if it is not one we read. */
function oneInput(args: Args): string {
  if (args.files.length !== 1) throw new UsageError(`${args.command} 需要且只需要一个输入文件`);
  inputKind(args.files[0]);
  return args.files[0];
}

/** The --profile (loaded) and the files a one-input command reads: never written over. */
async function inputReads(args: Args, input: string): Promise<{ explicit?: ExplicitProfile; reads: ReadPath[] }> {
  const { explicit, reads } = await profileReads(args);
  reads.push(await readPath(input, 'input'));
  return { explicit, reads };
}

/** A department's outcome; a batch summary given by mistake is invalid input, not a department. */
function departmentOutcome(loaded: LoadedInput): WorkflowOutcome {
  if (!loaded.isSummary) return loaded.outcome;
  const message = '这是 batch 写出的汇总工作簿，不是部门的基础数据。请给出部门填好的工作簿。';
  return { ok: false, errors: [{ field: 'sheet', cell: null, message }], warnings: [] };
}

async function commandScore(args: Args, io: Io): Promise<number> {
  const input = oneInput(args);
  const { explicit, reads } = await inputReads(args, input);
  const target = args.out ? await prepareOutput(args.out, reads, { force: args.force, existing: 'replace' }) : undefined;
  if (target) requireAnyWorkbookExtension(target.userPath);
  const loaded = await loadInput(input, explicit);
  const outcome = departmentOutcome(loaded);
  if (!outcome.ok) {
    if (args.json) io.out(JSON.stringify({ errors: outcome.errors, warnings: outcome.warnings }, null, 2));
    else io.err(formatErrors(outcome.errors, outcome.warnings));
    return 1;
  }
  if (target) {
    const why =
      loaded.copyExtension === '.xlsm' ? '输入工作簿含宏（.xlsm），副本须保持 .xlsm，否则 Excel 打不开' : '输入不含宏，副本是普通工作簿（.xlsx），写成 .xlsm 时 Excel 打不开';
    requireExtension(target.userPath, loaded.copyExtension, why);
  }
  // Drafted once: the 报告草稿 sheet and the JSON's `report` are the same draft.
  const draft = target || args.json ? reportDraft(outcome) : undefined;
  const plans = target ? outputPlans(outcome.result, outcome.profile, outcome.raw, draft) : [];
  if (target) await writeAtomically(target, loaded.copyWith(plans, { replaceEdited: args.force }));
  if (args.json && draft) io.out(JSON.stringify({ ...outcome.result, report: reportJson(draft) }, null, 2));
  else {
    io.out(formatScoreTable(outcome.result, outcome.profile));
    if (target) io.out(`\n已写出评分结果：${target.userPath}（工作表${plans.map((p) => `“${p.name}”`).join('')}）`);
  }
  return 0;
}

async function commandTemplate(args: Args, io: Io): Promise<number> {
  if (args.files.length) throw new UsageError('template 不需要输入文件（要指定输出文件，请用 --out 模板.xlsx）');
  const out = args.out ?? DEFAULT_TEMPLATE_NAME;
  requireExtension(out, '.xlsx', '模板是普通 Excel 工作簿');
  const target = await prepareOutput(out, [], { force: args.force, existing: 'refuse-unless-force' });
  await writeAtomically(target, templateWorkbookBytes());
  io.out(`已写出空白模板：${target.userPath}`);
  return 0;
}

/** How many 【请填写】 places the officer still has to fill in the draft. */
function placeholderCount(draft: ReportDraft): number {
  const runs = [...draft.sections.flatMap((sec) => sec.paragraphs.flatMap((p) => p.runs)), draft.signature.date];
  return runs.filter((r) => r.placeholder).length;
}

/** `report`: the self-evaluation report draft as Word (report.md); like `template`, never replaces a file without --force. */
async function commandReport(args: Args, io: Io): Promise<number> {
  const input = oneInput(args);
  if (!args.out) throw new UsageError('report 需要 --out 报告.docx');
  const { explicit, reads } = await inputReads(args, input);
  const target = await prepareOutput(args.out, reads, { force: args.force, existing: 'refuse-unless-force' });
  requireExtension(target.userPath, '.docx', '报告草稿是 Word 文档');
  const outcome = departmentOutcome(await loadInput(input, explicit));
  if (!outcome.ok) {
    io.err(formatErrors(outcome.errors, outcome.warnings));
    return 1;
  }
  const draft = reportDraft(outcome);
  // The Word builder loads only for `report`: every other command starts without it.
  const { packReport } = await import('../docx/reportDocx');
  await writeAtomically(target, await packReport(draft, 'nodebuffer'));
  io.out(reportWritten(outcome, target.userPath, placeholderCount(draft)));
  return 0;
}

function reportWritten(outcome: ScoredOutcome, userPath: string, placeholders: number): string {
  const r = outcome.result;
  const cap = r.cap ? `（${capExplanation(r.cap, outcome.profile)}）` : '';
  const lines = [`已写出报告草稿：${userPath}（${r.department}${r.year}年度，综合得分${r.total.toFixed(2)}分${cap}，评价等级“${r.grade}”）`];
  if (placeholders) lines.push(`报告中有 ${placeholders} 处黄色标出的【请填写】内容，请补充后再定稿。`);
  for (const w of r.warnings) lines.push(`提示：${issueLine(w)}`);
  return lines.join('\n');
}

/**
 * Where batch writes: never over a file it reads. The one exception is a summary of an earlier
 * run lying in a scanned folder at the --out path — that is ours and not a department, so it is
 * left out of the inputs and replaced.
 */
async function batchTarget(
  args: Args & { out: string },
  reads: ReadPath[],
  isOldSummary: (file: string) => Promise<boolean>,
): Promise<{ target: OutputTarget; replacedInput?: string }> {
  const target = await resolveOutput(args.out);
  const existing = target.existing;
  const scanned = existing && reads.find((r) => r.role === 'scanned' && r.identity && sameFile(r.identity, existing));
  const replacedInput = scanned && (await isOldSummary(scanned.userPath)) ? scanned.userPath : undefined;
  refuseOverwrite(target, reads.filter((r) => r.userPath !== replacedInput), { force: args.force, existing: 'replace' });
  return { target, replacedInput };
}

async function commandBatch(args: Args, io: Io): Promise<number> {
  if (args.files.length === 0) throw new UsageError('batch 需要至少一个文件或文件夹');
  const out = args.out;
  if (!out) throw new UsageError('batch 需要 --out 汇总.xlsx');
  requireExtension(out, '.xlsx', '汇总是普通 Excel 工作簿');
  const { explicit, reads } = await profileReads(args);
  const profileId = args.profile ? reads[0].identity : null;
  const collected = await collectInputs(args.files);
  // A --profile file lying in a scanned folder is the profile, not a department.
  const found = collected.files.filter((f) => !(profileId && sameFile(profileId, f.identity)));
  reads.push(...found.map((f): ReadPath => ({ userPath: f.file, role: f.named ? 'input' : 'scanned', identity: f.identity })));
  const { target, replacedInput } = await batchTarget({ ...args, out }, reads, async (file) => {
    try {
      return (await loadInput(file)).isSummary;
    } catch {
      return false;
    }
  });
  const files = found.map((f) => f.file).filter((f) => f !== replacedInput);
  if (files.length === 0 && collected.unreadable.length === 0) throw new UsageError('没有找到 .xlsx、.xlsm 或 .json 文件');

  const scoreOne: ScoreOne = async (file) => {
    try {
      const loaded = await loadInput(file, explicit);
      if (loaded.isSummary) return { ok: 'skip' };
      const { outcome } = loaded;
      return outcome.ok ? { ok: true, scored: { file, result: outcome.result }, profile: outcome.profile } : { ok: false, reason: 'invalid', errors: outcome.errors };
    } catch (e) {
      if (args.debug && !(e instanceof CliError && e.cause === undefined)) io.err(`[调试] ${file}：\n${debugDetails(e)}`);
      const message =
        e instanceof UnreadableFile ? e.reason : e instanceof CliError ? e.message : '处理该文件时程序内部出错，已跳过。请加 --debug 重新运行，并把输出发给维护人员。';
      return { ok: false, reason: 'unreadable', errors: [{ field: FILE_FIELD, cell: null, message } satisfies InputIssue] };
    }
  };
  for (const w of explicit?.warnings ?? []) io.err(`提示：${w.message}`);
  const batch = await scoreAll(files, scoreOne, (done, file) => io.progress?.(progressLine(done, files.length, file)));
  batch.failed.unshift(...collected.unreadable);
  await writeAtomically(target, summaryWorkbookBytes(batch));
  if (args.json) io.out(JSON.stringify(summaryJson(batch), null, 2));
  else io.out(formatBatchReport(batch, files.length + collected.unreadable.length, target.userPath));
  return 0;
}

/** The one guard: every error becomes a Chinese message and an exit code; details only with --debug. */
function report(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof UsageError) {
    io.err(`错误：${e.message}\n运行 jxpj --help 查看用法。`);
    return 2;
  }
  if (e instanceof CliError) {
    io.err(`错误：${e.message}`);
    if (debug && e.cause !== undefined) io.err(debugDetails(e.cause));
    return e.exitCode;
  }
  // File errors are all caught where the path is known; one that slips through names no path
  // (it could be a temporary one) but still says what happened.
  if (isSystemError(e)) io.err(`错误：读写文件时出错（系统错误 ${e.code}）。请检查所给的路径后重试；如仍出错，请加 --debug 重新运行并把输出发给维护人员。`);
  else io.err(`错误：${unexpectedMessage(debug)}`);
  if (debug) io.err(debugDetails(e));
  return 2;
}

export async function run(argv: string[], sink: Io): Promise<number> {
  const io = safeIo(sink);
  const debug = argv.includes('--debug');
  try {
    const args = parseCommandLine(argv);
    if (args.help || args.command === 'help') {
      io.out(USAGE);
      return 0;
    }
    switch (args.command) {
      case 'score':
        return await commandScore(args, io);
      case 'template':
        return await commandTemplate(args, io);
      case 'report':
        return await commandReport(args, io);
      case 'batch':
        return await commandBatch(args, io);
      case '':
        io.err(USAGE);
        return 2;
      default:
        throw new UsageError(`未知命令${quoted(args.command)}（可用的命令：${COMMANDS.join('、')}）`);
    }
  } catch (e) {
    try {
      return report(e, io, debug);
    } catch {
      return 2;
    }
  }
}
