/**
 * The batch summary workbook (汇总): one row per department, ranked by total, with each
 * indicator's score and the problem codes; the grade counts; and the files that failed validation.
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
  errors: InputIssue[];
}

export interface RankedDepartment extends ScoredFile {
  /** 1-based; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
}

/** Highest total first; ties keep the order the files were given and share a rank. */
export function rankDepartments(scored: ScoredFile[]): RankedDepartment[] {
  const sorted = scored.map((s, i) => ({ s, i })).sort((a, b) => b.s.result.total - a.s.result.total || a.i - b.i);
  const ranked: RankedDepartment[] = [];
  sorted.forEach(({ s }, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...s, rank: prev && prev.result.total === s.result.total ? prev.rank : i + 1 });
  });
  return ranked;
}

export function gradeCounts(scored: ScoredFile[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { 优: 0, 良: 0, 中: 0, 差: 0 };
  for (const s of scored) counts[s.result.grade]++;
  return counts;
}

export function summarySheetPlan(ranked: RankedDepartment[], profile: Profile, failedCount: number): SheetPlan {
  const indicators = profile.indicators;
  const fixed = ['排名', '单位名称', '评价年度', '总分', '等级'];
  const widths = [6, 30, 9, 9, 7, ...indicators.map(() => 9), 40, 30];
  const b = new PlanBuilder(SHEET_SUMMARY, widths);
  const last = widths.length;
  b.merged(1, 1, last, `部门整体支出绩效自评汇总（${ranked.length}个部门）`, 'title').height(1, 28);
  const counts = gradeCounts(ranked);
  b.merged(
    2,
    1,
    last,
    `评价等级：优 ${counts.优} 个，良 ${counts.良} 个，中 ${counts.中} 个，差 ${counts.差} 个` +
      (failedCount ? `；另有 ${failedCount} 个文件未通过校验，见工作表“${SHEET_FAILED}”` : '') +
      '。按总分从高到低排列，总分相同者名次相同。',
    'subtitle',
  );
  fixed.forEach((h, i) => b.set(3, i + 1, h, 'header'));
  indicators.forEach((ind, i) => b.set(3, fixed.length + 1 + i, `${ind.name}（${ind.weight}）`, 'header'));
  b.set(3, last - 1, '问题代码', 'header').set(3, last, '文件', 'header');
  b.height(3, 60);

  ranked.forEach((d, i) => {
    const row = 4 + i;
    const r = d.result;
    b.set(row, 1, d.rank, 'number').set(row, 2, r.department, 'text').set(row, 3, r.year, 'number', '0');
    b.set(row, 4, r.total, 'totalNumber', '0.00').set(row, 5, r.grade, 'center');
    indicators.forEach((ind, j) => {
      const score = r.indicators.find((x) => x.id === ind.id)?.score ?? null;
      b.set(row, fixed.length + 1 + j, score, score !== null && score < ind.weight ? 'scoreLost' : 'scoreFull', '0.00');
    });
    const codes = r.flags.map((f) => f.code).join('、');
    b.set(row, last - 1, codes, 'text');
    b.set(row, last, d.file, 'note');
    b.height(row, fitRowHeight([{ text: codes, width: widths[last - 2] }, { text: d.file, width: widths[last - 1] }]));
  });

  const countsRow = 4 + ranked.length + 1;
  b.merged(countsRow, 1, 5, '等级分布', 'section');
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
  b.merged(1, 1, 4, `未通过校验的文件（${failed.length}个）`, 'title').height(1, 28);
  b.merged(2, 1, 4, '这些文件没有参加排名。请按错误逐项修改后重新汇总。', 'subtitle');
  ['文件', '字段', '单元格', '错误'].forEach((h, i) => b.set(3, i + 1, h, 'header'));
  let row = 4;
  for (const f of failed) {
    for (const e of f.errors) {
      b.set(row, 1, f.file, 'note').set(row, 2, e.field, 'text').set(row, 3, e.cell ?? '—', 'center').set(row, 4, e.message, 'text');
      b.height(row, fitRowHeight([{ text: f.file, width: widths[0] }, { text: e.message, width: widths[3] }]));
      row++;
    }
  }
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3] };
  b.plan.tabColor = 'C00000';
  return b.plan;
}
