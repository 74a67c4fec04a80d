/**
 * Workbooks for the bench, built once and cached in the system temp folder (keyed by the template's
 * own bytes, so a changed template builds them afresh):
 *
 * - a thousand filled templates of random valid departments (tests/support/arbitraries.ts), for `batch`;
 * - three hostile ones of about 20 MB, each the filled template plus one thing an officer might do:
 *   1. an officer's own sheet of a million rows beside it;
 *   2. a 100,000-row ledger pasted under the template in 基础数据表 itself;
 *   3. every text of the workbook in a shared-strings part of tens of megabytes, the template's own
 *      strings last (so a reader must go through all of it to find them).
 *
 * Big parts are streamed: XML is generated in chunks straight into a deflate stream, so the
 * hundreds of megabytes of XML never exist at once; only the compressed part is held.
 */
import { createHash } from 'crypto';
import { once } from 'events';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import type { PlanValue } from '../../src/layout/plan';
import { profileSheetPlan } from '../../src/layout/profileSheet';
import { DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import { newWorkbookBytes } from '../../src/xlsx';
import { inflateEntry, readZip, writeZip, type ZipEntry } from '../../src/xlsx/zip';
import { department } from '../support/arbitraries';
import { SEED as NANCHANG } from '../support/seed';

/** Bump when a builder changes, so cached files are rebuilt. */
const BUILDERS_VERSION = 1;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The filled template (the Nanchang sample) as a package. */
export function sampleWorkbookBytes(): Buffer {
  return newWorkbookBytes([dataSheetPlan(NANCHANG as Record<string, PlanValue>), profileSheetPlan(DEFAULT_PROFILE)]);
}

/** The cache folder for workbooks made from this template. */
export function cacheDir(): string {
  const key = createHash('sha1').update(sampleWorkbookBytes()).update(String(BUILDERS_VERSION)).digest('hex').slice(0, 10);
  const dir = path.join(os.tmpdir(), `jxpj-bench-${key}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** `count` filled templates of random valid departments in `dir`/batch-<count>/ (made once). */
export function batchFolder(count: number): { dir: string; built: boolean; bytes: number } {
  const dir = path.join(cacheDir(), `batch-${count}`);
  const done = path.join(dir, '.complete');
  let built = false;
  if (!fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const departments = fc.sample(department(), { seed: 20_180_000, numRuns: count });
    departments.forEach((values, i) => {
      const bytes = newWorkbookBytes([dataSheetPlan(values), profileSheetPlan(DEFAULT_PROFILE)]);
      fs.writeFileSync(path.join(dir, `部门-${String(i + 1).padStart(4, '0')}.xlsx`), bytes);
    });
    fs.writeFileSync(done, new Date().toISOString());
    built = true;
  }
  const bytes = fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0);
  return { dir, built, bytes };
}

// ───────────────────────────── streaming parts ─────────────────────────────

/** A deterministic pseudo-random source (mulberry32), so cached and fresh files are alike. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Common CJK characters (U+4E00…), for text that compresses like real text rather than like zeros. */
const HANZI = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7) % 20_000)));
const text = (rnd: () => number, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += HANZI[Math.floor(rnd() * HANZI.length)];
  return s;
};

/** A zip entry deflated from `chunks` as they come (each chunk a string of XML). */
async function streamedEntry(name: string, chunks: Iterable<string>): Promise<ZipEntry> {
  const deflate = zlib.createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    const b = Buffer.from(chunk, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  const data = Buffer.concat(out);
  return { name, method: 8, flags: 0x0800, crc, compressedSize: data.length, size, time: 0, date: 0x21, externalAttrs: 0, data };
}

/** Rows of XML in chunks of about a megabyte. */
function* inChunks(rows: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const r of rows) {
    parts.push(r);
    length += r.length;
    if (length > 1 << 20) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (parts.length) yield parts.join('');
}

/** The package of the filled template, its parts by name, with helpers to edit the XML ones. */
class Template {
  readonly entries: Map<string, ZipEntry>;
  constructor() {
    this.entries = readZip(sampleWorkbookBytes());
  }
  xml(part: string): string {
    return inflateEntry(this.entries.get(part) as ZipEntry, 1 << 30).toString('utf8');
  }
  setXml(part: string, xml: string): void {
    const raw = Buffer.from(xml, 'utf8');
    const data = zlib.deflateRawSync(raw);
    this.entries.set(part, { name: part, method: 8, flags: 0x0800, crc: zlib.crc32(raw), compressedSize: data.length, size: raw.length, time: 0, date: 0x21, externalAttrs: 0, data });
  }
  edit(part: string, f: (xml: string) => string): void {
    this.setXml(part, f(this.xml(part)));
  }
  /** Adds a part with its relationship from the workbook and its content type. */
  addPart(entry: ZipEntry, relType: string, contentType: string, rid: string): void {
    this.entries.set(entry.name, entry);
    const target = entry.name.replace(/^xl\//, '');
    this.edit('xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', `<Relationship Id="${rid}" Type="${REL}/${relType}" Target="${target}"/></Relationships>`));
    this.edit('[Content_Types].xml', (x) => x.replace('</Types>', `<Override PartName="/${entry.name}" ContentType="${contentType}"/></Types>`));
  }
  bytes(): Buffer {
    return writeZip([...this.entries.values()]);
  }
}

const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_SST = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const DATA_PART = 'xl/worksheets/sheet1.xml';
const PROFILE_PART = 'xl/worksheets/sheet2.xml';

/** 1. The template beside an officer's sheet “台账” of `rows` rows (number, date, amount). */
async function officerSheet(rows: number): Promise<Buffer> {
  const t = new Template();
  const rnd = random(1);
  function* xml(): Generator<string> {
    yield `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><dimension ref="A1:C${rows}"/><sheetData>`;
    for (let r = 1; r <= rows; r++) {
      const amount = (Math.floor(rnd() * 1_000_000) / 100).toFixed(2);
      const date = 43_101 + Math.floor(rnd() * 365);
      yield `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>${date}</v></c><c r="C${r}"><v>${amount}</v></c></row>`;
    }
    yield '</sheetData></worksheet>';
  }
  t.addPart(await streamedEntry('xl/worksheets/sheet3.xml', inChunks(xml())), 'worksheet', CT_WORKSHEET, 'rId90');
  t.edit('xl/workbook.xml', (x) => x.replace('</sheets>', '<sheet name="台账" sheetId="90" r:id="rId90"/></sheets>'));
  return t.bytes();
}

/** 2. The template with a `rows`-row ledger pasted under it in 基础数据表 (two rows below its last row). */
async function ledgerUnderTemplate(rows: number): Promise<Buffer> {
  const t = new Template();
  const sheet = t.xml(DATA_PART);
  const close = sheet.indexOf('</sheetData>');
  const first = DATA_ROWS.last + 3;
  const rnd = random(2);
  function* xml(): Generator<string> {
    yield sheet.slice(0, close).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:L${first + rows - 1}"/>`);
    for (let r = first; r < first + rows; r++) {
      const cells = [
        `<c r="A${r}" t="inlineStr"><is><t>${text(rnd, 12)}</t></is></c>`,
        `<c r="B${r}"><v>${43_101 + Math.floor(rnd() * 365)}</v></c>`,
        `<c r="C${r}"><v>${(Math.floor(rnd() * 10_000_000) / 100).toFixed(2)}</v></c>`,
        `<c r="D${r}" t="inlineStr"><is><t>${text(rnd, 24)}</t></is></c>`,
        ...['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'].map((col) => `<c r="${col}${r}"><v>${Math.floor(rnd() * 1e9)}</v></c>`),
      ];
      yield `<row r="${r}">${cells.join('')}</row>`;
    }
    yield sheet.slice(close);
  }
  const entry = await streamedEntry(DATA_PART, inChunks(xml()));
  t.entries.set(DATA_PART, entry);
  return t.bytes();
}

/** 3. Every text of the workbook in a shared-strings part: `filler` strings of the officer's first, the template's last. */
async function hugeSharedStrings(filler: number): Promise<Buffer> {
  const t = new Template();
  const ours: string[] = [];
  const inline = /<c r="([A-Z]+\d+)"( s="\d+")? t="inlineStr"><is><t xml:space="preserve">([^<]*)<\/t><\/is><\/c>/g;
  for (const part of [DATA_PART, PROFILE_PART]) {
    t.edit(part, (x) =>
      x.replace(inline, (_m, ref: string, s: string | undefined, escaped: string) => {
        ours.push(escaped);
        return `<c r="${ref}"${s ?? ''} t="s"><v>${filler + ours.length - 1}</v></c>`;
      }),
    );
  }
  const rnd = random(3);
  function* xml(): Generator<string> {
    const count = filler + ours.length;
    yield `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${count}" uniqueCount="${count}">`;
    for (let i = 0; i < filler; i++) yield `<si><t>${text(rnd, 8 + Math.floor(rnd() * 24))}</t></si>`;
    for (const s of ours) yield `<si><t xml:space="preserve">${s}</t></si>`;
    yield '</sst>';
  }
  t.addPart(await streamedEntry('xl/sharedStrings.xml', inChunks(xml())), 'sharedStrings', CT_SST, 'rId91');
  return t.bytes();
}

export interface HostileWorkbook {
  id: string;
  title: string;
  file: string;
  bytes: number;
  /** The largest part, inflated. */
  inflated: number;
  built: boolean;
}

const HOSTILE: { id: string; title: string; build: () => Promise<Buffer> }[] = [
  { id: 'officer-sheet-1m-rows', title: '模板＋一张 1,000,000 行的自建工作表（台账）', build: () => officerSheet(1_000_000) },
  { id: 'ledger-100k-rows-in-data-sheet', title: '基础数据表模板下方粘贴 100,000 行台账', build: () => ledgerUnderTemplate(100_000) },
  { id: 'huge-shared-strings', title: '超大共享字符串表（模板自身的字符串排在最后）', build: () => hugeSharedStrings(500_000) },
];

/** The three hostile workbooks, built into the cache on first use. */
export async function hostileWorkbooks(log: (line: string) => void): Promise<HostileWorkbook[]> {
  const out: HostileWorkbook[] = [];
  for (const h of HOSTILE) {
    const file = path.join(cacheDir(), `${h.id}.xlsx`);
    let built = false;
    if (!fs.existsSync(file)) {
      log(`  building ${h.id}…`);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, await h.build());
      fs.renameSync(tmp, file);
      built = true;
    }
    const entries = readZip(fs.readFileSync(file));
    const inflated = Math.max(...[...entries.values()].map((e) => e.size));
    out.push({ id: h.id, title: h.title, file, bytes: fs.statSync(file).size, inflated, built });
  }
  return out;
}
