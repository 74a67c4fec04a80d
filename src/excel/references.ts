/**
 * References as Office.js hands them out and takes them: `基础数据表!A1:D60` (a used range),
 * `=基础数据表!$C$18` or `='基础数据表'!$C$18` (a defined name), `基础数据表!C18` (a message).
 */
import { cellAddress, parseCellAddress, type CellRange } from '../layout/plan';
import { splitSheetAddress } from '../layout/references';

export { cellTarget, splitSheetAddress, type CellTarget, type SheetAddress } from '../layout/references';

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
