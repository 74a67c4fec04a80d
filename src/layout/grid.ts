/** A block of cell values as an adapter read it, with its top-left position in the sheet. */
import type { RawValue } from '../engine/types';

export interface Grid {
  /** 1-based row and column of values[0][0]. */
  top: number;
  left: number;
  values: RawValue[][];
}

export function gridValue(g: Grid, row: number, col: number): RawValue {
  return g.values[row - g.top]?.[col - g.left];
}

/** The text of a cell, trimmed, or '' when it is not text-like. */
export function gridText(g: Grid, row: number, col: number): string {
  const v = gridValue(g, row, col);
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

export function gridBottom(g: Grid): number {
  return g.top + g.values.length - 1;
}
