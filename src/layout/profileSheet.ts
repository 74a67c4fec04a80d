/**
 * The sheet 指标体系: the profile laid out for the officer to read and edit (yellow cells), and read
 * back into a Profile. Each parameter row carries a key in column B, so rows may be moved.
 */
import { fromSpreadsheetNumber, type Decimal } from '../engine/decimal';
import { fieldLabel, fieldPhrase } from '../engine/fields';
import { parseNumericText, parseValue, quoteInput, type ParseOutcome } from '../engine/parse';
import {
  THRESHOLD_LABELS,
  type BandRule,
  type ExecutionCapRow,
  type FlagThresholds,
  type GradeBounds,
  type IndicatorDef,
  type Profile,
  type RateFormula,
} from '../engine/profile';
import { checkProfile, type IndicatorParam, type ProfilePath } from '../engine/profileCheck';
import type { InputIssue, RawValue } from '../engine/types';
import { type Grid, gridBottom, gridText, gridValue } from './grid';
import { PlanBuilder, SHEET_PROFILE, sheetCell, type PlanValue, type SheetPlan } from './plan';

const C = {
  seq: 1, key: 2, level1: 3, level2: 4, name: 5, value: 6, formula: 7, kind: 8,
  lower: 9, upper: 10, mode: 11, per: 12, stepBelow: 13, stepAbove: 14, baseZero: 15,
} as const;
const WIDTHS = [5, 24, 9, 12, 26, 8, 44, 7, 8, 8, 11, 10, 9, 12, 16];

const MODE_TEXT = { proportional: '按比例', steps: '按档扣分' } as const;
const BASE_ZERO_TEXT = { full: '满分（不涉及）', full_if_zero_numerator: '无支出时满分' } as const;
/** The rule kinds as the sheet (and the JSON reader's messages) name them. */
export const KIND_TEXT = { band: '区间', tiers: '分档', checklist: '检查项' } as const;

/** Plain numbers (weights, points, steps, grade lines) as typed: Excel's `0.##` would show 20 as “20.”. */
const NUMBER = 'General';
/** Bounds, tier minimums and shares, thresholds: 95% shows as 95.00%. */
const PERCENT = '0.00%';

/** Empty rows of the execution-rate cap section on a blank template (a profile with more rows gets more). */
const CAP_ROWS = 4;
/** A cap row's key in the 代码 column: `cap.1`, `cap.2`… (counting from 1, as the officer does). */
const capKey = (n: number) => `cap.${n}`;
const CAP_KEY = /^cap\.\d+$/;
/** The columns of a cap row: 总分最高 where other sections keep points, 执行率低于 where tiers keep 达到. */
const CAP_COLUMN = { max: C.value, below: C.lower } as const;
const CAP_HEADER = { max: '总分最高', below: '执行率低于' } as const;

/** The column of each indicator parameter on its row. */
const PARAM_COLUMN: Record<IndicatorParam, number> = {
  weight: C.value, lower: C.lower, upper: C.upper, mode: C.mode, per: C.per, stepBelow: C.stepBelow,
  stepAbove: C.stepAbove, ifBaseZero: C.baseZero, tiers: C.name, items: C.name,
};

/** The row key (column B) and the column of a profile parameter on this sheet; `capKeys[i]` is the row of `executionCap[i]`. */
function sheetPlace(path: ProfilePath, capKeys: string[]): { key: string; col: number } {
  if ('cap' in path) return { key: capKeys[path.cap], col: CAP_COLUMN[path.param] };
  if ('grade' in path) return { key: `grade.${path.grade}`, col: C.value };
  if ('threshold' in path) return { key: `threshold.${path.threshold}`, col: C.value };
  if ('tier' in path) return { key: `${path.indicator}.tier${path.tier + 1}`, col: path.param === 'min' ? C.lower : C.value };
  if ('item' in path) return { key: path.item, col: C.value };
  return { key: path.indicator, col: PARAM_COLUMN[path.param] };
}

export function formulaText(f: RateFormula | undefined): string {
  if (!f) return '各检查项为“是”的分值之和';
  const num = f.numerator.map(fieldPhrase).join('＋');
  const minus = f.numeratorMinus?.length ? `（${num}－${f.numeratorMinus.map(fieldPhrase).join('－')}）` : num;
  return f.denominator ? `${minus}÷${f.denominator.map(fieldPhrase).join('＋')}` : minus;
}

const CAP_NOTE =
  '部分地区按预算完成率（总）限制自评总分：预算完成率低于某行“执行率低于”时，总分不超过该行“总分最高”；' +
  '自上而下取第一条适用的规则，“执行率低于”须逐条递增。例：总分最高59、执行率低于50.00%，即完成率低于50%时总分最高59分。全部留空即不封顶。';

/**
 * A plain number (weight, points, step, grade line) as typed: a number, or numeric text without a
 * unit (neither 万元 nor %). Its range is profileCheck's to judge; what is no number at all gets
 * parseValue's message (error values, formulas, dates, logic values, stray text).
 */
function parsePlainNumber(raw: RawValue): ParseOutcome {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: fromSpreadsheetNumber(raw) };
  if (typeof raw === 'string') {
    const typed = parseNumericText(raw);
    if (typed?.percent) return { ok: false, message: `应为数值，不应带百分号（${quoteInput(raw.trim())}）` };
    if (typed) return { ok: true, value: typed.value };
  }
  return parseValue('ratio', raw);
}

const isBlank = (raw: RawValue) => raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');

export function profileSheetPlan(profile: Profile): SheetPlan {
  const b = new PlanBuilder(SHEET_PROFILE, WIDTHS);
  const last = WIDTHS.length;
  b.merged(1, 1, last, `绩效评价指标体系：${profile.name}`, 'title').height(1, 28);
  b.merged(2, 1, last, '黄色单元格可按本地评分表修改（权重、上下限、扣分标准、检查项分值、分档、等级线、问题阈值、预算执行率封顶）；“代码”列请勿修改。计算公式固定。', 'subtitle');
  const headers = ['序号', '代码', '一级指标', '二级指标', '三级指标', '权重', '计算公式', '规则', '下限', '上限', '低于下限计分', '每满N个百分点', '每满N扣分', '超上限每1个百分点扣分', '分母为0时'];
  headers.forEach((h, i) => b.set(3, i + 1, h, 'header'));
  b.height(3, 32);

  let row = 4;
  profile.indicators.forEach((ind, i) => {
    const band = ind.rule.kind === 'band' ? ind.rule : undefined;
    const base = ind.rule.kind === 'checklist' ? undefined : ind.rule.ifBaseZero;
    b.set(row, C.seq, i + 1, 'number').set(row, C.key, ind.id, 'center').set(row, C.level1, ind.level1, 'center');
    b.set(row, C.level2, ind.level2, 'center').set(row, C.name, ind.name, 'text');
    b.set(row, C.value, ind.weight, 'input', NUMBER);
    b.set(row, C.formula, formulaText(ind.rate), 'note').set(row, C.kind, KIND_TEXT[ind.rule.kind], 'center');
    const input = (col: number, v: PlanValue, fmt?: string, list?: string[]) => {
      b.set(row, col, v, band ? 'input' : 'unit', fmt);
      if (band && list) b.plan.listValidations.push({ row, col, list });
    };
    input(C.lower, band?.lower ?? null, PERCENT);
    input(C.upper, band?.upper ?? null, PERCENT);
    input(C.mode, band ? MODE_TEXT[band.mode] : null, undefined, Object.values(MODE_TEXT));
    input(C.per, band?.mode === 'steps' ? (band.per ?? 10) : null, NUMBER);
    input(C.stepBelow, band?.mode === 'steps' ? (band.stepBelow ?? 1) : null, NUMBER);
    input(C.stepAbove, band?.stepAbove ?? null, NUMBER);
    b.set(row, C.baseZero, base ? BASE_ZERO_TEXT[base] : ind.rule.kind === 'checklist' ? null : '（必须大于0）', base ? 'input' : 'unit');
    if (base) b.plan.listValidations.push({ row, col: C.baseZero, list: Object.values(BASE_ZERO_TEXT) });
    row++;
  });
  b.merged(row, 1, 5, '权重合计', 'total');
  b.set(row, C.value, profile.indicators.reduce((a, x) => a + x.weight, 0), 'total', NUMBER);
  b.merged(row, 7, last, '', 'total');
  row += 2;

  const sectionHeader = (title: string, cols: [number, string][]) => {
    b.merged(row++, 1, last, title, 'section');
    for (const [col, text] of cols) b.set(row, col, text, 'header');
    row++;
  };

  sectionHeader('定性检查项分值（回答“是”得分）', [[C.key, '代码'], [C.name, '检查项'], [C.value, '分值'], [C.formula, '所属指标']]);
  for (const ind of profile.indicators) {
    if (ind.rule.kind !== 'checklist') continue;
    for (const item of ind.rule.items) {
      b.set(row, C.key, item.field, 'center').set(row, C.name, fieldLabel(item.field), 'text');
      b.set(row, C.value, item.points, 'input', NUMBER).set(row, C.formula, ind.name, 'note');
      row++;
    }
  }
  row++;
  sectionHeader('分档（达到下限即得该档比例）', [[C.key, '代码'], [C.name, '指标'], [C.value, '得分比例'], [C.lower, '达到']]);
  for (const ind of profile.indicators) {
    if (ind.rule.kind !== 'tiers') continue;
    ind.rule.tiers.forEach((t, i) => {
      b.set(row, C.key, `${ind.id}.tier${i + 1}`, 'center').set(row, C.name, `${ind.name} 第${i + 1}档`, 'text');
      b.set(row, C.value, t.share, 'input', PERCENT).set(row, C.lower, t.min, 'input', PERCENT);
      b.height(row, 30);
      row++;
    });
  }
  row++;
  sectionHeader('评价等级（总分不低于）', [[C.key, '代码'], [C.name, '等级'], [C.value, '分数线']]);
  for (const g of ['优', '良', '中'] as const) {
    b.set(row, C.key, `grade.${g}`, 'center').set(row, C.name, g, 'text').set(row, C.value, profile.grades[g], 'input', NUMBER);
    row++;
  }
  b.set(row, C.key, 'grade.差', 'center').set(row, C.name, '差', 'text').set(row, C.value, '低于“中”', 'unit');
  row += 2;
  sectionHeader('问题识别阈值', [[C.key, '代码'], [C.name, '说明'], [C.value, '阈值']]);
  for (const k of Object.keys(THRESHOLD_LABELS) as (keyof FlagThresholds)[]) {
    b.set(row, C.key, `threshold.${k}`, 'center').set(row, C.name, THRESHOLD_LABELS[k].note, 'text').set(row, C.value, profile.thresholds[k], 'input', PERCENT);
    b.height(row, 30);
    row++;
  }
  row++;
  // At the end, so that the rows above keep their places in workbooks made before this section.
  b.merged(row++, 1, last, '预算执行率封顶（选填）', 'section');
  b.merged(row, 1, last, CAP_NOTE, 'note').height(row, 30);
  row++;
  for (const [col, text] of [[C.key, '代码'], [C.name, '规则'], [CAP_COLUMN.max, CAP_HEADER.max], [CAP_COLUMN.below, CAP_HEADER.below]] as const) b.set(row, col, text, 'header');
  row++;
  const caps = profile.executionCap ?? [];
  for (let i = 0; i < Math.max(CAP_ROWS, caps.length); i++) {
    b.set(row, C.key, capKey(i + 1), 'center').set(row, C.name, `第${i + 1}条`, 'text');
    b.set(row, CAP_COLUMN.max, caps[i]?.max ?? null, 'input', NUMBER).set(row, CAP_COLUMN.below, caps[i]?.below ?? null, 'input', PERCENT);
    row++;
  }
  b.plan.freezeRows = 3;
  b.plan.print = { landscape: true, titleRows: [3, 3], onePage: true };
  b.plan.tabColor = '70AD47';
  return b.plan;
}

export interface ProfileReadResult {
  profile: Profile;
  errors: InputIssue[];
  warnings: InputIssue[];
}

/**
 * Reads an edited 指标体系 back onto `base` (whose formulas are kept). Every cell that is not a number
 * (or not one of its words) is an error at that cell; then profileCheck judges the numbers, and each
 * of its problems names the cell of the parameter.
 */
export function readProfileSheet(grid: Grid, base: Profile): ProfileReadResult {
  const errors: InputIssue[] = [];
  const warnings: InputIssue[] = [];
  const rows = new Map<string, number>();
  for (let r = grid.top; r <= gridBottom(grid); r++) {
    const key = gridText(grid, r, C.key);
    if (key && !rows.has(key)) rows.set(key, r);
  }
  const at = (key: string, col: number) => {
    const row = rows.get(key) as number;
    return { raw: gridValue(grid, row, col), cell: sheetCell(SHEET_PROFILE, row, col) };
  };
  const fail = (key: string, cell: string, message: string) => errors.push({ field: `profile.${key}`, cell, message });

  /** A number (`percent`: a ratio, typed as 95% or 0.95) from the sheet; undefined when blank and allowed to be, or bad. */
  const number = (key: string, col: number, what: string, opts: { percent?: boolean; optional?: boolean } = {}): number | undefined => {
    const { raw, cell } = at(key, col);
    // Ranges are profileCheck's to judge: read percentages without parseValue's 100% cap.
    const out = opts.percent ? parseValue('ratio', raw) : parsePlainNumber(raw);
    if (!out.ok) {
      fail(key, cell, `指标体系“${what}”：${out.message}`);
      return undefined;
    }
    if (out.value === null) {
      if (!opts.optional) fail(key, cell, `指标体系“${what}”未填写`);
      return undefined;
    }
    return (out.value as Decimal).toNumber();
  };
  const choice = <T extends string>(key: string, col: number, what: string, options: Record<T, string>): T | undefined => {
    const { raw, cell } = at(key, col);
    // An error value, a formula without result…: parseValue's message, never “[object Object]”.
    const read = parseValue('text', typeof raw === 'boolean' ? (raw ? 'TRUE' : 'FALSE') : raw);
    if (!read.ok) {
      fail(key, cell, `指标体系“${what}”：${read.message}`);
      return undefined;
    }
    const text = String(read.value ?? '');
    const found = (Object.keys(options) as T[]).find((k) => options[k] === text || k === text);
    if (!found) fail(key, cell, `指标体系“${what}”应为${Object.values(options).map((t) => `“${t}”`).join('或')}，实为${quoteInput(text)}`);
    return found;
  };
  const missing = (key: string, what: string) => {
    warnings.push({ field: `profile.${key}`, cell: null, message: `指标体系中找不到“${what}”（代码 ${key}），按默认值计算` });
  };

  const indicators: IndicatorDef[] = base.indicators.map((ind) => {
    if (!rows.has(ind.id)) {
      missing(ind.id, ind.name);
      return ind;
    }
    const weight = number(ind.id, C.value, `${ind.name}·权重`) ?? ind.weight;
    const rule = ind.rule;
    if (rule.kind === 'band') {
      const mode = choice(ind.id, C.mode, `${ind.name}·低于下限计分`, MODE_TEXT) ?? rule.mode;
      const next: BandRule = {
        kind: 'band',
        mode,
        lower: number(ind.id, C.lower, `${ind.name}·下限`, { percent: true, optional: true }),
        upper: number(ind.id, C.upper, `${ind.name}·上限`, { percent: true, optional: true }),
        stepAbove: number(ind.id, C.stepAbove, `${ind.name}·超上限扣分`, { optional: true }),
        ifBaseZero: rule.ifBaseZero && (choice(ind.id, C.baseZero, `${ind.name}·分母为0时`, BASE_ZERO_TEXT) ?? rule.ifBaseZero),
      };
      if (mode === 'steps') {
        next.per = number(ind.id, C.per, `${ind.name}·每满N个百分点`);
        next.stepBelow = number(ind.id, C.stepBelow, `${ind.name}·每满N扣分`);
      }
      if (next.upper !== undefined && next.stepAbove === undefined) next.stepAbove = 0;
      return { ...ind, weight, rule: next };
    }
    if (rule.kind === 'tiers') {
      const tiers = rule.tiers.map((t, i) => {
        const key = `${ind.id}.tier${i + 1}`;
        if (!rows.has(key)) return t;
        return {
          min: number(key, C.lower, `${ind.name}第${i + 1}档·达到`, { percent: true }) ?? t.min,
          share: number(key, C.value, `${ind.name}第${i + 1}档·得分比例`, { percent: true }) ?? t.share,
        };
      });
      const ifBaseZero = rule.ifBaseZero && (choice(ind.id, C.baseZero, `${ind.name}·分母为0时`, BASE_ZERO_TEXT) ?? rule.ifBaseZero);
      return { ...ind, weight, rule: { kind: 'tiers', tiers, ifBaseZero } };
    }
    const items = rule.items.map((it) => {
      if (!rows.has(it.field)) {
        missing(it.field, fieldLabel(it.field));
        return it;
      }
      return { field: it.field, points: number(it.field, C.value, `${fieldLabel(it.field)}·分值`) ?? it.points };
    });
    return { ...ind, weight, rule: { kind: 'checklist', items } };
  });

  const grades = { ...base.grades } as GradeBounds;
  for (const g of ['优', '良', '中'] as const) {
    const key = `grade.${g}`;
    if (rows.has(key)) grades[g] = number(key, C.value, `等级“${g}”分数线`) ?? grades[g];
    else missing(key, `等级“${g}”分数线`);
  }
  const thresholds = { ...base.thresholds };
  for (const k of Object.keys(THRESHOLD_LABELS) as (keyof FlagThresholds)[]) {
    const key = `threshold.${k}`;
    if (rows.has(key)) thresholds[k] = number(key, C.value, THRESHOLD_LABELS[k].note, { percent: true }) ?? thresholds[k];
    else missing(key, THRESHOLD_LABELS[k].note);
  }

  // Cap rows in sheet order: a blank row is no row, a half-filled one an error at its blank cell. A
  // workbook made before the section existed has no cap row at all and keeps `base`'s cap.
  const capKeys = [...rows.keys()].filter((key) => CAP_KEY.test(key));
  const filledCapKeys = capKeys.filter((key) => !isBlank(at(key, CAP_COLUMN.below).raw) || !isBlank(at(key, CAP_COLUMN.max).raw));
  const executionCap: ExecutionCapRow[] | undefined =
    capKeys.length === 0
      ? base.executionCap
      : filledCapKeys.map((key) => {
          // An unreadable cell is NaN here: its error is already at that cell, and profileCheck's is then moot.
          const what = (param: keyof typeof CAP_HEADER) => `预算执行率封顶第${key.slice('cap.'.length)}条·${CAP_HEADER[param]}`;
          return {
            below: number(key, CAP_COLUMN.below, what('below'), { percent: true }) ?? Number.NaN,
            max: number(key, CAP_COLUMN.max, what('max')) ?? Number.NaN,
          };
        });

  const profile: Profile = { name: base.name, indicators, grades, thresholds, ...(executionCap && executionCap.length > 0 ? { executionCap } : {}) };
  const checked = checkProfile(profile, (path) => {
    const { key, col } = sheetPlace(path, filledCapKeys);
    return rows.has(key) ? at(key, col).cell : null;
  });
  // A cell that is not a number kept its default value: what profileCheck says of that value is moot.
  const unreadable = new Set(errors.map((e) => e.cell));
  errors.push(...checked.errors.filter((e) => e.cell === null || !unreadable.has(e.cell)));
  warnings.push(...checked.warnings);
  return { profile, errors, warnings };
}
