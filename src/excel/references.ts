/**
 * References as Office.js hands them out and takes them: `基础数据表!A1:D60` (a used range),
 * `=基础数据表!$C$18` or `='基础数据表'!$C$18` (a defined name), `基础数据表!C18` (a message).
 */
import type { NameRef } from '../layout/ownership';
import { cellAddress, parseCellAddress, type CellRange } from '../layout/plan';

export interface SheetAddress {
  /** Without quotes; `''` inside a quoted name becomes `'`. */
  sheet: string;
  /** The part after `!`, e.g. `$C$18` or `A1:D60`. */
  address: string;
}

/** A cell a defined name refers to. */
export type CellTarget = NonNullable<NameRef['target']>;

/** Splits `='My sheet'!$C$18` into sheet and address; null when there is no sheet part. */
export function splitSheetAddress(reference: string): SheetAddress | null {
  const ref = reference.trim().replace(/^=/, '');
  const bang = ref.lastIndexOf('!');
  if (bang <= 0 || bang === ref.length - 1) return null;
  let sheet = ref.slice(0, bang);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: ref.slice(bang + 1) };
}

/**
 * The single cell a defined name's formula refers to; null for ranges, constants and `#REF!`.
 * A1 (`$C$18`) or, as Excel for Windows hands names out under the R1C1 reference style, `R18C3`.
 */
export function cellTarget(reference: string): CellTarget | null {
  const parts = splitSheetAddress(reference);
  if (!parts) return null;
  const r1c1 = /^R(\d+)C(\d+)$/i.exec(parts.address.trim());
  const cell = r1c1 ? { row: Number(r1c1[1]), col: Number(r1c1[2]) } : parseCellAddress(parts.address);
  return cell ? { sheet: parts.sheet, ...cell } : null;
}

/** Row and column of the top-left cell of `Sheet!B2:D9` (or `B2`). */
export function topLeftOf(rangeAddress: string): { row: number; col: number } | null {
  const address = splitSheetAddress(rangeAddress)?.address ?? rangeAddress;
  return parseCellAddress(address.split(':')[0]);
}

/** `A1:D60`, or `C18` for a single cell. */
export function rangeAddress(r: CellRange): string {
  const first = cellAddress(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? first : `${first}:${cellAddress(r.bottom, r.right)}`;
}
