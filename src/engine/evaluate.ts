/**
 * Evaluation: typed inputs + profile → the 18 indicator results, the key figures, the total, the
 * grade and the issue flags. Pure: no I/O, no Office.js, no exceljs.
 */
import { Decimal, fmtAmount, fmtPercent, fmtPlain, fromSpreadsheetNumber, roundHalfUp, sum, toNumber2 } from './decimal';
import { FIELD_BY_ID, fieldPhrase, fieldUnit } from './fields';
import { raiseFlags } from './flags';
import type { ExecutionCapRow, IndicatorDef, Profile, RateFormula } from './profile';
import { rateOf, scoreBand, scoreChecklist, scoreTiers, type RateOutcome, type Scored } from './rules';
import type { DepartmentInputs } from './validate';
import type { EvaluationResult, ExecutionCap, Grade, IndicatorResult, InputIssue } from './types';

/** An indicator's exact rate beside its published result, for the flags. */
export interface IndicatorOutcome {
  def: IndicatorDef;
  rate: RateOutcome | null;
  result: IndicatorResult;
}

export interface KeyFigures {
  executionRate: Decimal | null;
  adjustmentRate: Decimal | null;
  staffVacancy: Decimal;
  adjustedTotal: Decimal;
  actualTotal: Decimal;
  initialTotal: Decimal;
  /** 上年预算完成率; null unless both optional prev totals are given and the budget is not 0. */
  prevExecutionRate: Decimal | null;
}

/** A field's value as the officer reads it: "135.50万元", "6个", "47.93%". */
export function formatFieldValue(id: string, v: Decimal): string {
  const def = FIELD_BY_ID.get(id);
  if (!def) return v.toString();
  if (def.kind === 'amount') return `${fmtAmount(v)}万元`;
  if (def.kind === 'percent') return fmtPercent(v);
  return `${v.toString()}${fieldUnit(def)}`;
}

function defaultedNote(id: string, inputs: DepartmentInputs): string {
  if (!inputs.defaulted.has(id)) return '';
  const note = FIELD_BY_ID.get(id)?.defaultNote ?? '';
  return `（未填写，${note.replace(/^选填；/, '').replace(/^空白/, '')}）`;
}

function term(id: string, inputs: DepartmentInputs): string {
  return `${fieldPhrase(id)}${formatFieldValue(id, inputs.num[id])}${defaultedNote(id, inputs)}`;
}

const total = (ids: string[] | undefined, inputs: DepartmentInputs) => sum((ids ?? []).map((id) => inputs.num[id]));

function computeRate(f: RateFormula, inputs: DepartmentInputs): { rate: RateOutcome; process: string } {
  const numerator = total(f.numerator, inputs).minus(total(f.numeratorMinus, inputs));
  const numTerms = f.numerator.map((id) => term(id, inputs)).join('＋');
  const numText = f.numeratorMinus?.length
    ? `（${numTerms}－${f.numeratorMinus.map((id) => term(id, inputs)).join('－')}）`
    : numTerms;
  if (!f.denominator) {
    return { rate: rateOf(numerator), process: `${numText}` };
  }
  const denominator = total(f.denominator, inputs);
  const denText = f.denominator.map((id) => term(id, inputs)).join('＋');
  if (denominator.isZero()) {
    const zeroNum = total(f.zeroNumerator ?? f.numerator, inputs);
    return {
      rate: {
        kind: 'baseZero',
        numeratorZero: zeroNum.isZero(),
        denominatorLabel: f.denominator.map(fieldPhrase).join('＋'),
        numeratorLabel: (f.zeroNumerator ?? f.numerator).map(fieldPhrase).join('＋'),
      },
      process: `${denText}，分母为0，无法计算${f.rateWord}`,
    };
  }
  const rate = rateOf(numerator, denominator);
  return { rate, process: `${numText}÷${denText}=${fmtPercent(rate.value)}` };
}

function evaluateIndicator(def: IndicatorDef, inputs: DepartmentInputs): IndicatorOutcome {
  const weight = new Decimal(def.weight);
  let scored: Scored;
  let rate: RateOutcome | null = null;
  let process: string;
  if (def.rule.kind === 'checklist') {
    scored = scoreChecklist(weight, def.rule, inputs.yes, fieldPhrase);
    process = def.rule.items
      .map((it) => `${fieldPhrase(it.field)}：${inputs.yes[it.field] ? '是' : '否'}（${fmtPlain(new Decimal(it.points))}分）`)
      .join('；');
  } else {
    const formula = def.rate;
    if (!formula) throw new Error(`指标 ${def.id} 缺少计算公式`);
    const computed = computeRate(formula, inputs);
    rate = computed.rate;
    process = computed.process;
    scored =
      def.rule.kind === 'band'
        ? scoreBand(weight, def.rule, rate, formula.rateWord)
        : scoreTiers(weight, def.rule, rate, formula.rateWord);
  }
  return {
    def,
    rate,
    result: {
      id: def.id,
      level1: def.level1,
      level2: def.level2,
      name: def.name,
      rule: def.rule.kind,
      weight: def.weight,
      value: rate?.kind === 'rate' ? rate.value.toNumber() : null,
      score: toNumber2(scored.score),
      reason: scored.reason,
      process,
    },
  };
}

export function computeKeyFigures(inputs: DepartmentInputs): KeyFigures {
  const n = inputs.num;
  const adjustedTotal = n.budget_adjusted_basic.plus(n.budget_adjusted_project);
  const actualTotal = n.actual_basic.plus(n.actual_project);
  const initialTotal = n.budget_initial_basic.plus(n.budget_initial_project);
  // Optional without default: absent from `num` when left blank.
  const prevBudget: Decimal | undefined = n.prev_budget_adjusted_total;
  const prevActual: Decimal | undefined = n.prev_actual_total;
  return {
    executionRate: adjustedTotal.isZero() ? null : actualTotal.dividedBy(adjustedTotal),
    adjustmentRate: initialTotal.isZero()
      ? null
      : adjustedTotal.minus(initialTotal).minus(n.adjustment_excluded).dividedBy(initialTotal),
    staffVacancy: n.staff_authorized.minus(n.staff_actual),
    adjustedTotal,
    actualTotal,
    initialTotal,
    prevExecutionRate: prevBudget && prevActual && !prevBudget.isZero() ? prevActual.dividedBy(prevBudget) : null,
  };
}

export function gradeOf(totalScore: Decimal, profile: Profile): Grade {
  if (totalScore.gte(profile.grades.优)) return '优';
  if (totalScore.gte(profile.grades.良)) return '良';
  if (totalScore.gte(profile.grades.中)) return '中';
  return '差';
}

/**
 * The execution-rate cap (预算执行率封顶) that lowers `uncapped`, or null: none in the profile, no
 * rate (the adjusted total is 0), the rate under no row's `below`, or the total within the row's max.
 */
/** The cap row that applies at this execution rate: the first whose `below` the rate is under. */
export function capRowFor(rate: Decimal, rows: readonly ExecutionCapRow[] = []): ExecutionCapRow | undefined {
  return rows.find((r) => rate.lt(fromSpreadsheetNumber(r.below)));
}

export function executionCapOf(profile: Profile, rate: Decimal | null, uncapped: Decimal): { cap: ExecutionCap; total: Decimal } | null {
  if (!rate || !profile.executionCap) return null;
  const row = capRowFor(rate, profile.executionCap);
  if (!row) return null;
  const max = fromSpreadsheetNumber(row.max);
  if (!uncapped.gt(max)) return null;
  return {
    cap: { rate: rate.toNumber(), max: row.max, uncapped_total: toNumber2(uncapped) },
    // A ceiling: cut, never rounded up past it (a max of 59.555 caps at 59.55).
    total: max.toDecimalPlaces(2, Decimal.ROUND_DOWN),
  };
}

export function evaluateDepartment(
  inputs: DepartmentInputs,
  profile: Profile,
  warnings: InputIssue[] = [],
): EvaluationResult {
  const outcomes = profile.indicators.map((def) => evaluateIndicator(def, inputs));
  // The total is the sum of the rounded scores, as the published table adds them.
  const sumOfScores = sum(outcomes.map((o) => new Decimal(o.result.score)));
  const figures = computeKeyFigures(inputs);
  const capped = executionCapOf(profile, figures.executionRate, sumOfScores);
  const totalScore = roundHalfUp(capped?.total ?? sumOfScores);
  return {
    department: inputs.deptName,
    year: inputs.year,
    total: totalScore.toNumber(),
    grade: gradeOf(totalScore, profile),
    // Only when the cap bit: no `cap` key otherwise, not even an undefined one.
    ...(capped && { cap: capped.cap }),
    indicators: outcomes.map((o) => o.result),
    metrics: {
      budget_execution_rate: figures.executionRate?.toNumber() ?? null,
      budget_adjustment_rate: figures.adjustmentRate?.toNumber() ?? null,
      staff_vacancy: figures.staffVacancy.toNumber(),
      prev_execution_rate: figures.prevExecutionRate?.toNumber() ?? null,
    },
    flags: raiseFlags({ inputs, profile, outcomes, figures }),
    warnings,
  };
}
