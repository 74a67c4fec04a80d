/**
 * The hostile corpus (issue 7 point 11): files an officer, another program or an attacker might
 * hand to `jxpj score`, each made by code from the filled seed template (the acceptance case,
 * 88.65 良) or written as raw bytes. Tests import the builders; `npx tsx tests/hostile/corpus.ts
 * <dir>` writes every file (the big ones at full size) to a folder for the bench and manual checks.
 *
 * The template is built by newWorkbookBytes; from there each case edits the XML the way the
 * program it imitates writes it (Excel, the OpenXML SDK, LibreOffice, a careless script).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import JSZip from 'jszip';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { absoluteRef, cellAddress, parseCellAddress, type PlanValue } from '../../src/layout/plan';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { DATA_COLUMNS, DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import { newWorkbookBytes } from '../../src/xlsx';
import seed from '../fixtures/nanchang-2018.json';
import { entry, rawZip, streamedEntry, type Piece, type RawEntry } from './rawZip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts of the generated template: 基础数据表 and 指标体系, in that order. */
export const DATA_PART = 'xl/worksheets/sheet1.xml';
export const PROFILE_PART = 'xl/worksheets/sheet2.xml';

/** Where a field sits on the template, e.g. `C18` for actual_project. */
export function inputRef(fieldId: string): string {
  return cellAddress(DATA_ROWS.fields[fieldId], DATA_COLUMNS.input);
}

/** The seed (南昌市总工会职工服务中心 2018) filled into a workbook written by newWorkbookBytes. */
export function seedTemplate(values: Record<string, PlanValue> = seed as Record<string, PlanValue>): Buffer {
  return newWorkbookBytes([dataSheetPlan(values), profileSheetPlan(DEFAULT_PROFILE)]);
}

// ───────────────────────────── editing a package ─────────────────────────────

/** A package's parts, inflated, in archive order; a part may also be an entry already packed. */
export type Parts = Map<string, Buffer | RawEntry>;

export async function unpack(bytes: Buffer): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Parts = new Map();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) parts.set(name, await zip.files[name].async('nodebuffer'));
  }
  return parts;
}

export function text(parts: Parts, name: string): string {
  const p = parts.get(name);
  if (!Buffer.isBuffer(p)) throw new Error(`corpus: no inflated part ${name}`);
  return p.toString('utf8');
}

export function edit(parts: Parts, name: string, change: (xml: string) => string): void {
  const before = text(parts, name);
  const after = change(before);
  if (after === before) throw new Error(`corpus: the edit of ${name} changed nothing`);
  parts.set(name, Buffer.from(after, 'utf8'));
}

/** The archive: every part deflated (or stored), unless it is an entry already packed. */
export function pack(parts: Parts, opts: { method?: 0 | 8; descriptors?: boolean; zip64?: boolean } = {}): Buffer {
  const entries = [...parts].map(([name, p]) => (Buffer.isBuffer(p) ? entry(name, p, opts.method ?? 8) : p));
  return rawZip(entries, { descriptors: opts.descriptors, zip64: opts.zip64 });
}

async function editTemplate(change: (parts: Parts) => void | Promise<void>, base: Buffer = seedTemplate()): Promise<Buffer> {
  const parts = await unpack(base);
  await change(parts);
  return pack(parts);
}

/** Replaces cell `ref` (`<c r="C18" …>…</c>`) by `xml` ('' removes it). */
export function replaceCell(sheetXml: string, ref: string, xml: string): string {
  const re = new RegExp(`<c r="${ref}"(?:\\s[^>]*?)?(?:\\/>|>[\\s\\S]*?<\\/c>)`);
  if (!re.test(sheetXml)) throw new Error(`corpus: no cell ${ref}`);
  return sheetXml.replace(re, xml);
}

/** The `s` (style) attribute of cell `ref`, so a replaced cell keeps its look. */
function styleOf(sheetXml: string, ref: string): string {
  return new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheetXml)?.[1] ?? '0';
}

function setInput(parts: Parts, fieldId: string, cell: (ref: string, s: string) => string): void {
  const ref = inputRef(fieldId);
  edit(parts, DATA_PART, (xml) => replaceCell(xml, ref, cell(ref, styleOf(xml, ref))));
}

const inlineCell = (ref: string, s: string, t: string) => `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${t}</t></is></c>`;

/** Puts `cellXml` in a new last row of the sheet (after every other row, as Excel orders them). */
function appendRow(sheetXml: string, row: number, cellXml: string): string {
  return sheetXml.replace('</sheetData>', `<row r="${row}">${cellXml}</row></sheetData>`);
}

/** Adds a worksheet of the officer's; returns its part name. */
export function addSheet(parts: Parts, name: string, xml: Buffer | string | RawEntry, attrs = ''): string {
  let n = 1;
  while (parts.has(`xl/worksheets/sheet${n}.xml`)) n++;
  const part = `xl/worksheets/sheet${n}.xml`;
  const rid = `rIdOfficer${n}`;
  parts.set(part, typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.isBuffer(xml) ? xml : { ...xml, name: part });
  edit(parts, 'xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', `<Relationship Id="${rid}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`));
  edit(parts, '[Content_Types].xml', (x) => x.replace('</Types>', `<Override PartName="/${part}" ContentType="${CT_SHEET}"/></Types>`));
  edit(parts, 'xl/workbook.xml', (x) => {
    const ids = [...x.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
    return x.replace('</sheets>', `<sheet name="${name}" sheetId="${Math.max(0, ...ids) + 1}"${attrs} r:id="${rid}"/></sheets>`);
  });
  return part;
}

export function worksheet(sheetData: string, after = ''): string {
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** A small sheet of the officer's: a heading row and a few ledger lines. */
export function ledgerSheet(extraCells = ''): string {
  const rows = [`<row r="1"><c r="A1" t="inlineStr"><is><t>凭证号</t></is></c><c r="B1" t="inlineStr"><is><t>摘要</t></is></c><c r="C1" t="inlineStr"><is><t>金额</t></is></c></row>`];
  for (let r = 2; r <= 5; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>办公用品${r - 1}</t></is></c><c r="C${r}"><v>${(r * 12.5).toFixed(2)}</v></c></row>`);
  return worksheet(rows.join('') + extraCells);
}

function setWorkbookNames(parts: Parts, change: (namesXml: string) => string): void {
  edit(parts, 'xl/workbook.xml', (x) => x.replace(/<definedNames>([\s\S]*?)<\/definedNames>/, (_w, inner: string) => `<definedNames>${change(inner)}</definedNames>`));
}

const nameEl = (name: string, ref: string, local?: number) =>
  `<definedName name="${name}"${local === undefined ? '' : ` localSheetId="${local}"`}>${ref.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</definedName>`;

function removeName(namesXml: string, name: string): string {
  const re = new RegExp(`<definedName name="${name}">[^<]*<\\/definedName>`);
  if (!re.test(namesXml)) throw new Error(`corpus: no name ${name}`);
  return namesXml.replace(re, '');
}

const FIELD_NAMES = Object.keys(DATA_ROWS.fields);

// ───────────────────────────── XML rewrites ─────────────────────────────

/** Every inline string of the two sheets as a shared string (Excel's way), `filler` items first. */
export function toSharedStrings(parts: Parts, opts: { filler?: Iterable<Piece>; fillerCount?: number; itemXml?: (text: string) => string } = {}): void {
  const items: string[] = [];
  const offset = opts.fillerCount ?? 0;
  for (const part of [DATA_PART, PROFILE_PART]) {
    edit(parts, part, (xml) =>
      xml.replace(/<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t xml:space="preserve">([\s\S]*?)<\/t><\/is><\/c>/g, (_w, ref: string, s = '', t: string) => {
        items.push(opts.itemXml ? opts.itemXml(t) : `<si><t xml:space="preserve">${t}</t></si>`);
        return `<c r="${ref}"${s} t="s"><v>${offset + items.length - 1}</v></c>`;
      }),
    );
  }
  const count = offset + items.length;
  const head = `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${count}" uniqueCount="${count}">`;
  const name = 'xl/sharedStrings.xml';
  parts.set(name, opts.filler ? streamedEntry(name, [head, ...opts.filler, items.join(''), '</sst>']) : Buffer.from(head + items.join('') + '</sst>', 'utf8'));
  edit(parts, 'xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', `<Relationship Id="rIdStrings" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`));
  edit(parts, '[Content_Types].xml', (x) =>
    x.replace('</Types>', '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
  );
}

/** Every element of a SpreadsheetML part under the prefix `x:`, as the OpenXML SDK writes it. */
export function prefixElements(xml: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, (_w, slash: string, local: string) => `<${slash}x:${local}`)
    .replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`);
}

/** Rows as written, each with its cells' columns; throws unless rows run 1, 2, 3… and cells A, B, C… (so `r` may be dropped). */
function checkDense(sheetXml: string, what: 'rows' | 'cells'): void {
  let expectRow = 1;
  for (const row of sheetXml.matchAll(/<row r="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    if (what === 'rows' && Number(row[1]) !== expectRow) throw new Error(`corpus: row ${row[1]} follows a gap`);
    expectRow = Number(row[1]) + 1;
    let expectCol = 1;
    for (const c of (row[2] ?? '').matchAll(/<c r="([A-Z]+\d+)"/g)) {
      const at = parseCellAddress(c[1]);
      if (what === 'cells' && at?.col !== expectCol) throw new Error(`corpus: cell ${c[1]} follows a gap`);
      expectCol++;
    }
  }
}

/** Moves every row from `at` down by one and puts a note row at `at` (the officer inserted a row). */
function insertRow(parts: Parts, at: number): void {
  const shift = (ref: string) => {
    const p = parseCellAddress(ref) as { row: number; col: number };
    return p.row >= at ? cellAddress(p.row + 1, p.col) : ref;
  };
  edit(parts, DATA_PART, (xml) =>
    xml
      .replace(/<row r="(\d+)"/g, (w, r: string) => (Number(r) >= at ? `<row r="${Number(r) + 1}"` : w))
      .replace(/ (r|ref|sqref)="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g, (_w, attr: string, a: string, b?: string) => ` ${attr}="${shift(a)}${b ? `:${shift(b)}` : ''}"`)
      .replace(`<row r="${at + 1}"`, `<row r="${at}"><c r="A${at}" t="inlineStr"><is><t>（插入行：本单位补充说明）</t></is></c></row><row r="${at + 1}"`),
  );
  // The names move with their cells, as Excel moves them (there may be none left to move).
  const workbook = text(parts, 'xl/workbook.xml');
  parts.set('xl/workbook.xml', Buffer.from(workbook.replace(/'基础数据表'!\$([A-Z]+)\$(\d+)/g, (w, col: string, r: string) => (Number(r) >= at ? `'基础数据表'!$${col}$${Number(r) + 1}` : w))));
}

// ───────────────────────────── other kinds of files ─────────────────────────────

/**
 * A Compound File (OLE2) with the given streams, as Excel 97-2003 writes an .xls and as Excel
 * wraps an .xlsx that has an open password (streams EncryptionInfo and EncryptedPackage).
 * Version 3, 512-byte sectors, every stream 4096 bytes so none goes to the mini stream.
 */
export function ole2(streams: { name: string; head: Buffer }[]): Buffer {
  const SECTOR = 512;
  const STREAM = 4096;
  const FREE = 0xffffffff;
  const END = 0xfffffffe;
  const FATSECT = 0xfffffffd;
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(0x1000, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 80; i < SECTOR; i += 4) header.writeUInt32LE(FREE, i);

  const perStream = STREAM / SECTOR;
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FATSECT, 0);
  fat.writeUInt32LE(END, 4);
  streams.forEach((_, s) => {
    const first = 2 + s * perStream;
    for (let i = 0; i < perStream; i++) fat.writeUInt32LE(i === perStream - 1 ? END : first + i + 1, (first + i) * 4);
  });

  const dir = Buffer.alloc(SECTOR);
  const dirEntry = (i: number, name: string, type: number, child: number, left: number, start: number, size: number) => {
    const at = i * 128;
    dir.fill(0, at, at + 128);
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, at);
    dir.writeUInt16LE(n.length, at + 64);
    dir[at + 66] = type;
    dir[at + 67] = 1; // black
    dir.writeUInt32LE(left, at + 68);
    dir.writeUInt32LE(FREE, at + 72);
    dir.writeUInt32LE(child, at + 76);
    dir.writeUInt32LE(start, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  // A chain through left siblings: names are ordered by length, so list the longest first.
  const order = streams.map((s, i) => ({ ...s, i })).sort((a, b) => b.name.length - a.name.length);
  dirEntry(0, 'Root Entry', 5, 1, FREE, END, 0);
  order.forEach((s, k) => dirEntry(k + 1, s.name, 2, FREE, k + 2 <= order.length ? k + 2 : FREE, 2 + s.i * perStream, STREAM));
  for (let k = order.length + 1; k < 4; k++) {
    dir.writeUInt32LE(FREE, k * 128 + 68);
    dir.writeUInt32LE(FREE, k * 128 + 72);
    dir.writeUInt32LE(FREE, k * 128 + 76);
  }
  const bodies = streams.map((s) => {
    const b = Buffer.alloc(STREAM);
    s.head.copy(b);
    return b;
  });
  return Buffer.concat([header, fat, dir, ...bodies]);
}

/** A 1×1 PNG, made here so no binary is committed. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xff, 0xc0, 0x00]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function zipOf(files: Record<string, string | Buffer>, stored: string[] = []): Buffer {
  return rawZip(Object.entries(files).map(([name, content]) => entry(name, content, stored.includes(name) ? 0 : 8)));
}

// ───────────────────────────── the Excel-style package ─────────────────────────────

/**
 * The seed template plus a sheet of the officer's (台账) as Excel writes one: a chart and an image
 * in a drawing, a comment (with its VML shape), a conditional format, a data validation, a pivot
 * table with its cache, a formula `=评分表!F22` pointing at our score sheet, and a calcChain.
 */
export async function excelStylePackage(): Promise<Buffer> {
  return editTemplate((parts) => {
    const sheetXml = ledgerSheet(
      `<row r="7"><c r="A7" t="inlineStr"><is><t>自评总分</t></is></c><c r="B7"><f>评分表!F22</f><v>0</v></c></row>`,
    ).replace(
      '</sheetData>',
      '</sheetData><conditionalFormatting sqref="C2:C5"><cfRule type="cellIs" dxfId="0" priority="1" operator="greaterThan"><formula>40</formula></cfRule></conditionalFormatting>' +
        '<dataValidations count="1"><dataValidation type="decimal" operator="greaterThanOrEqual" allowBlank="1" showErrorMessage="1" sqref="C2:C5"><formula1>0</formula1></dataValidation></dataValidations>' +
        '<drawing r:id="rId1"/><legacyDrawing r:id="rId3"/>',
    );
    const part = addSheet(parts, '台账', sheetXml);
    const n = /sheet(\d+)\.xml$/.exec(part)?.[1];
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
    const rels = (...items: string[]) => Buffer.from(`${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${items.join('')}</Relationships>`, 'utf8');
    parts.set(`xl/worksheets/_rels/sheet${n}.xml.rels`, rels(rel('rId1', 'drawing', '../drawings/drawing1.xml'), rel('rId2', 'comments', '../comments1.xml'), rel('rId3', 'vmlDrawing', '../drawings/vmlDrawing1.vml'), rel('rId4', 'pivotTable', '../pivotTables/pivotTable1.xml')));
    const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
    const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
    const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
    const anchor = (from: number, body: string) =>
      `<xdr:twoCellAnchor><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from + 12}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>${body}<xdr:clientData/></xdr:twoCellAnchor>`;
    parts.set(
      'xl/drawings/drawing1.xml',
      Buffer.from(
        `${XML_HEAD}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">` +
          anchor(1, `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${REL_NS}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame>`) +
          anchor(14, `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="3" name="图片 2"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${REL_NS}" r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic>`) +
          '</xdr:wsDr>',
        'utf8',
      ),
    );
    parts.set('xl/drawings/_rels/drawing1.xml.rels', rels(rel('rId1', 'chart', '../charts/chart1.xml'), rel('rId2', 'image', '../media/image1.png')));
    parts.set(
      'xl/charts/chart1.xml',
      Buffer.from(
        `${XML_HEAD}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${REL_NS}"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>` +
          '<c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strRef><c:f>台账!$B$2:$B$5</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>台账!$C$2:$C$5</c:f></c:numRef></c:val></c:ser>' +
          '<c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
          '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>',
        'utf8',
      ),
    );
    parts.set('xl/media/image1.png', tinyPng());
    parts.set(
      'xl/comments1.xml',
      Buffer.from(`${XML_HEAD}<comments xmlns="${MAIN_NS}"><authors><author>经办人</author></authors><commentList><comment ref="C2" authorId="0"><text><t>已核对凭证</t></text></comment></commentList></comments>`, 'utf8'),
    );
    parts.set(
      'xl/drawings/vmlDrawing1.vml',
      Buffer.from(
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
          '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:Anchor>3, 15, 0, 2, 5, 15, 4, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>1</x:Row><x:Column>2</x:Column></x:ClientData></v:shape></xml>',
        'utf8',
      ),
    );
    parts.set(
      'xl/pivotCache/pivotCacheDefinition1.xml',
      Buffer.from(
        `${XML_HEAD}<pivotCacheDefinition xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" r:id="rId1" refreshOnLoad="1" recordCount="4"><cacheSource type="worksheet"><worksheetSource ref="A1:C5" sheet="台账"/></cacheSource>` +
          '<cacheFields count="3"><cacheField name="凭证号" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="1" maxValue="4"/></cacheField><cacheField name="摘要" numFmtId="0"><sharedItems/></cacheField><cacheField name="金额" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" minValue="25" maxValue="62.5"/></cacheField></cacheFields></pivotCacheDefinition>',
        'utf8',
      ),
    );
    parts.set('xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels', rels(rel('rId1', 'pivotCacheRecords', 'pivotCacheRecords1.xml')));
    parts.set(
      'xl/pivotCache/pivotCacheRecords1.xml',
      Buffer.from(`${XML_HEAD}<pivotCacheRecords xmlns="${MAIN_NS}" count="4"><r><n v="1"/><s v="办公用品1"/><n v="25"/></r><r><n v="2"/><s v="办公用品2"/><n v="37.5"/></r><r><n v="3"/><s v="办公用品3"/><n v="50"/></r><r><n v="4"/><s v="办公用品4"/><n v="62.5"/></r></pivotCacheRecords>`, 'utf8'),
    );
    parts.set(
      'xl/pivotTables/pivotTable1.xml',
      Buffer.from(
        `${XML_HEAD}<pivotTableDefinition xmlns="${MAIN_NS}" name="数据透视表1" cacheId="7" dataCaption="值" updatedVersion="6"><location ref="E20:F21" firstHeaderRow="1" firstDataRow="1" firstDataCol="0"/>` +
          '<pivotFields count="3"><pivotField showAll="0"/><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields><dataFields count="1"><dataField name="求和项:金额" fld="2" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>',
        'utf8',
      ),
    );
    parts.set('xl/pivotTables/_rels/pivotTable1.xml.rels', rels(rel('rId1', 'pivotCacheDefinition', '../pivotCache/pivotCacheDefinition1.xml')));
    parts.set('xl/calcChain.xml', Buffer.from(`${XML_HEAD}<calcChain xmlns="${MAIN_NS}"><c r="B7" i="3"/></calcChain>`, 'utf8'));
    edit(parts, 'xl/_rels/workbook.xml.rels', (x) =>
      x.replace('</Relationships>', rel('rIdPivotCache', 'pivotCacheDefinition', 'pivotCache/pivotCacheDefinition1.xml') + rel('rIdCalcChain', 'calcChain', 'calcChain.xml') + '</Relationships>'),
    );
    edit(parts, 'xl/workbook.xml', (x) => x.replace('</workbook>', '<pivotCaches><pivotCache cacheId="7" r:id="rIdPivotCache"/></pivotCaches></workbook>'));
    edit(parts, 'xl/workbook.xml', (x) => x.replace('<calcPr', '<calcPr calcId="191029"').replace(/(<\/definedNames>)(?!<calcPr)/, '$1<calcPr calcId="191029"/>'));
    const ct = 'application/vnd.openxmlformats-officedocument';
    edit(parts, '[Content_Types].xml', (x) =>
      x
        .replace('<Default Extension="xml"', '<Default Extension="png" ContentType="image/png"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml"')
        .replace(
          '</Types>',
          [
            ['xl/drawings/drawing1.xml', `${ct}.drawing+xml`],
            ['xl/charts/chart1.xml', `${ct}.drawingml.chart+xml`],
            ['xl/comments1.xml', `${ct}.spreadsheetml.comments+xml`],
            ['xl/pivotCache/pivotCacheDefinition1.xml', `${ct}.spreadsheetml.pivotCacheDefinition+xml`],
            ['xl/pivotCache/pivotCacheRecords1.xml', `${ct}.spreadsheetml.pivotCacheRecords+xml`],
            ['xl/pivotTables/pivotTable1.xml', `${ct}.spreadsheetml.pivotTable+xml`],
            ['xl/calcChain.xml', `${ct}.spreadsheetml.calcChain+xml`],
          ]
            .map(([p, t]) => `<Override PartName="/${p}" ContentType="${t}"/>`)
            .join('') + '</Types>',
        ),
    );
    // The conditional format's look lives in styles.xml (dxfs), the part our writer appends to.
    edit(parts, 'xl/styles.xml', (x) => x.replace('<dxfs count="0"/>', '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>'));
    parts.set('customXml/item1.xml', Buffer.from('<officer xmlns="urn:example:officer">本单位自定义数据</officer>', 'utf8'));
  });
}

/** The parts of excelStylePackage that are the officer's and must come through a copy untouched. */
export const OFFICER_PARTS = [
  'xl/worksheets/sheet3.xml',
  'xl/worksheets/_rels/sheet3.xml.rels',
  'xl/drawings/drawing1.xml',
  'xl/drawings/_rels/drawing1.xml.rels',
  'xl/charts/chart1.xml',
  'xl/media/image1.png',
  'xl/comments1.xml',
  'xl/drawings/vmlDrawing1.vml',
  'xl/pivotCache/pivotCacheDefinition1.xml',
  'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels',
  'xl/pivotCache/pivotCacheRecords1.xml',
  'xl/pivotTables/pivotTable1.xml',
  'xl/pivotTables/_rels/pivotTable1.xml.rels',
  'customXml/item1.xml',
];

// ───────────────────────────── the cases ─────────────────────────────

/** Rows of a ledger, generated a block at a time (never one big string). */
function* ledgerRows(first: number, count: number, block = 2000): Generator<string> {
  for (let start = first; start < first + count; start += block) {
    let s = '';
    for (let r = start; r < Math.min(start + block, first + count); r++) {
      s += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>凭证${r}</t></is></c><c r="B${r}"><v>${r % 97}.5</v></c><c r="C${r}" t="inlineStr"><is><t>差旅费报销</t></is></c><c r="D${r}"><v>${r}</v></c><c r="E${r}" t="inlineStr"><is><t>已入账</t></is></c></row>`;
    }
    yield s;
  }
}

/** The part's text with `pieces` inserted before (or just after) the first `marker`. */
function splice(xml: string, marker: string, pieces: Iterable<Piece>, after = false): Piece[] {
  const found = xml.indexOf(marker);
  if (found < 0) throw new Error(`corpus: ${marker} not found`);
  const i = after ? found + marker.length : found;
  return [xml.slice(0, i), ...pieces, xml.slice(i)];
}

export const ONE_MB = 1 << 20;

export interface Case {
  /** File name in the written corpus. */
  file: string;
  build: () => Promise<Buffer>;
}

/** Sizes: the tests use the small ones, `corpus.ts <dir>` the full ones. */
export interface Sizes {
  officerRows: number;
  ledgerRows: number;
  sharedStringsMb: number;
}
export const TEST_SIZES: Sizes = { officerRows: 100_000, ledgerRows: 100_000, sharedStringsMb: 50 };
export const FULL_SIZES: Sizes = { officerRows: 1_000_000, ledgerRows: 100_000, sharedStringsMb: 50 };

/** Size of the bombs: past the reader's 1.5 GB stream limit. */
export const BOMB_MB = 1600;

export function cases(sizes: Sizes = TEST_SIZES): Record<string, Case> {
  const c = (file: string, build: () => Promise<Buffer> | Buffer): Case => ({ file, build: async () => build() });
  const actual = inputRef('actual_project');
  return {
    baseline: c('基准-种子模板.xlsx', () => seedTemplate()),

    // ── far corners, big sheets ──
    'xfd-data': c('极角-基础数据表XFD1048576.xlsx', () =>
      editTemplate((p) => edit(p, DATA_PART, (x) => appendRow(x, 1048576, '<c r="XFD1048576" t="inlineStr"><is><t>角落</t></is></c>').replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))),
    ),
    'xfd-profile': c('极角-指标体系XFD1048576.xlsx', () =>
      editTemplate((p) => edit(p, PROFILE_PART, (x) => appendRow(x, 1048576, '<c r="XFD1048576"><v>1</v></c>').replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'))),
    ),
    'officer-rows': c(`大表-另一工作表${sizes.officerRows}行.xlsx`, () =>
      editTemplate((p) => {
        const xml = worksheet('', '');
        addSheet(p, '凭证台账', streamedEntry('', splice(xml, '</sheetData>', ledgerRows(1, sizes.officerRows))));
      }),
    ),
    'ledger-below': c(`大表-基础数据表下方粘贴${sizes.ledgerRows}行.xlsx`, () =>
      editTemplate((p) => {
        const xml = text(p, DATA_PART);
        p.set(DATA_PART, streamedEntry(DATA_PART, splice(xml, '</sheetData>', ledgerRows(DATA_ROWS.last + 2, sizes.ledgerRows))));
      }),
    ),

    // ── merged cells, hidden sheets ──
    'merged-b18-c18': c('合并-B18C18值在B18.xlsx', () =>
      editTemplate((p) =>
        edit(p, DATA_PART, (x) =>
          replaceCell(replaceCell(x, `B${DATA_ROWS.fields.actual_project}`, `<c r="B${DATA_ROWS.fields.actual_project}" s="${styleOf(x, actual)}"><v>26.48</v></c>`), actual, `<c r="${actual}" s="${styleOf(x, actual)}"/>`).replace(
            '</mergeCells>',
            `<mergeCell ref="B${DATA_ROWS.fields.actual_project}:${actual}"/></mergeCells>`,
          ),
        ),
      ),
    ),
    'merged-c18-d18': c('合并-C18D18.xlsx', () =>
      editTemplate((p) =>
        edit(p, DATA_PART, (x) => replaceCell(x, `D${DATA_ROWS.fields.actual_project}`, `<c r="D${DATA_ROWS.fields.actual_project}" s="${styleOf(x, actual)}"/>`).replace('</mergeCells>', `<mergeCell ref="${actual}:D${DATA_ROWS.fields.actual_project}"/></mergeCells>`)),
      ),
    ),
    hidden: c('隐藏-基础数据表hidden.xlsx', () => editTemplate((p) => edit(p, 'xl/workbook.xml', (x) => x.replace('<sheet name="基础数据表"', '<sheet name="基础数据表" state="hidden"')))),
    'very-hidden': c('隐藏-基础数据表veryHidden.xlsx', () => editTemplate((p) => edit(p, 'xl/workbook.xml', (x) => x.replace('<sheet name="基础数据表"', '<sheet name="基础数据表" state="veryHidden"')))),

    // ── defined names ──
    'name-other-sheet': c('名称-指向另一工作表.xlsx', () =>
      editTemplate((p) => {
        addSheet(p, '台账', ledgerSheet(`<row r="18"><c r="C18"><v>999</v></c></row>`));
        setWorkbookNames(p, (n) => removeName(n, 'actual_project') + nameEl('actual_project', "'台账'!$C$18"));
      }),
    ),
    'name-ref-error': c('名称-引用#REF!.xlsx', () => editTemplate((p) => setWorkbookNames(p, (n) => removeName(n, 'actual_project') + nameEl('actual_project', '#REF!')))),
    'name-sheet-ref-error': c('名称-引用基础数据表!#REF!.xlsx', () => editTemplate((p) => setWorkbookNames(p, (n) => removeName(n, 'actual_project') + nameEl('actual_project', "'基础数据表'!#REF!")))),
    'name-range': c('名称-引用区域.xlsx', () =>
      editTemplate((p) => setWorkbookNames(p, (n) => removeName(n, 'actual_project') + nameEl('actual_project', `'基础数据表'!$C$${DATA_ROWS.fields.actual_project}:$D$${DATA_ROWS.fields.actual_project + 1}`))),
    ),
    'name-local-duplicate': c('名称-同名局部名称在前.xlsx', () =>
      editTemplate((p) => setWorkbookNames(p, (n) => nameEl('actual_project', `'基础数据表'!$D$${DATA_ROWS.fields.actual_project}`, 0) + nameEl('actual_project', `'指标体系'!$A$1`, 1) + n)),
    ),
    'name-local-only': c('名称-只有局部名称.xlsx', () =>
      editTemplate((p) => setWorkbookNames(p, (n) => removeName(n, 'actual_project') + nameEl('actual_project', `'基础数据表'!$D$${DATA_ROWS.fields.actual_project}`, 0))),
    ),
    'names-missing': c('名称-全部缺失按标签读取.xlsx', () => editTemplate((p) => setWorkbookNames(p, (n) => FIELD_NAMES.reduce(removeName, n)))),
    'row-inserted': c('插入行-名称随之移动.xlsx', () => editTemplate((p) => insertRow(p, DATA_ROWS.fields.budget_initial_basic))),
    'row-inserted-names-missing': c('插入行-无名称按标签读取.xlsx', () =>
      editTemplate((p) => {
        setWorkbookNames(p, (n) => FIELD_NAMES.reduce(removeName, n));
        insertRow(p, DATA_ROWS.fields.budget_initial_basic);
      }),
    ),
    'their-name-like-ours': c('名称-本单位同名名称在另一工作表.xlsx', () =>
      editTemplate((p) => {
        addSheet(p, '台账', ledgerSheet(`<row r="9"><c r="B9" t="inlineStr"><is><t>别的单位</t></is></c></row>`));
        setWorkbookNames(p, (n) => removeName(n, 'dept_name') + nameEl('dept_name', "'台账'!$B$9"));
      }),
    ),

    // ── how cells are written ──
    'no-cell-r': c('单元格无r属性.xlsx', () =>
      editTemplate((p) =>
        edit(p, DATA_PART, (x) => {
          checkDense(x, 'cells');
          return x.replace(/<c r="[A-Z]+\d+"/g, '<c');
        }),
      ),
    ),
    'no-row-r': c('行无r属性.xlsx', () =>
      editTemplate((p) =>
        edit(p, DATA_PART, (x) => {
          checkDense(x, 'rows');
          return x.replace(/<row r="\d+"/g, '<row');
        }),
      ),
    ),
    'no-r-at-all': c('行和单元格都无r属性.xlsx', () =>
      editTemplate((p) =>
        edit(p, DATA_PART, (x) => {
          checkDense(x, 'rows');
          checkDense(x, 'cells');
          return x.replace(/<row r="\d+"/g, '<row').replace(/<c r="[A-Z]+\d+"/g, '<c');
        }),
      ),
    ),
    'inline-numbers': c('数字存为内联文本.xlsx', () =>
      editTemplate((p) => {
        for (const id of FIELD_NAMES) {
          const v = (seed as Record<string, PlanValue>)[id];
          if (typeof v === 'number') setInput(p, id, (ref, s) => `<c r="${ref}" s="${s}" t="inlineStr"><is><r><t>${v}</t></r></is></c>`);
        }
      }),
    ),
    'shared-strings': c('共享字符串.xlsx', () => editTemplate((p) => toSharedStrings(p))),
    'rich-phonetic': c('共享字符串-富文本与注音.xlsx', () =>
      editTemplate((p) =>
        toSharedStrings(p, {
          itemXml: (t) =>
            t === '南昌市总工会职工服务中心'
              ? '<si><r><rPr><b/><sz val="11"/><rFont val="宋体"/></rPr><t>南昌市</t></r><r><t>总工会</t></r><r><rPr><i/></rPr><t xml:space="preserve">职工服务中心</t></r><rPh sb="0" eb="3"><t>ナンショウシ</t></rPh><rPh sb="3" eb="6"><t>ソウコウカイ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>'
              : `<si><t xml:space="preserve">${t}</t><phoneticPr fontId="1" type="noConversion"/></si>`,
        }),
      ),
    ),
    'x000d-escapes': c('转义-_x000D_.xlsx', () =>
      editTemplate((p) => {
        setInput(p, 'dept_name', (ref, s) => inlineCell(ref, s, '南昌市总工会_x000D_\n职工服务中心'));
        setInput(p, 'actual_project', (ref, s) => inlineCell(ref, s, '26.48_x000D_'));
      }),
    ),
    'formula-no-value': c('公式-无缓存值.xlsx', () => editTemplate((p) => setInput(p, 'actual_project', (ref, s) => `<c r="${ref}" s="${s}"><f>SUM(B18:B18)</f></c>`))),
    'shared-formula-no-value': c('公式-共享公式无缓存值.xlsx', () => editTemplate((p) => setInput(p, 'actual_project', (ref, s) => `<c r="${ref}" s="${s}"><f t="shared" si="0"/></c>`))),
    'formula-cached': c('公式-有缓存值.xlsx', () => editTemplate((p) => setInput(p, 'actual_project', (ref, s) => `<c r="${ref}" s="${s}"><f>13.24*2</f><v>26.48</v></c>`))),
    'formula-cached-string': c('公式-文本结果.xlsx', () => editTemplate((p) => setInput(p, 'dept_name', (ref, s) => `<c r="${ref}" s="${s}" t="str"><f>"南昌市总工会"&amp;"职工服务中心"</f><v>南昌市总工会职工服务中心</v></c>`))),
    'error-value': c('错误值-DIV0.xlsx', () => editTemplate((p) => setInput(p, 'actual_project', (ref, s) => `<c r="${ref}" s="${s}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`))),
    booleans: c('逻辑值-是否项.xlsx', () =>
      editTemplate((p) => {
        for (const id of FIELD_NAMES) {
          const v = (seed as Record<string, PlanValue>)[id];
          if (v === '是' || v === '否') setInput(p, id, (ref, s) => `<c r="${ref}" s="${s}" t="b"><v>${v === '是' ? 1 : 0}</v></c>`);
        }
      }),
    ),
    'boolean-in-amount': c('逻辑值-金额项.xlsx', () => editTemplate((p) => setInput(p, 'actual_project', (ref, s) => `<c r="${ref}" s="${s}" t="b"><v>1</v></c>`))),
    'date-cell': c('日期-t=d.xlsx', () => editTemplate((p) => setInput(p, 'eval_year', (ref, s) => `<c r="${ref}" s="${s}" t="d"><v>2018-12-31T00:00:00Z</v></c>`))),
    'fullwidth-digits': c('全角数字文本.xlsx', () =>
      editTemplate((p) => {
        setInput(p, 'actual_project', (ref, s) => inlineCell(ref, s, '２６．４８'));
        setInput(p, 'satisfaction_pct', (ref, s) => inlineCell(ref, s, '９５％'));
        setInput(p, 'staff_authorized', (ref, s) => inlineCell(ref, s, '　２２　'));
      }),
    ),
    'prefixed-xml': c('命名空间前缀x.xlsx', () =>
      editTemplate((p) => {
        toSharedStrings(p);
        for (const part of ['xl/workbook.xml', DATA_PART, PROFILE_PART, 'xl/styles.xml', 'xl/sharedStrings.xml']) edit(p, part, prefixElements);
      }),
    ),
    'huge-shared-strings': c(`共享字符串-${sizes.sharedStringsMb}MB在前.xlsx`, () =>
      editTemplate((p) => {
        const item = (i: number) => `<si><t>台账摘要第${String(i).padStart(7, '0')}条：差旅费、办公费、印刷费</t></si>`;
        const perBlock = 10_000;
        const blockBytes = Buffer.byteLength(Array.from({ length: perBlock }, (_, i) => item(i)).join(''));
        const blocks = Math.ceil((sizes.sharedStringsMb * ONE_MB) / blockBytes);
        function* filler() {
          for (let b = 0; b < blocks; b++) yield Array.from({ length: perBlock }, (_, i) => item(b * perBlock + i)).join('');
        }
        toSharedStrings(p, { filler: filler(), fillerCount: blocks * perBlock });
      }),
    ),
    'char-refs': c('字符引用-工作表名与名称.xlsx', () =>
      editTemplate((p) => edit(p, 'xl/workbook.xml', (x) => x.replace(/[\u4e00-\u9fff]/g, (ch) => `&#${ch.codePointAt(0)};`))),
    ),
    'single-quotes': c('单引号属性.xlsx', () =>
      editTemplate((p) => {
        for (const part of ['xl/workbook.xml', DATA_PART, 'xl/_rels/workbook.xml.rels']) edit(p, part, (x) => x.replace(/(\s[\w:]+)="([^"']*)"/g, "$1='$2'"));
      }),
    ),
    'pretty-printed': c('缩进换行的XML.xlsx', () =>
      editTemplate((p) => {
        for (const part of ['xl/workbook.xml', DATA_PART, PROFILE_PART, 'xl/_rels/workbook.xml.rels']) {
          edit(p, part, (x) => x.replace(/></g, '>\r\n    <').replace(/<(c|row|sheet|definedName|Relationship) /g, '<$1\n      '));
        }
      }),
    ),
    'no-data-sheet': c('普通工作簿-无基础数据表.xlsx', () =>
      editTemplate((p) => {
        addSheet(p, 'Sheet1', ledgerSheet());
        edit(p, 'xl/workbook.xml', (x) => x.replace('name="基础数据表"', 'name="基础数据"'));
        setWorkbookNames(p, (n) => n.replace(/<definedName name="[a-z_]+">'基础数据表'[^<]*<\/definedName>/g, '').replace(/<definedName name="_jxpj_data">[^<]*<\/definedName>/, ''));
      }),
    ),
    'exceljs-written': c('exceljs写出.xlsx', () => exceljsTemplate()),

    // ── ZIP containers ──
    stored: c('ZIP-全部不压缩.xlsx', async () => pack(await unpack(seedTemplate()), { method: 0 })),
    descriptors: c('ZIP-数据描述符.xlsx', async () => pack(await unpack(seedTemplate()), { descriptors: true })),
    zip64: c('ZIP-ZIP64目录.xlsx', async () => pack(await unpack(seedTemplate()), { zip64: true })),
    'zip64-descriptors': c('ZIP-ZIP64与数据描述符.xlsx', async () => pack(await unpack(seedTemplate()), { zip64: true, descriptors: true })),
    'jszip-streamed': c('ZIP-jszip流式写出.xlsx', async () => (await JSZip.loadAsync(seedTemplate())).generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true })),
    'method-unsupported-sheet': c('ZIP-不支持的压缩方式-基础数据表.xlsx', async () => withMethod(await unpack(seedTemplate()), DATA_PART, 14)),
    'method-unsupported-theirs': c('ZIP-不支持的压缩方式-本单位附件.xlsx', async () => {
      const parts = await unpack(seedTemplate());
      parts.set('xl/media/附件.bin', Buffer.from('本单位的附件'));
      return withMethod(parts, 'xl/media/附件.bin', 14);
    }),
    'zip-encrypted-entry': c('ZIP-条目加密.xlsx', async () => {
      const parts = await unpack(seedTemplate());
      const e = entry(DATA_PART, parts.get(DATA_PART) as Buffer);
      parts.set(DATA_PART, { ...e, flags: 1 });
      return pack(parts);
    }),
    'bomb-below': c('炸弹-基础数据表下方1.6GB.xlsx', () =>
      editTemplate((p) => {
        const xml = text(p, DATA_PART);
        p.set(DATA_PART, streamedEntry(DATA_PART, splice(xml, '</sheetData>', [{ text: '<row><c><v>1</v></c></row>'.repeat(ONE_MB / 26), times: BOMB_MB }])));
      }),
    ),
    'bomb-wide-row': c('炸弹-模板区内无尽的一行.xlsx', () =>
      editTemplate((p) => {
        const xml = text(p, DATA_PART);
        const cell = `<c><v>${'1'.repeat(16_000)}</v></c>`;
        p.set(DATA_PART, streamedEntry(DATA_PART, splice(xml, '</sheetData>', [`<row r="${DATA_ROWS.last + 1}">`, { text: cell.repeat(Math.floor(ONE_MB / cell.length)), times: BOMB_MB }, '</row>'])));
      }),
    ),
    'bomb-in-cell': c('炸弹-单元格内1.6GB.xlsx', () =>
      editTemplate((p) => {
        const xml = text(p, DATA_PART);
        const at = `<c r="${actual}" s="${styleOf(xml, actual)}"><v>`;
        p.set(DATA_PART, streamedEntry(DATA_PART, splice(xml, at, [{ text: '9'.repeat(ONE_MB), times: BOMB_MB }], true)));
      }),
    ),
    'bomb-before-data': c('炸弹-sheetData前1.6GB空白.xlsx', () =>
      editTemplate((p) => {
        const xml = text(p, DATA_PART);
        p.set(DATA_PART, streamedEntry(DATA_PART, splice(xml, '<sheetData>', [{ text: ' '.repeat(ONE_MB), times: BOMB_MB }])));
      }),
    ),
    'bomb-workbook-part': c('炸弹-workbook.xml超过64MB.xlsx', () =>
      editTemplate((p) => {
        const xml = text(p, 'xl/workbook.xml');
        p.set('xl/workbook.xml', streamedEntry('xl/workbook.xml', splice(xml, '</workbook>', [{ text: ' '.repeat(ONE_MB), times: 80 }])));
      }),
    ),
    'bomb-shared-strings': c('炸弹-共享字符串1.6GB在前.xlsx', () =>
      editTemplate((p) => {
        const item = `<si><t>${'x'.repeat(60_000)}</t></si>`;
        const perPiece = Math.floor(ONE_MB / Buffer.byteLength(item));
        toSharedStrings(p, { filler: [{ text: item.repeat(perPiece), times: BOMB_MB }], fillerCount: perPiece * BOMB_MB });
      }),
    ),

    // ── not a workbook at all ──
    empty: c('空文件.xlsx', () => Buffer.alloc(0)),
    truncated: c('截断.xlsx', () => {
      const b = seedTemplate();
      return b.subarray(0, Math.floor(b.length / 2));
    }),
    'truncated-tail': c('截断-缺最后1字节.xlsx', () => {
      const b = seedTemplate();
      return b.subarray(0, b.length - 1);
    }),
    xls: c('旧版xls改名.xlsx', () => ole2([{ name: 'Workbook', head: Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00]) }])),
    'encrypted-ole': c('设置了打开密码.xlsx', () =>
      ole2([
        { name: 'EncryptionInfo', head: Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]) },
        { name: 'EncryptedPackage', head: Buffer.alloc(8, 0x11) },
      ]),
    ),
    ods: c('OpenDocument改名.xlsx', () =>
      rawZip([
        entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', 0),
        entry('content.xml', `${XML_HEAD}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="基础数据表"/></office:spreadsheet></office:body></office:document-content>`),
        entry('META-INF/manifest.xml', `${XML_HEAD}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`),
      ]),
    ),
    docx: c('Word文档改名.xlsx', () =>
      zipOf({
        '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
        '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
        'word/document.xml': `${XML_HEAD}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>部门整体支出绩效自评报告</w:t></w:r></w:p></w:body></w:document>`,
      }),
    ),
    pptx: c('PowerPoint演示文稿改名.xlsx', () =>
      zipOf({
        '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>`,
        '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="ppt/presentation.xml"/></Relationships>`,
        'ppt/presentation.xml': `${XML_HEAD}<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`,
      }),
    ),
    'zip-random': c('随便的压缩包.xlsx', () => zipOf({ '说明.txt': '这是一些随便的文件', 'data/1.bin': Buffer.from([1, 2, 3, 4, 5]), '照片.png': tinyPng() })),
    pdf: c('PDF改名.xlsx', () => Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n', 'latin1')),
    csv: c('CSV改名.xlsx', () => Buffer.from('\ufeff项目,填报值\n单位名称,南昌市总工会职工服务中心\n评价年度,2018\n', 'utf8')),
    json: c('JSON改名.xlsx', () => Buffer.from(JSON.stringify(seed), 'utf8')),
    'xml-spreadsheet-2003': c('XML电子表格2003改名.xlsx', () =>
      Buffer.from(`<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="基础数据表" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"/></Workbook>`, 'utf8'),
    ),

    // ── the officer's workbook around ours ──
    xlsm: c('带宏.xlsm', () =>
      editTemplate((p) => {
        p.set('xl/vbaProject.bin', ole2([{ name: 'dir', head: Buffer.from('Attribute VB_Name = "模块1"', 'utf8') }]));
        edit(p, 'xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`));
        edit(p, '[Content_Types].xml', (x) =>
          x
            .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
            .replace('<Default Extension="xml"', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="xml"'),
        );
      }),
    ),
    'their-score-sheet': c('已有本单位的评分表.xlsx', () => editTemplate((p) => void addSheet(p, '评分表', ledgerSheet()))),
    'excel-style': c('Excel风格-图表透视表批注.xlsx', () => excelStylePackage()),
  };
}

function withMethod(parts: Parts, name: string, method: number): Buffer {
  const e = entry(name, parts.get(name) as Buffer);
  parts.set(name, { ...e, method });
  return pack(parts);
}

/** The seed template as exceljs writes a workbook (shared strings, its own styles and names). */
export async function exceljsTemplate(): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  for (const plan of [dataSheetPlan(seed as Record<string, PlanValue>), profileSheetPlan(DEFAULT_PROFILE)]) {
    const ws = wb.addWorksheet(plan.name);
    for (const cell of plan.cells) if (cell.value !== null) ws.getCell(cell.row, cell.col).value = cell.value;
    for (const m of plan.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    for (const n of plan.names) wb.definedNames.add(absoluteRef(plan.name, n.row, n.col), n.name);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes the corpus at full size into `dir` (for the bench and for opening files by hand). */
async function writeCorpus(dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const [id, c] of Object.entries(cases(FULL_SIZES))) {
    const t = Date.now();
    const bytes = await c.build();
    fs.writeFileSync(path.join(dir, c.file), bytes);
    process.stdout.write(`${id}\t${c.file}\t${(bytes.length / 1024).toFixed(0)} KiB\t${Date.now() - t} ms\n`);
  }
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('用法：npx tsx tests/hostile/corpus.ts <输出文件夹>\n');
    process.exit(2);
  }
  writeCorpus(dir).catch((e) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  });
}
