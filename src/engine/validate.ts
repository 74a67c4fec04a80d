/**
 * Validation: parses every field, applies defaults and the cross-field checks of the template,
 * and returns either typed inputs or every error at once (each naming its field and cell).
 */
import { Decimal, ZERO, fmtAmount, fmtPercent } from './decimal';
import { FIELDS, FIELD_BY_ID, type FieldDef } from './fields';
import { parseValue, quoteInput, type ParsedValue } from './parse';
import type { InputIssue, RawInputs } from './types';

/** Valid, typed inputs with every default applied. Counts and percentages are Decimals too. */
export interface DepartmentInputs {
  deptName: string;
  year: number;
  /** Every numeric field (amount, count, percent) by id, defaults applied. */
  num: Record<string, Decimal>;
  /** Checklist answers (是 = true). */
  yes: Record<string, boolean>;
  /** Optional fields the officer left blank (their defaults were used). */
  defaulted: Set<string>;
  /** Fields that are optional and have no default (e.g. prev totals); absent from `num` when blank. */
}

export type ValidationResult =
  | { ok: true; inputs: DepartmentInputs; warnings: InputIssue[] }
  | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };

const TOLERANCE = new Decimal('0.01');

/** Fields whose blank value means 0. */
const ZERO_DEFAULTS = ['adjustment_excluded', 'evaluated_project_funds'];

export function validateInputs(raw: RawInputs): ValidationResult {
  const errors: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  const cellOf = (id: string): string | null => raw.cells?.[id] ?? null;
  const issue = (id: string, message: string): InputIssue => ({ field: id, cell: cellOf(id), message });
  const named = (def: FieldDef, message: string) => issue(def.id, `${def.label}：${message}`);

  const parsed = new Map<string, ParsedValue>();
  for (const def of FIELDS) {
    const out = parseValue(def.kind, raw.values[def.id]);
    if (!out.ok) {
      errors.push(named(def, out.message));
    } else if (out.value === null || out.value === '') {
      if (def.required) errors.push(named(def, def.kind === 'yesno' ? '未填写，请选择“是”或“否”' : '必填项未填写'));
    } else {
      parsed.set(def.id, out.value);
      if (def.kind === 'amount' && (out.value as Decimal).decimalPlaces() > 2) {
        warnings.push(named(def, `金额超过两位小数（${(out.value as Decimal).toString()}），按原值计算`));
      }
    }
  }
  for (const key of Object.keys(raw.values)) {
    if (!FIELD_BY_ID.has(key)) warnings.push(issue(key, `未识别的字段${quoteInput(key)}，已忽略`));
  }

  const num: Record<string, Decimal> = {};
  const yes: Record<string, boolean> = {};
  for (const def of FIELDS) {
    const v = parsed.get(def.id);
    if (v === undefined) continue;
    if (def.kind === 'yesno') yes[def.id] = v as boolean;
    else if (def.kind !== 'text' && def.kind !== 'year') num[def.id] = v instanceof Decimal ? v : new Decimal(v as number);
  }

  const defaulted = new Set<string>();
  const setDefault = (id: string, value: Decimal | undefined) => {
    if (num[id] === undefined && value !== undefined) {
      num[id] = value;
      defaulted.add(id);
    }
  };
  for (const id of ZERO_DEFAULTS) setDefault(id, ZERO);
  setDefault('key_project_budget', num.budget_adjusted_project);
  setDefault('payment_planned_pct', new Decimal(1));
  const adjustedTotal = plus(num.budget_adjusted_basic, num.budget_adjusted_project);
  const actualTotal = plus(num.actual_basic, num.actual_project);
  if (adjustedTotal && actualTotal) {
    setDefault('payment_actual_pct', adjustedTotal.isZero() ? new Decimal(1) : actualTotal.dividedBy(adjustedTotal));
  }

  crossChecks(num, named, errors, warnings, adjustedTotal, actualTotal);

  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    inputs: {
      deptName: parsed.get('dept_name') as string,
      year: parsed.get('eval_year') as number,
      num,
      yes,
      defaulted,
    },
    warnings,
  };
}

function plus(a: Decimal | undefined, b: Decimal | undefined): Decimal | undefined {
  return a && b ? a.plus(b) : undefined;
}

function crossChecks(
  num: Record<string, Decimal>,
  named: (def: FieldDef, message: string) => InputIssue,
  errors: InputIssue[],
  warnings: InputIssue[],
  adjustedTotal: Decimal | undefined,
  actualTotal: Decimal | undefined,
): void {
  const def = (id: string) => FIELD_BY_ID.get(id) as FieldDef;
  const label = (id: string) => def(id).label;

  const totals: [string, string, string, Decimal | undefined][] = [
    ['budget_adjusted_total', 'budget_adjusted_basic', 'budget_adjusted_project', adjustedTotal],
    ['actual_total', 'actual_basic', 'actual_project', actualTotal],
  ];
  for (const [totalId, basicId, projectId, computed] of totals) {
    const given = num[totalId];
    if (given && computed && given.minus(computed).abs().gt(TOLERANCE)) {
      errors.push(
        named(
          def(totalId),
          `合计${fmtAmount(given)}万元与基本支出${fmtAmount(num[basicId])}＋项目支出${fmtAmount(num[projectId])}＝${fmtAmount(computed)}万元不一致，请核对`,
        ),
      );
    }
  }

  const initialTotal = plus(num.budget_initial_basic, num.budget_initial_project);
  const excluded = num.adjustment_excluded;
  if (adjustedTotal && initialTotal && excluded) {
    const increase = adjustedTotal.minus(initialTotal);
    if (increase.isPositive() && !increase.isZero() && excluded.gt(increase)) {
      errors.push(
        named(
          def('adjustment_excluded'),
          `${fmtAmount(excluded)}万元超过了年中预算增加额${fmtAmount(increase)}万元（调整后合计${fmtAmount(adjustedTotal)}－年初合计${fmtAmount(initialTotal)}）`,
        ),
      );
    } else if (!increase.isPositive() || increase.isZero()) {
      if (!excluded.isZero()) {
        warnings.push(
          named(
            def('adjustment_excluded'),
            `预算未增加（调整后合计${fmtAmount(adjustedTotal)}万元不高于年初合计${fmtAmount(initialTotal)}万元），却填写了${fmtAmount(excluded)}万元，请核对；预算调整率仍按公式扣除此数`,
          ),
        );
      }
    }
  }

  for (const id of ['key_project_budget', 'evaluated_project_funds']) {
    const v = num[id];
    const cap = num.budget_adjusted_project;
    if (v && cap && v.gt(cap)) {
      errors.push(named(def(id), `${fmtAmount(v)}万元不能大于${label('budget_adjusted_project')}${fmtAmount(cap)}万元`));
    }
  }

  const partOf: [string, string][] = [
    ['projects_initial_with_goals', 'projects_initial'],
    ['projects_added_with_goals', 'projects_added'],
    ['key_tasks_done', 'key_tasks_total'],
  ];
  for (const [partId, wholeId] of partOf) {
    const part = num[partId];
    const whole = num[wholeId];
    if (part && whole && part.gt(whole)) {
      errors.push(named(def(partId), `${part.toString()}不能大于${label(wholeId)}${whole.toString()}`));
    }
  }

  if (num.staff_authorized?.isZero()) {
    errors.push(named(def('staff_authorized'), '编制数不能为0（财政供养人员控制率以编制数为分母）'));
  }
  if (num.payment_planned_pct?.isZero()) {
    warnings.push(named(def('payment_planned_pct'), '既定支付进度为0%，支付进度率按“不涉及”处理'));
  }

  const overspent: [string, string][] = [
    ['actual_basic', 'budget_adjusted_basic'],
    ['actual_project', 'budget_adjusted_project'],
  ];
  for (const [actualId, budgetId] of overspent) {
    const a = num[actualId];
    const b = num[budgetId];
    if (a && b && a.gt(b)) {
      warnings.push(named(def(actualId), `${fmtAmount(a)}万元超过${label(budgetId)}${fmtAmount(b)}万元，请确认`));
    }
  }
  const pa = num.payment_actual_pct;
  const pp = num.payment_planned_pct;
  if (pa && pp && pa.gt(1)) warnings.push(named(def('payment_actual_pct'), `高于100%（${fmtPercent(pa)}）`));
}
