/**
 * The generators of tests/support/arbitraries.ts keep their promise: every department they make
 * passes validation, every profile passes profileCheck (and so could have been typed on 指标体系).
 */
import fc from 'fast-check';
import { profileProblems } from '../../src/engine/profileCheck';
import { validateInputs } from '../../src/engine/validate';
import { department, profile } from '../support/arbitraries';
import { RUNS, SEED } from './settings';

describe('the generators', () => {
  test('every generated department passes validation, blank optional fields and all', () => {
    const blanks = new Set<string>();
    fc.assert(
      fc.property(department(), (values) => {
        const out = validateInputs({ values });
        if (!out.ok) expect(out.errors).toEqual([]);
        for (const id of ['budget_adjusted_total', 'actual_total', 'key_project_budget', 'payment_actual_pct']) if (!(id in values)) blanks.add(id);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(blanks.size).toBe(4);
  });

  test('every generated profile passes profileCheck', () => {
    fc.assert(
      fc.property(profile(), (p) => {
        const { errors } = profileProblems(p);
        if (errors.length > 0) expect(errors).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
