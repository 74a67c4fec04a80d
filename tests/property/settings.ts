/**
 * How hard the property tests try. Every property runs RUNS cases, except the .xlsx round trip
 * (a workbook per case). A failing run prints its seed; `FC_SEED=<seed> npx jest tests/property`
 * replays it.
 */
export const RUNS = 10_000;
export const XLSX_RUNS = 300;
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;
