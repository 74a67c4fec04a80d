/**
 * `batch`: scores every workbook and JSON file given (folders searched for *.xlsx, *.xlsm and
 * *.json, symlinks followed, each real folder and file once), ranks the departments and builds one
 * summary workbook. A file that fails validation or cannot be read is listed with its reason; the
 * others are still scored.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { InputIssue } from '../engine/types';
import {
  FILE_FIELD,
  cappedCount,
  duplicateNote,
  failedSheetPlan,
  gradeCounts,
  rankDepartments,
  summarySheetPlan,
  type FailedFile,
  type ScoredFile,
} from '../layout/summary';
import { newWorkbookBytes } from '../xlsx';
import { CliError, fileErrorMessage, quoted } from './errors';
import { identify, sameFile, type FileIdentity } from './files';
import { issueLine } from './format';
import { INPUT_PATTERN } from './input';

/** A file to score: its path as shown to the officer, and who it is to the filesystem. */
export interface FoundFile {
  file: string;
  identity: FileIdentity;
  /** Named on the command line (rather than found in a folder). */
  named: boolean;
}

export interface Collected {
  files: FoundFile[];
  /** Folders that could not be listed and links that lead nowhere: listed, never the end of the run. */
  unreadable: FailedFile[];
}

const wanted = (name: string) => INPUT_PATTERN.test(name) && !name.startsWith('~$') && !name.startsWith('.');

const unreadable = (file: string, message: string): FailedFile => ({ file, reason: 'unreadable', errors: [{ field: FILE_FIELD, cell: null, message }] });

/**
 * The files given, and every wanted file under the folders given, sorted by name within a folder.
 * Symlinked files and folders are followed; a folder already visited (a loop, or the same folder
 * reached twice) is not entered again, and a file reached twice is scored once.
 */
export async function collectInputs(targets: string[]): Promise<Collected> {
  const files: FoundFile[] = [];
  const failed: FailedFile[] = [];
  const visited = new Set<string>();
  const add = (file: string, identity: FileIdentity, named: boolean) => {
    const seen = files.find((f) => sameFile(f.identity, identity));
    if (!seen) files.push({ file: displayPath(file), identity, named });
    else seen.named ||= named;
  };

  async function walk(dir: string, real: string): Promise<void> {
    if (visited.has(real)) return;
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      failed.push(unreadable(displayPath(dir), fileErrorMessage(e, displayPath(dir), 'list')));
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      const identity = await identify(p);
      if (identity?.kind === 'folder') await walk(p, identity.real);
      else if (!wanted(e.name)) continue;
      else if (identity?.kind === 'file') add(p, identity, false);
      else if (!identity) {
        const why = e.isSymbolicLink() ? '这是一个快捷方式（符号链接），但它指向的文件不存在或无法访问。' : '无法访问该文件（可能刚被移走，或没有权限）。';
        failed.push(unreadable(displayPath(p), why));
      }
    }
  }

  for (const t of targets) {
    const identity = await identify(t);
    if (!identity) {
      const link = await fs.lstat(t).catch(() => null);
      throw new CliError(link ? `${quoted(t)}是一个快捷方式（符号链接），但它指向的位置不存在。请检查路径。` : `找不到${quoted(t)}。请检查路径和文件名是否正确。`);
    }
    if (identity.kind === 'folder') await walk(t, identity.real);
    else add(t, identity, true);
  }
  return { files, unreadable: failed };
}

/** Inside the working folder a relative path, elsewhere the full one (never ../../). */
function displayPath(p: string): string {
  const absolute = path.resolve(p);
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

export interface BatchResult {
  scored: ScoredFile[];
  failed: FailedFile[];
  /** Summary workbooks of earlier runs found among the inputs: not departments, so left out. */
  skipped: string[];
  profile: Profile;
}

export type ScoreOne = (
  file: string,
) => Promise<{ ok: true; scored: ScoredFile; profile: Profile } | { ok: false; reason: FailedFile['reason']; errors: InputIssue[] } | { ok: 'skip' }>;

export async function scoreAll(files: string[], scoreOne: ScoreOne, progress: (done: number, file: string) => void): Promise<BatchResult> {
  const scored: ScoredFile[] = [];
  const failed: FailedFile[] = [];
  const skipped: string[] = [];
  let profile: Profile = DEFAULT_PROFILE;
  for (const [i, file] of files.entries()) {
    progress(i, file);
    const out = await scoreOne(file);
    if (out.ok === 'skip') skipped.push(file);
    else if (out.ok) {
      scored.push(out.scored);
      profile = out.profile;
    } else failed.push({ file, reason: out.reason, errors: out.errors });
  }
  progress(files.length, '');
  return { scored, failed, skipped, profile };
}

export function summaryWorkbookBytes(batch: BatchResult): Buffer {
  const plans = [summarySheetPlan(rankDepartments(batch.scored), batch.profile, batch.failed.length)];
  if (batch.failed.length) plans.push(failedSheetPlan(batch.failed));
  return newWorkbookBytes(plans);
}

export function summaryJson(batch: BatchResult) {
  return {
    departments: rankDepartments(batch.scored).map((d) => ({
      rank: d.rank,
      file: d.file,
      department: d.result.department,
      year: d.result.year,
      total: d.result.total,
      // Beside the (capped) total, only where the execution-rate cap lowered it.
      ...(d.result.cap && { uncapped_total: d.result.cap.uncapped_total }),
      grade: d.result.grade,
      scores: Object.fromEntries(d.result.indicators.map((i) => [i.id, i.score])),
      flags: d.result.flags.map((f) => f.code),
      duplicateOf: d.duplicateOf,
    })),
    grades: gradeCounts(batch.scored),
    failed: batch.failed,
    skipped: batch.skipped,
  };
}

/** The terminal report: counts, the ranking (duplicates marked), grades, and every failure with its reasons. */
export function formatBatchReport(batch: BatchResult, total: number, summaryPath: string): string {
  const lines: string[] = [];
  const invalid = batch.failed.filter((f) => f.reason === 'invalid');
  const broken = batch.failed.filter((f) => f.reason === 'unreadable');
  const parts = [`评分 ${batch.scored.length} 个`, `未通过校验 ${invalid.length} 个`];
  if (broken.length) parts.push(`无法读取 ${broken.length} 个`);
  if (batch.skipped.length) parts.push(`跳过以前的汇总文件 ${batch.skipped.length} 个`);
  lines.push(`共 ${total} 个文件：${parts.join('，')}。`);
  const ranked = rankDepartments(batch.scored);
  for (const d of ranked) {
    const note = duplicateNote(d);
    const uncapped = d.result.cap ? `（封顶前 ${d.result.cap.uncapped_total.toFixed(2)}）` : '';
    lines.push(
      `  ${String(d.rank).padStart(3)}. ${d.result.total.toFixed(2).padStart(6)}${uncapped} ${d.result.grade}  ${d.result.department}（${d.result.year}）  ${d.file}${note ? `  【${note}】` : ''}`,
    );
  }
  const grades = gradeCounts(batch.scored);
  lines.push(`等级分布：优 ${grades.优}，良 ${grades.良}，中 ${grades.中}，差 ${grades.差}`);
  const duplicates = ranked.filter((d) => d.duplicateOf.length).length;
  if (duplicates) lines.push(`注意：有 ${duplicates} 个部门的名称和年度与其他文件相同，可能重复评分，已在汇总表“备注”列标出。`);
  const capped = cappedCount(batch.scored);
  if (capped) lines.push(`注意：有 ${capped} 个部门的总分按预算执行率封顶规则降低，按封顶后的总分排名；封顶前总分见汇总表“封顶前总分”列。`);
  for (const f of invalid) lines.push(`未通过校验（未参加排名）：${f.file}`, ...f.errors.map((e) => `  - ${issueLine(e)}`));
  for (const f of broken) lines.push(`无法读取（未参加排名）：${f.file}`, ...f.errors.map((e) => `  - ${e.message}`));
  lines.push(`已写出汇总：${summaryPath}`);
  return lines.join('\n');
}

/** A one-line progress bar, redrawn in place: [██████░░░░] 6/10 file. */
export function progressLine(done: number, total: number, file: string, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${file}`;
}
