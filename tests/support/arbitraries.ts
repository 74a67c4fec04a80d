/**
 * fast-check arbitraries for what an officer can validly hand the engine: a filled 基础数据表 (field id
 * → value, as a JSON input holds it and as `dataSheetPlan(values)` writes it) and an edited 指标体系
 * (a Profile that profileCheck accepts and the sheet can hold). Shared by the property tests and the
 * bench; anything they generate must pass validation, so every constraint of template.md is built in:
 *
 * - amounts in 万元 with at most two decimals (whole 分 as integers, divided once), ≤ 1e12 万元;
 * - counts are whole, “其中” counts never exceed their totals, 编制数 > 0;
 * - percentages are ratios in [0, 1] with at most two decimals of a percent (0.9543 = 95.43%);
 * - 合计 fields, when filled, equal basic + project exactly;
 * - 重点项目支出预算 and 已评价项目资金 never exceed the adjusted project budget;
 * - the 不计入调整 amount never exceeds a positive budget increase;
 * - checklist answers are 是 or 否.
 * Blank optional fields are left out of the record (a JSON input omits them; the template leaves
 * the cell empty); the report's narrative fields (七、报告信息), never scored, are always blank. Numerators are often tied to their denominators at the bounds the rules care
 * about (60–100%, 95%, 100%, just over or under), so edges are hit far more often than at random.
 */
import fc from 'fast-check';
import { DEFAULT_PROFILE, type BandRule, type ExecutionCapRow, type IndicatorDef, type Profile, type Tier } from '../../src/engine/profile';

/** A department as field id → value; blank optional fields are absent. */
export type DepartmentValues = Record<string, string | number>;

/** 1e12 万元 (the validator's ceiling) in 分. */
export const MAX_AMOUNT_CENTS = 100_000_000_000_000;
/** Large amounts stay below this, so that sums of two and 120% of one stay under the ceiling. */
const LARGE_AMOUNT_CENTS = 40_000_000_000_000;

/** Ratios, in basis points, at which the rules change: tiers, 95%, 100%, and a hair either side. */
export const EDGE_RATIOS_BP = [0, 1, 5000, 5999, 6000, 6999, 7000, 7999, 8000, 8999, 9000, 9001, 9499, 9500, 9501, 9999, 10000, 10001, 10100, 11000, 12000];

/** Whole 分: zero, small sums (where exact-half scores are common), round sums, and very large ones. */
export const amountCents = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((x) => x * 100) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: LARGE_AMOUNT_CENTS }) },
  );

/** 分 → 万元 as the number a cell holds (at most two decimals). */
export const centsToAmount = (cents: number): number => cents / 100;

/** `cents × bp / 10000`, rounded half-up, exactly (BigInt: the product can pass 2^53). */
export function scaleCents(cents: number, bp: number): number {
  return Number((BigInt(cents) * BigInt(bp) + 5000n) / 10000n);
}

/** How a numerator relates to its denominator: a ratio (in basis points) of it, or unrelated. */
export type Relation = { ratioBp: number } | { free: number };

/** Mostly a ratio at or near an edge, sometimes any ratio up to 150%, sometimes an unrelated amount. */
export const relation = (free: fc.Arbitrary<number> = amountCents()): fc.Arbitrary<Relation> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_RATIOS_BP).map((ratioBp) => ({ ratioBp })) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 15_000 }).map((ratioBp) => ({ ratioBp })) },
    { weight: 1, arbitrary: free.map((x) => ({ free: x })) },
  );

/** The numerator a relation gives for `den` (in the denominator's unit), never above `cap`. */
export function related(den: number, rel: Relation, cap = MAX_AMOUNT_CENTS): number {
  const v = 'ratioBp' in rel ? scaleCents(den, rel.ratioBp) : rel.free;
  return Math.min(v, cap);
}

/** Whole counts: mostly a handful, sometimes up to the validator's ceiling of 1e9. */
export const count = (min = 0): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min, max: 30 }) },
    { weight: 3, arbitrary: fc.integer({ min, max: 500 }) },
    { weight: 1, arbitrary: fc.integer({ min, max: 1_000_000_000 }) },
  );

/** A percentage as basis points of 100% (0…10000): edges often, else any. */
export const percentBp = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(0, 1, 5000, 8999, 9000, 9001, 9499, 9500, 9501, 9999, 10000), fc.integer({ min: 0, max: 10_000 }));

const bpToRatio = (bp: number): number => bp / 10_000;

/** A 是/否 answer, 是 four times in five (as in real self-evaluations). */
export const yesNo = (): fc.Arbitrary<'是' | '否'> => fc.oneof({ weight: 4, arbitrary: fc.constant('是' as const) }, { weight: 1, arbitrary: fc.constant('否' as const) });

const NAME_CHARS = [...'南昌市总工会职工服务中心财政局教育卫生健康委员会交通运输农业农村人民政府办公室（）·'];
/** A unit name: Chinese, sometimes with characters XML must escape or inner spaces. */
export const deptName = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 24 }),
      fc.constantFrom('', '', '', ' 二所', '&<分>', '"第一"', "'甲'"),
    )
    .map(([chars, tail]) => chars.join('') + tail);

const optional = <T>(arb: fc.Arbitrary<T>, blankWeight = 1, filledWeight = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: blankWeight, arbitrary: fc.constant(undefined) }, { weight: filledWeight, arbitrary: arb });

const CHECKLIST_FIELDS = DEFAULT_PROFILE.indicators.flatMap((d) => (d.rule.kind === 'checklist' ? d.rule.items.map((i) => i.field) : []));

/** A “其中” count never above its total: all of it, none, or any part. */
const partOf = (total: number, rel: { all: true } | { none: true } | { seed: number }): number =>
  'all' in rel ? total : 'none' in rel ? 0 : rel.seed % (total + 1);
const partRelation = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ all: true } as const) },
  { weight: 1, arbitrary: fc.constant({ none: true } as const) },
  { weight: 3, arbitrary: fc.nat().map((seed) => ({ seed })) },
);

/** Everything a department is built from (its shrinkable parts); `buildDepartment` makes it consistent. */
const departmentSeed = fc.record({
  name: deptName(),
  year: fc.integer({ min: 2000, max: 2100 }),
  staffAuthorized: count(1),
  staffActual: relation(count()),
  adjustedBasic: amountCents(),
  adjustedProject: amountCents(),
  initialBasic: relation(),
  initialProject: relation(),
  actualBasic: relation(),
  actualProject: relation(),
  adjustedTotalGiven: fc.boolean(),
  actualTotalGiven: fc.boolean(),
  excluded: optional(fc.integer({ min: 0, max: 10_000 })),
  excludedOverAnyIncrease: amountCents(),
  keyProject: optional(fc.oneof(fc.constantFrom(6000, 7000, 8000, 9000, 10000), fc.integer({ min: 0, max: 10_000 }))),
  evaluated: optional(fc.oneof(fc.constantFrom(0, 9999, 10000), fc.integer({ min: 0, max: 10_000 }))),
  prevAdjustedTotal: optional(amountCents()),
  prevActualTotal: optional(amountCents()),
  sangongBudgetPrev: amountCents(),
  sangongBudget: relation(),
  sangongActual: relation(),
  publicBudget: amountCents(),
  publicActual: relation(),
  procurementBudget: amountCents(),
  procurementActual: relation(),
  paymentPlanned: optional(percentBp(), 3, 1),
  paymentActual: optional(percentBp(), 3, 1),
  projectsInitial: count(),
  projectsInitialWithGoals: partRelation,
  projectsAdded: count(),
  projectsAddedWithGoals: partRelation,
  keyTasksTotal: count(),
  keyTasksDone: partRelation,
  satisfaction: percentBp(),
  answers: fc.array(yesNo(), { minLength: CHECKLIST_FIELDS.length, maxLength: CHECKLIST_FIELDS.length }),
});

export type DepartmentSeed = typeof departmentSeed extends fc.Arbitrary<infer T> ? T : never;

/** The consistent department a seed stands for. */
export function buildDepartment(s: DepartmentSeed): DepartmentValues {
  const v: DepartmentValues = {};
  const amount = (id: string, cents: number | undefined) => {
    if (cents !== undefined) v[id] = centsToAmount(cents);
  };
  v.dept_name = s.name;
  v.eval_year = s.year;
  v.staff_authorized = s.staffAuthorized;
  v.staff_actual = related(s.staffAuthorized, s.staffActual, 1_000_000_000);

  const adjustedBasic = s.adjustedBasic;
  const adjustedProject = s.adjustedProject;
  const initialBasic = related(adjustedBasic, s.initialBasic, LARGE_AMOUNT_CENTS);
  const initialProject = related(adjustedProject, s.initialProject, LARGE_AMOUNT_CENTS);
  const actualBasic = related(adjustedBasic, s.actualBasic, LARGE_AMOUNT_CENTS);
  const actualProject = related(adjustedProject, s.actualProject, LARGE_AMOUNT_CENTS);
  amount('budget_initial_basic', initialBasic);
  amount('budget_initial_project', initialProject);
  amount('budget_adjusted_basic', adjustedBasic);
  amount('budget_adjusted_project', adjustedProject);
  if (s.adjustedTotalGiven) amount('budget_adjusted_total', adjustedBasic + adjustedProject);
  amount('actual_basic', actualBasic);
  amount('actual_project', actualProject);
  if (s.actualTotalGiven) amount('actual_total', actualBasic + actualProject);

  // 不计入调整的追加数: a share of a positive increase; any amount (a warning only) when there is none.
  const increase = adjustedBasic + adjustedProject - initialBasic - initialProject;
  if (s.excluded !== undefined) {
    amount('adjustment_excluded', increase > 0 ? scaleCents(increase, s.excluded) : s.excluded === 0 ? 0 : s.excludedOverAnyIncrease);
  }
  if (s.keyProject !== undefined) amount('key_project_budget', scaleCents(adjustedProject, s.keyProject));
  if (s.evaluated !== undefined) amount('evaluated_project_funds', scaleCents(adjustedProject, s.evaluated));
  amount('prev_budget_adjusted_total', s.prevAdjustedTotal);
  amount('prev_actual_total', s.prevActualTotal);

  const sangongBudget = related(s.sangongBudgetPrev, s.sangongBudget, LARGE_AMOUNT_CENTS);
  amount('sangong_budget_prev', s.sangongBudgetPrev);
  amount('sangong_budget', sangongBudget);
  amount('sangong_actual', related(sangongBudget, s.sangongActual, MAX_AMOUNT_CENTS));
  amount('public_budget', s.publicBudget);
  amount('public_actual', related(s.publicBudget, s.publicActual, MAX_AMOUNT_CENTS));
  amount('procurement_budget', s.procurementBudget);
  amount('procurement_actual', related(s.procurementBudget, s.procurementActual, MAX_AMOUNT_CENTS));

  if (s.paymentPlanned !== undefined) v.payment_planned_pct = bpToRatio(s.paymentPlanned);
  if (s.paymentActual !== undefined) v.payment_actual_pct = bpToRatio(s.paymentActual);
  v.projects_initial = s.projectsInitial;
  v.projects_initial_with_goals = partOf(s.projectsInitial, s.projectsInitialWithGoals);
  v.projects_added = s.projectsAdded;
  v.projects_added_with_goals = partOf(s.projectsAdded, s.projectsAddedWithGoals);
  v.key_tasks_total = s.keyTasksTotal;
  v.key_tasks_done = partOf(s.keyTasksTotal, s.keyTasksDone);
  v.satisfaction_pct = bpToRatio(s.satisfaction);
  CHECKLIST_FIELDS.forEach((id, i) => (v[id] = s.answers[i]));
  return v;
}

/** A valid department (see the file comment). */
export const department = (): fc.Arbitrary<DepartmentValues> => departmentSeed.map(buildDepartment);

// ───────────────────────────── profiles ─────────────────────────────

/** Figures with at most two decimals: weights, points, steps, grade lines. */
const twoDecimals = (maxCents: number, minCents = 0): fc.Arbitrary<number> => fc.integer({ min: minCents, max: maxCents }).map((c) => c / 100);
/** A ratio with at most two decimals of a percent, in [0, maxBp / 10000]. */
const ratio = (maxBp: number, minBp = 0): fc.Arbitrary<number> => fc.integer({ min: minBp, max: maxBp }).map(bpToRatio);

/** A band rule's parameters as the sheet can hold them: bounds 0–200% with upper ≥ lower, steps ≥ 0, per > 0. */
const bandRule = (base: BandRule): fc.Arbitrary<BandRule> =>
  fc
    .record({
      lower: fc.oneof({ weight: 3, arbitrary: fc.constant(base.lower) }, { weight: 1, arbitrary: fc.option(ratio(20_000), { nil: undefined }) }),
      upperGap: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: ratio(10_000) }),
      upper: fc.oneof({ weight: 3, arbitrary: fc.constant(base.upper) }, { weight: 1, arbitrary: fc.option(ratio(20_000), { nil: undefined }) }),
      steps: fc.oneof({ weight: 3, arbitrary: fc.constant(base.mode === 'steps') }, { weight: 1, arbitrary: fc.boolean() }),
      per: twoDecimals(5_000, 1),
      stepBelow: twoDecimals(500),
      stepAbove: twoDecimals(200),
    })
    .map((r) => {
      let upper = r.upper;
      // An upper bound below the lower is invalid: lift it to lower + gap (capped at 200%).
      if (upper !== undefined && r.lower !== undefined && upper < r.lower) upper = Math.min(2, (Math.round(r.lower * 10_000) + Math.round((r.upperGap ?? 0) * 10_000)) / 10_000);
      const rule: BandRule = { kind: 'band', mode: r.steps ? 'steps' : 'proportional' };
      if (r.lower !== undefined) rule.lower = r.lower;
      if (upper !== undefined) {
        rule.upper = upper;
        rule.stepAbove = r.stepAbove;
      }
      if (r.steps) {
        rule.per = r.per;
        rule.stepBelow = r.stepBelow;
      }
      if (base.ifBaseZero) rule.ifBaseZero = base.ifBaseZero;
      return rule;
    });

/** Tiers as the sheet holds them (the base's number of tiers): minimums strictly falling, shares not rising. */
const tiers = (n: number): fc.Arbitrary<Tier[]> =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: n, maxLength: n }),
    )
    .map(([mins, shares]) => {
      const m = [...mins].sort((a, b) => b - a);
      const s = [...shares].sort((a, b) => b - a);
      return m.map((min, i) => ({ min: bpToRatio(min), share: bpToRatio(s[i]) }));
    });

/** One indicator of 指标体系 edited as an officer may: its weight and rule parameters (formula, name, list lengths kept). */
export const editedIndicator = (def: IndicatorDef): fc.Arbitrary<IndicatorDef> => {
  const rule = def.rule;
  if (rule.kind === 'checklist') {
    return fc
      .array(twoDecimals(500), { minLength: rule.items.length, maxLength: rule.items.length })
      .map((points) => {
        const items = rule.items.map((it, i) => ({ field: it.field, points: points[i] }));
        // The weight is the sum of the points (profileCheck), summed in 分 so it stays exact.
        const weight = points.reduce((a, p) => a + Math.round(p * 100), 0) / 100;
        return { ...def, weight, rule: { kind: 'checklist' as const, items } };
      });
  }
  const weight = fc.oneof({ weight: 1, arbitrary: fc.constant(def.weight) }, { weight: 3, arbitrary: twoDecimals(2_000) });
  if (rule.kind === 'tiers') {
    return fc.tuple(weight, tiers(rule.tiers.length)).map(([w, t]) => ({ ...def, weight: w, rule: { ...rule, tiers: t } }));
  }
  return fc.tuple(weight, bandRule(rule)).map(([w, r]) => ({ ...def, weight: w, rule: r }));
};

/** Grade lines: 优 > 良 > 中, within 0–100, at most two decimals. */
export const gradeBounds = (): fc.Arbitrary<Profile['grades']> =>
  fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 3, maxLength: 3 }).map((xs) => {
    const [a, b, c] = [...xs].sort((x, y) => y - x).map((x) => x / 100);
    return { 优: a, 良: b, 中: c };
  });

const thresholds = (): fc.Arbitrary<Profile['thresholds']> =>
  fc
    .record({
      low: ratio(10_000),
      severe: ratio(10_000),
      project: ratio(10_000),
      adjustment: ratio(10_000),
      satisfaction: ratio(10_000),
    })
    .map((t) => ({
      executionLow: Math.max(t.low, t.severe),
      executionSevere: Math.min(t.low, t.severe),
      projectExecutionSevere: t.project,
      adjustmentHigh: t.adjustment,
      satisfactionLow: t.satisfaction,
    }));

/**
 * An execution-rate cap (预算执行率封顶) of one to four rows: `below` rising within (0%, 100%], `max`
 * within 0–100 with two decimals (sometimes three, which the engine cuts rather than rounds).
 */
export const executionCap = (): fc.Arbitrary<ExecutionCapRow[]> =>
  fc
    .uniqueArray(fc.oneof(fc.constantFrom(3000, 5000, 6000, 8000, 9000, 9500, 10_000), fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 4 })
    .chain((belows) =>
      fc.tuple(
        fc.constant([...belows].sort((a, b) => a - b).map(bpToRatio)),
        fc.array(fc.oneof({ weight: 3, arbitrary: twoDecimals(10_000) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 100_000 }).map((x) => x / 1000) }), {
          minLength: belows.length,
          maxLength: belows.length,
        }),
      ),
    )
    .map(([belows, maxes]) => belows.map((below, i) => ({ below, max: maxes[i] })));

/**
 * An edited 指标体系: the default's formulas, names and list lengths (tiers, checklist items), with
 * every number an officer may change changed within what profileCheck accepts — weights (not
 * necessarily summing to 100, which is only a warning), bounds added, moved or removed, modes
 * switched, steps, tiers, points, grade lines, flag thresholds — and sometimes an execution-rate cap.
 */
export const profile = (): fc.Arbitrary<Profile> =>
  fc
    .tuple(
      fc.tuple(...DEFAULT_PROFILE.indicators.map(editedIndicator)),
      fc.oneof(fc.constant(DEFAULT_PROFILE.grades), gradeBounds()),
      fc.oneof(fc.constant(DEFAULT_PROFILE.thresholds), thresholds()),
      fc.option(executionCap(), { nil: undefined, freq: 2 }),
    )
    .map(([indicators, grades, t, cap]) => ({ name: DEFAULT_PROFILE.name, indicators, grades, thresholds: t, ...(cap && { executionCap: cap }) }));

/** The default profile most of the time, an edited one otherwise. */
export const anyProfile = (): fc.Arbitrary<Profile> => fc.oneof({ weight: 1, arbitrary: fc.constant(DEFAULT_PROFILE) }, { weight: 2, arbitrary: profile() });
