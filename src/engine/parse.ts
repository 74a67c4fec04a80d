/**
 * Value normalisation: one raw cell → a typed value or a Chinese error message.
 * Accepts what officers actually type: `1,234.5`, full-width digits, `12.3万元`, `47.93%`,
 * 是/否 and its variants; rejects Excel error values, formulas without a result, anything that is
 * not one value, values beyond sane bounds and stray text, quoting what it found.
 */
import { Decimal, fromSpreadsheetNumber } from './decimal';
import type { FieldKind } from './fields';
import type { CellError, NonScalarValue, RawInputs, RawValue, UncalculatedFormula } from './types';

export type ParsedValue = string | number | boolean | Decimal;

export type ParseOutcome =
  | { ok: true; value: ParsedValue | null }
  | { ok: false; message: string };

const EXCEL_ERROR = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** Excel's limit on the characters of one cell (UTF-16 units, as Excel's LEN counts them). */
export const EXCEL_TEXT_LIMIT = 32767;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function isCellError(v: unknown): v is CellError {
  return isRecord(v) && typeof v.error === 'string';
}

export function isUncalculatedFormula(v: unknown): v is UncalculatedFormula {
  return isRecord(v) && typeof v.formula === 'string';
}

export function isNonScalarValue(v: unknown): v is NonScalarValue {
  return isRecord(v) && (v.nonScalar === 'object' || v.nonScalar === 'array');
}

/**
 * The boundary for JSON input: a parsed JSON object (field id → value) as raw inputs. Scalars pass
 * through; objects and arrays become `NonScalarValue`, so validation names their field and no JSON
 * object is ever read as an error value, a formula or rich text.
 */
export function rawInputsFromJson(json: Record<string, unknown>): RawInputs {
  const values: Record<string, RawValue> = {};
  for (const [key, v] of Object.entries(json)) {
    // defineProperty, as JSON.parse does, so that a "__proto__" key stays an ordinary (unknown) field.
    Object.defineProperty(values, key, { value: jsonScalar(v), enumerable: true, writable: true, configurable: true });
  }
  return { values };
}

function jsonScalar(v: unknown): RawValue {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return { nonScalar: Array.isArray(v) ? 'array' : 'object' };
}

const QUOTE_LENGTH = 60;

/** Controls, invisible format marks, bidi overrides and lone surrogates: shown escaped, never as they are. */
function escapeHidden(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  const hidden =
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0xad ||
    cp === 0x61c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    (ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff);
  if (!hidden) return ch;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  return cp <= 0xff ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * User text as every message quotes it: in “”, with control and invisible characters escaped
 * (ESC → `\x1b`) and cut after about 60 characters (`“…”`).
 */
export function quoteInput(s: string): string {
  let out = '';
  for (const ch of s) {
    if (out.length >= QUOTE_LENGTH) return `“${out}…”`;
    out += escapeHidden(ch);
  }
  return `“${out}”`;
}

/** Full-width digits and punctuation (１２３．４５、，％) to their ASCII forms. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[。]/g, '.');
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘', 'x', '无']);

export function parseYesNo(raw: string | number | boolean): boolean | null {
  if (typeof raw === 'boolean') return raw;
  const s = toHalfWidth(String(raw)).trim().toLowerCase();
  if (YES.has(s)) return true;
  if (NO.has(s)) return false;
  return null;
}

interface NumericText {
  value: Decimal;
  percent: boolean;
}

/**
 * Numeric text after normalisation, or null when it is not a number. A 万元/万 unit only where
 * `amount`. Cut to the 15 significant digits Excel keeps, as numbers from cells are.
 */
export function parseNumericText(text: string, amount = false): NumericText | null {
  let s = toHalfWidth(text).trim().replace(/\s+/g, '');
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  } else if (amount) {
    s = s.replace(/(万元|万)$/, '');
  }
  // Thousands separators only between digit groups of three.
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return { value: new Decimal(s).toSignificantDigits(15), percent };
}

const blank = (v: RawValue): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** What a field of each kind should hold, as messages say it. */
const EXPECTED: Record<FieldKind, string> = {
  text: '文字',
  yesno: '“是”或“否”',
  year: '数值',
  count: '数值',
  amount: '数值',
  percent: '数值',
  ratio: '数值',
};

function uncalculatedMessage(formula: string): string {
  return (
    `单元格中是公式${quoteInput(formula.startsWith('=') ? formula : `=${formula}`)}，但文件里没有它的计算结果（保存文件的程序没有计算公式）。` +
    '请在 Excel 或 WPS 中打开此文件，确认公式算出结果后保存，再重新评分；或直接填写数值。'
  );
}

function errorValueMessage(error: string): string {
  const name = EXCEL_ERROR.test(error.trim()) ? ` ${error.trim()}` : quoteInput(error);
  return `单元格为错误值${name}，请修正公式或改填数值`;
}

/** Why a raw value can be no field's value at all (not one scalar, an error value, …), or null. */
function unusableMessage(kind: FieldKind, raw: unknown): string | null {
  if (typeof raw === 'string') return EXCEL_ERROR.test(raw.trim()) ? errorValueMessage(raw) : null;
  if (typeof raw === 'boolean') return null;
  if (typeof raw === 'number') {
    if (Number.isNaN(raw)) return '不是有效数值';
    return Number.isFinite(raw) ? null : '数值过大，超出可计算的范围';
  }
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? '不是有效日期' : null;
  if (isNonScalarValue(raw)) {
    const what = raw.nonScalar === 'array' ? 'JSON 数组（方括号 […]）' : 'JSON 对象（花括号 {…}）';
    return `应为${EXPECTED[kind]}，实为 ${what}；每个字段只能填一个值`;
  }
  if (isCellError(raw)) return errorValueMessage(raw.error);
  if (isUncalculatedFormula(raw)) return uncalculatedMessage(raw.formula);
  return `应为${EXPECTED[kind]}，实为无法识别的内容（不是单个值）`;
}

const fail = (message: string): ParseOutcome => ({ ok: false, message });

/**
 * Parses one raw value for a field of the given kind. Blank → `{ok: true, value: null}`. Anything
 * that is not one scalar is an error, whatever the caller passed.
 */
export function parseValue(kind: FieldKind, raw: RawValue): ParseOutcome {
  if (blank(raw)) return { ok: true, value: null };
  const unusable = unusableMessage(kind, raw);
  if (unusable !== null) return fail(unusable);
  const v = raw as string | number | boolean | Date;

  if (kind === 'text') return parseText(v);
  if (v instanceof Date) return fail(`应为${EXPECTED[kind]}，却是日期；请检查单元格格式`);
  if (kind === 'yesno') {
    const b = parseYesNo(v);
    return b === null ? fail(`应填“是”或“否”，实为${quoteInput(String(v))}`) : { ok: true, value: b };
  }
  return parseNumber(kind, v);
}

function parseText(v: string | number | boolean | Date): ParseOutcome {
  if (typeof v === 'boolean') return fail(`应为文字，实为逻辑值 ${v ? 'TRUE' : 'FALSE'}`);
  // A date typed into a text cell (评价工作时间) reads as the officer wrote it; adapters give UTC dates.
  if (v instanceof Date) return { ok: true, value: `${v.getUTCFullYear()}年${v.getUTCMonth() + 1}月${v.getUTCDate()}日` };
  if (typeof v === 'number') return { ok: true, value: fromSpreadsheetNumber(v).toString() };
  if (v.length > EXCEL_TEXT_LIMIT) {
    return fail(`文字过长（${v.length}个字符），超过了 Excel 单元格的上限${EXCEL_TEXT_LIMIT}个字符，请精简`);
  }
  return { ok: true, value: v.trim() };
}

interface Bound {
  limit: Decimal;
  message: (n: Decimal) => string;
}

const pct = (n: Decimal) => `${n.times(100).toString()}%`;

/**
 * Sane bounds, far beyond any real department, that keep every sum and every ratio of sums finite
 * and short: amounts ≤ 1e12 万元 and, unless 0, ≥ 0.000001 万元 (0.01元); counts ≤ 1e9; percentages,
 * unless 0, ≥ 0.0001%; profile ratios ≤ 10000%. A rate of amounts is then at most about 1e19.
 */
const MAX: Partial<Record<FieldKind, Bound>> = {
  amount: { limit: new Decimal('1e12'), message: (n) => `${n.toString()}万元超出上限1万亿万元，请核对单位（金额以万元为单位）` },
  count: { limit: new Decimal('1e9'), message: (n) => `${n.toString()}超出上限10亿，请核对` },
  ratio: { limit: new Decimal(100), message: (n) => `${pct(n)}超出上限10000%，请核对` },
};

const MIN_NONZERO: Partial<Record<FieldKind, Bound>> = {
  amount: {
    limit: new Decimal('1e-6'),
    message: (n) => `${n.toString()}万元不足0.01元，请核对单位（金额以万元为单位）；没有则填0`,
  },
  percent: { limit: new Decimal('1e-6'), message: (n) => `${pct(n)}小于0.0001%，请核对；没有则填0` },
};

function parseNumber(kind: FieldKind, v: string | number | boolean): ParseOutcome {
  let n: Decimal;
  let typedPercent = false;
  if (typeof v === 'number') {
    n = fromSpreadsheetNumber(v);
  } else if (typeof v === 'boolean') {
    return fail(`应为数值，实为逻辑值 ${v ? 'TRUE' : 'FALSE'}`);
  } else {
    const t = parseNumericText(v, kind === 'amount');
    if (!t) return fail(`应为数值，实为文字${quoteInput(v)}`);
    if (t.percent && kind !== 'percent' && kind !== 'ratio') return fail(`应为数值，不应带百分号（${quoteInput(v)}）`);
    n = t.percent ? t.value.dividedBy(100) : t.value;
    typedPercent = t.percent;
  }
  if (n.isNegative() && !n.isZero()) return fail(`不能为负数（${n.toString()}）`);
  const max = MAX[kind];
  if (max && n.gt(max.limit)) return fail(max.message(n));
  const min = MIN_NONZERO[kind];
  if (min && !n.isZero() && n.lt(min.limit)) return fail(min.message(n));

  switch (kind) {
    case 'year': {
      if (!n.isInteger() || n.lt(2000) || n.gt(2100)) {
        return fail(`应为2000–2100之间的年份，实为 ${n.toString()}`);
      }
      return { ok: true, value: n.toNumber() };
    }
    case 'count':
      if (!n.isInteger()) return fail(`应为整数，实为 ${n.toString()}`);
      return { ok: true, value: n.toNumber() };
    case 'percent':
      if (n.gt(1)) {
        // 95 in a percent cell most likely means 95%: say how to write it (not when “120%” was typed).
        const hint = typedPercent ? '' : `（如为${n.toString()}%，请填写“${n.toString()}%”）`;
        return fail(`应在0%–100%之间，实为 ${pct(n)}${hint}`);
      }
      return { ok: true, value: n };
    default:
      return { ok: true, value: n };
  }
}
