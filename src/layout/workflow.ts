/**
 * The one workflow both adapters run: grids read from a workbook → profile (from 指标体系 or
 * given) → validate → evaluate → output plans. Pure; adapters only read grids and write plans.
 */
import { scoreDepartment, type ScoreOutcome } from '../engine';
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { EvaluationResult, InputIssue, RawInputs } from '../engine/types';
import type { Grid } from './grid';
import { issueSheetPlan, scoreSheetPlan } from './output';
import { SHEET_DATA, type SheetPlan } from './plan';
import { readProfileSheet } from './profileSheet';
import { readDataSheet } from './template';

export interface WorkbookSources {
  data: Grid | null;
  profile: Grid | null;
  /** Defined names that point into 基础数据表: field id → cell. */
  names: Map<string, { row: number; col: number }>;
}

export type WorkflowOutcome =
  | { ok: true; result: EvaluationResult; profile: Profile; raw: RawInputs }
  | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };

/** Which profile scores the workbook: an explicit one, else its 指标体系 sheet, else the default. */
export function profileFor(sources: WorkbookSources, explicit?: Profile): { profile: Profile; errors: InputIssue[]; warnings: InputIssue[] } {
  if (explicit) return { profile: explicit, errors: [], warnings: [] };
  if (!sources.profile) return { profile: DEFAULT_PROFILE, errors: [], warnings: [] };
  return readProfileSheet(sources.profile, DEFAULT_PROFILE);
}

export function scoreWorkbookSources(sources: WorkbookSources, explicit?: Profile): WorkflowOutcome {
  if (!sources.data) {
    return {
      ok: false,
      errors: [{ field: 'sheet', cell: null, message: `找不到工作表“${SHEET_DATA}”。请先插入标准模板并填写。` }],
      warnings: [],
    };
  }
  const raw = readDataSheet(sources.data, sources.names);
  const p = profileFor(sources, explicit);
  return finish(scoreDepartment(raw, p.profile), p, raw);
}

/** Merges profile issues with input issues: any error at all means nothing is scored. */
export function finish(
  outcome: ScoreOutcome,
  p: { profile: Profile; errors: InputIssue[]; warnings: InputIssue[] },
  raw: RawInputs,
): WorkflowOutcome {
  if (!outcome.ok || p.errors.length > 0) {
    return {
      ok: false,
      errors: [...(outcome.ok ? [] : outcome.errors), ...p.errors],
      warnings: [...(outcome.ok ? outcome.result.warnings : outcome.warnings), ...p.warnings],
    };
  }
  const result = { ...outcome.result, warnings: [...outcome.result.warnings, ...p.warnings] };
  return { ok: true, result, profile: p.profile, raw };
}

export function outputPlans(result: EvaluationResult, profile: Profile): SheetPlan[] {
  return [scoreSheetPlan(result, profile.grades), issueSheetPlan(result)];
}
