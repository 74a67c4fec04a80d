/**
 * A second, independent reading of scoring-rules.md, to check the engine against: every figure an
 * exact fraction of BigInts (no decimal library, no division before the end), each score rounded
 * half-up to 分 as Excel's ROUND does. It takes the profile's data (weights, bounds, formulas' field
 * lists) but none of the engine's code.
 */
import { DEFAULT_PROFILE, type IndicatorDef, type Profile } from '../../src/engine/profile';
import type { DepartmentValues } from '../support/arbitraries';

/** n / d with d > 0. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const norm = (n: bigint, d: bigint): Fraction => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
export const frac = (n: bigint, d = 1n): Fraction => norm(n, d);
const ZERO = frac(0n);
const ONE = frac(1n);
const HUNDRED = frac(100n);
export const add = (a: Fraction, b: Fraction) => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction) => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction) => norm(a.n * b.n, a.d * b.d);
export const div = (a: Fraction, b: Fraction) => norm(a.n * b.d, a.d * b.n);
export const cmp = (a: Fraction, b: Fraction): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const isZero = (a: Fraction) => a.n === 0n;
/** The largest integer ≤ a. */
const floor = (a: Fraction): bigint => (a.n >= 0n ? a.n / a.d : -((-a.n + a.d - 1n) / a.d));
const max0 = (a: Fraction) => (a.n < 0n ? ZERO : a);

/** A number as the decimal it is written as (Excel's 15 digits, then the shortest spelling). */
export function exact(x: number): Fraction {
  const s = String(Number(x.toPrecision(15)));
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) throw new Error(`not a number: ${s}`);
  const digits = BigInt(m[2] + (m[3] ?? ''));
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const signed = m[1] ? -digits : digits;
  return exp >= 0 ? frac(signed * 10n ** BigInt(exp)) : frac(signed, 10n ** BigInt(-exp));
}

/** Half-up (away from zero) to whole 分: the score in 分 as a BigInt. */
export function roundToCents(a: Fraction): bigint {
  const c = mul(a, HUNDRED);
  const neg = c.n < 0n;
  const abs = neg ? -c.n : c.n;
  const whole = (2n * abs + c.d) / (2n * c.d);
  return neg ? -whole : whole;
}

/** The inputs with the template's defaults applied, as fractions; 是 → true. */
export interface ExactInputs {
  num: Record<string, Fraction>;
  yes: Record<string, boolean>;
}

export function exactInputs(v: DepartmentValues): ExactInputs {
  const num: Record<string, Fraction> = {};
  const yes: Record<string, boolean> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'number') num[k] = exact(x);
    else if (x === '是' || x === '否') yes[k] = x === '是';
  }
  num.adjustment_excluded ??= ZERO;
  num.evaluated_project_funds ??= ZERO;
  num.key_project_budget ??= num.budget_adjusted_project;
  num.payment_planned_pct ??= ONE;
  if (!num.payment_actual_pct) {
    // template.md: blank → 预算完成率, actual total ÷ adjusted total (100% when nothing was budgeted).
    const adjusted = add(num.budget_adjusted_basic, num.budget_adjusted_project);
    num.payment_actual_pct = isZero(adjusted) ? ONE : div(add(num.actual_basic, num.actual_project), adjusted);
  }
  return { num, yes };
}

const total = (ids: string[] | undefined, inp: ExactInputs) => (ids ?? []).reduce((a, id) => add(a, inp.num[id]), ZERO);

/** An indicator's rate, or null for a checklist or a zero denominator. */
export function exactRate(def: IndicatorDef, inp: ExactInputs): Fraction | null {
  const f = def.rate;
  if (!f) return null;
  const numerator = sub(total(f.numerator, inp), total(f.numeratorMinus, inp));
  if (!f.denominator) return numerator;
  const den = total(f.denominator, inp);
  return isZero(den) ? null : div(numerator, den);
}

/** The exact (unrounded) score of one indicator, by the rules of scoring-rules.md. */
export function exactScore(def: IndicatorDef, inp: ExactInputs): Fraction {
  const w = exact(def.weight);
  const rule = def.rule;
  if (rule.kind === 'checklist') {
    return rule.items.reduce((a, it) => (inp.yes[it.field] ? add(a, exact(it.points)) : a), ZERO);
  }
  const r = exactRate(def, inp);
  if (r === null) {
    // 分母为0: full marks, unless the policy wants a zero numerator too.
    if (rule.ifBaseZero !== 'full_if_zero_numerator') return w;
    const f = def.rate;
    return isZero(total(f?.zeroNumerator ?? f?.numerator, inp)) ? w : ZERO;
  }
  if (rule.kind === 'tiers') {
    const sorted = [...rule.tiers].sort((a, b) => b.min - a.min);
    const tier = sorted.find((t) => cmp(r, exact(t.min)) >= 0);
    return tier ? mul(w, exact(tier.share)) : ZERO;
  }
  const L = rule.lower === undefined ? null : exact(rule.lower);
  const U = rule.upper === undefined ? null : exact(rule.upper);
  if (L && cmp(r, L) < 0) {
    if (rule.mode === 'steps') {
      const per = exact(rule.per ?? 10);
      const steps = floor(div(mul(sub(L, r), HUNDRED), per));
      return max0(sub(w, mul(exact(rule.stepBelow ?? 1), frac(steps))));
    }
    // A 0% lower bound only a negative rate falls below, and there is no proportion of 0 to take:
    // the engine documents this as no deduction; scoring-rules.md is silent.
    if (isZero(L)) return w;
    // Scores never go below 0 (a negative rate, 三公经费变动率 under a lower bound, floors there).
    return max0(div(mul(w, r), L));
  }
  if (U && cmp(r, U) > 0) {
    return max0(sub(w, mul(mul(exact(rule.stepAbove ?? 0), sub(r, U)), HUNDRED)));
  }
  return w;
}

export interface ExactResult {
  /** Each indicator's exact score, by id. */
  exact: Record<string, Fraction>;
  /** Each indicator's score rounded to 分, by id. */
  cents: Record<string, bigint>;
  /** The sum of the rounded scores. */
  sumCents: bigint;
  /** The execution-rate cap row that lowered the total, if one did. */
  cap: { below: number; max: number } | null;
  /** The total: the sum, or the cap's max cut (not rounded) to 分 when the cap lowers it. */
  totalCents: bigint;
  grade: '优' | '良' | '中' | '差';
}

export function exactEvaluation(values: DepartmentValues, profile: Profile = DEFAULT_PROFILE): ExactResult {
  const inp = exactInputs(values);
  const exactScores: Record<string, Fraction> = {};
  const cents: Record<string, bigint> = {};
  let sumCents = 0n;
  for (const def of profile.indicators) {
    exactScores[def.id] = exactScore(def, inp);
    cents[def.id] = roundToCents(exactScores[def.id]);
    sumCents += cents[def.id];
  }
  // report.md's cap: the first row whose `below` the overall execution rate is under, if the sum passes its max.
  const adjusted = add(inp.num.budget_adjusted_basic, inp.num.budget_adjusted_project);
  const rate = isZero(adjusted) ? null : div(add(inp.num.actual_basic, inp.num.actual_project), adjusted);
  const row = rate ? (profile.executionCap ?? []).find((r) => cmp(rate, exact(r.below)) < 0) : undefined;
  const capped = row !== undefined && cmp(frac(sumCents, 100n), exact(row.max)) > 0;
  const totalCents = capped ? floor(mul(exact(row.max), HUNDRED)) : sumCents;
  const t = frac(totalCents, 100n);
  const reaches = (line: number) => cmp(t, exact(line)) >= 0;
  const grade = reaches(profile.grades.优) ? '优' : reaches(profile.grades.良) ? '良' : reaches(profile.grades.中) ? '中' : '差';
  return { exact: exactScores, cents, sumCents, cap: capped ? row : null, totalCents, grade };
}

/** A score in 分 as the JSON number the engine should print (1.65, not 1.6500000000000001). */
export const centsToNumber = (c: bigint): number => Number(c) / 100;

/** True when the exact value lies exactly halfway between two 分 (the case ROUND rounds up). */
export const isHalfCent = (a: Fraction): boolean => {
  const c = mul(a, frac(1000n));
  return c.d === 1n && c.n % 10n === 5n;
};
