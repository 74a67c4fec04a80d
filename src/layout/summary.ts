/**
 * The batch summary workbook (汇总): one row per department, ranked by total (the capped one where
 * the execution-rate cap bit, the total before it beside), with each indicator's score, the problem
 * codes and a note on departments that appear twice (same name and year); the grade counts; and
 * the files that failed validation or could not be read.
 */
import type { Profile } from '../engine/profile';
import type { EvaluationResult, Grade, InputIssue } from '../engine/types';
import { PlanBuilder, SHEET_FAILED, SHEET_SUMMARY, fitRowHeight, type SheetPlan } from './plan';

export interface ScoredFile {
  file: string;
  result: EvaluationResult;
}

export interface FailedFile {
  file: string;
  /** `invalid`: its content failed validation; `unreadable`: the file itself could not be read. */
  reason: 'invalid' | 'unreadable';
  errors: InputIssue[];
}

/** The field of an issue about a whole file (it could not be read), not one of its cells. */
export const FILE_FIELD = 'file';

export interface RankedDepartment extends ScoredFile {
  /** 1-based; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  /** The other files holding a department of the same name and year (usually a copy scored twice). */
  duplicateOf: string[];
}

const departmentKey = (r: EvaluationResult) => `${String(r.department).trim()}\u0000${r.year}`;

/** Highest total first; ties keep the order the files were given and share a rank. */
export function rankDepartments(scored: ScoredFile[]): RankedDepartment[] {
  const byKey = new Map<string, string[]>();
  for (const s of scored) byKey.set(departmentKey(s.result), [...(byKey.get(departmentKey(s.result)) ?? []), s.file]);
  const sorted = scored.map((s, i) => ({ s, i })).sort((a, b) => b.s.result.total - a.s.result.total || a.i - b.i);
  const ranked: RankedDepartment[] = [];
  sorted.forEach(({ s }, i) => {
    const prev = ranked[i - 1];
    const duplicateOf = (byKey.get(departmentKey(s.result)) ?? []).filter((f) => f !== s.file);
    ranked.push({ ...s, rank: prev && prev.result.total === s.result.total ? prev.rank : i + 1, duplicateOf });
  });
  return ranked;
}

/** The note on a department that appears more than once: “重复：与 甲.json 同名同年度”. */
export function duplicateNote(d: RankedDepartment): string {
  return d.duplicateOf.length ? `重复：与 ${d.duplicateOf.join('、')} 同名同年度` : '';
}

export function gradeCounts(scored: ScoredFile[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const s of scored) counts[s.result.grade]++;
  return counts;
}

/** How many departments' totals the execution-rate cap lowered (their 总分 is the capped one). */
export const cappedCount = (scored: ScoredFile[]) => scored.filter((s) => s.result.cap).length;

export function summarySheetPlan(ranked: RankedDepartment[], profile: Profile, failedCount: number): SheetPlan {
  const indicators = profile.indicators;
  // 封顶前总分 only when a cap bit somewhere: a summary without one stays as it always was.
  const capped = cappedCount(ranked);
  const fixed = ['排名', '单位名称', '评价年度', '总分', ...(capped ? ['封顶前总分'] : []), '等级'];
  const fixedWidths = [6, 30, 9, 9, ...(capped ? [11] : []), 7];
  const widths = [...fixedWidths, ...indicators.map(() => 9), 40, 30, 30];
  const b = new PlanBuilder(SHEET_SUMMARY, widths);
  const last = widths.length;
  const codesCol = last - 2;
  const fileCol = last - 1;
  const duplicates = ranked.filter((d) => d.duplicateOf.length).length;
  b.merged(1, 1, last, `部门整体支出绩效自评汇总（${ranked.length}个部门）`, 'title').height(1, 28);
  const counts = gradeCounts(ranked);
  b.merged(
    2,
    1,
    last,
    `评价等级：优 ${counts.优} 个，良 ${counts.良} 个，中 ${counts.中} 个，差 ${counts.差} 个` +
      (failedCount ? `；另有 ${failedCount} 个文件未通过校验或无法读取，见工作表“${SHEET_FAILED}”` : '') +
      (duplicates ? `；有 ${duplicates} 行的单位名称和年度与其他行相同，见“备注”列` : '') +
      (capped ? `；有 ${capped} 个部门的总分按预算执行率封顶规则降低，“总分”为封顶后的总分，封顶前的见“封顶前总分”列` : '') +
      '。按总分从高到低排列，总分相同者名次相同。',
    'subtitle',
  );
  fixed.forEach((h, i) => b.set(3, i + 1, h, 'header'));
  indicators.forEach((ind, i) => b.set(3, fixed.length + 1 + i, `${ind.name}（${ind.weight}）`, 'header'));
  b.set(3, codesCol, '问题代码', 'header').set(3, fileCol, '文件', 'header').set(3, last, '备注', 'header');
  b.height(3, 60);

  ranked.forEach((d, i) => {
    const row = 4 + i;
    const r = d.result;
    b.set(row, 1, d.rank, 'number').set(row, 2, r.department, 'text').set(row, 3, r.year, 'number', '0');
    b.set(row, 4, r.total, 'totalNumber', '0.00');
    if (capped) b.set(row, 5, r.cap?.uncapped_total ?? null, 'number', '0.00');
    b.set(row, fixed.length, r.grade, 'center');
    indicators.forEach((ind, j) => {
      const score = r.indicators.find((x) => x.id === ind.id)?.score ?? null;
      b.set(row, fixed.length + 1 + j, score, score !== null && score < ind.weight ? 'scoreLost' : 'scoreFull', '0.00');
    });
    const codes = r.flags.map((f) => f.code).join('、');
    const note = duplicateNote(d);
    b.set(row, codesCol, codes, 'text');
    b.set(row, fileCol, d.file, 'note');
    b.set(row, last, note, note ? 'flagged' : 'text');
    b.height(
      row,
      fitRowHeight([
        { text: codes, width: widths[codesCol - 1] },
        { text: d.file, width: widths[fileCol - 1] },
        { text: note, width: widths[last - 1] },
      ]),
    );
  });

  const countsRow = 4 + ranked.length + 1;
  b.merged(countsRow, 1, fixed.length, '等级分布', 'section');
  (['优', '良', '中', '差'] as const).forEach((g, i) => {
    b.set(countsRow + 1 + i, 1, g, 'center');
    b.merged(countsRow + 1 + i, 2, 3, `${counts[g]} 个`, 'number');
  });
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3] };
  b.plan.tabColor = '4472C4';
  return b.plan;
}

export function failedSheetPlan(failed: FailedFile[]): SheetPlan {
  const widths = [40, 28, 20, 70];
  const b = new PlanBuilder(SHEET_FAILED, widths);
  b.merged(1, 1, 4, `未参加排名的文件（${failed.length}个）`, 'title').height(1, 28);
  b.merged(2, 1, 4, '这些文件没有参加排名：未通过校验的，请按错误逐项修改；无法读取的，请按提示处理文件本身。改好后重新汇总。', 'subtitle').height(2, 32);
  ['文件', '字段', '单元格', '错误'].forEach((h, i) => b.set(3, i + 1, h, 'header'));
  let row = 4;
  for (const f of failed) {
    for (const e of f.errors) {
      const field = e.field === FILE_FIELD ? '（无法读取）' : e.field;
      b.set(row, 1, f.file, 'note').set(row, 2, field, 'text').set(row, 3, e.cell ?? '—', 'center').set(row, 4, e.message, 'text');
      b.height(row, fitRowHeight([{ text: f.file, width: widths[0] }, { text: e.message, width: widths[3] }]));
      row++;
    }
  }
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3] };
  b.plan.tabColor = 'C00000';
  return b.plan;
}
