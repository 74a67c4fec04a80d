/**
 * One department's file — a filled workbook (.xlsx/.xlsm) or a JSON file — read and scored, for
 * `score` and `batch` alike. File problems come back as CliError (exit 2, Chinese, naming the path
 * as typed); invalid content is a WorkflowOutcome with its errors (exit 1).
 */
import * as path from 'path';
import { scoreDepartment } from '../engine';
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { InputIssue, RawInputs } from '../engine/types';
import type { PlanValue, SheetPlan } from '../layout/plan';
import { profileSheetPlan } from '../layout/profileSheet';
import { dataSheetPlan } from '../layout/template';
import { finish, scoreWorkbookSources, type WorkflowOutcome } from '../layout/workflow';
import { EditedSheetError, SheetConflictError, WorkbookFileError, newWorkbookBytes, openWorkbook } from '../xlsx';
import { CliError, UnreadableFile, quoted } from './errors';
import { readUserFile } from './files';
import { decodeJsonFile, rawInputsFromJson } from './jsonInput';
import { profileFromJson } from './profileJson';

export type InputKind = 'workbook' | 'json';

const KINDS: Record<string, InputKind> = { '.xlsx': 'workbook', '.xlsm': 'workbook', '.json': 'json' };

export const INPUT_PATTERN = /\.(xlsx|xlsm|json)$/i;

/** What a file is by its extension; anything else is refused before it is read. */
export function inputKind(file: string): InputKind {
  const ext = path.extname(file).toLowerCase();
  const kind = KINDS[ext];
  if (!kind) {
    throw new CliError(`不支持的文件类型${quoted(ext || path.basename(file))}（${quoted(file)}）：请提供 .xlsx、.xlsm 工作簿或 .json 文件。`);
  }
  return kind;
}

/** A `--profile` file, read and checked; every problem is listed (exit 2). */
export interface ExplicitProfile {
  profile: Profile;
  warnings: InputIssue[];
}

export async function loadProfile(file: string): Promise<ExplicitProfile> {
  const decoded = decodeJsonFile(await readUserFile(file));
  if (!decoded.ok) throw new CliError(`无法读取指标体系文件${quoted(file)}：${decoded.message}`);
  const read = profileFromJson(decoded.value);
  if (!read.ok) {
    const lines = read.errors.map((e, i) => `  ${i + 1}. ${e.message}`);
    throw new CliError([`指标体系文件${quoted(file)}有 ${read.errors.length} 处错误，未评分、未写入任何文件：`, ...lines].join('\n'));
  }
  return { profile: read.profile, warnings: read.warnings };
}

/**
 * The standard template as a new workbook — blank, or filled with a JSON input's values — with
 * any further sheets after it (a JSON input's scored copy). One builder for `template`, the copy
 * and scripts/make-sample.ts.
 */
export function templateWorkbookBytes(values: Record<string, PlanValue> = {}, profile: Profile = DEFAULT_PROFILE, more: SheetPlan[] = []): Buffer {
  return newWorkbookBytes([dataSheetPlan(values), profileSheetPlan(profile), ...more]);
}

export interface LoadedInput {
  outcome: WorkflowOutcome;
  /** A summary workbook written by `batch`: not a department's data. */
  isSummary: boolean;
  /** The extension a scored copy must keep: `.xlsm` for a workbook with macros. */
  copyExtension: '.xlsx' | '.xlsm';
  /**
   * The bytes of the scored copy: the workbook with these sheets added or replaced, or for JSON
   * input a new workbook from the template. A sheet of the user's in the way, or a sheet of ours
   * the officer edited since we wrote it (unless `replaceEdited`, from --force), is a CliError.
   */
  copyWith(plans: SheetPlan[], options?: { replaceEdited?: boolean }): Buffer;
}

/** Adds the --profile file's warnings to what the officer is told. */
function withWarnings(outcome: WorkflowOutcome, warnings: InputIssue[]): WorkflowOutcome {
  if (warnings.length === 0) return outcome;
  return outcome.ok
    ? { ...outcome, result: { ...outcome.result, warnings: [...outcome.result.warnings, ...warnings] } }
    : { ...outcome, warnings: [...outcome.warnings, ...warnings] };
}

/** The input cells of a JSON file as the template holds them (scalars only; the rest failed validation). */
function planValues(raw: RawInputs): Record<string, PlanValue> {
  const out: Record<string, PlanValue> = {};
  for (const [id, v] of Object.entries(raw.values)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[id] = v;
  }
  return out;
}

function buildCopy(build: () => Buffer): Buffer {
  try {
    return build();
  } catch (e) {
    if (e instanceof SheetConflictError || e instanceof EditedSheetError) throw new CliError(e.message, 2, e);
    throw e;
  }
}

export async function loadInput(file: string, explicit?: ExplicitProfile): Promise<LoadedInput> {
  const kind = inputKind(file);
  const bytes = await readUserFile(file);
  if (kind === 'json') {
    const decoded = decodeJsonFile(bytes);
    if (!decoded.ok) throw new UnreadableFile(file, decoded.message);
    const raw = rawInputsFromJson(decoded.value);
    const profile = explicit?.profile ?? DEFAULT_PROFILE;
    const outcome = finish(scoreDepartment(raw, profile), { profile, errors: [], warnings: explicit?.warnings ?? [] }, raw);
    return {
      outcome,
      isSummary: false,
      copyExtension: '.xlsx',
      copyWith: (plans) => buildCopy(() => templateWorkbookBytes(planValues(raw), profile, plans)),
    };
  }
  let opened;
  try {
    opened = await openWorkbook(bytes);
  } catch (e) {
    if (e instanceof WorkbookFileError) throw new UnreadableFile(file, e.message, e);
    throw e;
  }
  const workbook = opened;
  return {
    outcome: withWarnings(scoreWorkbookSources(workbook.sources, explicit?.profile), explicit?.warnings ?? []),
    isSummary: workbook.isSummary,
    copyExtension: workbook.extension,
    copyWith: (plans, options) => buildCopy(() => workbook.withSheets(plans, options)),
  };
}
