/**
 * Moving one rate, everything else fixed: raising a completion rate (its numerator up, its
 * denominator fixed) never lowers the indicator's score while the rate stays within any upper
 * bound; raising a rate that is already at or above its upper bound never raises the score.
 * Each case scores the department twice under a profile holding just the indicator concerned (an
 * indicator's score depends on its rule and the inputs alone; the other seventeen would only cost
 * time), after full validation.
 */
import fc from 'fast-check';
import { scoreDepartment } from '../../src/engine';
import { DEFAULT_PROFILE, type IndicatorDef } from '../../src/engine/profile';
import { EDGE_RATIOS_BP, MAX_AMOUNT_CENTS, department, editedIndicator, type DepartmentValues } from '../support/arbitraries';
import { add, cmp, exact, exactInputs, exactRate, frac, mul, type Fraction } from './exactScores';
import { RUNS, SEED } from './settings';

type Unit = 'count' | 'amount' | 'percent';
/** A field's value in whole units (人/个, 分, 0.01 of a percent) and back. */
const SCALE: Record<Unit, number> = { count: 1, amount: 100, percent: 10_000 };

interface Lever {
  /** The indicator whose rate the field is the numerator of. */
  indicator: string;
  field: string;
  unit: Unit;
  /** The field it may not exceed (a “其中” its total, 重点项目 the project budget). */
  capBy?: string;
}

const units = (v: DepartmentValues, id: string, unit: Unit): number => Math.round(Number(v[id] ?? 0) * SCALE[unit]);
const UNCAPPED: Record<Unit, number> = { count: 1_000_000_000, amount: MAX_AMOUNT_CENTS, percent: 10_000 };
const lever = (indicator: string, field: string, unit: Unit, capBy?: string): Lever => ({ indicator, field, unit, ...(capBy ? { capBy } : {}) });
/** The highest valid value of the lever's field, in units, given the rest of the department. */
const capOf = (l: Lever, v: DepartmentValues): number => (l.capBy ? units(v, l.capBy, l.unit) : UNCAPPED[l.unit]);

/** Every rate of the default profile and the field that raises it. */
const LEVERS: Lever[] = [
  lever('goals_initial', 'projects_initial_with_goals', 'count', 'projects_initial'),
  lever('goals_added', 'projects_added_with_goals', 'count', 'projects_added'),
  lever('staff_control', 'staff_actual', 'count'),
  lever('sangong_change', 'sangong_budget', 'amount'),
  lever('project_arrangement', 'key_project_budget', 'amount', 'budget_adjusted_project'),
  lever('basic_execution', 'actual_basic', 'amount'),
  lever('project_execution', 'actual_project', 'amount'),
  lever('payment_progress', 'payment_actual_pct', 'percent'),
  lever('public_control', 'public_actual', 'amount'),
  lever('sangong_control', 'sangong_actual', 'amount'),
  lever('procurement_execution', 'procurement_actual', 'amount'),
  lever('evaluation_coverage', 'evaluated_project_funds', 'amount', 'budget_adjusted_project'),
  lever('key_tasks', 'key_tasks_done', 'count', 'key_tasks_total'),
  lever('satisfaction', 'satisfaction_pct', 'percent'),
];

/** The department with the lever's field set to `value` units, 合计 kept consistent. */
function withField(v: DepartmentValues, l: Lever, value: number): DepartmentValues {
  const out = { ...v, [l.field]: value / SCALE[l.unit] };
  if (l.field === 'actual_basic' || l.field === 'actual_project') {
    const sum = units(out, 'actual_basic', 'amount') + units(out, 'actual_project', 'amount');
    if (out.actual_total !== undefined && sum <= MAX_AMOUNT_CENTS) out.actual_total = sum / 100;
    else delete out.actual_total;
  }
  return out;
}

/** The indicator's score for these values under a profile of just that indicator; throws on invalid values. */
function scoreOf(values: DepartmentValues, def: IndicatorDef): number {
  const out = scoreDepartment({ values }, { ...DEFAULT_PROFILE, indicators: [def] });
  if (!out.ok) throw new Error(`invalid department: ${JSON.stringify(out.errors)}`);
  return out.result.indicators[0].score;
}

/** The lever's field value (in units) at which the rate equals `bound`: bound × denominator + what is subtracted. */
function fieldAtRate(v: DepartmentValues, def: IndicatorDef, l: Lever, bound: number): Fraction | null {
  const f = def.rate;
  if (!f) return null;
  const inp = exactInputs(v);
  const den = f.denominator ? (f.denominator.map((id) => inp.num[id]).reduce(add) as Fraction) : frac(1n);
  if (den.n === 0n) return null;
  const minus = (f.numeratorMinus ?? []).map((id) => inp.num[id]).reduce(add, frac(0n));
  // Other numerator fields (none in the default profile) would add to the lever's share.
  const others = f.numerator.filter((id) => id !== l.field).map((id) => inp.num[id]).reduce(add, frac(0n));
  const at = add(mul(exact(bound), den), add(minus, mul(others, frac(-1n))));
  return mul(at, frac(BigInt(SCALE[l.unit])));
}

const ceil = (q: Fraction): number => Number(q.n >= 0n ? (q.n + q.d - 1n) / q.d : q.n / q.d);

/** Units to add: one, a few, a share of the denominator at a rule's edge, or anything. */
const step = fc.oneof(
  fc.constant(1),
  fc.integer({ min: 1, max: 100 }),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }),
);

const defaultDef = (id: string) => DEFAULT_PROFILE.indicators.find((d) => d.id === id) as IndicatorDef;

/** A case: department, lever, the lever's indicator (as in the default profile, or edited), and where the two values sit. */
const leverCase = fc.constantFrom(...LEVERS).chain((l) =>
  fc.record({
    values: department(),
    lever: fc.constant(l),
    def: fc.oneof(fc.constant(defaultDef(l.indicator)), editedIndicator(defaultDef(l.indicator)), editedIndicator(defaultDef(l.indicator))),
    startBp: fc.oneof(fc.constantFrom(...EDGE_RATIOS_BP), fc.integer({ min: 0, max: 15_000 })),
    up: step,
    past: fc.nat({ max: 1_000_000 }),
  }),
);

describe('moving one rate, everything else fixed', () => {
  test('raising a completion rate (numerator up, denominator fixed) never lowers its score while within any upper bound', () => {
    let moved = 0;
    fc.assert(
      fc.property(leverCase, ({ values, lever: l, def, startBp, up }) => {
        const cap = capOf(l, values);
        // Start where the rate is startBp (a rule's edge, often), or at 0 when there is no rate; then go up.
        const at = fieldAtRate(values, def, l, startBp / 10_000);
        if (!at && def.rate) return; // a zero denominator: no rate to raise (不涉及 is the policy's to say)
        const start = Math.min(cap, at ? Math.max(0, ceil(at)) : 0);
        const end = Math.min(cap, start + up);
        const before = withField(values, l, start);
        const after = withField(values, l, end);
        const rule = def.rule;
        if (rule.kind === 'band' && rule.upper !== undefined) {
          const rate = exactRate(def, exactInputs(after));
          if (rate && cmp(rate, exact(rule.upper)) > 0) return; // past the upper bound: the other property
        }
        const [s0, s1] = [scoreOf(before, def), scoreOf(after, def)];
        if (s1 !== s0) moved++;
        if (s1 < s0) expect({ indicator: l.indicator, [l.field]: [start, end], score: [s0, s1] }).toEqual('score not lowered');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(moved).toBeGreaterThan(RUNS / 5);
  });

  test('raising a rate at or above its upper bound never raises its score', () => {
    let above = 0;
    let moved = 0;
    fc.assert(
      fc.property(leverCase, ({ values, lever: l, def, up, past }) => {
        const rule = def.rule;
        // A profile without an upper bound here: take the default's 100% bound for this case.
        const upper = rule.kind === 'band' && rule.upper !== undefined ? rule.upper : 1;
        const bounded: IndicatorDef = rule.kind === 'band' ? { ...def, rule: { ...rule, upper, stepAbove: rule.stepAbove ?? 0.5, lower: rule.lower !== undefined && rule.lower > upper ? upper : rule.lower } } : def;
        if (bounded.rule.kind !== 'band') return; // tiers and checklists have no upper bound
        const at = fieldAtRate(values, bounded, l, upper);
        const cap = capOf(l, values);
        if (!at || ceil(at) > cap) return; // no rate, or the bound is out of this field's reach
        const start = Math.min(cap, Math.max(0, ceil(at)) + past);
        const end = Math.min(cap, start + up);
        above++;
        const [s0, s1] = [scoreOf(withField(values, l, start), bounded), scoreOf(withField(values, l, end), bounded)];
        if (s1 !== s0) moved++;
        if (s1 > s0) expect({ indicator: l.indicator, [l.field]: [start, end], score: [s0, s1] }).toEqual('score not raised');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(above).toBeGreaterThan(RUNS / 3);
    expect(moved).toBeGreaterThan(RUNS / 20);
  });
});
