/** The engine's public face: validate and score one department, purely. */
import { evaluateDepartment } from './evaluate';
import type { Profile } from './profile';
import { DEFAULT_PROFILE } from './profile';
import type { EvaluationResult, InputIssue, RawInputs } from './types';
import { validateInputs } from './validate';

export type ScoreOutcome =
  | { ok: true; result: EvaluationResult }
  | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };

/** raw cells → parse → validate → evaluate. Nothing is thrown for bad input: errors are values. */
export function scoreDepartment(raw: RawInputs, profile: Profile = DEFAULT_PROFILE): ScoreOutcome {
  const validated = validateInputs(raw);
  if (!validated.ok) return validated;
  return { ok: true, result: evaluateDepartment(validated.inputs, profile, validated.warnings) };
}

export { DEFAULT_PROFILE };
export { quoteInput, rawInputsFromJson } from './parse';
export type { Profile };
export * from './types';
