/**
 * Exact decimal arithmetic for money and ratios. A private Decimal clone (40 significant digits,
 * half-up) so that binary floating point can never move a score across a rounding edge.
 */
import DecimalJs from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** A number from a spreadsheet, cut to the 15 significant digits Excel itself keeps (0.1+0.2 → 0.3). */
export function fromSpreadsheetNumber(x: number): Decimal {
  return new Decimal(Number(x.toPrecision(15)));
}

/** Half-up to `places` decimals, as Excel's ROUND does on the exact value. */
export function roundHalfUp(x: Decimal, places = 2): Decimal {
  return x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/**
 * The change between two rates in percentage points, taken between the percentages as shown (two
 * decimals): 47.93% after 100.00% is −52.07. 评分表 and the report both state it.
 */
export function pointsChange(now: Decimal | number, before: Decimal | number): Decimal {
  return roundHalfUp(new Decimal(now).times(100)).minus(roundHalfUp(new Decimal(before).times(100)));
}

/** A score or amount as a JSON number, rounded half-up to two decimals. */
export function toNumber2(x: Decimal): number {
  return roundHalfUp(x, 2).toNumber();
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce((a, b) => a.plus(b), ZERO);
}

/** `12.3` → "12.3", `3` → "3", `1.65` → "1.65": plain figures in reasons (up to two decimals). */
export function fmtPlain(x: Decimal): string {
  return roundHalfUp(x, 2).toString();
}

/** Amounts in 万元 with two decimals: "135.50". */
export function fmtAmount(x: Decimal): string {
  return roundHalfUp(x, 2).toFixed(2);
}

/** A ratio as a percentage with two decimals: 0.195424 → "19.54%". */
export function fmtPercent(x: Decimal): string {
  return roundHalfUp(x.times(HUNDRED), 2).toFixed(2) + '%';
}

/** A bound or threshold as a short percentage: 0.95 → "95%", 0.905 → "90.5%". */
export function fmtPercentShort(x: Decimal): string {
  return roundHalfUp(x.times(HUNDRED), 2).toString() + '%';
}
