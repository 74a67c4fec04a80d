/**
 * An .xlsx/.xlsm file as the OOXML package it is. Reading takes only what scoring needs — the
 * workbook part, its names and rels, the template's area of 基础数据表 and 指标体系 (layout/bounds.ts)
 * and the shared strings those cells use. Writing adds or rewrites only our own sheet parts, with
 * the names, rels, content types and styles they need (styles appended, never rewritten); every
 * other part is copied as its original compressed bytes. The calculation chain is dropped and
 * Excel asked to recalculate on open, so the officer's formulas that point at our sheets refresh.
 */
import type { RawValue } from '../engine/types';
import { dataReadArea, inArea, outputFullReadArea, profileReadArea, type ReadArea } from '../layout/bounds';
import type { Grid } from '../layout/grid';
import { isOurSheet, planSheetWrites, type NameRef, type OwnershipSnapshot } from '../layout/ownership';
import { cellTarget } from '../layout/references';
import { sheetEdits, type SheetEdits } from '../layout/provenance';
import { MARKERS, SHEET_DATA, SHEET_ISSUES, SHEET_PROFILE, SHEET_REPORT, SHEET_SCORES, SHEET_SUMMARY, absoluteRef, parseCellAddress, type CellRange, type SheetPlan } from '../layout/plan';
import type { WorkbookSources } from '../layout/workflow';
import { EditedSheetError, SheetConflictError, WorkbookFileError } from './errors';
import { printTitlesRef, worksheetXml } from './sheetXml';
import { refuseForeignZip, refuseNonZip } from './sniff';
import { StyleAppender } from './styles';
import { decodeXmlText, escapeAttr, escapeText } from './xml';
import { inflateEntry, newEntry, readZip, streamEntryText, tooLarge, writeZip, type ZipEntry } from './zip';

export interface OpenedWorkbook {
  /** The template's area of 基础数据表 and 指标体系, and the names pointing into 基础数据表. */
  sources: WorkbookSources;
  /** `.xlsm` when the package holds macros (its copy keeps the extension), else `.xlsx`. */
  extension: '.xlsx' | '.xlsm';
  /** True for a summary workbook written by `batch` (its 汇总 sheet carries our marker). */
  isSummary: boolean;
  /** For each output sheet of ours in the workbook: whether the officer edited it since we wrote it (layout/provenance.ts). */
  outputEdits: Map<string, SheetEdits>;
  /**
   * The bytes of a copy with these sheets added, or rewritten in place where they are ours.
   * Throws SheetConflictError (nothing built) when a sheet or name of the user's is in the way,
   * and EditedSheetError when a sheet of ours to rewrite was edited since, unless `replaceEdited`.
   */
  withSheets(plans: SheetPlan[], options?: { replaceEdited?: boolean }): Buffer;
}

/** Inflated-size limits: small parts whole, big ones streamed (and mostly stopped early). */
const SMALL_PART_LIMIT = 64 << 20;
const STREAM_LIMIT = 1536 << 20;
/**
 * The most text kept waiting for one element to end (a row or cell tag, a shared string item).
 * A cell holds at most 32,767 characters, so a legitimate one is far smaller; without this bound a
 * part of endless whitespace or one endless cell is rescanned at every chunk (quadratic) and then
 * overflows V8's string limit.
 */
const MAX_PENDING = 8 << 20;
/** How far past the read area a sheet is scanned for its merged ranges before giving them up. */
const MERGE_SCAN_BUDGET = 48 << 20;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const REL_STYLES = `${NS_REL}/styles`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';

/** An optional namespace prefix before an element name (`x:` in files from the OpenXML SDK). */
const P = '(?:[A-Za-z_][\\w.-]*:)?';

/** Attributes of a start tag, by local name (prefix dropped), values decoded. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const local = m[1].includes(':') && !m[1].startsWith('xmlns') ? m[1].slice(m[1].indexOf(':') + 1) : m[1];
    if (!out.has(local)) out.set(local, decodeXmlText(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** Resolves a relationship target against the folder of its source part. */
function resolvePart(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function parseRels(xml: string): Relationship[] {
  return [...xml.matchAll(new RegExp(`<${P}Relationship\\b([^>]*?)\\/?>`, 'g'))].map((m) => {
    const a = attributes(m[1]);
    return { id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '', external: a.get('TargetMode') === 'External' };
  });
}

interface SheetRef {
  name: string;
  sheetId: number;
  rid: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet1.xml`; null for a chart sheet or a broken rel. */
  part: string | null;
}

interface DefinedName {
  name: string;
  localSheetId: number | null;
  /** The reference as written, decoded (`'基础数据表'!$C$18`). */
  text: string;
}

/** The package, parsed as far as scoring and writing need. */
class Package {
  readonly entries: Map<string, ZipEntry>;
  readonly workbookPart: string;
  readonly workbookXml: string;
  readonly relsPart: string;
  readonly relsXml: string;
  readonly rels: Relationship[];
  readonly contentTypesXml: string;
  readonly sheets: SheetRef[];
  readonly names: DefinedName[];

  constructor(bytes: Buffer) {
    refuseNonZip(bytes);
    this.entries = readZip(bytes);
    const rootRels = this.entries.get('_rels/.rels');
    const officeDoc = rootRels ? parseRels(this.text('_rels/.rels')).find((r) => r.type.endsWith('/officeDocument')) : undefined;
    const workbookPart = officeDoc ? resolvePart('', officeDoc.target) : 'xl/workbook.xml';
    // A Word or PowerPoint file has an officeDocument too: only a workbook part counts as one.
    const isWorkbook = this.entries.has(workbookPart) && this.entries.has('[Content_Types].xml') && !/^(word|ppt)\//.test(workbookPart);
    refuseForeignZip(this.entries, isWorkbook);
    this.workbookPart = workbookPart;
    this.workbookXml = this.text(workbookPart);
    if (!new RegExp(`<${P}workbook\\b`).test(this.workbookXml)) {
      throw new WorkbookFileError('文件中的工作簿内容无法识别，可能已损坏。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。', 'damaged');
    }
    this.relsPart = relsPartOf(workbookPart);
    this.relsXml = this.entries.has(this.relsPart) ? this.text(this.relsPart) : '';
    this.rels = parseRels(this.relsXml);
    this.contentTypesXml = this.text('[Content_Types].xml');
    const sheetsBlock = new RegExp(`<${P}sheets\\b[^>]*>([\\s\\S]*?)<\\/${P}sheets>`).exec(this.workbookXml)?.[1] ?? '';
    this.sheets = [...sheetsBlock.matchAll(new RegExp(`<${P}sheet\\b([^>]*?)\\/?>`, 'g'))].map((m) => {
      const a = attributes(m[1]);
      const rid = a.get('id') ?? '';
      const rel = this.rels.find((r) => r.id === rid && r.type.endsWith('/worksheet') && !r.external);
      return { name: a.get('name') ?? '', sheetId: Number(a.get('sheetId')) || 0, rid, part: rel ? resolvePart(workbookPart, rel.target) : null };
    });
    this.names = [...this.workbookXml.matchAll(new RegExp(`<${P}definedName\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${P}definedName>)`, 'g'))].map((m) => {
      const a = attributes(m[1]);
      const local = a.get('localSheetId');
      return { name: a.get('name') ?? '', localSheetId: local === undefined ? null : Number(local), text: decodeXmlText(m[2] ?? '') };
    });
  }

  text(part: string): string {
    const e = this.entries.get(part);
    if (!e) throw new WorkbookFileError(`文件缺少必要的部件“${part}”，可能已损坏。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。`, 'damaged');
    return inflateEntry(e, SMALL_PART_LIMIT).toString('utf8').replace(/^\uFEFF/, '');
  }

  /** Workbook-scoped names; the first of a name wins, as in Excel's own lookup. */
  workbookNames(): Map<string, DefinedName> {
    const out = new Map<string, DefinedName>();
    for (const n of this.names) if (n.localSheetId === null && !out.has(n.name)) out.set(n.name, n);
    return out;
  }

  snapshot(): OwnershipSnapshot {
    const names = new Map<string, NameRef>();
    for (const [name, n] of this.workbookNames()) names.set(name, { formula: `=${n.text}`, target: cellTarget(n.text) });
    return { sheetNames: this.sheets.map((s) => s.name), names };
  }

  relTarget(typeSuffix: string): string | null {
    const rel = this.rels.find((r) => r.type === `${NS_REL}/${typeSuffix}` || r.type.endsWith(`/${typeSuffix}`));
    return rel && !rel.external ? resolvePart(this.workbookPart, rel.target) : null;
  }

  isMacroEnabled(): boolean {
    return this.contentTypesXml.includes(CT_MACRO_MAIN) || [...this.entries.keys()].some((n) => /vbaProject\.bin$/i.test(n));
  }
}

/** One cell as stored: its type attribute and the texts of <v>, <f> and <is>. */
interface StoredCell {
  row: number;
  col: number;
  type: string;
  value: string | null;
  formula: string | null;
  inline: string | null;
}

/** Texts of the <t> runs of a string item, leaving out phonetic guides (<rPh>). */
function stringItemText(inner: string): string {
  const noPhonetic = inner.replace(new RegExp(`<${P}rPh\\b[\\s\\S]*?<\\/${P}rPh>`, 'g'), '');
  let out = '';
  for (const m of noPhonetic.matchAll(new RegExp(`<${P}t\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${P}t>)`, 'g'))) out += decodeXmlText(m[1] ?? '');
  return out;
}

function cellFrom(attrsText: string, inner: string | undefined, row: number, fallbackCol: number): StoredCell {
  const a = attributes(attrsText);
  const pos = a.get('r') ? parseCellAddress(a.get('r') as string) : null;
  const text = inner ?? '';
  const v = new RegExp(`<${P}v\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${P}v>)`).exec(text);
  const f = new RegExp(`<${P}f\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${P}f>)`).exec(text);
  const is = new RegExp(`<${P}is\\b[^>]*>([\\s\\S]*?)<\\/${P}is>`).exec(text);
  return {
    row: pos?.row ?? row,
    col: pos?.col ?? fallbackCol,
    type: a.get('t') ?? 'n',
    value: v ? decodeXmlText(v[1] ?? '') : null,
    formula: f ? decodeXmlText(f[1] ?? '') : null,
    inline: is ? stringItemText(is[1]) : null,
  };
}

/**
 * Streams a worksheet part and keeps the cells inside `area` (rows are stored in order, so reading
 * stops below it), then looks a little further for merged ranges. A value at XFD1048576 or a
 * million rows below the template cost a scan at most, never memory.
 */
async function scanSheet(entry: ZipEntry, area: ReadArea): Promise<{ cells: StoredCell[]; merges: CellRange[] }> {
  const cells: StoredCell[] = [];
  const merges: CellRange[] = [];
  const token = new RegExp(
    `<${P}row\\b([^>]*?)(\\/?)>|<${P}c\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${P}c>)|<\\/${P}sheetData>`,
    'g',
  );
  const mergeToken = new RegExp(`<${P}mergeCell\\b([^>]*?)\\/?>|<\\/${P}mergeCells>|<${P}(?:phoneticPr|conditionalFormatting|dataValidations|hyperlinks|printOptions|pageMargins)\\b`, 'g');
  let phase: 'data' | 'skip' | 'merges' = 'data';
  let buf = '';
  let row = 0;
  let col = 0;
  let skipped = 0;
  let overflow = false;
  await streamEntryText(entry, STREAM_LIMIT, (chunk) => {
    buf += chunk;
    if (phase === 'data') {
      token.lastIndex = 0;
      let end = 0;
      for (let m = token.exec(buf); m; m = token.exec(buf)) {
        end = token.lastIndex;
        if (m[1] === undefined && m[3] === undefined) {
          phase = 'merges';
          break;
        }
        if (m[1] !== undefined) {
          const r = Number(attributes(m[1] ?? '').get('r'));
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          col = 0;
          if (row > area.bottom) {
            phase = 'skip';
            break;
          }
          continue;
        }
        const cell = cellFrom(m[3] ?? '', m[4], row, col + 1);
        col = cell.col;
        row = cell.row;
        if (row > area.bottom) {
          phase = 'skip';
          break;
        }
        if (inArea(area, cell.row, cell.col)) cells.push(cell);
      }
      buf = buf.slice(end);
      if (phase === 'data') {
        overflow = buf.length > MAX_PENDING;
        return !overflow;
      }
    }
    if (phase === 'skip') {
      const at = buf.search(new RegExp(`<\\/${P}sheetData>`));
      if (at < 0) {
        skipped += buf.length;
        buf = buf.slice(-40);
        return skipped < MERGE_SCAN_BUDGET;
      }
      buf = buf.slice(at);
      phase = 'merges';
    }
    mergeToken.lastIndex = 0;
    let end = 0;
    for (let m = mergeToken.exec(buf); m; m = mergeToken.exec(buf)) {
      end = mergeToken.lastIndex;
      if (m[1] === undefined) return false;
      const [a, b] = (attributes(m[1]).get('ref') ?? '').split(':');
      const tl = parseCellAddress(a ?? '');
      const br = parseCellAddress(b ?? a ?? '');
      if (tl && br) merges.push({ top: tl.row, left: tl.col, bottom: br.row, right: br.col });
    }
    buf = buf.slice(end).slice(-4096);
    return true;
  });
  if (overflow) throw tooLarge(entry.name);
  return { cells, merges };
}

/** Picks the shared strings at `wanted` indices out of the part, streaming and stopping after the last one. */
async function sharedStrings(entry: ZipEntry | undefined, wanted: Set<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!entry || wanted.size === 0) return out;
  const last = Math.max(...wanted);
  const item = new RegExp(`<${P}si\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${P}si>)`, 'g');
  let index = 0;
  let buf = '';
  let overflow = false;
  await streamEntryText(entry, STREAM_LIMIT, (chunk) => {
    buf += chunk;
    item.lastIndex = 0;
    let end = 0;
    for (let m = item.exec(buf); m; m = item.exec(buf)) {
      end = item.lastIndex;
      if (wanted.has(index)) out.set(index, stringItemText(m[1] ?? ''));
      if (++index > last) return false;
    }
    buf = buf.slice(end);
    overflow = buf.length > MAX_PENDING;
    return !overflow;
  });
  if (overflow) throw tooLarge(entry.name);
  return out;
}

const EXCEL_ERRORS = /^#/;

function rawValue(cell: StoredCell, strings: Map<number, string>): RawValue {
  switch (cell.type) {
    case 's':
      return cell.value === null ? null : (strings.get(Number(cell.value)) ?? null);
    case 'inlineStr':
      return cell.inline ?? cell.value ?? null;
    case 'str':
      if (cell.value === null && cell.formula !== null) return { formula: cell.formula };
      return cell.value ?? '';
    case 'b':
      return cell.value === null ? null : cell.value === '1' || cell.value.toLowerCase() === 'true';
    case 'e':
      return { error: cell.value ?? '#VALUE!' };
    case 'd': {
      const d = cell.value ? new Date(cell.value) : null;
      return d && !Number.isNaN(d.getTime()) ? d : (cell.value ?? null);
    }
    default: {
      if (cell.value === null || cell.value.trim() === '') return cell.formula !== null ? { formula: cell.formula || '（共享公式）' } : null;
      if (EXCEL_ERRORS.test(cell.value)) return { error: cell.value };
      const n = Number(cell.value);
      return Number.isFinite(n) ? n : cell.value;
    }
  }
}

/** The cells of `area` as a grid; where `fillMerged`, a merged range's value shows in all its cells (as Excel displays it). */
function toGrid(area: ReadArea, cells: StoredCell[], strings: Map<number, string>, merges: CellRange[], fillMerged: boolean): Grid {
  const width = area.right - area.left + 1;
  const values: RawValue[][] = Array.from({ length: area.bottom - area.top + 1 }, () => new Array<RawValue>(width).fill(null));
  for (const c of cells) values[c.row - area.top][c.col - area.left] = rawValue(c, strings);
  if (fillMerged) {
    for (const m of merges) {
      if (!inArea(area, m.top, m.left)) continue;
      const v = values[m.top - area.top][m.left - area.left];
      for (let r = m.top; r <= Math.min(m.bottom, area.bottom); r++) {
        for (let c = m.left; c <= Math.min(m.right, area.right); c++) {
          const row = values[r - area.top];
          if (row[c - area.left] === null) row[c - area.left] = v;
        }
      }
    }
  }
  return { top: area.top, left: area.left, values };
}

async function readSheetGrid(pkg: Package, sheetName: string, area: (found: SheetRef) => ReadArea, fillMerged: boolean): Promise<{ cells: StoredCell[]; merges: CellRange[]; area: ReadArea } | null> {
  const ref = pkg.sheets.find((s) => s.name === sheetName);
  if (!ref?.part) return null;
  const entry = pkg.entries.get(ref.part);
  if (!entry) return null;
  const a = area(ref);
  const { cells, merges } = await scanSheet(entry, a);
  return { cells, merges: fillMerged ? merges : [], area: a };
}

export async function openWorkbook(bytes: Buffer): Promise<OpenedWorkbook> {
  const pkg = new Package(bytes);
  const names = new Map<string, { row: number; col: number }>();
  for (const [name, n] of pkg.workbookNames()) {
    const t = cellTarget(n.text);
    if (t && t.sheet === SHEET_DATA) names.set(name, { row: t.row, col: t.col });
  }
  const dataArea = dataReadArea(names.values());
  for (const [name, pos] of names) if (!inArea(dataArea, pos.row, pos.col)) names.delete(name);

  const data = await readSheetGrid(pkg, SHEET_DATA, () => dataArea, true);
  const profile = await readSheetGrid(pkg, SHEET_PROFILE, () => profileReadArea(), false);
  // Our output sheets, as far as the Office.js adapter ever reads them, to tell whether the officer edited them.
  const snapshot = pkg.snapshot();
  const outputs = new Map<string, NonNullable<typeof data>>();
  for (const sheet of [SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT] as const) {
    if (!isOurSheet(snapshot, sheet, MARKERS[sheet])) continue;
    const read = await readSheetGrid(pkg, sheet, () => outputFullReadArea(sheet), false);
    if (read) outputs.set(sheet, read);
  }
  const wanted = new Set<number>();
  for (const c of [data, profile, ...outputs.values()].flatMap((s) => s?.cells ?? [])) {
    if (c.type === 's' && c.value !== null && /^\d+$/.test(c.value)) wanted.add(Number(c.value));
  }
  const stringsPart = pkg.relTarget('sharedStrings');
  const strings = await sharedStrings(stringsPart ? pkg.entries.get(stringsPart) : undefined, wanted);

  const grid = (s: typeof data) => (s ? toGrid(s.area, s.cells, strings, s.merges, s === data) : null);
  const outputEdits = new Map([...outputs].map(([sheet, read]) => [sheet, sheetEdits(grid(read))]));
  return {
    sources: { data: grid(data), profile: grid(profile), names },
    extension: pkg.isMacroEnabled() ? '.xlsm' : '.xlsx',
    isSummary: isOurSheet(snapshot, SHEET_SUMMARY, MARKERS[SHEET_SUMMARY]),
    outputEdits,
    withSheets: (plans, options = {}) => {
      if (!options.replaceEdited) {
        const edited = plans.map((p) => p.name).filter((n) => ['edited', 'unrecorded'].includes(outputEdits.get(n) ?? 'empty'));
        if (edited.length) throw new EditedSheetError(edited);
      }
      return writeSheets(pkg, plans);
    },
  };
}

// ───────────────────────────── writing ─────────────────────────────

/** The root element's namespace prefix (`x:`), so what we insert matches the file's own spelling. */
function rootPrefix(xml: string, local: string): string {
  return new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}\\b`).exec(xml)?.[1] ?? '';
}

function nameElement(prefix: string, name: string, ref: string, localSheetId?: number): string {
  const local = localSheetId === undefined ? '' : ` localSheetId="${localSheetId}"`;
  return `<${prefix}definedName name="${escapeAttr(name)}"${local}>${escapeText(ref)}</${prefix}definedName>`;
}

/** Removes the definedName elements for which `drop` is true. */
function removeNames(xml: string, drop: (name: string, localSheetId: number | null) => boolean): string {
  return xml.replace(new RegExp(`<${P}definedName\\b([^>]*?)(?:\\/>|>[\\s\\S]*?<\\/${P}definedName>)`, 'g'), (whole, attrs: string) => {
    const a = attributes(attrs);
    const local = a.get('localSheetId');
    return drop(a.get('name') ?? '', local === undefined ? null : Number(local)) ? '' : whole;
  });
}

/** Inserts `elements` at the end of <definedNames>, creating it in schema order when missing. */
function addNames(xml: string, prefix: string, elements: string[]): string {
  if (elements.length === 0) return xml;
  const body = elements.join('');
  const close = new RegExp(`<\\/${P}definedNames>`);
  if (close.test(xml)) return xml.replace(close, (c) => body + c);
  const selfClosing = new RegExp(`<${P}definedNames\\b[^>]*\\/>`);
  const block = `<${prefix}definedNames>${body}</${prefix}definedNames>`;
  if (selfClosing.test(xml)) return xml.replace(selfClosing, block);
  // CT_Workbook: sheets, functionGroups, externalReferences, definedNames, calcPr, …
  for (const after of [`<\\/${P}externalReferences>`, `<${P}functionGroups\\b[^>]*\\/>|<\\/${P}functionGroups>`, `<\\/${P}sheets>`]) {
    const re = new RegExp(after);
    if (re.test(xml)) return xml.replace(re, (c) => c + block);
  }
  return xml;
}

/** Asks Excel to recalculate everything when the copy is opened (the calculation chain is dropped). */
function recalcOnLoad(xml: string, prefix: string): string {
  const calcPr = new RegExp(`<${P}calcPr\\b([^>]*?)(\\/?)>`);
  if (calcPr.test(xml)) {
    return xml.replace(calcPr, (_w, attrs: string, close: string) => `<${prefix}calcPr${attrs.replace(/\s+fullCalcOnLoad\s*=\s*("[^"]*"|'[^']*')/, '')} fullCalcOnLoad="1"${close}>`);
  }
  const el = `<${prefix}calcPr fullCalcOnLoad="1"/>`;
  for (const after of [`<\\/${P}definedNames>`, `<\\/${P}externalReferences>`, `<\\/${P}sheets>`]) {
    const re = new RegExp(after);
    if (re.test(xml)) return xml.replace(re, (c) => c + el);
  }
  return xml;
}

function addOverride(contentTypes: string, part: string, type: string): string {
  const prefix = rootPrefix(contentTypes, 'Types');
  const partName = `/${part}`;
  const existing = new RegExp(`<${P}Override\\b[^>]*PartName="${partName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*\\/?>`, 'i');
  const el = `<${prefix}Override PartName="${escapeAttr(partName)}" ContentType="${type}"/>`;
  if (existing.test(contentTypes)) return contentTypes.replace(existing, el);
  return contentTypes.replace(new RegExp(`<\\/${P}Types>`), (c) => el + c);
}

function removeOverride(contentTypes: string, part: string): string {
  return contentTypes.replace(new RegExp(`<${P}Override\\b[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*\\/?>`, 'gi'), '');
}

/** The first `make(i)` not taken. */
function unusedName(taken: (n: string) => boolean, make: (i: number) => string): string {
  for (let i = 1; ; i++) if (!taken(make(i))) return make(i);
}

/** Target of a part as a relationship from the workbook part's folder. */
function relativeTarget(fromPart: string, part: string): string {
  const dir = fromPart.split('/').slice(0, -1).join('/');
  return dir && part.startsWith(`${dir}/`) ? part.slice(dir.length + 1) : `/${part}`;
}

function writeSheets(pkg: Package, plans: SheetPlan[]): Buffer {
  const writes = planSheetWrites(pkg.snapshot(), plans, 'replace');
  if (!writes.ok) throw new SheetConflictError(writes.message);
  const changed = new Map<string, ZipEntry>();
  const removed = new Set<string>();
  let workbook = pkg.workbookXml;
  let rels = pkg.relsXml || `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let contentTypes = pkg.contentTypesXml;
  const wbPrefix = rootPrefix(workbook, 'workbook');
  const relPrefix = rootPrefix(rels, 'Relationships');

  const stylesPart = pkg.relTarget('styles');
  const styles = new StyleAppender(stylesPart && pkg.entries.has(stylesPart) ? pkg.text(stylesPart) : null);

  // Sheets of ours that exist are rewritten in their own part: same sheet, same place, same id.
  const parts = new Map<string, string>();
  for (const plan of writes.rewrite) {
    const ref = pkg.sheets.find((s) => s.name === plan.name);
    if (!ref?.part) throw new SheetConflictError(`工作表“${plan.name}”无法改写（不是普通工作表）。为避免损坏您的文件，未写入任何内容；请将该表改名后重试。`);
    parts.set(plan.name, ref.part);
  }
  const relIds = new Set(pkg.rels.map((r) => r.id));
  const sheetIds = new Set(pkg.sheets.map((s) => s.sheetId));
  const order = pkg.sheets.map((s) => s.name);
  const partsLower = new Set([...pkg.entries.keys()].map((n) => n.toLowerCase()));
  let sheetElements = '';
  for (const plan of writes.add) {
    // Part names compare ignoring case (OPC), zip entry names do not: check both ways.
    const part = unusedName((n) => partsLower.has(n.toLowerCase()), (i) => `xl/worksheets/sheet${i}.xml`);
    partsLower.add(part.toLowerCase());
    const rid = unusedName((n) => relIds.has(n), (i) => `rId${i}`);
    const sheetId = unusedName((n) => sheetIds.has(Number(n)), (i) => String(i));
    relIds.add(rid);
    sheetIds.add(Number(sheetId));
    parts.set(plan.name, part);
    changed.set(part, newEntry(part, ''));
    order.push(plan.name);
    rels = rels.replace(new RegExp(`<\\/${P}Relationships>`), (c) => `<${relPrefix}Relationship Id="${rid}" Type="${REL_WORKSHEET}" Target="${escapeAttr(relativeTarget(pkg.workbookPart, part))}"/>${c}`);
    contentTypes = addOverride(contentTypes, part, CT_WORKSHEET);
    sheetElements += `<${wbPrefix}sheet name="${escapeAttr(plan.name)}" sheetId="${sheetId}" r:id="${rid}"/>`;
  }
  if (sheetElements) {
    if (!/xmlns:r\s*=/.test(workbook)) workbook = workbook.replace(new RegExp(`<${P}workbook\\b`), (c) => `${c} xmlns:r="${NS_REL}"`);
    const close = new RegExp(`<\\/${P}sheets>`);
    workbook = close.test(workbook) ? workbook.replace(close, (c) => sheetElements + c) : workbook.replace(new RegExp(`<${P}sheets\\s*\\/>`), `<${wbPrefix}sheets>${sheetElements}</${wbPrefix}sheets>`);
  }

  for (const plan of [...writes.add, ...writes.rewrite]) {
    const part = parts.get(plan.name) as string;
    changed.set(part, newEntry(part, worksheetXml(plan, styles), pkg.entries.get(part)));
  }

  // Names: the ones the ownership rule moves or defines, and each sheet's print titles.
  const drop = new Set(writes.dropNames);
  const printIndex = new Map<number, string | null>();
  for (const plan of [...writes.add, ...writes.rewrite]) printIndex.set(order.indexOf(plan.name), printTitlesRef(plan));
  workbook = removeNames(workbook, (name, local) => (local === null ? drop.has(name) : name === '_xlnm.Print_Titles' && printIndex.has(local)));
  const newNames = writes.defineNames.map((d) => nameElement(wbPrefix, d.name, absoluteRef(d.sheet, d.row, d.col)));
  for (const [index, ref] of printIndex) if (ref) newNames.push(nameElement(wbPrefix, '_xlnm.Print_Titles', ref, index));
  workbook = addNames(workbook, wbPrefix, newNames);

  // The calculation chain lists formula cells; dropping it and recalculating on open is always safe.
  const calcChain = pkg.relTarget('calcChain');
  if (calcChain) {
    removed.add(calcChain);
    contentTypes = removeOverride(contentTypes, calcChain);
    rels = rels.replace(new RegExp(`<${P}Relationship\\b[^>]*Type="[^"]*\\/calcChain"[^>]*\\/?>`, 'g'), '');
  }
  workbook = recalcOnLoad(workbook, wbPrefix);

  const newStylesPart = stylesPart ?? 'xl/styles.xml';
  changed.set(newStylesPart, newEntry(newStylesPart, styles.toXml(), stylesPart ? pkg.entries.get(stylesPart) : undefined));
  if (!stylesPart) {
    const rid = unusedName((n) => relIds.has(n), (i) => `rId${i}`);
    rels = rels.replace(new RegExp(`<\\/${P}Relationships>`), (c) => `<${relPrefix}Relationship Id="${rid}" Type="${REL_STYLES}" Target="${relativeTarget(pkg.workbookPart, newStylesPart)}"/>${c}`);
    contentTypes = addOverride(contentTypes, newStylesPart, CT_STYLES);
  }

  changed.set(pkg.workbookPart, newEntry(pkg.workbookPart, workbook, pkg.entries.get(pkg.workbookPart)));
  changed.set(pkg.relsPart, newEntry(pkg.relsPart, rels, pkg.entries.get(pkg.relsPart)));
  changed.set('[Content_Types].xml', newEntry('[Content_Types].xml', contentTypes, pkg.entries.get('[Content_Types].xml')));

  const out: ZipEntry[] = [];
  for (const [name, e] of pkg.entries) if (!removed.has(name)) out.push(changed.get(name) ?? e);
  for (const [name, e] of changed) if (!pkg.entries.has(name)) out.push(e);
  return writeZip(out);
}

/** The smallest package Excel opens: a workbook with no sheets yet (writeSheets adds them). */
function emptyPackageBytes(): Buffer {
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return writeZip([
    newEntry(
      '[Content_Types].xml',
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    ),
    newEntry('_rels/.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`),
    newEntry('docProps/app.xml', `${xml}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>绩效自评助手</Application></Properties>`),
    newEntry('xl/workbook.xml', `${xml}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets/></workbook>`),
    newEntry('xl/_rels/workbook.xml.rels', `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`),
  ]);
}

/** A new workbook holding just these sheets (the template, a JSON input's copy, a batch summary). */
export function newWorkbookBytes(plans: SheetPlan[]): Buffer {
  return writeSheets(new Package(emptyPackageBytes()), plans);
}
