/**
 * Provenance of the sheets we rewrite (评分表, 问题清单) — one rule for both adapters.
 *
 * Each such sheet ends with one line of text (the 生成记录) that an auditor can read and either
 * adapter can parse from a bounded read of the sheet:
 *
 *   生成记录：绩效自评助手 0.1.0；指标体系“默认（…）”；输入指纹 3fa2c1d09e7b6a55；内容指纹 0c9d41e7a2b85f10
 *
 * - 输入指纹: SHA-256 (first 16 hex digits) of the inputs that were scored — every field's raw
 *   value as read, and the profile. Recomputed from the workbook at any later open or action, it
 *   tells whether the inputs changed since the score (a recalculated formula changes a raw value
 *   too), and it survives closing the workbook because it lives in a cell.
 * - 内容指纹: SHA-256 of every other non-empty cell we wrote on that sheet. Recomputed from the
 *   sheet's output area, it tells whether the officer edited the sheet since we wrote it.
 *
 * Pure: plans in, plans out; grids in, verdicts out.
 */
import packageJson from '../../package.json';
import { FIELDS } from '../engine/fields';
import type { Profile } from '../engine/profile';
import type { InputIssue, RawInputs, RawValue } from '../engine/types';
import type { Grid } from './grid';
import { fitRowHeight, type PlanValue, type SheetPlan } from './plan';
import { readDataSheet } from './template';
import { profileFor, type WorkbookSources } from './sources';

/** The engine that wrote a sheet (package.json's version). */
export const ENGINE_VERSION: string = packageJson.version;

/** The text every provenance line starts with; nothing else we write starts so. */
export const PROVENANCE_PREFIX = '生成记录：';

export interface Provenance {
  engineVersion: string;
  profileName: string;
  /** 16 hex digits. */
  inputFingerprint: string;
  /** 16 hex digits. */
  contentFingerprint: string;
}

// ---------------------------------------------------------------------------------------------
// Fingerprints

/** SHA-256 round constants and initial hash (FIPS 180-4 §4.2.2, §5.3.3). */
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/**
 * SHA-256 of the UTF-8 text, as 64 hex digits. Written out here because it must give the same
 * digits in the task pane (no Node crypto) and on the command line.
 */
export function sha256Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(padded.length - 4, (bytes.length * 8) >>> 0);
  const h = Uint32Array.from(H0);
  const w = new Uint32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] += x));
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

/** The 16 hex digits (64 bits) of SHA-256 that the provenance line shows. */
export function fingerprint(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/** One value as canonical text: its kind and its exact content (numbers in JavaScript's shortest form). */
function canonical(v: RawValue | PlanValue): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return `n${String(v)}`;
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return v ? 'b1' : 'b0';
  if (v instanceof Date) return `d${v.toISOString()}`;
  if ('error' in v) return `e${v.error}`;
  if ('formula' in v) return `f${v.formula}`;
  return `o${v.nonScalar}`;
}

/** JSON with keys in order, so the same profile always gives the same text. */
function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'null';
}

/**
 * The fingerprint of what a score was computed from: each field's raw value as read (not where it
 * sits, so moving a row changes nothing), the profile, and any error reading the profile.
 */
export function inputFingerprint(raw: RawInputs, profile: Profile, profileErrors: InputIssue[] = []): string {
  // Every template field, blank or not, and nothing else: a JSON input and the sheet built from it
  // (where absent fields read as blank cells) give the same fingerprint.
  const fields = FIELDS.map((f) => f.id).sort().map((id) => `${id}=${canonical(raw.values[id])}`);
  const errors = profileErrors.map((e) => `${e.cell ?? ''} ${e.message}`);
  return fingerprint(['jxpj-input/1', ...fields, `profile=${stableJson(profile)}`, ...errors].join('\n'));
}

/** The input fingerprint of a workbook as it is now; null without 基础数据表. */
export function sourcesFingerprint(sources: WorkbookSources, explicit?: Profile): string | null {
  if (!sources.data) return null;
  const p = profileFor(sources, explicit);
  return inputFingerprint(readDataSheet(sources.data, sources.names), p.profile, p.errors);
}

/** Non-empty cells as canonical lines, in row then column order. */
function contentFingerprint(cells: { row: number; col: number; value: RawValue | PlanValue }[]): string {
  const lines = cells
    .filter((c) => canonical(c.value) !== '')
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((c) => `${c.row},${c.col}=${canonical(c.value)}`);
  return fingerprint(['jxpj-content/1', ...lines].join('\n'));
}

/** The content fingerprint of a plan: each cell as planned last, the provenance line excluded. */
export function planFingerprint(plan: SheetPlan): string {
  const cells = [...new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c])).values()];
  return contentFingerprint(cells.filter((c) => !isProvenanceText(c.value)));
}

/** The content fingerprint of a sheet as read: every non-empty cell of the grid but the provenance line. */
export function gridFingerprint(grid: Grid): string {
  return contentFingerprint(gridCells(grid).filter((c) => !isProvenanceText(c.value)));
}

function gridCells(grid: Grid): { row: number; col: number; value: RawValue }[] {
  return grid.values.flatMap((line, r) => line.map((value, c) => ({ row: grid.top + r, col: grid.left + c, value })));
}

// ---------------------------------------------------------------------------------------------
// The provenance line

function isProvenanceText(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(PROVENANCE_PREFIX);
}

export function provenanceText(p: Provenance): string {
  return `${PROVENANCE_PREFIX}绩效自评助手 ${p.engineVersion}；指标体系“${p.profileName}”；输入指纹 ${p.inputFingerprint}；内容指纹 ${p.contentFingerprint}`;
}

const LINE = new RegExp(`^${PROVENANCE_PREFIX}绩效自评助手 (\\S+)；指标体系“(.*)”；输入指纹 ([0-9a-f]{16})；内容指纹 ([0-9a-f]{16})$`);

/** The record in a provenance line; null when the text is not one (or was edited out of shape). */
export function parseProvenance(text: string): Provenance | null {
  const m = LINE.exec(text.trim());
  return m ? { engineVersion: m[1], profileName: m[2], inputFingerprint: m[3], contentFingerprint: m[4] } : null;
}

/** The provenance record on a sheet as read; null when there is none, several, or one edited out of shape. */
export function findProvenance(grid: Grid | null): Provenance | null {
  const lines = grid ? gridCells(grid).filter((c) => isProvenanceText(c.value)) : [];
  return lines.length === 1 ? parseProvenance(lines[0].value as string) : null;
}

/**
 * The plan with its provenance line two rows below its last row, merged across its columns. The
 * content fingerprint is taken of the plan before the line is added, so it covers every other cell.
 */
export function stampPlan(plan: SheetPlan, stamp: { profileName: string; inputFingerprint: string }): SheetPlan {
  const text = provenanceText({ ...stamp, engineVersion: ENGINE_VERSION, contentFingerprint: planFingerprint(plan) });
  const row = Math.max(...plan.cells.map((c) => c.row)) + 2;
  const right = plan.columnWidths.length;
  const cells = [...plan.cells];
  for (let col = 1; col <= right; col++) cells.push({ row, col, value: col === 1 ? text : null, style: 'subtitle' });
  const width = plan.columnWidths.reduce((a, w) => a + w, 0);
  return {
    ...plan,
    cells,
    merges: [...plan.merges, { top: row, left: 1, bottom: row, right }],
    rowHeights: { ...plan.rowHeights, [row]: fitRowHeight([{ text, width }]) },
  };
}

// ---------------------------------------------------------------------------------------------
// Verdicts an adapter acts on

/**
 * What rewriting one of our sheets would lose, judged from its output area as read:
 * - `empty`: nothing there (a first write, or a write that failed before any value was written);
 * - `unedited`: exactly what we wrote (the content fingerprint matches);
 * - `edited`: the officer changed, added or removed a cell since;
 * - `unrecorded`: no readable provenance line, so no way to tell — treated like `edited`.
 */
export type SheetEdits = 'empty' | 'unedited' | 'edited' | 'unrecorded';

export function sheetEdits(grid: Grid | null): SheetEdits {
  if (!grid || gridCells(grid).every((c) => canonical(c.value) === '')) return 'empty';
  const record = findProvenance(grid);
  if (!record) return 'unrecorded';
  return record.contentFingerprint === gridFingerprint(grid) ? 'unedited' : 'edited';
}

/** Whether 评分表 still shows the score of the inputs as they are now. */
export type Freshness =
  | { state: 'none' }
  | { state: 'current'; record: Provenance }
  | { state: 'stale'; record: Provenance };

/** `scores`: 评分表's output area as read (null when it is missing or not ours); `current`: sourcesFingerprint now. */
export function resultFreshness(scores: Grid | null, current: string | null): Freshness {
  const record = findProvenance(scores);
  if (!record) return { state: 'none' };
  return record.inputFingerprint === current ? { state: 'current', record } : { state: 'stale', record };
}
