/**
 * An in-memory stand-in for the parts of the Excel JavaScript API the adapter in src/excel uses,
 * as strict as Excel: a call real Excel rejects is rejected here too, so a mistake fails in our
 * tests instead of in an officer's workbook.
 *
 * Batching as in Office: calls queue until `context.sync()`, which runs them in order; a failing
 * call stops the batch there and the calls before it stay applied (Office batches are not
 * transactions). Reading a property that was not loaded and synced throws; `*OrNullObject` results
 * know `isNullObject` only after a sync, and calls on a null object give null objects. Typed text is
 * taken as Excel takes it (`=…` becomes a formula unless the cell's format is `@`). APIs newer than
 * the workbook's `apiVersion` fail at sync with ApiNotFound.
 *
 * The rules Excel enforces are in the section "Excel's rules", one function each, with the document
 * or issue it comes from.
 *
 * Plain TypeScript without Node imports: the browser test bundles it as window.Excel / window.Office.
 */
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { cellAddress, columnLetter, type CellRange, type PlanValue, type SheetPlan } from '../../src/layout/plan';
import { DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import seed from '../fixtures/nanchang-2018.json';

/** Excel's grid: 1,048,576 rows by 16,384 columns (Excel specifications and limits). */
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

// ---------------------------------------------------------------------------------------------
// Workbook state (what a test inspects)

export type FakeScalar = string | number | boolean;
export type BorderSide = 'top' | 'bottom' | 'left' | 'right';
export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface FakeBorder {
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeCell {
  /** '' when empty; the error text (`#DIV/0!`) when `error` is set; a formula's last result. */
  value: FakeScalar;
  error?: boolean;
  /** The formula, when the cell holds one (`=评分表!F22`); its value is worked out when read. */
  formula?: string;
  numberFormat: string;
  font: { name?: string; size?: number; bold?: boolean; italic?: boolean; color?: string };
  fill?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapText?: boolean;
  borders: Partial<Record<BorderSide, FakeBorder>>;
  validation?: { rule?: unknown; errorAlert?: unknown };
}

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a worksheet's onChanged handler receives (the fields the adapter may use). */
export interface FakeChangedEvent {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  source: 'Local' | 'Remote';
}

function newCell(): FakeCell {
  return { value: '', numberFormat: 'General', font: {}, borders: {} };
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  frozenRows = 0;
  tabColor = '';
  visibility: Visibility = 'Visible';
  /** Worksheet protection (Review › Protect Sheet). */
  protected = false;
  /** In points, as Office.js sets them. */
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly pageLayout: Record<string, unknown> = {};
  readonly changeHandlers: ((event: FakeChangedEvent) => unknown)[] = [];
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  /** The cell at `C18`, or undefined if nothing was ever written there. */
  cell(address: string): FakeCell | undefined {
    const { top, left } = parseArea(address);
    return this.cells.get(key(top, left));
  }

  /** The value at `C18` ('' when empty); a formula's value as Excel would show it now. */
  value(address: string): FakeScalar {
    const { top, left } = parseArea(address);
    return this.valueAt(top, left);
  }

  valueAt(row: number, col: number, depth = 0): FakeScalar {
    const c = this.cells.get(key(row, col));
    if (!c) return '';
    return c.formula ? this.book?.evaluate(c.formula, depth + 1) ?? '' : c.value;
  }

  /** The text Excel shows in `C18`: the value through its number format (see `displayText`). */
  text(address: string): string {
    const { top, left } = parseArea(address);
    return displayText(this.cells.get(key(top, left)), this.value(address));
  }

  /** Set by the workbook that holds the sheet, for formulas that refer to other sheets. */
  book?: FakeWorkbook;

  ensure(row: number, col: number): FakeCell {
    const k = key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = newCell();
      this.cells.set(k, c);
    }
    return c;
  }

  /** Values of the used block as a 2-D array from A1 (for a compact assertion). */
  valuesFromA1(): FakeScalar[][] {
    const used = this.usedArea(true);
    if (!used) return [];
    return rows(1, used.bottom).map((r) => rows(1, used.right).map((c) => this.valueAt(r, c)));
  }

  usedArea(valuesOnly: boolean): CellRange | null {
    let area: CellRange | null = null;
    for (const [k, c] of this.cells) {
      if (valuesOnly && c.value === '' && !c.formula && !c.error) continue;
      const [row, col] = k.split(',').map(Number);
      area = area
        ? { top: Math.min(area.top, row), left: Math.min(area.left, col), bottom: Math.max(area.bottom, row), right: Math.max(area.right, col) }
        : { top: row, left: col, bottom: row, right: col };
    }
    return area;
  }
}

export interface FakeName {
  name: string;
  sheet: FakeSheet;
  area: CellRange;
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly names: FakeName[] = [];
  activeSheet: FakeSheet | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** Review › Protect Workbook (structure). */
  structureProtected = false;
  /** The ExcelApi minor version supported: 17 means ExcelApi 1.1–1.17. */
  apiVersion = 17;
  /** Every context.sync() (and the flush Excel.run does for calls left pending), over all runs. */
  syncs = 0;
  /** The number of queued calls each sync carried. */
  readonly callsPerSync: number[] = [];
  /** The cells each sync asked to read (values, types, formats or text of ranges). */
  readonly cellsReadPerSync: number[] = [];
  runs = 0;
  /** How calls through a null object behave: Office propagates the null object; 'throw' models a host that rejects them. */
  nullChains: 'propagate' | 'throw' = 'propagate';
  /** Makes the next call with this label fail at sync, e.g. 'Range.merge'. */
  failOn: { label: string; code?: string; message?: string } | null = null;
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    requireSheetName(this, name);
    const ws = new FakeSheet(`{${String(this.nextId++).padStart(8, '0')}}`, name);
    ws.book = this;
    this.sheets.push(ws);
    this.activeSheet ??= ws;
    return ws;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Renames a sheet as Excel does: formulas and names that refer to it follow. */
  renameSheet(ws: FakeSheet, name: string): void {
    requireSheetName(this, name, ws);
    const before = ws.name;
    ws.name = name;
    this.rewriteFormulas((sheet) => (sheet.toLowerCase() === before.toLowerCase() ? `${sheetRefText(name)}!` : null));
  }

  /**
   * Deletes a sheet as Excel does: every formula elsewhere that refers to it now refers to `#REF!`
   * for good, and so do the names on it (support.microsoft.com “How to correct a #REF! error”:
   * deleting a referenced sheet leaves #REF! that undo-less code cannot repair).
   */
  deleteSheet(ws: FakeSheet): void {
    if (this.sheets.filter((s) => s.visibility === 'Visible' && s !== ws).length === 0) {
      throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    }
    this.sheets.splice(this.sheets.indexOf(ws), 1);
    ws.deleted = true;
    this.rewriteFormulas((sheet) => (sheet.toLowerCase() === ws.name.toLowerCase() ? '#REF!' : null));
    if (this.activeSheet === ws) this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible') ?? null;
  }

  /** Replaces each `Sheet!` prefix in formulas by what `replace` gives for that sheet (null: leave it). */
  private rewriteFormulas(replace: (sheet: string) => string | null): void {
    for (const ws of this.sheets) {
      for (const c of ws.cells.values()) {
        if (!c.formula) continue;
        c.formula = c.formula.replace(SHEET_REFERENCE, (whole, quoted: string | undefined, bare: string | undefined) => {
          const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : (bare ?? '');
          const by = replace(sheet);
          return by ?? whole;
        });
      }
    }
  }

  /**
   * A formula's value, for the formulas an officer's cover sheet holds: one reference to a cell
   * (`=评分表!F22`, `='评分表'!$F$22`), a workbook name (`=总分`), or a literal. Others are not
   * modelled. A reference to a deleted sheet or name is `#REF!` / `#NAME?`.
   */
  evaluate(formula: string, depth = 0): FakeScalar {
    if (depth > 20) throw new FakeOfficeError('NotModelled', `circular formula ${formula}`);
    const body = formula.replace(/^=/, '').trim();
    if (body.includes('#REF!')) return '#REF!';
    const ref = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/i.exec(body);
    if (ref) {
      const ws = this.sheet(ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2]);
      if (!ws) return '#REF!';
      return ws.valueAt(Number(ref[4]), columnNumber(ref[3]), depth);
    }
    if (/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(body)) {
      const n = this.name(body);
      if (!n) return '#NAME?';
      return n.sheet.deleted ? '#REF!' : n.sheet.valueAt(n.area.top, n.area.left, depth);
    }
    if (/^-?\d+(\.\d+)?$/.test(body)) return Number(body);
    throw new FakeOfficeError('NotModelled', `formula ${formula}`);
  }

  name(name: string): FakeName | undefined {
    return this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  }

  /** A defined name as Excel writes it: `=基础数据表!$C$18`, `='my sheet'!$A$1`, `=#REF!$C$18`. */
  nameFormula(name: string): string | undefined {
    const n = this.name(name);
    return n && `=${refText(n)}`;
  }

  addName(name: string, sheet: FakeSheet, area: CellRange): void {
    requireDefinedName(name);
    if (this.name(name)) throw new FakeOfficeError('ItemAlreadyExists', `A name "${name}" already exists.`);
    this.names.push({ name, sheet, area });
  }

  deleteName(name: string): void {
    const n = this.name(name);
    if (!n) throw new FakeOfficeError('ItemNotFound', `The name "${name}" does not exist.`);
    this.names.splice(this.names.indexOf(n), 1);
  }

  /** Puts a value in a cell as a saved file would hold it (no typing rules); `{error}` for `#DIV/0!`. */
  setCell(sheet: string, address: string, value: FakeScalar | { error: string }, numberFormat?: string): void {
    const ws = this.sheet(sheet) ?? this.addSheet(sheet);
    const { top, left } = parseArea(address);
    const c = ws.ensure(top, left);
    if (typeof value === 'object') Object.assign(c, { value: value.error, error: true, formula: undefined });
    else Object.assign(c, { value, error: undefined, formula: undefined });
    if (numberFormat) c.numberFormat = numberFormat;
  }

  /** A formula in a cell, as the officer typed it (`=评分表!F22`). */
  setFormula(sheet: string, address: string, formula: string): void {
    const ws = this.sheet(sheet) ?? this.addSheet(sheet);
    const { top, left } = parseArea(address);
    Object.assign(ws.ensure(top, left), { value: '', error: undefined, formula });
  }

  /** The officer types into a cell: Excel's typing rules, and the sheet's onChanged handlers hear of it. */
  edit(sheet: string, address: string, typed: FakeScalar): void {
    const ws = this.sheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    const { top, left } = parseArea(address);
    enterValue(ws.ensure(top, left), typed);
    notifyChanged(ws, address, 'Local');
  }

  /** Adds a sheet from a plan as a workbook saved by this product holds it: values, formats, names. */
  addPlannedSheet(plan: SheetPlan): FakeSheet {
    const ws = this.addSheet(plan.name);
    for (const p of plan.cells) {
      const c = ws.ensure(p.row, p.col);
      if (p.value !== null) c.value = p.value;
      if (p.numFmt) c.numberFormat = p.numFmt;
    }
    ws.merges = plan.merges.map((m) => ({ ...m }));
    for (const n of plan.names) this.addName(n.name, ws, { top: n.row, left: n.col, bottom: n.row, right: n.col });
    this.addName(plan.marker, ws, { top: 1, left: 1, bottom: 1, right: 1 });
    return ws;
  }

  /** A deep, comparable copy of a sheet's state (to assert it is untouched). */
  sheetState(name: string): unknown {
    const ws = this.sheet(name);
    if (!ws) return undefined;
    return JSON.parse(
      JSON.stringify({
        name: ws.name,
        cells: [...ws.cells.entries()].sort(),
        merges: ws.merges,
        frozenRows: ws.frozenRows,
        tabColor: ws.tabColor,
        visibility: ws.visibility,
        columnWidths: [...ws.columnWidths],
        rowHeights: [...ws.rowHeights],
        pageLayout: ws.pageLayout,
      }),
    ) as unknown;
  }

  resetCounters(): void {
    this.syncs = 0;
    this.runs = 0;
    this.callsPerSync.length = 0;
    this.cellsReadPerSync.length = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Excel's rules. Each throws, at sync, what Office throws.

/** The message Office gives for a call a protected sheet or workbook refuses. */
const ACCESS_DENIED = 'You cannot perform the requested operation.';

/**
 * Sheet names: 1 to 31 characters (Worksheet.name: "The name must be fewer than 32 characters."),
 * none of : \ / ? * [ ], not starting or ending with an apostrophe, not “History”, and unique
 * ignoring case (support.microsoft.com “Rename a worksheet”; Excel's own error text: “You typed an
 * invalid name for a sheet…”).
 */
function requireSheetName(book: FakeWorkbook, name: string, renaming?: FakeSheet): void {
  if (!/^[^:\\/?*[\]]{1,31}$/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') {
    throw new FakeOfficeError('InvalidArgument', `工作表名称无效：${name}`);
  }
  const same = book.sheet(name);
  if (same && same !== renaming) throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
}

/**
 * Defined names: start with a letter, underscore or backslash, then letters, digits, _ . \; not a
 * cell reference (`A1`, `R1C1`), not R or C; at most 255 characters (support.microsoft.com “Define
 * and use names in formulas”, “Learn about syntax rules for names”).
 */
function requireDefinedName(name: string): void {
  const cellLike = /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name) || /^R\d*C\d*$/i.test(name);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || cellLike || name.length > 255) {
    throw new FakeOfficeError('InvalidArgument', `名称无效：${name}`);
  }
}

/**
 * Range.values / numberFormat take a 2-D array of exactly the range's rows and columns (the
 * InvalidArgument below is Office's own text; learn.microsoft.com “Set and get range values”).
 */
function requireDimensions(area: CellRange, input: unknown): asserts input is unknown[][] {
  const height = area.bottom - area.top + 1;
  const width = area.right - area.left + 1;
  if (!Array.isArray(input) || input.length !== height || input.some((line) => !Array.isArray(line) || line.length !== width)) {
    throw new FakeOfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
  }
}

/**
 * Cell-level properties cannot be set on a whole row or column ("Write to an unbounded range":
 * the API returns an error, learn.microsoft.com excel-add-ins-ranges-unbounded).
 */
function requireBounded(area: CellRange, what: string): void {
  if (area.bottom - area.top + 1 === MAX_ROWS || area.right - area.left + 1 === MAX_COLS) {
    throw new FakeOfficeError('InvalidArgument', `${what} cannot be set on an unbounded range (${areaText(area)})`);
  }
}

/** A cell holds at most 32,767 characters (Excel specifications and limits). */
function requireCellText(v: unknown): void {
  if (typeof v === 'string' && v.length > 32767) throw new FakeOfficeError('InvalidArgument', `text of ${v.length} characters in one cell`);
}

/** Row height: 0 to 409 points (Excel specifications and limits: “Row height 409 points”). */
function requireRowHeight(points: number): void {
  if (typeof points !== 'number' || !(points >= 0 && points <= 409)) throw new FakeOfficeError('InvalidArgument', `row height ${points} pt`);
}

/**
 * Column width: at most 255 characters (Excel specifications and limits). Office.js takes points:
 * 255 characters of 7 px plus 5 px padding is 1,790 px, 1,342.5 pt at the default font.
 */
function requireColumnWidth(points: number): void {
  if (typeof points !== 'number' || !(points >= 0 && points <= 1342.5)) throw new FakeOfficeError('InvalidArgument', `column width ${points} pt`);
}

/** The enumerations of the Excel API reference (values as @types/office-js declares them). */
const ENUMS = {
  BorderIndex: ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'],
  BorderLineStyle: ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'],
  BorderWeight: ['Hairline', 'Thin', 'Medium', 'Thick'],
  HorizontalAlignment: ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'],
  VerticalAlignment: ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'],
  ClearApplyTo: ['All', 'Formats', 'Contents', 'Hyperlinks', 'RemoveHyperlinks', 'ResetContents'],
  PageOrientation: ['Portrait', 'Landscape'],
  PaperType: ['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5', 'Folio', 'Quatro'],
  DataValidationAlertStyle: ['Stop', 'Warning', 'Information'],
  SheetVisibility: ['Visible', 'Hidden', 'VeryHidden'],
} as const;

function requireEnum(what: keyof typeof ENUMS, value: unknown): void {
  if (!(ENUMS[what] as readonly unknown[]).includes(value)) throw new FakeOfficeError('InvalidArgument', `${String(value)} is not an Excel.${what}`);
}

/**
 * Colours: `#RRGGBB` or an HTML colour name (RangeFill.color, RangeFont.color, RangeBorder.color);
 * Worksheet.tabColor also takes '' for “automatic”.
 */
function requireColor(value: unknown, { emptyIsAuto = false } = {}): void {
  const ok = typeof value === 'string' && (/^#[0-9a-f]{6}$/i.test(value) || /^[a-z]{3,20}$/i.test(value) || (emptyIsAuto && value === ''));
  if (!ok) throw new FakeOfficeError('InvalidArgument', `colour ${String(value)}`);
}

/** Font: 1 to 409 points (Excel's font size box); a name of at most 31 characters (RangeFont.name). */
function requireFont(property: string, value: unknown): void {
  if (property === 'size' && !(typeof value === 'number' && value >= 1 && value <= 409)) throw new FakeOfficeError('InvalidArgument', `font size ${String(value)}`);
  if (property === 'name' && !(typeof value === 'string' && value.length > 0 && value.length <= 31)) throw new FakeOfficeError('InvalidArgument', `font name ${String(value)}`);
  if (property === 'color') requireColor(value);
}

/**
 * A typed list validation (`source` as text) holds at most 255 characters, separators included —
 * Excel's own limit (jmcnamara/XlsxWriter#562, qax-os/excelize#1878, exceljs/exceljs#667).
 */
function requireListSource(rule: unknown): void {
  const source = (rule as { list?: { source?: unknown } })?.list?.source;
  if (typeof source === 'string' && source.length > 255) throw new FakeOfficeError('InvalidArgument', `list source of ${source.length} characters`);
}

/**
 * A protected sheet refuses every change to its cells — values, formats, merges, validation, sizes
 * — with AccessDenied, “You cannot perform the requested operation.” (the same code and text for
 * locked cells in microsoftgraph/microsoft-graph-docs#4546; learn.microsoft.com “Protect a worksheet”).
 */
function requireUnprotected(sheet: FakeSheet, what: string): void {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', `${ACCESS_DENIED} (${what} on protected sheet ${sheet.name})`);
}

/**
 * A workbook whose structure is protected refuses adding, deleting, renaming, hiding or showing
 * sheets (learn.microsoft.com “Protect the workbook's structure”, excel-add-ins-workbooks).
 */
function requireStructureUnlocked(book: FakeWorkbook, what: string): void {
  if (book.structureProtected) throw new FakeOfficeError('AccessDenied', `${ACCESS_DENIED} (${what}: the workbook structure is protected)`);
}

/**
 * A hidden sheet has no tab: it cannot be activated or selected (VBA's Worksheet.Activate fails on
 * one, and Office.js with it), and its panes cannot be frozen or unfrozen (OfficeDev/office-js#1463).
 */
function requireVisible(sheet: FakeSheet, what: string): void {
  if (sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', `${what} on hidden sheet ${sheet.name}`);
}

/**
 * Reads: a range is limited to 5,000,000 cells for read operations, and Excel on the web to 5 MB a
 * response (learn.microsoft.com “Resource limits and performance optimization for Office Add-ins”,
 * section Excel add-ins; the error is RichApi's ResponsePayloadSizeLimitExceeded).
 */
function requireReadable(cells: number, payloadBytes: () => number): void {
  if (cells > 5_000_000) throw new FakeOfficeError('InvalidOperation', `a read of ${cells} cells (over 5,000,000)`);
  const bytes = payloadBytes();
  if (bytes > 5 * 1024 * 1024) throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `a response of ${bytes} bytes (over 5 MB)`);
}

/**
 * PageLayout.zoom: `scale` between 10 and 400, or pages to fit wide and tall; each may be null
 * where the other is used (Excel.PageLayoutZoomOptions). Zero pages is not a documented value.
 */
function requireZoom(zoom: unknown): void {
  const z = (zoom ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(z)) {
    if (v === null || v === undefined) continue;
    const pages = k === 'horizontalFitToPages' || k === 'verticalFitToPages';
    const ok = k === 'scale' ? typeof v === 'number' && v >= 10 && v <= 400 : pages && typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (!ok) throw new FakeOfficeError('InvalidArgument', `PageLayoutZoomOptions.${k} = ${String(v)}`);
  }
}

/** Margins are points, not negative (PageLayout.leftMargin…). */
function requireMargin(points: unknown): void {
  if (typeof points !== 'number' || points < 0) throw new FakeOfficeError('InvalidArgument', `margin ${String(points)}`);
}

/**
 * A header or footer holds at most 255 characters (Excel specifications and limits: “Characters in
 * a header or footer 255”).
 */
function requireHeaderFooter(text: unknown): void {
  if (typeof text !== 'string' || text.length > 255) throw new FakeOfficeError('InvalidArgument', `footer ${String(text)}`);
}

/** Merging over part of an existing merged area fails (Excel: “Cannot change part of a merged cell”). */
function requireNoMergeOverlap(sheet: FakeSheet, area: CellRange): void {
  if (sheet.merges.some((m) => overlaps(m, area))) throw new FakeOfficeError('InvalidArgument', `merge overlaps ${areaText(area)}`);
}

// ---------------------------------------------------------------------------------------------
// Addresses and values

function key(row: number, col: number): string {
  return `${row},${col}`;
}

function rows(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `Sheet!` or `'My sheet'!` in a formula. */
const SHEET_REFERENCE = /(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!/gu;

/** `C18`, `$C$18`, `A1:D60`, `A:C`, `3:5` → an area (whole columns and rows reach the sheet's end). */
export function parseArea(address: string): CellRange {
  const parts = address.replace(/\$/g, '').toUpperCase().split(':');
  const ends = parts.map((p) => /^([A-Z]{0,3})(\d*)$/.exec(p));
  if (parts.length > 2 || ends.some((m) => !m || (!m[1] && !m[2]))) throw new FakeOfficeError('InvalidArgument', `地址无效：${address}`);
  const [a, b = a] = ends as RegExpExecArray[];
  const col = (m: RegExpExecArray, whole: number) => (m[1] ? columnNumber(m[1]) : whole);
  const row = (m: RegExpExecArray, whole: number) => (m[2] ? Number(m[2]) : whole);
  const area = { top: row(a, 1), left: col(a, 1), bottom: row(b, MAX_ROWS), right: col(b, MAX_COLS) };
  if (area.bottom > MAX_ROWS || area.right > MAX_COLS || area.top < 1 || area.left < 1) throw new FakeOfficeError('InvalidArgument', `地址无效：${address}`);
  return area;
}

function areaText(area: CellRange): string {
  const first = cellAddress(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? first : `${first}:${cellAddress(area.bottom, area.right)}`;
}

function areaCells(area: CellRange): number {
  return (area.bottom - area.top + 1) * (area.right - area.left + 1);
}

function sheetRefText(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function refText(n: FakeName): string {
  const abs = `$${columnLetter(n.area.left)}$${n.area.top}`;
  return n.sheet.deleted ? `#REF!${abs}` : `${sheetRefText(n.sheet.name)}!${abs}`;
}

function cellsOf(area: CellRange): { row: number; col: number }[] {
  if (areaCells(area) > 100000) {
    throw new FakeOfficeError('NotModelled', `the fake does not format whole rows or columns cell by cell (${areaText(area)})`);
  }
  return rows(area.top, area.bottom).flatMap((row) => rows(area.left, area.right).map((col) => ({ row, col })));
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** A value as Excel takes it when typed or assigned through Range.values. */
function enterValue(c: FakeCell, v: unknown): void {
  requireCellText(v);
  c.error = undefined;
  c.formula = undefined;
  if (c.numberFormat === '@') {
    c.value = v === '' || v === null || v === undefined ? '' : String(v);
    return;
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    c.value = v;
    return;
  }
  const s = String(v);
  if (s.startsWith("'")) c.value = s.slice(1);
  else if (/^[=+\-@]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s)) {
    c.formula = s;
    c.value = '';
  } else if (/^[+-]?(\d+(\.\d*)?|\.\d+)%?$/.test(s.trim())) {
    const n = Number(s.trim().replace('%', ''));
    c.value = s.trim().endsWith('%') ? n / 100 : n;
  } else if (/^(true|false)$/i.test(s.trim())) c.value = s.trim().toLowerCase() === 'true';
  else c.value = s;
}

function valueType(c: FakeCell | undefined, value: FakeScalar): string {
  if (!c || (value === '' && !c.error)) return 'Empty';
  if (c.error || (c.formula && typeof value === 'string' && /^#(REF!|NAME\?)$/.test(value))) return 'Error';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Double';
  return typeof value === 'boolean' ? 'Boolean' : 'String';
}

/**
 * The text Excel shows for a cell, for the number formats our layouts use: General, @, 0, 0.00,
 * 0.##, 0.00%, 0.##%, #,##0.00. A format with a decimal point always shows it, so 20 under `0.##`
 * shows “20.” (support.microsoft.com “Number format codes”: # shows only significant digits, the
 * point is a literal of the format).
 */
export function displayText(c: FakeCell | undefined, value: FakeScalar): string {
  if (!c || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const format = c.numberFormat;
  if (format === 'General' || format === '@') return String(Number(value.toPrecision(10)));
  const m = /^(#,##0|0+)(\.(0*)(#*))?(%?)$/.exec(format);
  if (!m) throw new FakeOfficeError('NotModelled', `number format ${format}`);
  const [, whole, point, required = '', optional = '', percent] = m;
  const shown = percent ? value * 100 : value;
  let text = shown.toFixed(required.length + optional.length);
  if (optional) text = text.replace(new RegExp(`0{1,${optional.length}}$`), '');
  if (point && !text.includes('.')) text += '.';
  if (whole === '#,##0') text = text.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+$)/g, ','));
  return text + percent;
}

/** Tells a sheet's onChanged handlers, after the current batch, as Office does. */
function notifyChanged(sheet: FakeSheet, address: string, source: 'Local' | 'Remote'): void {
  if (sheet.changeHandlers.length === 0) return;
  const event: FakeChangedEvent = { type: 'WorksheetChanged', worksheetId: sheet.id, address, source };
  setTimeout(() => sheet.changeHandlers.forEach((h) => void h(event)), 0);
}

// ---------------------------------------------------------------------------------------------
// The client side: proxies, batches, loads

const NULL_PROPERTY = Symbol('property of a null object');

function notLoaded(property: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** What getItem finds, or Office's ItemNotFound. */
function found<T>(what: string, item: T | undefined): T {
  if (item === undefined) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist: ${what}.`);
  return item;
}

function loadList(props: string | string[] | undefined): string[] {
  const list = Array.isArray(props) ? props : (props ?? '').split(',');
  return list.map((p) => p.trim()).filter(Boolean);
}

interface QueuedCall {
  label: string;
  run: () => void;
  /** Cells this call asks to read. */
  cellsRead?: number;
}

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: QueuedCall[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  /** Queues one call; `internal` marks bookkeeping Office does for free (null checks). */
  enqueue(label: string, run: () => void, internal = false): QueuedCall {
    const call = { label: internal ? `(${label})` : label, run };
    this.queue.push(call);
    return call;
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.book.syncs++;
    this.book.callsPerSync.push(batch.filter((c) => !c.label.startsWith('(')).length);
    this.book.cellsReadPerSync.push(0);
    await Promise.resolve();
    for (const call of batch) {
      const fail = this.book.failOn;
      if (fail && fail.label === call.label) {
        this.book.failOn = null;
        throw new FakeOfficeError(fail.code ?? 'GeneralException', fail.message ?? `模拟的 ${call.label} 失败`);
      }
      call.run();
      this.book.cellsReadPerSync[this.book.cellsReadPerSync.length - 1] += call.cellsRead ?? 0;
    }
  }

  requireApi(minor: number, what: string): void {
    if (this.book.apiVersion < minor) {
      throw new FakeOfficeError('ApiNotFound', `The API you are trying to use could not be found: ${what} needs ExcelApi 1.${minor}.`);
    }
  }
}

/** Common to every proxy: lazy resolution at sync, loaded properties, isNullObject. */
abstract class ClientObject<T> {
  private resolved = false;
  private target: T | null = null;
  private nullKnown: boolean | undefined;
  protected readonly loaded = new Map<string, unknown>();

  constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => T | null,
  ) {}

  /** What this proxy stands for; runs inside a sync. Null for a null object. */
  resolve(): T | null {
    if (!this.resolved) {
      this.target = this.resolver();
      this.resolved = true;
    }
    return this.target;
  }

  protected bind(target: T): void {
    this.target = target;
    this.resolved = true;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded('isNullObject');
    return this.nullKnown;
  }

  /** Office fills in isNullObject at the next sync for objects from *OrNullObject calls. */
  protected trackNull(): this {
    this.context.enqueue('isNullObject', () => (this.nullKnown = this.resolve() === null), true);
    return this;
  }

  protected get book(): FakeWorkbook {
    return this.context.book;
  }

  protected read<V>(property: string): V {
    if (!this.loaded.has(property)) throw notLoaded(property);
    const v = this.loaded.get(property);
    if (v === NULL_PROPERTY) throw new FakeOfficeError('NotModelled', `read '${property}' of a null object; test isNullObject first`);
    return v as V;
  }

  /** Queues a call that acts on the target; on a null object it does nothing. */
  protected act(label: string, run: (target: T) => void): QueuedCall {
    return this.context.enqueue(label, () => {
      const t = this.resolve();
      if (t !== null) run(t);
    });
  }

  /**
   * Queues a load of the given properties, each captured by `capture` at its place in the batch.
   * Loading a null object is fine (Office's own samples do it); reading what it loaded is a bug.
   */
  protected queueLoad(label: string, props: string[], capture: (target: T, property: string) => unknown): QueuedCall {
    return this.context.enqueue(label, () => {
      const t = this.resolve();
      for (const p of props) this.loaded.set(p, t === null ? NULL_PROPERTY : capture(t, p));
    });
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly protection: WorkbookProtectionProxy;

  constructor(context: FakeRequestContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
    this.protection = new WorkbookProtectionProxy(context);
  }
}

/** Workbook.protection (ExcelApi 1.7). */
class WorkbookProtectionProxy extends ClientObject<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.book);
  }

  get protected(): boolean {
    return this.read('protected');
  }

  load(props?: string | string[]): this {
    this.queueLoad('WorkbookProtection.load', loadList(props), (book, p) => {
      this.context.requireApi(7, 'WorkbookProtection');
      if (p !== 'protected') throw new FakeOfficeError('NotModelled', `WorkbookProtection.${p}`);
      return book.structureProtected;
    });
    return this;
  }
}

class WorksheetCollectionProxy extends ClientObject<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.book);
  }

  get items(): WorksheetProxy[] {
    return this.read<WorksheetProxy[]>('items');
  }

  load(props?: string | string[]): this {
    const fields = loadList(props).map((p) => p.replace(/^items\//, ''));
    this.queueLoad('WorksheetCollection.load', ['items'], (book) =>
      book.sheets.map((ws) => WorksheetProxy.loadedWith(this.context, ws, fields)),
    );
    return this;
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => found(`worksheet "${name}"`, this.book.sheet(name)));
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.book.sheet(name) ?? null).trackNullObject();
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.book.activeSheet);
  }

  add(name: string): WorksheetProxy {
    const ws = new WorksheetProxy(this.context, () => {
      throw new FakeOfficeError('NotModelled', 'a worksheet used before the call that adds it');
    });
    this.context.enqueue('WorksheetCollection.add', () => {
      requireStructureUnlocked(this.book, 'WorksheetCollection.add');
      ws.attach(this.book.addSheet(name));
    });
    return ws;
  }
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  static loadedWith(context: FakeRequestContext, sheet: FakeSheet, fields: string[]): WorksheetProxy {
    const ws = new WorksheetProxy(context, () => sheet);
    for (const f of fields) ws.loaded.set(f, WorksheetProxy.property(context, sheet, f));
    return ws;
  }

  private static property(context: FakeRequestContext, sheet: FakeSheet, field: string): unknown {
    switch (field) {
      case 'name':
        return sheet.name;
      case 'id':
        return sheet.id;
      case 'visibility':
        return sheet.visibility;
      case 'protection/protected':
        context.requireApi(2, 'WorksheetProtection');
        return sheet.protected;
      default:
        throw new FakeOfficeError('NotModelled', `Worksheet.${field}`);
    }
  }

  get name(): string {
    return this.read('name');
  }

  get id(): string {
    return this.read('id');
  }

  get visibility(): string {
    return this.read('visibility');
  }

  get protection(): { protected: boolean } {
    const read = () => this.read<boolean>('protection/protected');
    return {
      get protected() {
        return read();
      },
    };
  }

  trackNullObject(): this {
    return this.trackNull();
  }

  attach(sheet: FakeSheet): void {
    this.bind(sheet);
  }

  override resolve(): FakeSheet | null {
    const ws = super.resolve();
    if (ws?.deleted) throw new FakeOfficeError('ItemNotFound', `The worksheet "${ws.name}" has been deleted.`);
    return ws;
  }

  load(props?: string | string[]): this {
    const fields = loadList(props);
    this.queueLoad('Worksheet.load', fields, (ws, f) => WorksheetProxy.property(this.context, ws, f));
    return this;
  }

  getRange(address = ''): RangeProxy {
    return new RangeProxy(this.context, () => {
      const ws = this.resolve();
      if (!ws && this.book.nullChains === 'throw') throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
      return ws && { sheet: ws, area: address ? parseArea(address) : { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const ws = this.resolve();
      if (!ws && this.book.nullChains === 'throw') throw new FakeOfficeError('ItemNotFound', "The requested resource doesn't exist.");
      const area = ws?.usedArea(valuesOnly);
      return ws && area ? { sheet: ws, area } : null;
    }).trackNullObject();
  }

  activate(): void {
    this.act('Worksheet.activate', (ws) => {
      requireVisible(ws, 'Worksheet.activate');
      this.book.activeSheet = ws;
    });
  }

  delete(): void {
    this.act('Worksheet.delete', (ws) => {
      requireStructureUnlocked(this.book, 'Worksheet.delete');
      this.book.deleteSheet(ws);
    });
  }

  set tabColor(color: string) {
    this.act('Worksheet.tabColor', (ws) => {
      this.context.requireApi(7, 'Worksheet.tabColor');
      requireColor(color, { emptyIsAuto: true });
      ws.tabColor = color;
    });
  }

  set visibility(v: string) {
    this.act('Worksheet.visibility', (ws) => {
      requireEnum('SheetVisibility', v);
      requireStructureUnlocked(this.book, 'Worksheet.visibility');
      ws.visibility = v as Visibility;
    });
  }

  get freezePanes(): { freezeRows(count?: number): void } {
    return {
      freezeRows: (count = 1) =>
        this.act('WorksheetFreezePanes.freezeRows', (ws) => {
          this.context.requireApi(7, 'WorksheetFreezePanes');
          requireVisible(ws, 'WorksheetFreezePanes.freezeRows');
          ws.frozenRows = count;
        }),
    };
  }

  /** Worksheet.onChanged (ExcelApi 1.7): the handler is registered at the next sync. */
  get onChanged(): { add(handler: (event: FakeChangedEvent) => unknown): { remove(): void } } {
    return {
      add: (handler) => {
        let target: FakeSheet | null = null;
        this.act('Worksheet.onChanged.add', (ws) => {
          this.context.requireApi(7, 'Worksheet.onChanged');
          ws.changeHandlers.push(handler);
          target = ws;
        });
        return {
          remove: () => {
            const list = target?.changeHandlers;
            if (list?.includes(handler)) list.splice(list.indexOf(handler), 1);
          },
        };
      },
    };
  }

  get pageLayout(): PageLayoutProxy {
    return new PageLayoutProxy(this);
  }

  /** Queues a page-layout call (ExcelApi 1.9). */
  layout(label: string, run: (layout: Record<string, unknown>) => void): void {
    this.act(`PageLayout.${label}`, (ws) => {
      this.context.requireApi(9, 'PageLayout');
      run(ws.pageLayout);
    });
  }
}

/** PageLayout's settable properties and the rule each value must meet. */
const PAGE_LAYOUT: Record<string, (v: unknown) => void> = {
  orientation: (v) => requireEnum('PageOrientation', v),
  paperSize: (v) => requireEnum('PaperType', v),
  centerHorizontally: (v) => {
    if (typeof v !== 'boolean') throw new FakeOfficeError('InvalidArgument', 'centerHorizontally');
  },
  leftMargin: requireMargin,
  rightMargin: requireMargin,
  topMargin: requireMargin,
  bottomMargin: requireMargin,
  headerMargin: requireMargin,
  footerMargin: requireMargin,
  zoom: requireZoom,
};

class PageLayoutProxy {
  constructor(private readonly ws: WorksheetProxy) {
    for (const [p, rule] of Object.entries(PAGE_LAYOUT)) {
      Object.defineProperty(this, p, {
        set: (v: unknown) =>
          ws.layout(p, (l) => {
            rule(v);
            l[p] = v;
          }),
      });
    }
  }

  setPrintTitleRows(rows: string): void {
    this.ws.layout('setPrintTitleRows', (l) => {
      if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeOfficeError('InvalidArgument', `print title rows ${rows}`);
      l.printTitleRows = rows;
    });
  }

  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const ws = this.ws;
    return {
      defaultForAllPages: {
        set centerFooter(text: string) {
          ws.layout('centerFooter', (l) => {
            requireHeaderFooter(text);
            l.centerFooter = text;
          });
        },
        get centerFooter(): string {
          throw notLoaded('centerFooter');
        },
      },
    };
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  area: CellRange;
}

class RangeProxy extends ClientObject<RangeTarget> {
  trackNullObject(): this {
    return this.trackNull();
  }

  get address(): string {
    return this.read('address');
  }

  get values(): unknown[][] {
    return this.read('values');
  }

  set values(v: unknown[][]) {
    this.act('Range.values', ({ sheet, area }) => {
      requireUnprotected(sheet, 'Range.values');
      requireBounded(area, 'Range.values');
      requireDimensions(area, v);
      v.flat().forEach(requireCellText);
      this.eachInput(area, v, (row, col, x) => enterValue(sheet.ensure(row, col), x));
      notifyChanged(sheet, areaText(area), 'Local');
    });
  }

  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }

  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }

  set numberFormat(v: unknown[][]) {
    this.act('Range.numberFormat', ({ sheet, area }) => {
      requireUnprotected(sheet, 'Range.numberFormat');
      requireBounded(area, 'Range.numberFormat');
      requireDimensions(area, v);
      this.eachInput(area, v, (row, col, x) => (sheet.ensure(row, col).numberFormat = String(x)));
    });
  }

  get text(): string[][] {
    return this.read('text');
  }

  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this);
  }

  get dataValidation(): DataValidationProxy {
    return new DataValidationProxy(this);
  }

  /** Cell-level reads of values, types, formats and text; an unbounded range reads as null (excel-add-ins-ranges-unbounded). */
  load(props?: string | string[]): this {
    const list = loadList(props);
    let cells = 0;
    const call = this.queueLoad('Range.load', list, ({ sheet, area }, p) => {
      if (p === 'address') return `${sheetRefText(sheet.name)}!${areaText(area)}`;
      if (!['values', 'valueTypes', 'numberFormat', 'text'].includes(p)) throw new FakeOfficeError('NotModelled', `Range.${p}`);
      const unbounded = area.bottom - area.top + 1 === MAX_ROWS || area.right - area.left + 1 === MAX_COLS;
      if (unbounded) return null;
      const grid = <V>(f: (c: FakeCell | undefined, value: FakeScalar) => V) =>
        rows(area.top, area.bottom).map((r) => rows(area.left, area.right).map((c) => f(sheet.cells.get(key(r, c)), sheet.valueAt(r, c))));
      switch (p) {
        case 'values':
          return grid((_c, v) => v);
        case 'valueTypes':
          return grid(valueType);
        case 'numberFormat':
          return grid((c) => c?.numberFormat ?? 'General');
        default:
          return grid(displayText);
      }
    });
    // The read is counted, and checked against Excel's limits, when the batch reaches it.
    const run = call.run;
    call.run = () => {
      const target = this.resolve();
      if (target && list.some((p) => p !== 'address')) {
        const { sheet, area } = target;
        const unbounded = area.bottom - area.top + 1 === MAX_ROWS || area.right - area.left + 1 === MAX_COLS;
        cells = unbounded ? 0 : areaCells(area);
        requireReadable(areaCells(area), () => estimatePayload(sheet, area, list.length));
      }
      call.cellsRead = cells;
      run();
    };
    return this;
  }

  merge(across = false): void {
    this.act('Range.merge', ({ sheet, area }) => {
      if (across) throw new FakeOfficeError('NotModelled', 'merge(across)');
      requireUnprotected(sheet, 'Range.merge');
      requireNoMergeOverlap(sheet, area);
      // Like Excel, a merge keeps only the top-left value.
      for (const { row, col } of cellsOf(area)) {
        const c = sheet.cells.get(key(row, col));
        if (c && (row !== area.top || col !== area.left)) enterValue(c, '');
      }
      sheet.merges.push({ ...area });
    });
  }

  /** Range.unmerge (ExcelApi 1.2): every merged area the range touches comes apart. */
  unmerge(): void {
    this.act('Range.unmerge', ({ sheet, area }) => {
      this.context.requireApi(2, 'Range.unmerge');
      requireUnprotected(sheet, 'Range.unmerge');
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, area));
    });
  }

  /** Range.clear: contents, formats or both; merges stay (unmerge does that). */
  clear(applyTo = 'All'): void {
    this.act('Range.clear', ({ sheet, area }) => {
      requireEnum('ClearApplyTo', applyTo);
      requireUnprotected(sheet, 'Range.clear');
      if (sheet.merges.some((m) => overlaps(m, area) && !(m.top >= area.top && m.bottom <= area.bottom && m.left >= area.left && m.right <= area.right))) {
        throw new FakeOfficeError('InvalidOperation', `Cannot change part of a merged cell (${areaText(area)})`);
      }
      const contents = applyTo === 'All' || applyTo === 'Contents';
      const formats = applyTo === 'All' || applyTo === 'Formats';
      for (const [k, c] of [...sheet.cells]) {
        const [row, col] = k.split(',').map(Number);
        if (row < area.top || row > area.bottom || col < area.left || col > area.right) continue;
        if (contents) Object.assign(c, { value: '', error: undefined, formula: undefined });
        if (formats) Object.assign(c, { numberFormat: 'General', font: {}, fill: undefined, horizontalAlignment: undefined, verticalAlignment: undefined, wrapText: undefined, borders: {} });
        if (applyTo === 'All' && c.validation === undefined) sheet.cells.delete(k);
      }
      if (contents) notifyChanged(sheet, areaText(area), 'Local');
    });
  }

  select(): void {
    this.act('Range.select', ({ sheet, area }) => {
      requireVisible(sheet, 'Range.select');
      this.book.activeSheet = sheet;
      this.book.selection = { sheet: sheet.name, address: areaText(area) };
    });
  }

  /** Applies a change to every cell of the range. */
  cellChange(label: string, change: (c: FakeCell, at: { row: number; col: number; area: CellRange }) => void, minor = 1): void {
    this.act(label, ({ sheet, area }) => {
      this.context.requireApi(minor, label);
      requireUnprotected(sheet, label);
      for (const at of cellsOf(area)) change(sheet.ensure(at.row, at.col), { ...at, area });
    });
  }

  /** Applies a change to the sheet and the range itself (column widths, row heights). */
  areaChange(label: string, change: (sheet: FakeSheet, area: CellRange) => void, minor = 1): void {
    this.act(label, ({ sheet, area }) => {
      this.context.requireApi(minor, label);
      requireUnprotected(sheet, label);
      change(sheet, area);
    });
  }

  private eachInput(area: CellRange, input: unknown[][], set: (row: number, col: number, v: unknown) => void): void {
    input.forEach((line, r) => line.forEach((v, c) => v !== null && v !== undefined && set(area.top + r, area.left + c, v)));
  }
}

/** Roughly what a read's response weighs: each loaded property of each cell as JSON text. */
function estimatePayload(sheet: FakeSheet, area: CellRange, properties: number): number {
  let bytes = areaCells(area) * 4 * properties;
  for (const [k, c] of sheet.cells) {
    const [row, col] = k.split(',').map(Number);
    if (row >= area.top && row <= area.bottom && col >= area.left && col <= area.right) bytes += (String(c.value).length + c.numberFormat.length) * properties;
  }
  return bytes;
}

class RangeFormatProxy {
  constructor(private readonly range: RangeProxy) {}

  get font(): Record<'name' | 'size' | 'bold' | 'italic' | 'color', unknown> {
    const range = this.range;
    const font = {} as Record<'name' | 'size' | 'bold' | 'italic' | 'color', unknown>;
    for (const p of ['name', 'size', 'bold', 'italic', 'color'] as const) {
      Object.defineProperty(font, p, {
        set: (v: unknown) =>
          range.cellChange(`RangeFont.${p}`, (c) => {
            requireFont(p, v);
            c.font[p] = v as never;
          }),
      });
    }
    return font;
  }

  get fill(): { color: string } {
    const range = this.range;
    return {
      set color(v: string) {
        range.cellChange('RangeFill.color', (c) => {
          requireColor(v);
          c.fill = v;
        });
      },
      get color(): string {
        throw notLoaded('color');
      },
    };
  }

  get borders(): { getItem(edge: string): Record<'style' | 'weight' | 'color', string> } {
    const range = this.range;
    return {
      getItem(edge: string) {
        const border = {} as Record<'style' | 'weight' | 'color', string>;
        const rule = { style: (v: string) => requireEnum('BorderLineStyle', v), weight: (v: string) => requireEnum('BorderWeight', v), color: (v: string) => requireColor(v) };
        for (const p of ['style', 'weight', 'color'] as const) {
          Object.defineProperty(border, p, {
            set: (v: string) =>
              range.cellChange(`RangeBorder.${p}`, (c, { row, col, area }) => {
                requireEnum('BorderIndex', edge);
                rule[p](v);
                for (const side of bordersAt(edge, row, col, area)) c.borders[side] = { ...c.borders[side], [p]: v };
              }),
          });
        }
        return border;
      },
    };
  }

  set horizontalAlignment(v: string) {
    this.range.cellChange('RangeFormat.horizontalAlignment', (c) => {
      requireEnum('HorizontalAlignment', v);
      c.horizontalAlignment = v;
    });
  }

  set verticalAlignment(v: string) {
    this.range.cellChange('RangeFormat.verticalAlignment', (c) => {
      requireEnum('VerticalAlignment', v);
      c.verticalAlignment = v;
    });
  }

  set wrapText(v: boolean) {
    this.range.cellChange('RangeFormat.wrapText', (c) => (c.wrapText = v));
  }

  set columnWidth(points: number) {
    this.range.areaChange('RangeFormat.columnWidth', (sheet, area) => {
      requireColumnWidth(points);
      rows(area.left, area.right).forEach((col) => sheet.columnWidths.set(col, points));
    });
  }

  set rowHeight(points: number) {
    this.range.areaChange('RangeFormat.rowHeight', (sheet, area) => {
      requireRowHeight(points);
      rows(area.top, area.bottom).forEach((row) => sheet.rowHeights.set(row, points));
    });
  }

  /** RangeFormat.useStandardHeight (ExcelApi 1.7): only `true` does anything. */
  set useStandardHeight(v: boolean) {
    this.range.areaChange(
      'RangeFormat.useStandardHeight',
      (sheet, area) => {
        if (v === true) rows(area.top, area.bottom).forEach((row) => sheet.rowHeights.delete(row));
      },
      7,
    );
  }
}

/** Which sides of the cell at (row, col) a border of the range at `edge` draws. */
function bordersAt(edge: string, row: number, col: number, area: CellRange): BorderSide[] {
  switch (edge) {
    case 'EdgeTop':
      return row === area.top ? ['top'] : [];
    case 'EdgeBottom':
      return row === area.bottom ? ['bottom'] : [];
    case 'EdgeLeft':
      return col === area.left ? ['left'] : [];
    case 'EdgeRight':
      return col === area.right ? ['right'] : [];
    case 'InsideHorizontal':
      return [...(row > area.top ? (['top'] as const) : []), ...(row < area.bottom ? (['bottom'] as const) : [])];
    case 'InsideVertical':
      return [...(col > area.left ? (['left'] as const) : []), ...(col < area.right ? (['right'] as const) : [])];
    default:
      throw new FakeOfficeError('NotModelled', `border ${edge}`);
  }
}

class DataValidationProxy {
  constructor(private readonly range: RangeProxy) {}

  set rule(rule: unknown) {
    this.range.cellChange(
      'DataValidation.rule',
      (c) => {
        requireListSource(rule);
        c.validation = { ...c.validation, rule };
      },
      8,
    );
  }

  set errorAlert(errorAlert: unknown) {
    this.range.cellChange(
      'DataValidation.errorAlert',
      (c) => {
        requireEnum('DataValidationAlertStyle', (errorAlert as { style?: unknown })?.style);
        c.validation = { ...c.validation, errorAlert };
      },
      8,
    );
  }
}

class NamedItemCollectionProxy extends ClientObject<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.book);
  }

  get items(): NamedItemProxy[] {
    return this.read('items');
  }

  load(props?: string | string[]): this {
    const fields = loadList(props).map((p) => p.replace(/^items\//, ''));
    this.queueLoad('NamedItemCollection.load', ['items'], (book) => {
      if (fields.includes('formula')) this.context.requireApi(7, 'NamedItem.formula');
      return book.names.map((n) => NamedItemProxy.loadedWith(this.context, n, fields));
    });
    return this;
  }

  add(name: string, reference: RangeProxy): NamedItemProxy {
    const item = new NamedItemProxy(this.context, () => this.book.name(name) ?? null);
    this.context.enqueue('NamedItemCollection.add', () => {
      const target = reference.resolve();
      if (!target) throw new FakeOfficeError('InvalidArgument', `names.add(${name}) with a null range`);
      this.book.addName(name, target.sheet, target.area);
    });
    return item;
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => found(`name "${name}"`, this.book.name(name)));
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, () => this.book.name(name) ?? null).trackNullObject();
  }
}

class NamedItemProxy extends ClientObject<FakeName> {
  static loadedWith(context: FakeRequestContext, n: FakeName, fields: string[]): NamedItemProxy {
    const item = new NamedItemProxy(context, () => n);
    for (const f of fields) item.loaded.set(f, NamedItemProxy.property(n, f));
    return item;
  }

  private static property(n: FakeName, field: string): unknown {
    switch (field) {
      case 'name':
        return n.name;
      case 'formula':
        return `=${refText(n)}`;
      case 'value':
        return n.sheet.deleted ? '#REF!' : refText(n);
      case 'type':
        return n.sheet.deleted ? 'Error' : 'Range';
      default:
        throw new FakeOfficeError('NotModelled', `NamedItem.${field}`);
    }
  }

  trackNullObject(): this {
    return this.trackNull();
  }

  get name(): string {
    return this.read('name');
  }

  get formula(): string {
    return this.read('formula');
  }

  get value(): string {
    return this.read('value');
  }

  get type(): string {
    return this.read('type');
  }

  delete(): void {
    this.act('NamedItem.delete', (n) => this.book.deleteName(n.name));
  }
}

// ---------------------------------------------------------------------------------------------
// Installing it as the page's Excel and Office

/** The global `Excel` the adapter calls. */
export function fakeExcelNamespace(book: FakeWorkbook): { run<R>(batch: (context: FakeRequestContext) => Promise<R>): Promise<R> } {
  return {
    async run<R>(batch: (context: FakeRequestContext) => Promise<R>): Promise<R> {
      book.runs++;
      const context = new FakeRequestContext(book);
      const result = await batch(context);
      // Excel.run sends whatever was left queued when the batch function returned.
      if (context.pending > 0) await context.sync();
      return result;
    },
  };
}

/** The global `Office`: requirement sets up to the workbook's apiVersion, and onReady in Excel. */
export function fakeOfficeNamespace(book: FakeWorkbook): unknown {
  return {
    HostType: { Excel: 'Excel' },
    onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          const [major, minor = '0'] = (version ?? '1.1').split('.');
          return name === 'ExcelApi' && major === '1' && Number(minor) <= book.apiVersion;
        },
      },
    },
  };
}

/** Sets `Excel` and `Office` on `scope` (globalThis, or a page's window); returns the undo. */
export function installFakeExcel(book: FakeWorkbook, scope: object = globalThis): () => void {
  const target = scope as Record<string, unknown>;
  const before = { Excel: target.Excel, Office: target.Office };
  target.Excel = fakeExcelNamespace(book);
  target.Office = fakeOfficeNamespace(book);
  return () => {
    target.Excel = before.Excel;
    target.Office = before.Office;
  };
}

// ---------------------------------------------------------------------------------------------
// Seeded workbooks

export const FOREIGN_SHEET = '我的草稿';

/** The seed case (tests/fixtures/nanchang-2018.json). */
export const SEED_VALUES: Record<string, PlanValue> = seed;

/** The rows of a plan above `row`: the plan as an earlier version of the product wrote it. */
function rowsAbove(plan: SheetPlan, row: number): SheetPlan {
  return {
    ...plan,
    cells: plan.cells.filter((c) => c.row < row),
    merges: plan.merges.filter((m) => m.bottom < row),
    names: plan.names.filter((n) => n.row < row),
    listValidations: plan.listValidations.filter((v) => v.row < row),
    rowHeights: Object.fromEntries(Object.entries(plan.rowHeights).filter(([r]) => Number(r) < row)),
  };
}

/**
 * The template as the product wrote it before issue 9: 基础数据表 without section 七 (报告信息) and
 * 指标体系 without its last section (预算执行率封顶) and the empty row before it.
 */
export function olderTemplatePlans(values: Record<string, PlanValue> = SEED_VALUES): [SheetPlan, SheetPlan] {
  const profile = profileSheetPlan(DEFAULT_PROFILE);
  const capSection = Math.max(...profile.cells.filter((c) => c.col === 1 && c.style === 'section').map((c) => c.row));
  return [rowsAbove(dataSheetPlan(values), DATA_ROWS.sections.G), rowsAbove(profile, capSection - 1)];
}

/**
 * A workbook as an officer would have it: a sheet of their own (我的草稿, with a defined name of
 * theirs), then 基础数据表 filled with `values` and 指标体系, as this product writes them
 * (`template: false`: only the officer's own sheet, before the template is inserted; `older`: the
 * template of an earlier version, olderTemplatePlans).
 */
export function seededWorkbook(
  values: Record<string, PlanValue> = SEED_VALUES,
  { profile = true, template = true, older = false } = {},
): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addSheet(FOREIGN_SHEET);
  book.setCell(FOREIGN_SHEET, 'A1', '草稿：三公经费测算');
  book.setCell(FOREIGN_SHEET, 'B2', 123.45, '0.00');
  book.setCell(FOREIGN_SHEET, 'B3', '待核实');
  book.addName('my_total', book.sheet(FOREIGN_SHEET) as FakeSheet, { top: 2, left: 2, bottom: 2, right: 2 });
  if (!template) return book;
  const [data, profileSheet] = older ? olderTemplatePlans(values) : [dataSheetPlan(values), profileSheetPlan(DEFAULT_PROFILE)];
  book.addPlannedSheet(data);
  if (profile) book.addPlannedSheet(profileSheet);
  return book;
}
