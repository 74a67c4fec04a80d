/**
 * Value normalisation: one raw cell → a typed value or a Chinese error message.
 * Accepts what officers actually type: `1,234.5`, full-width digits, `12.3万元`, `47.93%`,
 * 是/否 and its variants; rejects Excel error values and stray text, quoting what it found.
 */
import { Decimal, fromSpreadsheetNumber } from './decimal';
import type { FieldKind } from './fields';
import type { CellError, RawValue } from './types';

export type ParsedValue = string | number | boolean | Decimal;

export type ParseOutcome =
  | { ok: true; value: ParsedValue | null }
  | { ok: false; message: string };

const EXCEL_ERROR = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

export function isCellError(v: RawValue): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && 'error' in v;
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

/** Numeric text after normalisation, or null when it is not a number. A 万元/万 unit only where `amount`. */
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
  return { value: new Decimal(s), percent };
}

const blank = (v: RawValue): boolean =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Parses one raw value for a field of the given kind. Blank → `{ok: true, value: null}`. */
export function parseValue(kind: FieldKind, raw: RawValue): ParseOutcome {
  if (blank(raw)) return { ok: true, value: null };
  if (isCellError(raw)) return { ok: false, message: `单元格为错误值 ${raw.error}，请修正公式或改填数值` };
  if (typeof raw === 'string' && EXCEL_ERROR.test(raw.trim())) {
    return { ok: false, message: `单元格为错误值 ${raw.trim()}，请修正公式或改填数值` };
  }
  if (raw instanceof Date) return { ok: false, message: '应为数值，却是日期；请检查单元格格式' };
  const v = raw as string | number | boolean;

  switch (kind) {
    case 'text': {
      const s = String(v).trim();
      return { ok: true, value: s };
    }
    case 'yesno': {
      const b = parseYesNo(v);
      return b === null ? { ok: false, message: `应填“是”或“否”，实为“${String(v)}”` } : { ok: true, value: b };
    }
    default:
      return parseNumber(kind, v);
  }
}

function parseNumber(kind: FieldKind, v: string | number | boolean): ParseOutcome {
  let n: Decimal;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, message: '不是有效数值' };
    n = fromSpreadsheetNumber(v);
  } else if (typeof v === 'boolean') {
    return { ok: false, message: `应为数值，实为逻辑值 ${v ? 'TRUE' : 'FALSE'}` };
  } else {
    const t = parseNumericText(v, kind === 'amount');
    if (!t) return { ok: false, message: `应为数值，实为文字“${v}”` };
    if (t.percent && kind !== 'percent' && kind !== 'ratio') return { ok: false, message: `应为数值，不应带百分号（“${v}”）` };
    n = t.percent ? t.value.dividedBy(100) : t.value;
  }
  if (n.isNegative() && !n.isZero()) return { ok: false, message: `不能为负数（${n.toString()}）` };

  switch (kind) {
    case 'year': {
      if (!n.isInteger() || n.lt(2000) || n.gt(2100)) {
        return { ok: false, message: `应为2000–2100之间的年份，实为 ${n.toString()}` };
      }
      return { ok: true, value: n.toNumber() };
    }
    case 'count':
      if (!n.isInteger()) return { ok: false, message: `应为整数，实为 ${n.toString()}` };
      return { ok: true, value: n.toNumber() };
    case 'percent':
      if (n.gt(1)) {
        return {
          ok: false,
          message: `应在0%–100%之间，实为 ${n.times(100).toString()}%（如为${n.toString()}%，请填写“${n.toString()}%”）`,
        };
      }
      return { ok: true, value: n };
    default:
      return { ok: true, value: n };
  }
}
