/**
 * The one workflow both adapters run: grids read from a workbook → profile (from 指标体系 or
 * given) → validate → evaluate → output plans. Pure; adapters only read grids and write plans.
 */
import { scoreDepartment, type ScoreOutcome } from '../engine';
import type { Profile } from '../engine/profile';
import { draftReport, type ReportDraft } from '../engine/report';
import type { EvaluationResult, InputIssue, RawInputs } from '../engine/types';
import { issueSheetPlan, scoreSheetPlan } from './output';
import { SHEET_DATA, type SheetPlan } from './plan';
import { inputFingerprint, stampPlan } from './provenance';
import { reportSheetPlan } from './reportSheet';
import { profileFor, type WorkbookSources } from './sources';
import { readDataSheet } from './template';

export { profileFor, type WorkbookSources };


export interface ScoredOutcome {
  ok: true;
  result: EvaluationResult;
  profile: Profile;
  raw: RawInputs;
}

export type WorkflowOutcome = ScoredOutcome | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };


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

/** The report draft (报告草稿) of a scored department, from the inputs it was scored from. */
export function reportDraft(outcome: Pick<ScoredOutcome, 'result' | 'profile' | 'raw'>): ReportDraft {
  return draftReport({ result: outcome.result, values: outcome.raw.values, profile: outcome.profile });
}

/**
 * The sheets a score writes — 评分表, 问题清单 and 报告草稿 — each stamped with its provenance. A caller that
 * has the draft already (the CLI prints it with --json too) passes it rather than drafting twice.
 */
export function outputPlans(
  result: EvaluationResult,
  profile: Profile,
  raw: RawInputs,
  draft: ReportDraft = reportDraft({ result, profile, raw }),
): SheetPlan[] {
  const plans = [scoreSheetPlan(result, profile.grades, profile.executionCap), issueSheetPlan(result), reportSheetPlan(draft)];
  // Each sheet carries its provenance line (layout/provenance.ts): what it was scored from, and a
  // fingerprint of what was written, so either adapter can tell later edits and stale inputs.
  const stamp = { profileName: profile.name, inputFingerprint: inputFingerprint(raw, profile) };
  return plans.map((plan) => stampPlan(plan, stamp));
}
