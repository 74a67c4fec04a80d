/**
 * The one validator of a profile (指标体系), whichever way it came in: a `--profile` JSON file or the
 * sheet 指标体系. Both readers first turn their input into a typed Profile (reporting what is not a
 * number, not a known word…), then ask this module whether the numbers make sense together. Each
 * problem carries a structured ProfilePath; the caller says where that parameter lives for the
 * officer (a JSON path, a cell).
 */
import { Decimal, fromSpreadsheetNumber, sum } from './decimal';
import { FIELD_BY_ID, fieldLabel } from './fields';
import { THRESHOLD_LABELS, type FlagThresholds, type GradeBounds, type Profile } from './profile';
import type { InputIssue } from './types';

/** A parameter of an indicator's own row (`tiers` and `items`: the rule's list as a whole). */
export type IndicatorParam = 'weight' | 'lower' | 'upper' | 'mode' | 'per' | 'stepBelow' | 'stepAbove' | 'ifBaseZero' | 'tiers' | 'items';

/** The address of one parameter of a profile. `tier`, `index` and `cap` count from 0, as in `rule.tiers`, `rule.items` and `executionCap`. */
export type ProfilePath =
  | { indicator: string; param: IndicatorParam }
  | { indicator: string; tier: number; param: 'min' | 'share' }
  | { indicator: string; item: string; index: number; param: 'field' | 'points' }
  | { grade: keyof GradeBounds }
  | { threshold: keyof FlagThresholds }
  | { cap: number; param: 'below' | 'max' };

/** One problem: what is wrong (Chinese, naming the indicator, the parameter and the figures) and where; null: the profile as a whole. */
export interface ProfileProblem {
  path: ProfilePath | null;
  message: string;
}

export interface ProfileProblems {
  errors: ProfileProblem[];
  warnings: ProfileProblem[];
}

export interface ProfileCheck {
  errors: InputIssue[];
  warnings: InputIssue[];
}

/** Band bounds may reach 200% (a control rate's upper bound of 105%, say), not more. */
const BOUND_MAX = 2;
/** Weights, checklist points and steps: no indicator is worth more than the whole 100 points, so sums stay finite. */
const POINTS_MAX = 100;
const GRADES = ['优', '良', '中'] as const;

const exact = (x: number): Decimal => fromSpreadsheetNumber(x);
/** A figure as the officer typed it: 3, 0.5, 120. */
const plain = (x: number): string => (Number.isFinite(x) ? exact(x).toString() : String(x));
/** A ratio as a percentage, unrounded: 5 → 500%, 0.955 → 95.5%. */
const pct = (x: number): string => (Number.isFinite(x) ? `${exact(x).times(100).toString()}%` : String(x));

/** An indicator's parameters as messages name them (after the sheet's column headers). */
export const PARAM_TEXT: Record<Exclude<IndicatorParam, 'tiers' | 'items'>, string> = {
  weight: '权重',
  lower: '下限',
  upper: '上限',
  mode: '“低于下限计分”',
  per: '“每满N个百分点”',
  stepBelow: '“每满N扣分”',
  stepAbove: '“超上限每1个百分点扣分”',
  ifBaseZero: '“分母为0时”',
};
/** A tier's two numbers, as messages name them (“第2档的“达到””). */
export const TIER_TEXT: Record<'min' | 'share', string> = { min: '“达到”', share: '得分比例' };
/** A row of the execution-rate cap as messages name it (“预算执行率封顶第2条”); `i` counts from 0. */
export const capRowText = (i: number): string => `预算执行率封顶第${i + 1}条`;
/** A cap row's two numbers, as messages name them (after the sheet's column headers). */
export const CAP_TEXT: Record<'below' | 'max', string> = { below: '“执行率低于”', max: '“总分最高”' };

/**
 * The field id in the form both readers use for a profile parameter: `profile.` and the key of its
 * row on 指标体系 (`profile.project_execution`, `profile.project_arrangement.tier2`,
 * `profile.pm_mechanism`, `profile.grade.优`, `profile.threshold.executionLow`, `profile.cap.1`,
 * `profile.weights`).
 */
export function profileField(path: ProfilePath | null): string {
  if (!path) return 'profile.weights';
  if ('grade' in path) return `profile.grade.${path.grade}`;
  if ('threshold' in path) return `profile.threshold.${path.threshold}`;
  if ('cap' in path) return `profile.cap.${path.cap + 1}`;
  if ('tier' in path) return `profile.${path.indicator}.tier${path.tier + 1}`;
  if ('item' in path) return `profile.${path.item}`;
  return `profile.${path.indicator}`;
}

/** Every problem of `profile`, unplaced. The JSON reader places them itself; see checkProfile for cells. */
export function profileProblems(profile: Profile): ProfileProblems {
  const errors: ProfileProblem[] = [];
  const warnings: ProfileProblem[] = [];
  const error = (path: ProfilePath | null, message: string) => errors.push({ path, message });

  /** A finite value in [lo, hi]; false (with the error) otherwise. */
  const within = (path: ProfilePath, what: string, x: number, lo: number, hi: number, show: (x: number) => string): boolean => {
    if (Number.isFinite(x) && x >= lo && x <= hi) return true;
    error(path, `${what}应在${show(lo)}–${show(hi)}之间，实为${show(x)}`);
    return false;
  };
  /** Points (a weight, a step, a checklist item's points…): finite, ≥ 0 (or > 0 with `positive`), at most POINTS_MAX. */
  const points = (path: ProfilePath, what: string, x: number, positive = false): boolean => {
    if (Number.isFinite(x) && (positive ? x > 0 : x >= 0) && x <= POINTS_MAX) return true;
    if (!Number.isFinite(x)) error(path, `${what}应为有效数值，实为${plain(x)}`);
    else if (x > POINTS_MAX) error(path, `${what}应不大于${POINTS_MAX}，实为${plain(x)}`);
    else error(path, `${what}应${positive ? '大于0' : '不小于0'}，实为${plain(x)}`);
    return false;
  };

  const checklistOwner = new Map<string, string>();
  for (const ind of profile.indicators) {
    const name = `“${ind.name}”`;
    const at = (param: IndicatorParam): ProfilePath => ({ indicator: ind.id, param });
    const weightOk = points(at('weight'), `${name}的${PARAM_TEXT.weight}`, ind.weight);
    const rule = ind.rule;

    if (rule.kind === 'band') {
      const bound = (param: 'lower' | 'upper', x: number | undefined) =>
        x !== undefined && within(at(param), `${name}的${PARAM_TEXT[param]}`, x, 0, BOUND_MAX, pct);
      const lowerOk = bound('lower', rule.lower);
      const upperOk = bound('upper', rule.upper);
      if (lowerOk && upperOk && (rule.upper as number) < (rule.lower as number)) {
        error(at('upper'), `${name}的上限应不低于下限${pct(rule.lower as number)}，实为${pct(rule.upper as number)}`);
      }
      if (rule.mode === 'steps') {
        if (rule.per !== undefined) points(at('per'), `${name}的${PARAM_TEXT.per}`, rule.per, true);
        if (rule.stepBelow !== undefined) points(at('stepBelow'), `${name}的${PARAM_TEXT.stepBelow}`, rule.stepBelow);
      }
      if (rule.stepAbove !== undefined) points(at('stepAbove'), `${name}的${PARAM_TEXT.stepAbove}`, rule.stepAbove);
    } else if (rule.kind === 'tiers') {
      if (rule.tiers.length === 0) error(at('tiers'), `${name}至少应有一档`);
      rule.tiers.forEach((t, i) => {
        const tierAt = (param: 'min' | 'share'): ProfilePath => ({ indicator: ind.id, tier: i, param });
        const minOk = within(tierAt('min'), `${name}第${i + 1}档的${TIER_TEXT.min}`, t.min, 0, 1, pct);
        const shareOk = within(tierAt('share'), `${name}第${i + 1}档的${TIER_TEXT.share}`, t.share, 0, 1, pct);
        const prev = rule.tiers[i - 1];
        if (!prev) return;
        // The engine takes the first tier reached; a lower tier listed first would hide the higher.
        if (minOk && Number.isFinite(prev.min) && t.min >= prev.min) {
          error(tierAt('min'), `${name}第${i + 1}档的${TIER_TEXT.min}应低于第${i}档的${pct(prev.min)}，实为${pct(t.min)}`);
        }
        if (shareOk && Number.isFinite(prev.share) && t.share > prev.share) {
          error(tierAt('share'), `${name}第${i + 1}档的${TIER_TEXT.share}应不高于第${i}档的${pct(prev.share)}，实为${pct(t.share)}`);
        }
      });
    } else {
      if (rule.items.length === 0) error(at('items'), `${name}至少应有一个检查项`);
      let pointsOk = true;
      rule.items.forEach((item, index) => {
        const itemAt = (param: 'field' | 'points'): ProfilePath => ({ indicator: ind.id, item: item.field, index, param });
        if (FIELD_BY_ID.get(item.field)?.kind !== 'yesno') {
          error(itemAt('field'), `${name}的检查项“${item.field}”不是模板中的是/否项`);
        } else {
          const owner = checklistOwner.get(item.field);
          if (owner !== undefined) {
            error(itemAt('field'), owner === ind.name ? `${name}的检查项“${fieldLabel(item.field)}”重复` : `${name}的检查项“${fieldLabel(item.field)}”已用于“${owner}”`);
          } else checklistOwner.set(item.field, ind.name);
        }
        pointsOk = points(itemAt('points'), `${name}检查项“${fieldLabel(item.field)}”的分值`, item.points) && pointsOk;
      });
      if (weightOk && pointsOk && rule.items.length > 0) {
        const total = sum(rule.items.map((it) => exact(it.points)));
        if (!total.eq(exact(ind.weight))) {
          error(at('weight'), `${name}各检查项分值合计${total.toString()}，应等于权重${plain(ind.weight)}`);
        }
      }
    }
  }

  const gradeOk = GRADES.map((g) => within({ grade: g }, `等级“${g}”的分数线`, profile.grades[g], 0, 100, plain));
  for (let i = 1; i < GRADES.length; i++) {
    const [higher, g] = [GRADES[i - 1], GRADES[i]];
    if (gradeOk[i - 1] && gradeOk[i] && profile.grades[g] >= profile.grades[higher]) {
      error({ grade: g }, `等级“${g}”的分数线应低于“${higher}”的${plain(profile.grades[higher])}，实为${plain(profile.grades[g])}`);
    }
  }

  const t = profile.thresholds;
  const thresholdOk = (Object.keys(THRESHOLD_LABELS) as (keyof FlagThresholds)[]).map((k) =>
    within({ threshold: k }, `“${THRESHOLD_LABELS[k].name}”`, t[k], 0, 1, pct),
  );
  if (thresholdOk.every(Boolean) && t.executionSevere > t.executionLow) {
    error(
      { threshold: 'executionSevere' },
      `“${THRESHOLD_LABELS.executionSevere.name}”应不高于“${THRESHOLD_LABELS.executionLow.name}”${pct(t.executionLow)}，实为${pct(t.executionSevere)}`,
    );
  }

  const caps = profile.executionCap ?? [];
  // A cap is for falling short: `below` lies in (0%, 100%]; a 0 would catch no rate at all.
  const capBelowOk = caps.map((row) => Number.isFinite(row.below) && row.below > 0 && row.below <= 1);
  caps.forEach((row, i) => {
    const what = (param: 'below' | 'max') => `${capRowText(i)}的${CAP_TEXT[param]}`;
    if (!capBelowOk[i]) error({ cap: i, param: 'below' }, `${what('below')}应大于0%且不高于100%，实为${pct(row.below)}`);
    within({ cap: i, param: 'max' }, what('max'), row.max, 0, 100, plain);
    // The first row the rate is under applies: a row not above its predecessor would never be reached.
    const prev = caps[i - 1];
    if (capBelowOk[i] && capBelowOk[i - 1] && row.below <= prev.below) {
      error({ cap: i, param: 'below' }, `${what('below')}应高于第${i}条的${pct(prev.below)}，实为${pct(row.below)}`);
    }
  });

  if (profile.indicators.every((x) => Number.isFinite(x.weight))) {
    const total = sum(profile.indicators.map((x) => exact(x.weight)));
    if (!total.eq(100)) warnings.push({ path: null, message: `各指标权重合计为${total.toString()}，不是100` });
  }
  return { errors, warnings };
}

/**
 * Every problem of `profile` as issues: `cell` is where `where` places the parameter (null when it
 * cannot, and for the profile as a whole), `field` is profileField of its path.
 */
export function checkProfile(profile: Profile, where: (path: ProfilePath) => string | null): ProfileCheck {
  const { errors, warnings } = profileProblems(profile);
  const place = ({ path, message }: ProfileProblem): InputIssue => ({
    field: profileField(path),
    cell: path ? where(path) : null,
    message,
  });
  return { errors: errors.map(place), warnings: warnings.map(place) };
}
