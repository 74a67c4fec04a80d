/**
 * Defined-name references as workbooks store them and Office.js hands them out — one reading for
 * both adapters: `=基础数据表!$C$18`, `'基础数据表'!$C$18`, `$C$18:$C$18`, or `R18C3` (Excel for
 * Windows under the R1C1 reference style).
 */
import type { NameRef } from './ownership';
import { parseCellAddress } from './plan';

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
  const cell = r1c1 ? { row: Number(r1c1[1]), col: Number(r1c1[2]) } : singleCell(parts.address);
  return cell ? { sheet: parts.sheet, ...cell } : null;
}

/** `$C$18`, or a range of one cell as files may store it (`$C$18:$C$18`); null for anything larger. */
function singleCell(address: string): { row: number; col: number } | null {
  const [first, last = first, more] = address.split(':');
  if (more !== undefined) return null;
  const a = parseCellAddress(first);
  const b = parseCellAddress(last);
  return a && b && a.row === b.row && a.col === b.col ? a : null;
}
