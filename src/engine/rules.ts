/**
 * The three rule kinds of the indicator system — band, tiers, checklist — as pure functions of a
 * rate (exact Decimal) and the rule's parameters. Each returns the exact score and its 扣分原因.
 */
import { Decimal, HUNDRED, ZERO, fmtPercent, fmtPercentShort, fmtPlain, roundHalfUp } from './decimal';
import type { BandRule, ChecklistRule, TiersRule } from './profile';

export interface Scored {
  /** The exact score before rounding. */
  score: Decimal;
  reason: string;
}

/**
 * A rate as the exact fraction num/den (den > 0), with its value for display; or why there is none
 * (its denominator is 0). Scores divide once, at the end, so a score whose exact value ends in 5 at
 * the third decimal (3×13÷120 = 0.325) is never cut to 0.32499… by an earlier division.
 */
export type RateOutcome =
  | { kind: 'rate'; num: Decimal; den: Decimal; value: Decimal }
  | { kind: 'baseZero'; numeratorZero: boolean; denominatorLabel: string; numeratorLabel: string };

/** A rate outcome for the fraction num/den (den must not be 0). */
export function rateOf(num: Decimal, den: Decimal = new Decimal(1)): Extract<RateOutcome, { kind: 'rate' }> {
  return { kind: 'rate', num, den, value: num.dividedBy(den) };
}

const pts = (x: Decimal) => fmtPlain(x);
const clampZero = (x: Decimal) => (x.isNegative() ? ZERO : x);

/** The 不涉及 outcomes shared by band and tiers. */
function scoreBaseZero(
  weight: Decimal,
  policy: BandRule['ifBaseZero'],
  r: Extract<RateOutcome, { kind: 'baseZero' }>,
): Scored {
  if (policy === 'full_if_zero_numerator') {
    return r.numeratorZero
      ? { score: weight, reason: `${r.denominatorLabel}与${r.numeratorLabel}均为0，不涉及，得满分${pts(weight)}` }
      : { score: ZERO, reason: `${r.denominatorLabel}为0而${r.numeratorLabel}不为0，无预算安排却发生支出，得0分` };
  }
  return { score: weight, reason: `${r.denominatorLabel}为0，不涉及，得满分${pts(weight)}` };
}

export function scoreBand(weight: Decimal, rule: BandRule, r: RateOutcome, word: string): Scored {
  if (r.kind === 'baseZero') return scoreBaseZero(weight, rule.ifBaseZero, r);
  const { num, den, value: rate } = r;
  const lower = rule.lower === undefined ? undefined : new Decimal(rule.lower);
  const upper = rule.upper === undefined ? undefined : new Decimal(rule.upper);
  const head = `${word}${fmtPercent(rate)}`;

  // rate < L ⇔ num < L×den, compared without dividing.
  if (lower && num.lt(lower.times(den))) {
    const L = fmtPercentShort(lower);
    if (rule.mode === 'steps') {
      const per = new Decimal(rule.per ?? 10);
      const step = new Decimal(rule.stepBelow ?? 1);
      const gap = lower.minus(rate).times(HUNDRED);
      const steps = lower.times(den).minus(num).times(HUNDRED).dividedBy(per.times(den)).floor();
      const deduct = step.times(steps);
      const score = clampZero(weight.minus(deduct));
      return {
        score,
        reason:
          `${head}，低于${L}，差${roundHalfUp(gap).toFixed(2)}个百分点，每满${pts(per)}个百分点扣${pts(step)}分，` +
          `扣${pts(deduct)}分，得分=${pts(weight)}−${pts(deduct)}=${pts(roundHalfUp(score))}` +
          (weight.lt(deduct) ? '（不足0分按0分计）' : ''),
      };
    }
    // A 0% lower bound only a negative rate falls below: no proportion to take, so no deduction.
    if (lower.isZero()) return { score: weight, reason: `${head}，得满分${pts(weight)}` };
    // Only a rate that can fall below 0 (三公经费变动率 given a lower bound) makes this negative: floor at 0.
    const raw = weight.times(num).dividedBy(den.times(lower));
    const score = clampZero(raw);
    return {
      score,
      reason: `${head}，低于${L}，得分=${pts(weight)}×${fmtPercent(rate)}÷${L}=${pts(roundHalfUp(score))}` + (raw.isNegative() && !raw.isZero() ? '（不足0分按0分计）' : ''),
    };
  }

  if (upper && num.gt(upper.times(den))) {
    const over = rate.minus(upper).times(HUNDRED);
    const step = new Decimal(rule.stepAbove ?? 0);
    // w − step×(num/den − U)×100, over one division.
    const raw = weight.times(den).minus(step.times(HUNDRED).times(num.minus(upper.times(den)))).dividedBy(den);
    const score = clampZero(raw);
    return {
      score,
      reason:
        `${head}，超过${fmtPercentShort(upper)}，超出${roundHalfUp(over).toFixed(2)}个百分点，每超1个百分点扣${pts(step)}分，` +
        `得分=${pts(weight)}−${pts(step)}×${roundHalfUp(over).toFixed(2)}=${pts(roundHalfUp(score))}` +
        (raw.isNegative() ? '（不足0分按0分计）' : ''),
    };
  }

  let where: string;
  if (lower && upper) where = `在${fmtPercentShort(lower)}–${fmtPercentShort(upper)}之间`;
  else if (lower) where = `达到${fmtPercentShort(lower)}`;
  else if (upper) where = `未超过${fmtPercentShort(upper)}`;
  else where = '无扣分条件';
  return { score: weight, reason: `${head}，${where}，得满分${pts(weight)}` };
}

export function scoreTiers(weight: Decimal, rule: TiersRule, r: RateOutcome, word: string): Scored {
  if (r.kind === 'baseZero') return scoreBaseZero(weight, rule.ifBaseZero, r);
  const head = `${word}${fmtPercent(r.value)}`;
  const tiers = [...rule.tiers].sort((a, b) => b.min - a.min);
  for (const tier of tiers) {
    const min = new Decimal(tier.min);
    if (r.num.gte(min.times(r.den))) {
      const share = new Decimal(tier.share);
      const score = weight.times(share);
      const full = score.eq(weight);
      return {
        score,
        reason: full
          ? `${head}，达到${fmtPercentShort(min)}档，得满分${pts(weight)}`
          : `${head}，达到${fmtPercentShort(min)}档，得分=${pts(weight)}×${fmtPercentShort(share)}=${pts(roundHalfUp(score))}`,
      };
    }
  }
  const lowest = tiers.length > 0 ? fmtPercentShort(new Decimal(tiers[tiers.length - 1].min)) : '0%';
  return { score: ZERO, reason: `${head}，低于最低档${lowest}，得0分` };
}

export function scoreChecklist(
  weight: Decimal,
  rule: ChecklistRule,
  answers: Record<string, boolean>,
  labelOf: (field: string) => string,
): Scored {
  let score = ZERO;
  let all = ZERO;
  const missed: string[] = [];
  for (const item of rule.items) {
    const p = new Decimal(item.points);
    all = all.plus(p);
    if (answers[item.field]) score = score.plus(p);
    else missed.push(`“${labelOf(item.field)}”为否，扣${pts(p)}分`);
  }
  if (missed.length === 0) return { score, reason: `${rule.items.length}项检查均为“是”，得满分${pts(score)}` };
  const arithmetic = all.eq(weight)
    ? `得分=${pts(weight)}−${pts(weight.minus(score))}=${pts(score)}`
    : `得分=“是”的分值合计${pts(score)}`;
  return { score, reason: `${missed.join('；')}；${arithmetic}` };
}
