/**
 * Appends the cell formats our sheets use to a workbook's xl/styles.xml. The user's entries are
 * never rewritten or reordered — their cells keep their look and their `s=` indices stay valid —
 * so new numFmts, fonts, fills, borders and cellXfs go at the end of each collection.
 */
import { BASE_FONT, BORDER_COLOR, STYLES, type CellStyle, type StyleName } from '../layout/plan';
import { WorkbookFileError } from './errors';
import { SPREADSHEETML_NS, decodeXmlText, escapeAttr } from './xml';

export interface CellFormat {
  style?: StyleName;
  numFmt?: string;
}

/** CT_Stylesheet's children in schema order: a missing collection goes before the first later one present. */
const SCHEMA_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'] as const;
type Collection = (typeof SCHEMA_ORDER)[number];

/** The collections we append to, with the name of their entries. */
const ENTRY = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellStyleXfs: 'xf', cellXfs: 'xf', cellStyles: 'cellStyle' } as const;
type Appended = keyof typeof ENTRY;

/**
 * Built-in formats Excel shows the same in every locale (14–22 and 37+ are localised dates and
 * currencies, so a code like `yyyy/m/d` gets a custom id instead).
 */
const BUILTIN_NUMFMTS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  '# ?/?': 12,
  '# ??/??': 13,
  '##0.0E+0': 48,
  '@': 49,
};
/** Ids up to 163 are reserved for built-in formats. */
const LAST_RESERVED_NUMFMT = 163;

/** Completes a package without styles.xml; the general padding below adds the default entries. */
const EMPTY_STYLESHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<styleSheet xmlns="${SPREADSHEETML_NS}"><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

interface Tag {
  /** Qualified name as written, e.g. `x:fonts`. */
  name: string;
  kind: 'open' | 'close' | 'empty';
  start: number;
  /** Offset just past `>`. */
  end: number;
  /** For an entry of a collection: offset just past its end tag (its whole element). */
  elementEnd?: number;
}

interface Found {
  open: Tag;
  /** Null for a self-closing collection (`<fonts count="0"/>`). */
  close: Tag | null;
  entries: Tag[];
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

function damaged(): WorkbookFileError {
  return new WorkbookFileError('工作簿的样式部件（xl/styles.xml）已损坏，无法写入。请在 Excel 中打开该文件另存一次后重试。', 'damaged');
}

/** The start and end tags of the text, skipping comments, CDATA, processing instructions and DOCTYPE; quoted `>` stays inside its tag. */
function scanTags(xml: string): Tag[] {
  const out: Tag[] = [];
  const skipTo = (from: number, terminator: string) => {
    const at = xml.indexOf(terminator, from);
    if (at < 0) throw damaged();
    return at + terminator.length;
  };
  let i = xml.indexOf('<');
  while (i >= 0) {
    if (xml.startsWith('<!--', i)) i = skipTo(i + 4, '-->');
    else if (xml.startsWith('<![CDATA[', i)) i = skipTo(i + 9, ']]>');
    else if (xml.startsWith('<?', i)) i = skipTo(i + 2, '?>');
    else if (xml.startsWith('<!', i)) i = skipTo(i + 2, '>');
    else {
      let j = i + 1;
      let quote = '';
      for (; j < xml.length; j++) {
        const c = xml[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (j >= xml.length) throw damaged();
      const name = /^<\/?([^\s/>]+)/.exec(xml.slice(i, j + 1));
      if (!name) throw damaged();
      const kind = xml[i + 1] === '/' ? 'close' : xml[j - 1] === '/' ? 'empty' : 'open';
      out.push({ name: name[1], kind, start: i, end: j + 1 });
      i = j + 1;
    }
    i = xml.indexOf('<', i);
  }
  return out;
}

/** The root element and its children (collections) with their direct child entries. */
function parseStylesheet(xml: string): { root: Tag; rootClose: Tag | null; found: Map<Collection, Found> } {
  const tags = scanTags(xml);
  const root = tags[0];
  if (!root || root.kind === 'close' || localName(root.name) !== 'styleSheet') throw damaged();
  const found = new Map<Collection, Found>();
  let rootClose: Tag | null = null;
  let depth = root.kind === 'open' ? 1 : 0;
  let current: Found | null = null;
  let entry: Tag | null = null;
  for (const tag of tags.slice(1)) {
    if (depth === 0) throw damaged();
    if (tag.kind === 'close') {
      depth--;
      if (depth === 2 && entry) {
        entry.elementEnd = tag.end;
        entry = null;
      }
      if (depth === 0) rootClose = tag;
      else if (depth === 1 && current) {
        current.close = tag;
        current = null;
      }
      continue;
    }
    if (depth === 1) {
      const name = localName(tag.name) as Collection;
      const f: Found = { open: tag, close: null, entries: [] };
      if ((SCHEMA_ORDER as readonly string[]).includes(name) && !found.has(name)) found.set(name, f);
      if (tag.kind === 'open') current = f;
    } else if (depth === 2 && current) {
      current.entries.push(tag);
      if (tag.kind === 'open') entry = tag;
      else tag.elementEnd = tag.end;
    }
    if (tag.kind === 'open') depth++;
  }
  if (depth !== 0) throw damaged();
  return { root, rootClose, found };
}

/** The start tag with its `count` set (self-closing turned into an open tag). */
function withCount(startTag: string, count: number): string {
  const open = startTag.replace(/\s*\/>$/, '>');
  if (/\scount\s*=\s*("[^"]*"|'[^']*')/.test(open)) return open.replace(/(\scount\s*=\s*)("[^"]*"|'[^']*')/, `$1"${count}"`);
  return open.replace(/^(<[^\s/>]+)/, `$1 count="${count}"`);
}

const argb = (hex: string) => `FF${hex.toUpperCase()}`;

type Attrs = Record<string, string | number | undefined>;

export class StyleAppender {
  private readonly xml: string;
  private readonly prefix: string;
  private readonly found: Map<Collection, Found>;
  /** Where the root's content ends (a missing collection with no later sibling goes here). */
  private readonly rootEnd: number;
  private readonly rootSelfClosing: Tag | null;
  private readonly existing: Record<Appended, number>;
  private readonly added: Record<Appended, string[]> = { numFmts: [], fonts: [], fills: [], borders: [], cellStyleXfs: [], cellXfs: [], cellStyles: [] };
  private readonly indexOf = new Map<string, number>();
  /** xfFor's answers, so a sheet of many cells builds each format's XML once. */
  private readonly xfs = new Map<string, number>();
  private nextNumFmtId: number;

  /** The user's xl/styles.xml text, or null when the package has none (then a complete minimal stylesheet is produced). */
  constructor(stylesXml: string | null) {
    this.xml = stylesXml ?? EMPTY_STYLESHEET;
    const { root, rootClose, found } = parseStylesheet(this.xml);
    // Files from the OpenXML SDK write `<x:styleSheet xmlns:x="…">`: our elements take the same prefix.
    this.prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':') + 1) : '';
    this.found = found;
    this.rootSelfClosing = root.kind === 'empty' ? root : null;
    this.rootEnd = rootClose ? rootClose.start : root.end;
    const count = (c: Appended) => found.get(c)?.entries.filter((t) => localName(t.name) === ENTRY[c]).length ?? 0;
    this.existing = {
      numFmts: count('numFmts'),
      fonts: count('fonts'),
      fills: count('fills'),
      borders: count('borders'),
      cellStyleXfs: count('cellStyleXfs'),
      cellXfs: count('cellXfs'),
      cellStyles: count('cellStyles'),
    };
    const ids = (found.get('numFmts')?.entries ?? []).map((t) => {
      const m = /\snumFmtId\s*=\s*["']\s*(\d+)/.exec(this.xml.slice(t.start, t.end));
      return m ? Number(m[1]) : 0;
    });
    this.nextNumFmtId = Math.max(LAST_RESERVED_NUMFMT, ...ids) + 1;
    this.indexExisting();
    this.padDefaults();
  }

  /**
   * Entries already in the stylesheet that are exactly what we would append — ours, from an
   * earlier score of this workbook — are reused, so rescoring never grows the stylesheet.
   */
  private indexExisting(): void {
    for (const c of Object.keys(ENTRY) as Appended[]) {
      const entries = (this.found.get(c)?.entries ?? []).filter((t) => localName(t.name) === ENTRY[c]);
      entries.forEach((t, i) => {
        const xml = this.xml.slice(t.start, t.elementEnd ?? t.end);
        const key = `${c}\n${xml}`;
        if (!this.indexOf.has(key)) this.indexOf.set(key, i);
        if (c === 'numFmts') {
          const id = /\snumFmtId\s*=\s*["']\s*(\d+)/.exec(xml);
          const code = /\sformatCode\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(xml);
          const codeKey = code ? `numFmtCode\n${decodeXmlText(code[1] ?? code[2] ?? '')}` : null;
          if (id && codeKey && !this.indexOf.has(codeKey)) this.indexOf.set(codeKey, Number(id[1]));
        }
      });
    }
  }

  /**
   * A stylesheet short of what every workbook has gets it first, so that our entries never take
   * a reserved place: font 0 is the workbook's default font, fills 0 and 1 are read as none and
   * gray125 whatever they say, and xf 0 is the look of every cell without `s=`.
   */
  private padDefaults(): void {
    if (this.existing.fonts === 0) this.entry('fonts', this.font({}));
    const fills = [this.el('fill', {}, this.el('patternFill', { patternType: 'none' })), this.el('fill', {}, this.el('patternFill', { patternType: 'gray125' }))];
    for (const fill of fills.slice(this.existing.fills)) this.entry('fills', fill);
    if (this.existing.borders === 0) this.entry('borders', this.border(false));
    const plain = { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0 };
    if (this.existing.cellStyleXfs === 0) this.entry('cellStyleXfs', this.el('xf', plain));
    if (this.existing.cellXfs === 0) this.entry('cellXfs', this.el('xf', { ...plain, xfId: 0 }));
    if (this.existing.cellStyles === 0) this.entry('cellStyles', this.el('cellStyle', { name: 'Normal', xfId: 0, builtinId: 0 }));
  }

  /** Index into cellXfs for this format (same format → same index). */
  xfFor(f: CellFormat): number {
    const key = `${f.style ?? ''}\n${f.numFmt ?? ''}`;
    const known = this.xfs.get(key);
    if (known !== undefined) return known;
    const s: CellStyle = f.style ? STYLES[f.style] : {};
    const alignment = this.el('alignment', { horizontal: s.align, vertical: 'center', wrapText: s.wrap ? 1 : undefined });
    const xf = this.el(
      'xf',
      {
        numFmtId: this.numFmtId(f.numFmt),
        fontId: this.entry('fonts', this.font(s)),
        fillId: this.entry('fills', this.fill(s.fill)),
        borderId: this.entry('borders', this.border(s.border === true)),
        xfId: 0,
        applyNumberFormat: 1,
        applyFont: 1,
        applyFill: 1,
        applyBorder: 1,
        applyAlignment: 1,
      },
      alignment,
    );
    const index = this.entry('cellXfs', xf);
    this.xfs.set(key, index);
    return index;
  }

  /** The stylesheet with the new numFmts/fonts/fills/borders/cellXfs APPENDED. */
  toXml(): string {
    const edits: { at: number; end: number; text: string }[] = [];
    for (const c of SCHEMA_ORDER) {
      const items = c in ENTRY ? this.added[c as Appended] : [];
      if (items.length === 0) continue;
      const total = this.existing[c as Appended] + items.length;
      const f = this.found.get(c);
      const content = items.join('');
      if (f?.close) {
        edits.push({ at: f.open.start, end: f.open.end, text: withCount(this.xml.slice(f.open.start, f.open.end), total) });
        edits.push({ at: f.close.start, end: f.close.start, text: content });
      } else if (f) {
        edits.push({ at: f.open.start, end: f.open.end, text: withCount(this.xml.slice(f.open.start, f.open.end), total) + content + `</${f.open.name}>` });
      } else {
        const later = SCHEMA_ORDER.slice(SCHEMA_ORDER.indexOf(c) + 1).find((n) => this.found.has(n));
        const at = later ? (this.found.get(later) as Found).open.start : this.rootEnd;
        edits.push({ at, end: at, text: this.el(c, { count: total }, content) });
      }
    }
    if (edits.length === 0) return this.xml;
    if (this.rootSelfClosing) {
      const root = this.rootSelfClosing;
      const open = this.xml.slice(root.start, root.end).replace(/\s*\/>$/, '>');
      edits.unshift({ at: root.start, end: root.end, text: open });
      edits.push({ at: root.end, end: root.end, text: `</${root.name}>` });
    }
    // Stable: insertions at one offset keep schema order, and come before a start tag rewritten there.
    edits.sort((a, b) => a.at - b.at);
    let out = '';
    let from = 0;
    for (const e of edits) {
      out += this.xml.slice(from, e.at) + e.text;
      from = e.end;
    }
    return out + this.xml.slice(from);
  }

  /** The index of this entry in its collection, appending it the first time. */
  private entry(c: Appended, xml: string): number {
    const key = `${c}\n${xml}`;
    let index = this.indexOf.get(key);
    if (index === undefined) {
      index = this.existing[c] + this.added[c].length;
      this.added[c].push(xml);
      this.indexOf.set(key, index);
    }
    return index;
  }

  private numFmtId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_NUMFMTS[code];
    if (builtin !== undefined) return builtin;
    const key = `numFmtCode\n${code}`;
    let id = this.indexOf.get(key);
    if (id === undefined) {
      id = this.nextNumFmtId++;
      this.indexOf.set(key, id);
      this.added.numFmts.push(this.el('numFmt', { numFmtId: id, formatCode: code }));
    }
    return id;
  }

  private font(s: CellStyle): string {
    return this.el(
      'font',
      {},
      (s.bold ? this.el('b', {}) : '') +
        (s.italic ? this.el('i', {}) : '') +
        this.el('sz', { val: s.size ?? BASE_FONT.size }) +
        (s.color ? this.el('color', { rgb: argb(s.color) }) : '') +
        this.el('name', { val: BASE_FONT.name }),
    );
  }

  private fill(hex: string | undefined): string {
    const pattern = hex
      ? this.el('patternFill', { patternType: 'solid' }, this.el('fgColor', { rgb: argb(hex) }) + this.el('bgColor', { indexed: 64 }))
      : this.el('patternFill', { patternType: 'none' });
    return this.el('fill', {}, pattern);
  }

  private border(thin: boolean): string {
    const side = (name: string) => (thin ? this.el(name, { style: 'thin' }, this.el('color', { rgb: argb(BORDER_COLOR) })) : this.el(name, {}));
    return this.el('border', {}, side('left') + side('right') + side('top') + side('bottom') + this.el('diagonal', {}));
  }

  /** An element in the stylesheet's namespace prefix; undefined attributes are left out. */
  private el(name: string, attrs: Attrs, content?: string): string {
    let open = `<${this.prefix}${name}`;
    for (const [k, v] of Object.entries(attrs)) if (v !== undefined) open += ` ${k}="${escapeAttr(String(v))}"`;
    return content === undefined ? `${open}/>` : `${open}>${content}</${this.prefix}${name}>`;
  }
}
