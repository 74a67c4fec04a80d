/**
 * Properties of one evaluation, over valid departments and edited profiles: each score within
 * [0, weight], rounded half-up to 分 from its exact value, summed into the total, graded by the
 * profile's lines, and the same every time. The five properties draw the same sample (one seed), so
 * each department is evaluated once and every property checks it.
 */
import { createHash } from 'crypto';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'util';
import { scoreDepartment, type EvaluationResult } from '../../src/engine';
import { DEFAULT_PROFILE, type IndicatorDef, type Profile } from '../../src/engine/profile';
import { profileProblems } from '../../src/engine/profileCheck';
import { anyProfile, department, type DepartmentValues } from '../support/arbitraries';
import { SEED as NANCHANG } from '../support/seed';
import { centsToNumber, cmp, exact, exactEvaluation, frac, isHalfCent, mul, type ExactResult } from './exactScores';
import { RUNS, SEED } from './settings';

const sample = fc.tuple(department(), anyProfile());

interface Evaluated {
  result: EvaluationResult;
  /** The independent exact reading of the same case (exactScores.ts). */
  want: ExactResult;
}
const evaluated = new Map<string, Evaluated>();
/** The engine's result and the exact reading for a case, computed once (a shrinking run may ask for new ones). */
function evaluate(values: DepartmentValues, profile: Profile): Evaluated {
  const key = createHash('sha1').update(JSON.stringify([values, profile])).digest('base64');
  const cached = evaluated.get(key);
  if (cached) return cached;
  const out = scoreDepartment({ values }, profile);
  if (!out.ok) throw new Error(`a generated department failed validation: ${JSON.stringify(out.errors)}`);
  const fresh = { result: out.result, want: exactEvaluation(values, profile) };
  evaluated.set(key, fresh);
  return fresh;
}

const forEveryEvaluation = (check: (values: DepartmentValues, profile: Profile, result: EvaluationResult, want: ExactResult) => void) =>
  fc.assert(
    fc.property(sample, ([values, profile]) => {
      const { result, want } = evaluate(values, profile);
      check(values, profile, result, want);
    }),
    { numRuns: RUNS, seed: SEED },
  );

/**
 * `assertion` (a jest expect, for its message) only when `ok` is false: ten thousand cases × 18
 * indicators through expect() alone would take most of a minute.
 */
function holds(ok: boolean, assertion: () => void): void {
  if (ok) return;
  assertion();
  throw new Error('the check failed but its assertion passed');
}

/** 分 in a JSON number with at most two decimals, else null. */
function centsOf(x: number): bigint | null {
  const c = mul(exact(x), frac(100n));
  return c.d === 1n ? c.n : null;
}

describe('every evaluation of a valid department', () => {
  afterAll(() => evaluated.clear());

  test('every indicator scores within [0, weight]', () => {
    forEveryEvaluation((_v, _profile, r) => {
      r.indicators.forEach((ind) => {
        holds(ind.score <= ind.weight, () => expect({ id: ind.id, score: ind.score }).toEqual({ id: ind.id, score: `≤ ${ind.weight}` }));
        holds(ind.score >= 0 && !Object.is(ind.score, -0), () => expect({ id: ind.id, score: ind.score }).toEqual({ id: ind.id, score: '≥ 0' }));
      });
    });
  });

  test('every score has at most two decimals and is the exact score rounded half-up, as Excel ROUND(x, 2)', () => {
    let halfCents = 0;
    forEveryEvaluation((_v, _profile, r, want) => {
      r.indicators.forEach((ind) => {
        const cents = centsOf(ind.score);
        holds(cents === want.cents[ind.id], () => expect({ id: ind.id, cents }).toEqual({ id: ind.id, cents: want.cents[ind.id] }));
        // The printed number is the plain two-decimal figure (1.65, never 1.6500000000000001 or −0).
        const plain = Object.is(ind.score, centsToNumber(want.cents[ind.id]));
        holds(plain, () => expect({ id: ind.id, score: ind.score }).toEqual({ id: ind.id, score: centsToNumber(want.cents[ind.id]) }));
        if (isHalfCent(want.exact[ind.id])) halfCents++;
      });
    });
    // The sample must reach the edge this property is about: exact scores such as 0.325.
    expect(halfCents).toBeGreaterThan(50);
  });

  test("the total is the sum of the rounded scores (or, where the profile's execution-rate cap bites, its max cut to 分, the sum kept as uncapped_total)", () => {
    let capped = 0;
    forEveryEvaluation((_v, _p, r, want) => {
      const sum = r.indicators.reduce((a, ind) => a + (centsOf(ind.score) as bigint), 0n);
      if (want.cap === null) {
        holds(Object.is(r.total, centsToNumber(sum)) && r.cap === undefined, () => expect({ total: r.total, cap: r.cap }).toEqual({ total: centsToNumber(sum), cap: undefined }));
        return;
      }
      capped++;
      const cap = { rate: r.metrics.budget_execution_rate, max: want.cap.max, uncapped_total: centsToNumber(sum) };
      const ok = Object.is(r.total, centsToNumber(want.totalCents)) && isDeepStrictEqual(r.cap, cap);
      holds(ok, () => expect({ total: r.total, cap: r.cap }).toEqual({ total: centsToNumber(want.totalCents), cap }));
    });
    expect(capped).toBeGreaterThan(100);
  });

  test("the grade is the highest whose line the total reaches (the profile's lines), else 差", () => {
    forEveryEvaluation((_v, profile, r) => {
      const reaches = (line: number) => cmp(exact(r.total), exact(line)) >= 0;
      const { 优, 良, 中 } = profile.grades;
      const grade = reaches(优) ? '优' : reaches(良) ? '良' : reaches(中) ? '中' : '差';
      holds(r.grade === grade, () => expect({ total: r.total, grade: r.grade }).toEqual({ total: r.total, grade }));
    });
  });

  test('evaluation is deterministic: the same input, evaluated again later from a copy, gives a deep-equal result and is not changed', () => {
    forEveryEvaluation((values, profile, first) => {
      const before = JSON.stringify([values, profile]);
      const again = scoreDepartment({ values: JSON.parse(JSON.stringify(values)) }, JSON.parse(JSON.stringify(profile)));
      holds(isDeepStrictEqual(again, { ok: true, result: first }), () => expect(again).toEqual({ ok: true, result: first }));
      // Nothing the engine was given is changed (values and profile are plain data: JSON says it all).
      holds(JSON.stringify([values, profile]) === before, () => expect(JSON.parse(JSON.stringify([values, profile]))).toEqual(JSON.parse(before)));
    });
  });
});

describe('a rate below 0 under a lower bound floors at 0 (found by the [0, weight] property)', () => {
  // 三公经费变动率 with 下限 1% and 上限 10% (the default has only 上限 0%), budget 0 against last year's
  // 1 万元: rate −100%, score 5 × −100% ÷ 1% = −500.
  const profile: Profile = {
    ...DEFAULT_PROFILE,
    indicators: DEFAULT_PROFILE.indicators.map((d) => (d.id === 'sangong_change' ? { ...d, rule: { ...d.rule, lower: 0.01, upper: 0.1 } as IndicatorDef['rule'] } : d)),
  };
  const values: DepartmentValues = { ...(NANCHANG as DepartmentValues), sangong_budget_prev: 1, sangong_budget: 0, sangong_actual: 0 };
  const scored = () => scoreDepartment({ values }, profile);

  test('the case is a valid department under a profile profileCheck accepts', () => {
    expect(profileProblems(profile).errors).toEqual([]);
    expect(scored().ok).toBe(true);
  });

  test('三公经费变动率 with a 下限 and a rate of −100% scores 0, and says why', () => {
    const out = scored();
    const ind = out.ok ? out.result.indicators.find((i) => i.id === 'sangong_change') : undefined;
    expect(ind?.score).toBe(0);
    expect(Object.is(ind?.score, -0)).toBe(false);
    expect(ind?.reason).toBe('变动率-100.00%，低于1%，得分=5×-100.00%÷1%=0（不足0分按0分计）');
  });
});
