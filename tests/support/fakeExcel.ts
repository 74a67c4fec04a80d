/**
 * An in-memory stand-in for exactly the parts of the Excel JavaScript API the adapter in src/excel
 * uses, with Office's batching rules: calls queue until `context.sync()`, which runs them in order
 * (a failing call stops the batch there, as in Office); reading a property that was not loaded and
 * synced throws; `*OrNullObject` results know `isNullObject` only after a sync, and calls on a null
 * object give null objects. Typed text is taken as Excel takes it (`=…` becomes a formula unless the
 * cell's format is `@`). APIs newer than the fake's `apiVersion` fail at sync with ApiNotFound.
 *
 * Plain TypeScript without Node imports: the browser test bundles it as window.Excel / window.Office.
 */
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { cellAddress, columnLetter, type CellRange, type PlanValue, type SheetPlan } from '../../src/layout/plan';
import { dataSheetPlan } from '../../src/layout/template';
import seed from '../fixtures/nanchang-2018.json';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

// ---------------------------------------------------------------------------------------------
// Workbook state (what a test inspects)

export type FakeScalar = string | number | boolean;
export type BorderSide = 'top' | 'bottom' | 'left' | 'right';

export interface FakeBorder {
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeCell {
  /** '' when empty; the error text (`#DIV/0!`) when `error` is set. */
  value: FakeScalar;
  error?: boolean;
  /** Text Excel took as a formula (the fake does not calculate it). */
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

function newCell(): FakeCell {
  return { value: '', numberFormat: 'General', font: {}, borders: {} };
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  merges: CellRange[] = [];
  frozenRows = 0;
  tabColor = '';
  /** In points, as Office.js sets them. */
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly pageLayout: Record<string, unknown> = {};
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

  /** The value at `C18` ('' when empty). */
  value(address: string): FakeScalar {
    return this.cell(address)?.value ?? '';
  }

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
    return rows(1, used.bottom).map((r) => rows(1, used.right).map((c) => this.cells.get(key(r, c))?.value ?? ''));
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
  /** The ExcelApi minor version supported: 17 means ExcelApi 1.1–1.17. */
  apiVersion = 17;
  /** Every context.sync() (and the flush Excel.run does for calls left pending), over all runs. */
  syncs = 0;
  /** The number of queued calls each sync carried. */
  readonly callsPerSync: number[] = [];
  runs = 0;
  /** How calls through a null object behave: Office propagates the null object; 'throw' models a host that rejects them. */
  nullChains: 'propagate' | 'throw' = 'propagate';
  /** Makes the next call with this label fail at sync, e.g. 'Range.merge'. */
  failOn: { label: string; code?: string; message?: string } | null = null;
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    if (!/^[^:\\/?*[\]]{1,31}$/.test(name)) throw new FakeOfficeError('InvalidArgument', `工作表名称无效：${name}`);
    if (this.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
    const ws = new FakeSheet(`{${String(this.nextId++).padStart(8, '0')}}`, name);
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

  deleteSheet(ws: FakeSheet): void {
    if (this.sheets.length === 1) throw new FakeOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
    this.sheets.splice(this.sheets.indexOf(ws), 1);
    ws.deleted = true;
    if (this.activeSheet === ws) this.activeSheet = this.sheets[0];
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
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rc]$/i.test(name)) {
      throw new FakeOfficeError('InvalidArgument', `名称无效：${name}`);
    }
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
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses

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

/** `C18`, `$C$18`, `A1:D60`, `A:C`, `3:5` → an area (whole columns and rows reach the sheet's end). */
export function parseArea(address: string): CellRange {
  const parts = address.replace(/\$/g, '').toUpperCase().split(':');
  const ends = parts.map((p) => /^([A-Z]{0,3})(\d*)$/.exec(p));
  if (parts.length > 2 || ends.some((m) => !m || (!m[1] && !m[2]))) throw new FakeOfficeError('InvalidArgument', `地址无效：${address}`);
  const [a, b = a] = ends as RegExpExecArray[];
  const col = (m: RegExpExecArray, whole: number) => (m[1] ? columnNumber(m[1]) : whole);
  const row = (m: RegExpExecArray, whole: number) => (m[2] ? Number(m[2]) : whole);
  return { top: row(a, 1), left: col(a, 1), bottom: row(b, MAX_ROWS), right: col(b, MAX_COLS) };
}

function areaText(area: CellRange): string {
  const first = cellAddress(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? first : `${first}:${cellAddress(area.bottom, area.right)}`;
}

function sheetRefText(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function refText(n: FakeName): string {
  const abs = `$${columnLetter(n.area.left)}$${n.area.top}`;
  return n.sheet.deleted ? `#REF!${abs}` : `${sheetRefText(n.sheet.name)}!${abs}`;
}

function cellsOf(area: CellRange): { row: number; col: number }[] {
  if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 100000) {
    throw new FakeOfficeError('NotModelled', `the fake does not format whole rows or columns cell by cell (${areaText(area)})`);
  }
  return rows(area.top, area.bottom).flatMap((row) => rows(area.left, area.right).map((col) => ({ row, col })));
}

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** A value as Excel takes it when typed or assigned through Range.values. */
function enterValue(c: FakeCell, v: unknown): void {
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

function valueType(c: FakeCell | undefined): string {
  if (!c || (c.value === '' && !c.error)) return 'Empty';
  if (c.error) return 'Error';
  if (typeof c.value === 'number') return Number.isInteger(c.value) ? 'Integer' : 'Double';
  return typeof c.value === 'boolean' ? 'Boolean' : 'String';
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

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: { label: string; run: () => void }[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  /** Queues one call; `internal` marks bookkeeping Office does for free (null checks). */
  enqueue(label: string, run: () => void, internal = false): void {
    this.queue.push({ label: internal ? `(${label})` : label, run });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.book.syncs++;
    this.book.callsPerSync.push(batch.filter((c) => !c.label.startsWith('(')).length);
    await Promise.resolve();
    for (const call of batch) {
      const fail = this.book.failOn;
      if (fail && fail.label === call.label) {
        this.book.failOn = null;
        throw new FakeOfficeError(fail.code ?? 'GeneralException', fail.message ?? `模拟的 ${call.label} 失败`);
      }
      call.run();
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
  protected act(label: string, run: (target: T) => void): void {
    this.context.enqueue(label, () => {
      const t = this.resolve();
      if (t !== null) run(t);
    });
  }

  /**
   * Queues a load of the given properties, each captured by `capture` at its place in the batch.
   * Loading a null object is fine (Office's own samples do it); reading what it loaded is a bug.
   */
  protected queueLoad(label: string, props: string[], capture: (target: T, property: string) => unknown): void {
    this.context.enqueue(label, () => {
      const t = this.resolve();
      for (const p of props) this.loaded.set(p, t === null ? NULL_PROPERTY : capture(t, p));
    });
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;

  constructor(context: FakeRequestContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
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
    this.context.enqueue('WorksheetCollection.add', () => ws.attach(this.book.addSheet(name)));
    return ws;
  }
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  static loadedWith(context: FakeRequestContext, sheet: FakeSheet, fields: string[]): WorksheetProxy {
    const ws = new WorksheetProxy(context, () => sheet);
    for (const f of fields) ws.loaded.set(f, WorksheetProxy.property(sheet, f));
    return ws;
  }

  private static property(sheet: FakeSheet, field: string): unknown {
    if (field === 'name') return sheet.name;
    if (field === 'id') return sheet.id;
    throw new FakeOfficeError('NotModelled', `Worksheet.${field}`);
  }

  get name(): string {
    return this.read('name');
  }

  get id(): string {
    return this.read('id');
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
    this.queueLoad('Worksheet.load', fields, (ws, f) => WorksheetProxy.property(ws, f));
    return this;
  }

  getRange(address = ''): RangeProxy {
    return new RangeProxy(this.context, () => {
      const ws = this.resolve();
      return ws && { sheet: ws, area: address ? parseArea(address) : { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const ws = this.resolve();
      if (!ws && this.book.nullChains === 'throw') throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      const area = ws?.usedArea(valuesOnly);
      return ws && area ? { sheet: ws, area } : null;
    }).trackNullObject();
  }

  activate(): void {
    this.act('Worksheet.activate', (ws) => (this.book.activeSheet = ws));
  }

  delete(): void {
    this.act('Worksheet.delete', (ws) => this.book.deleteSheet(ws));
  }

  set tabColor(color: string) {
    this.act('Worksheet.tabColor', (ws) => {
      this.context.requireApi(7, 'Worksheet.tabColor');
      ws.tabColor = color;
    });
  }

  get freezePanes(): { freezeRows(count?: number): void } {
    return {
      freezeRows: (count = 1) =>
        this.act('WorksheetFreezePanes.freezeRows', (ws) => {
          this.context.requireApi(7, 'WorksheetFreezePanes');
          ws.frozenRows = count;
        }),
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

class PageLayoutProxy {
  constructor(private readonly ws: WorksheetProxy) {
    for (const p of ['orientation', 'paperSize', 'centerHorizontally', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin', 'zoom']) {
      Object.defineProperty(this, p, { set: (v: unknown) => ws.layout(p, (l) => (l[p] = v)) });
    }
  }

  setPrintTitleRows(rows: string): void {
    this.ws.layout('setPrintTitleRows', (l) => (l.printTitleRows = rows));
  }

  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const ws = this.ws;
    return {
      defaultForAllPages: {
        set centerFooter(text: string) {
          ws.layout('centerFooter', (l) => (l.centerFooter = text));
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
    this.act('Range.values', ({ sheet, area }) => this.eachInput(area, v, (row, col, x) => enterValue(sheet.ensure(row, col), x)));
  }

  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }

  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }

  set numberFormat(v: unknown[][]) {
    this.act('Range.numberFormat', ({ sheet, area }) => this.eachInput(area, v, (row, col, x) => (sheet.ensure(row, col).numberFormat = String(x))));
  }

  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this);
  }

  get dataValidation(): DataValidationProxy {
    return new DataValidationProxy(this);
  }

  load(props?: string | string[]): this {
    this.queueLoad('Range.load', loadList(props), ({ sheet, area }, p) => {
      const grid = <V>(f: (c: FakeCell | undefined) => V) =>
        rows(area.top, area.bottom).map((r) => rows(area.left, area.right).map((c) => f(sheet.cells.get(key(r, c)))));
      switch (p) {
        case 'address':
          return `${sheetRefText(sheet.name)}!${areaText(area)}`;
        case 'values':
          return grid((c) => c?.value ?? '');
        case 'valueTypes':
          return grid(valueType);
        case 'numberFormat':
          return grid((c) => c?.numberFormat ?? 'General');
        default:
          throw new FakeOfficeError('NotModelled', `Range.${p}`);
      }
    });
    return this;
  }

  merge(across = false): void {
    this.act('Range.merge', ({ sheet, area }) => {
      if (across) throw new FakeOfficeError('NotModelled', 'merge(across)');
      if (sheet.merges.some((m) => overlaps(m, area))) throw new FakeOfficeError('InvalidArgument', `merge overlaps ${areaText(area)}`);
      // Like Excel, a merge keeps only the top-left value.
      for (const { row, col } of cellsOf(area)) {
        const c = sheet.cells.get(key(row, col));
        if (c && (row !== area.top || col !== area.left)) enterValue(c, '');
      }
      sheet.merges.push({ ...area });
    });
  }

  select(): void {
    this.act('Range.select', ({ sheet, area }) => {
      this.book.activeSheet = sheet;
      this.book.selection = { sheet: sheet.name, address: areaText(area) };
    });
  }

  /** Applies a change to every cell of the range. */
  cellChange(label: string, change: (c: FakeCell, at: { row: number; col: number; area: CellRange }) => void, minor = 1): void {
    this.act(label, ({ sheet, area }) => {
      this.context.requireApi(minor, label);
      for (const at of cellsOf(area)) change(sheet.ensure(at.row, at.col), { ...at, area });
    });
  }

  /** Applies a change to the sheet and the range itself (column widths, row heights). */
  areaChange(label: string, change: (sheet: FakeSheet, area: CellRange) => void): void {
    this.act(label, ({ sheet, area }) => change(sheet, area));
  }

  private eachInput(area: CellRange, input: unknown[][], set: (row: number, col: number, v: unknown) => void): void {
    const height = area.bottom - area.top + 1;
    const width = area.right - area.left + 1;
    if (!Array.isArray(input) || input.length !== height || input.some((line) => !Array.isArray(line) || line.length !== width)) {
      throw new FakeOfficeError('InvalidArgument', "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
    input.forEach((line, r) => line.forEach((v, c) => v !== null && v !== undefined && set(area.top + r, area.left + c, v)));
  }
}

class RangeFormatProxy {
  constructor(private readonly range: RangeProxy) {}

  get font(): Record<'name' | 'size' | 'bold' | 'italic' | 'color', unknown> {
    const range = this.range;
    const font = {} as Record<'name' | 'size' | 'bold' | 'italic' | 'color', unknown>;
    for (const p of ['name', 'size', 'bold', 'italic', 'color'] as const) {
      Object.defineProperty(font, p, { set: (v: unknown) => range.cellChange(`RangeFont.${p}`, (c) => (c.font[p] = v as never)) });
    }
    return font;
  }

  get fill(): { color: string } {
    const range = this.range;
    return {
      set color(v: string) {
        range.cellChange('RangeFill.color', (c) => (c.fill = v));
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
        for (const p of ['style', 'weight', 'color'] as const) {
          Object.defineProperty(border, p, {
            set: (v: string) =>
              range.cellChange(`RangeBorder.${p}`, (c, { row, col, area }) => {
                for (const side of bordersAt(edge, row, col, area)) c.borders[side] = { ...c.borders[side], [p]: v };
              }),
          });
        }
        return border;
      },
    };
  }

  set horizontalAlignment(v: string) {
    this.range.cellChange('RangeFormat.horizontalAlignment', (c) => (c.horizontalAlignment = v));
  }

  set verticalAlignment(v: string) {
    this.range.cellChange('RangeFormat.verticalAlignment', (c) => (c.verticalAlignment = v));
  }

  set wrapText(v: boolean) {
    this.range.cellChange('RangeFormat.wrapText', (c) => (c.wrapText = v));
  }

  set columnWidth(points: number) {
    this.range.areaChange('RangeFormat.columnWidth', (sheet, area) => rows(area.left, area.right).forEach((col) => sheet.columnWidths.set(col, points)));
  }

  set rowHeight(points: number) {
    this.range.areaChange('RangeFormat.rowHeight', (sheet, area) => rows(area.top, area.bottom).forEach((row) => sheet.rowHeights.set(row, points)));
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
    this.range.cellChange('DataValidation.rule', (c) => (c.validation = { ...c.validation, rule }), 8);
  }

  set errorAlert(errorAlert: unknown) {
    this.range.cellChange('DataValidation.errorAlert', (c) => (c.validation = { ...c.validation, errorAlert }), 8);
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

/**
 * A workbook as an officer would have it: a sheet of their own (我的草稿, with a defined name of
 * theirs), then 基础数据表 filled with `values` and 指标体系, as this product writes them
 * (`template: false`: only the officer's own sheet, before the template is inserted).
 */
export function seededWorkbook(
  values: Record<string, PlanValue> = SEED_VALUES,
  { profile = true, template = true } = {},
): FakeWorkbook {
  const book = new FakeWorkbook();
  book.addSheet(FOREIGN_SHEET);
  book.setCell(FOREIGN_SHEET, 'A1', '草稿：三公经费测算');
  book.setCell(FOREIGN_SHEET, 'B2', 123.45, '0.00');
  book.setCell(FOREIGN_SHEET, 'B3', '待核实');
  book.addName('my_total', book.sheet(FOREIGN_SHEET) as FakeSheet, { top: 2, left: 2, bottom: 2, right: 2 });
  if (!template) return book;
  book.addPlannedSheet(dataSheetPlan(values));
  if (profile) book.addPlannedSheet(profileSheetPlan(DEFAULT_PROFILE));
  return book;
}
