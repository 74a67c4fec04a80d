/**
 * `batch`: scores every workbook and JSON file given (folders searched for *.xlsx and *.json),
 * ranks the departments and writes one summary workbook. A file that fails validation, or cannot
 * be read, is listed with its errors; the others are still scored.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { InputIssue } from '../engine/types';
import { failedSheetPlan, gradeCounts, rankDepartments, summarySheetPlan, type FailedFile, type ScoredFile } from '../layout/summary';
import { newWorkbook, renderPlan } from '../xlsx/workbook';

/** Files to score: the files given, and every *.xlsx / *.json under the folders given, sorted. */
export async function collectInputs(targets: string[], exclude: string[]): Promise<string[]> {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const found: string[] = [];
  const wanted = (name: string) => /\.(xlsx|json)$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.');
  async function walk(dir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && wanted(e.name)) found.push(p);
    }
  }
  for (const t of targets) {
    const stat = await fs.stat(t);
    if (stat.isDirectory()) await walk(t);
    else found.push(t);
  }
  return [...new Set(found.map((p) => path.resolve(p)))].filter((p) => !skip.has(p)).map(displayPath);
}

/** Inside the working folder a relative path, elsewhere the full one (never ../../). */
function displayPath(absolute: string): string {
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
) => Promise<{ ok: true; scored: ScoredFile; profile: Profile } | { ok: false; errors: InputIssue[] } | { ok: 'skip' }>;

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
    } else failed.push({ file, errors: out.errors });
  }
  progress(files.length, '');
  return { scored, failed, skipped, profile };
}

export function summaryWorkbook(batch: BatchResult) {
  const wb = newWorkbook();
  renderPlan(wb, summarySheetPlan(rankDepartments(batch.scored), batch.profile, batch.failed.length));
  if (batch.failed.length) renderPlan(wb, failedSheetPlan(batch.failed));
  return wb;
}

export function summaryJson(batch: BatchResult) {
  return {
    departments: rankDepartments(batch.scored).map((d) => ({
      rank: d.rank,
      file: d.file,
      department: d.result.department,
      year: d.result.year,
      total: d.result.total,
      grade: d.result.grade,
      scores: Object.fromEntries(d.result.indicators.map((i) => [i.id, i.score])),
      flags: d.result.flags.map((f) => f.code),
    })),
    grades: gradeCounts(batch.scored),
    failed: batch.failed,
    skipped: batch.skipped,
  };
}

/** A one-line progress bar, redrawn in place: [██████░░░░] 6/10 file. */
export function progressLine(done: number, total: number, file: string, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${file}`;
}
