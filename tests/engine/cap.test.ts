import { scoreDepartment, type EvaluationResult } from '../../src/engine';
import { DEFAULT_PROFILE, type ExecutionCapRow, type Profile } from '../../src/engine/profile';
import type { RawValue } from '../../src/engine/types';
import { SEED, seedWith } from '../support/seed';

/** The four rows of report.md's contract. */
const CONTRACT_CAP: ExecutionCapRow[] = [
  { below: 0.5, max: 59 },
  { below: 0.6, max: 69 },
  { below: 0.7, max: 79 },
  { below: 0.8, max: 89 },
];
/** The seed's 预算完成率（总）: 100.36 ÷ 209.38 = 47.93%. */
const SEED_RATE = 100.36 / 209.38;

const withCap = (executionCap: ExecutionCapRow[], more: Partial<Profile> = {}): Profile => ({ ...DEFAULT_PROFILE, ...more, executionCap });

function score(profile: Profile, values: Record<string, RawValue> = SEED): EvaluationResult {
  const out = scoreDepartment({ values }, profile);
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
}

describe('the execution-rate cap (预算执行率封顶, report.md)', () => {
  test('the contract’s four rows cap the seed (47.93%, under 50%) at 59, grade 差, and say why', () => {
    const r = score(withCap(CONTRACT_CAP));
    expect(r.total).toBe(59);
    expect(r.grade).toBe('差');
    expect(r.cap).toEqual({ rate: SEED_RATE, max: 59, uncapped_total: 88.65 });
    expect(r.cap?.rate).toBeCloseTo(0.4793, 4);
    // The rate is the one the key figures report, unrounded.
    expect(r.cap?.rate).toBe(r.metrics.budget_execution_rate);
    // The indicators themselves are untouched: their scores still add up to 88.65.
    expect(r.indicators.reduce((a, i) => a + i.score * 100, 0) / 100).toBeCloseTo(88.65, 10);
    expect(JSON.parse(JSON.stringify(r)).cap).toEqual({ rate: SEED_RATE, max: 59, uncapped_total: 88.65 });
  });

  test('without a cap the seed is unchanged, with no cap key at all', () => {
    const r = score(DEFAULT_PROFILE);
    expect([r.total, r.grade]).toEqual([88.65, '良']);
    expect('cap' in r).toBe(false);
    expect(JSON.stringify(r)).not.toContain('"cap"');
  });

  test.each<[string, ExecutionCapRow[], Record<string, RawValue>]>([
    ['a rate of 95%, under no row', CONTRACT_CAP, { actual_project: 125.031, actual_total: 198.911 }],
    ['a rate under a row whose max the total does not reach', [{ below: 0.5, max: 90 }], {}],
    ['a total exactly at the max', [{ below: 0.5, max: 88.65 }], {}],
    ['an empty list of rows', [], {}],
  ])('%s: the total stands, and there is no cap key', (_name, cap, changes) => {
    const r = score(withCap(cap), seedWith(changes));
    expect('cap' in r).toBe(false);
    expect(JSON.stringify(r)).not.toContain('"cap"');
    if (Object.keys(changes).length === 0) expect([r.total, r.grade]).toEqual([88.65, '良']);
  });

  test('no rate (adjusted total 0): no cap, whatever the rows', () => {
    const values = seedWith({
      budget_adjusted_basic: 0, budget_adjusted_project: 0, budget_adjusted_total: 0,
      actual_basic: 0, actual_project: 0, actual_total: 0, key_project_budget: 0, evaluated_project_funds: 0,
    });
    const r = score(withCap([{ below: 1, max: 0 }]), values);
    expect(r.metrics.budget_execution_rate).toBeNull();
    expect('cap' in r).toBe(false);
  });

  test.each<[string, ExecutionCapRow[], number, string, number]>([
    ['the first row the rate is under applies, not a later one', [{ below: 0.4, max: 39 }, { below: 0.5, max: 59 }, { below: 0.6, max: 69 }], 59, '差', 59],
    ['a single row reaching to 100%', [{ below: 1, max: 85 }], 85, '良', 85],
    ['a max of 0', [{ below: 0.5, max: 0 }], 0, '差', 0],
    ['a max with more than two decimals is cut, never rounded up past it', [{ below: 0.5, max: 59.555 }], 59.55, '差', 59.555],
    ['a max on a grade line takes that grade', [{ below: 0.5, max: 80 }], 80, '良', 80],
  ])('%s', (_name, rows, total, grade, max) => {
    const r = score(withCap(rows));
    expect([r.total, r.grade]).toEqual([total, grade]);
    expect(r.cap).toEqual({ rate: SEED_RATE, max, uncapped_total: 88.65 });
  });

  test('a rate exactly at a row’s below is not under it: the next row applies (50% → 69)', () => {
    // 73.88 + 30.81 = 104.69 = 50% of 209.38
    const r = score(withCap(CONTRACT_CAP), seedWith({ actual_project: 30.81, actual_total: 104.69 }));
    expect(r.metrics.budget_execution_rate).toBe(0.5);
    expect([r.total, r.grade, r.cap?.max]).toEqual([69, '中', 69]);
  });

  test('the grade of the capped total follows the profile’s own grade lines', () => {
    const r = score(withCap([{ below: 0.5, max: 85 }], { grades: { 优: 95, 良: 86, 中: 70 } }));
    expect([r.total, r.grade]).toEqual([85, '中']);
  });

  test('the cap does not touch the flags: the report’s four stay', () => {
    const r = score(withCap(CONTRACT_CAP));
    expect(r.flags.map((f) => f.code)).toEqual(['EXECUTION_LOW', 'PROJECT_EXECUTION_LOW', 'PAYMENT_BEHIND', 'GOALS_NOT_QUANTIFIED']);
  });
});
