import { Decimal, roundHalfUp, toNumber2 } from '../../src/engine/decimal';
import type { BandRule, ChecklistRule, TiersRule } from '../../src/engine/profile';
import { rateOf, scoreBand, scoreChecklist, scoreTiers, type RateOutcome } from '../../src/engine/rules';

const rate = (v: string): RateOutcome => rateOf(new Decimal(v));
const fraction = (num: string, den: string): RateOutcome => rateOf(new Decimal(num), new Decimal(den));
const zero = (numeratorZero: boolean): RateOutcome => ({
  kind: 'baseZero', numeratorZero, denominatorLabel: '预算数', numeratorLabel: '决算数',
});
const w = (n: number | string) => new Decimal(n);
const score = (s: { score: Decimal }) => toNumber2(s.score);

describe('band, proportional below L (完成率, L=95%)', () => {
  const rule: BandRule = { kind: 'band', lower: 0.95, mode: 'proportional', ifBaseZero: 'full_if_zero_numerator' };
  test.each([
    ['1', 8],
    ['0.95', 8],
    ['0.9500001', 8],
    ['0.9499999', 7.9999992 ],
    ['0.475', 4],
    ['0', 0],
    ['0.19542435424354243', 1.65],
  ])('rate %s scores %s of 8', (r, expected) => {
    expect(score(scoreBand(w(8), rule, rate(r), '完成率'))).toBe(toNumber2(new Decimal(expected)));
  });
  test('zero denominator and zero numerator: full marks, 不涉及', () => {
    const s = scoreBand(w(8), rule, zero(true), '完成率');
    expect(score(s)).toBe(8);
    expect(s.reason).toBe('预算数与决算数均为0，不涉及，得满分8');
  });
  test('zero denominator but money spent: 0 points, 无预算安排却发生支出', () => {
    const s = scoreBand(w(8), rule, zero(false), '完成率');
    expect(score(s)).toBe(0);
    expect(s.reason).toContain('无预算安排却发生支出');
  });
  test('policy full: zero denominator is full whatever the numerator', () => {
    expect(score(scoreBand(w(4), { ...rule, ifBaseZero: 'full' }, zero(false), '编报率'))).toBe(4);
  });
});

describe('band, steps below L (支付进度率: 1 point per full 10 points below 95%)', () => {
  const rule: BandRule = { kind: 'band', lower: 0.95, mode: 'steps', stepBelow: 1, per: 10, ifBaseZero: 'full' };
  test.each([
    ['0.95', 6],
    ['0.9499', 6], // 0.01 points below: no full step
    ['0.85', 5], // exactly one full step
    ['0.8500001', 6],
    ['0.47931989683828446', 2],
    ['0.35', 0], // 6 steps
    ['0', 0], // 9 steps, floored at 0
  ])('rate %s scores %s of 6', (r, expected) => {
    expect(score(scoreBand(w(6), rule, rate(r), '支付进度率'))).toBe(expected);
  });
  test('0.1+0.2 style artefacts cannot push a rate across a step edge', () => {
    // 0.75 exactly is 2 full steps below 95%; in binary floating point (0.95-0.75)*100/10 = 1.9999999999999996.
    expect((0.95 - 0.75) * 100 / 10).toBeLessThan(2);
    expect(score(scoreBand(w(6), rule, rate('0.75'), '支付进度率'))).toBe(4);
  });
});

describe('band, over U (控制率 U=100%, 0.3 per point; 变动率 U=0%, 0.5 per point)', () => {
  const staff: BandRule = { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.3 };
  test.each([
    ['0.5', 3],
    ['1', 3],
    ['1.01', 2.7],
    ['1.05', 1.5],
    ['1.1', 0],
    ['1.2', 0],
  ])('控制率 %s scores %s of 3', (r, expected) => {
    expect(score(scoreBand(w(3), staff, rate(r), '控制率'))).toBe(expected);
  });
  test('over-bound reason shows the arithmetic and the floor', () => {
    expect(scoreBand(w(3), staff, rate('1.2'), '控制率').reason).toBe(
      '控制率120.00%，超过100%，超出20.00个百分点，每超1个百分点扣0.3分，得分=3−0.3×20.00=0（不足0分按0分计）',
    );
  });
  const change: BandRule = { kind: 'band', upper: 0, mode: 'proportional', stepAbove: 0.5, ifBaseZero: 'full_if_zero_numerator' };
  test.each([
    ['-0.2', 5],
    ['0', 5],
    ['0.02', 4],
    ['0.1', 0],
  ])('变动率 %s scores %s of 5', (r, expected) => {
    expect(score(scoreBand(w(5), change, rate(r), '变动率'))).toBe(expected);
  });
});

describe('band with both bounds (政府采购执行率 95%–100%)', () => {
  const rule: BandRule = { kind: 'band', lower: 0.95, upper: 1, mode: 'proportional', stepAbove: 0.6 };
  test.each([
    ['0.95', 6],
    ['1', 6],
    ['0.9', 5.68],
    ['1.02', 4.8],
  ])('执行率 %s scores %s', (r, expected) => {
    expect(score(scoreBand(w(6), rule, rate(r), '执行率'))).toBe(expected);
  });
});

describe('tiers (项目安排率)', () => {
  const rule: TiersRule = {
    kind: 'tiers', ifBaseZero: 'full',
    tiers: [{ min: 0.9, share: 1 }, { min: 0.8, share: 0.8 }, { min: 0.7, share: 0.6 }, { min: 0.6, share: 0.4 }],
  };
  test.each([
    ['1', 5], ['0.9', 5], ['0.8999', 4], ['0.8', 4], ['0.75', 3], ['0.7', 3], ['0.6', 2], ['0.5999', 0], ['0', 0],
  ])('安排率 %s scores %s of 5', (r, expected) => {
    expect(score(scoreTiers(w(5), rule, rate(r), '安排率'))).toBe(expected);
  });
  test('zero denominator is 不涉及 (full)', () => {
    expect(score(scoreTiers(w(5), rule, zero(false), '安排率'))).toBe(5);
  });
});

describe('checklist', () => {
  const rule: ChecklistRule = { kind: 'checklist', items: [{ field: 'a', points: 2 }, { field: 'b', points: 1 }, { field: 'c', points: 0.5 }] };
  const label = (f: string) => f.toUpperCase();
  test.each<[Record<string, boolean>, number]>([
    [{ a: true, b: true, c: true }, 3.5],
    [{ a: false, b: true, c: true }, 1.5],
    [{ a: false, b: false, c: false }, 0],
    [{ a: true, b: true, c: false }, 3],
  ])('%p scores %s', (answers, expected) => {
    expect(score(scoreChecklist(w(3.5), rule, answers, label))).toBe(expected);
  });
  test('reason lists every 否 item and its points', () => {
    expect(scoreChecklist(w(3.5), rule, { a: false, b: true, c: false }, label).reason).toBe('“A”为否，扣2分；“C”为否，扣0.5分；得分=3.5−2.5=1');
  });
});

describe('rounding half-up on the exact decimal value, like Excel ROUND', () => {
  test.each([
    ['1.005', 1.01],
    ['1.015', 1.02],
    ['2.675', 2.68],
    ['1.004999', 1],
    ['0.125', 0.13],
    ['8.345', 8.35],
  ])('%s → %s', (x, expected) => {
    expect(roundHalfUp(new Decimal(x)).toNumber()).toBe(expected);
  });
  test('binary floating point would round these down; we do not', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the artefact we avoid
    expect(Number((2.675).toFixed(2))).toBe(2.67);
  });
  test('an exact 1.005 score from the rules rounds to 1.01', () => {
    // weight 6.7 × 15% ÷ 100% = 1.005 exactly
    const rule: BandRule = { kind: 'band', lower: 1, mode: 'proportional' };
    expect(score(scoreBand(w('6.7'), rule, rate('0.15'), '覆盖率'))).toBe(1.01);
    expect(Math.round(6.7 * 0.15 * 100) / 100).toBe(1); // what naive floating point gives
  });
});

describe('scores whose exact value ends in 5 at the third decimal, from rates that do not terminate', () => {
  test.each<[string, number, BandRule, RateOutcome, number]>([
    // 3 × 13/120 ÷ 100% = 0.325 exactly; 13/120 = 0.108333… never terminates
    ['编报率 13 of 120 projects', 3, { kind: 'band', lower: 1, mode: 'proportional' }, fraction('13', '120'), 0.33],
    // 6 − 0.6 × (120.05/120 − 1) × 100 = 5.975 exactly
    ['公用经费 120.05 of 120', 6, { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.6 }, fraction('120.05', '120'), 5.98],
    // 3 − 0.3 × (6001/6000 − 1) × 100 = 2.995 exactly
    ['在职 6001 of 6000 编制', 3, { kind: 'band', upper: 1, mode: 'proportional', stepAbove: 0.3 }, fraction('6001', '6000'), 3],
    // 8 × (0.95×7/3 … ) : 7 × (19/60) ÷ 95% = 2.333… (no edge), kept as a control
    ['完成率 19 of 60', 7, { kind: 'band', lower: 0.95, mode: 'proportional' }, fraction('19', '60'), 2.33],
  ])('%s scores %s', (_name, weight, rule, r, expected) => {
    expect(score(scoreBand(w(weight), rule, r, '比率'))).toBe(expected);
  });
  test('a step edge reached exactly by a fraction counts as a full step', () => {
    // 95% − 17/20 = 10 points exactly: one full step of 10
    const rule: BandRule = { kind: 'band', lower: 0.95, mode: 'steps', stepBelow: 1, per: 10 };
    expect(score(scoreBand(w(6), rule, fraction('17', '20'), '支付进度率'))).toBe(5);
    // 95% − 2/3 = 28.33 points: two full steps
    expect(score(scoreBand(w(6), rule, fraction('2', '3'), '支付进度率'))).toBe(4);
  });
  test('tiers compare the fraction itself: 9 of 10 reaches the 90% tier', () => {
    const rule: TiersRule = { kind: 'tiers', tiers: [{ min: 0.9, share: 1 }, { min: 0.8, share: 0.8 }] };
    expect(score(scoreTiers(w(5), rule, fraction('9', '10'), '安排率'))).toBe(5);
    expect(score(scoreTiers(w(5), rule, fraction('8.99', '10'), '安排率'))).toBe(4);
  });
});
