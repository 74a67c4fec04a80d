/**
 * Reading a `.json` input file: bytes → a JSON object (field id → value), or one Chinese message
 * that says what is wrong and where. A file saved in the wrong encoding never becomes a garbled
 * department name, and a typo never surfaces as JavaScript's English error text.
 *
 * Encodings: UTF-8 with or without a BOM (Notepad writes one); UTF-16 LE/BE with a BOM (Notepad's
 * “Unicode”) is decoded too. Anything else (GBK/ANSI, UTF-16 without a BOM, UTF-32) is refused with
 * how to save the file as UTF-8.
 */
import { quoteInput } from '../engine/parse';

/** The engine's boundary for JSON values (objects and arrays become invalid values), for the CLI. */
export { rawInputsFromJson } from '../engine/parse';

export type JsonObject = Record<string, unknown>;

export type DecodedJson = { ok: true; value: JsonObject } | { ok: false; message: string };

type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

const SAVE_AS_UTF8 = '请用记事本打开此文件，点“文件”→“另存为”，在“编码”中选 UTF-8，保存后再重新评分。';

/** Decodes and parses a JSON input file; the top level must be an object. */
export function decodeJsonFile(bytes: Buffer): DecodedJson {
  const text = decodeText(bytes);
  if (!text.ok) return text;
  if (text.value.trim() === '') return fail('JSON 文件是空的');
  const parsed = parseJsonText(text.value);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    return fail(`JSON 文件的最外层应为花括号 {…} 括起的对象（"字段代码": 值），实为${jsonKind(v)}`);
  }
  return { ok: true, value: v as JsonObject };
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return '数组 […]';
  if (v === null) return ' null';
  if (typeof v === 'string') return '文字';
  if (typeof v === 'number') return '数值';
  return '逻辑值';
}

// ── Encoding ────────────────────────────────────────────────────────────────────────────────────

const startsWith = (b: Buffer, ...prefix: number[]) => prefix.every((x, i) => b[i] === x);

function lineAt(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
}

function decodeText(bytes: Buffer): Decoded<string> {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return decodeUtf8(bytes.subarray(3));
  if (startsWith(bytes, 0xff, 0xfe, 0x00, 0x00)) return fail(`文件是 UTF-32 编码，无法读取。${SAVE_AS_UTF8}`);
  if (startsWith(bytes, 0xff, 0xfe)) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, 0xfe, 0xff)) return decodeUtf16(bytes.subarray(2), 'utf-16be');
  return decodeUtf8(bytes);
}

function decodeUtf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be'): Decoded<string> {
  try {
    return { ok: true, value: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    return fail(`文件标明是 UTF-16 编码，但内容不完整或有误，无法读取。${SAVE_AS_UTF8}`);
  }
}

function decodeUtf8(body: Buffer): Decoded<string> {
  const nul = body.indexOf(0);
  if (nul >= 0) {
    return fail(
      `文件第${lineAt(body, nul)}行有空字节，不是 UTF-8 编码的文本（可能是没有 BOM 标记的 UTF-16 文件，或根本不是 JSON 文件）。${SAVE_AS_UTF8}`,
    );
  }
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    return fail(
      `文件不是 UTF-8 编码（第${lineAt(body, bad)}行有无法按 UTF-8 读取的字节，可能是以 ANSI/GBK 编码保存的），中文会读成乱码，因此未读取。${SAVE_AS_UTF8}`,
    );
  }
  return { ok: true, value: body.toString('utf8') };
}

/** Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const tail = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (tail === 0) return i;
    // The second byte's range narrows after E0, ED, F0 and F4 (the table in RFC 3629 §4).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= tail; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += tail + 1;
  }
  return -1;
}

// ── Syntax ──────────────────────────────────────────────────────────────────────────────────────

/** Nesting deeper than this is refused (inputs are flat; this only keeps the parser's stack short). */
const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

/** What an officer most often types by mistake in a JSON file, and how to put it right. */
function hintFor(ch: string): string | null {
  switch (ch) {
    case '“':
    case '”':
    case '‘':
    case '’':
      return '用了中文引号（“ ” ‘ ’），JSON 须用英文双引号 "';
    case "'":
      return '用了单引号，字段代码和文字须用英文双引号 " 括起';
    case '：':
      return '用了中文冒号“：”，应为英文冒号 :';
    case '，':
      return '用了中文逗号“，”，应为英文逗号 ,';
    case '｛':
    case '｝':
      return `用了全角括号“${ch}”，应为英文花括号 { }`;
    case '\u3000':
      return '有全角空格，请删除或改为半角空格';
    case '/':
      return 'JSON 不支持注释（// 或 /* */），请删除注释';
    default:
      return null;
  }
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const NUMBER_LIKE = /[-+0-9.eE]+/y;
const WORD = /[^\s,:{}[\]"]+/y;

class JsonParser {
  pos = 0;
  /** Where the last `,` between items was, for “one comma too many” before a closing bracket. */
  private lastComma = 0;

  constructor(private readonly text: string) {}

  private problem(message: string, pos = this.pos): JsonSyntaxError {
    return new JsonSyntaxError(pos, message);
  }

  /**
   * The character here did not fit: a hint for a known slip, else what was expected (`expected` is
   * a noun: “英文冒号 :”) and what was found, quoted.
   */
  private unexpected(expected: string): JsonSyntaxError {
    if (this.pos >= this.text.length) return this.problem(`文件在此处意外结束，缺少${expected}`);
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos) as number);
    const hint = hintFor(ch);
    if (hint) return this.problem(hint);
    if (/[A-Za-z_\u4e00-\u9fff]/.test(ch)) {
      const word = this.match(WORD) ?? ch;
      return this.problem(`此处应为${expected}，实为无法识别的${quoteInput(word)}；字段代码和文字须用英文双引号括起`);
    }
    return this.problem(`此处应为${expected}，实为${quoteInput(ch)}`);
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    return m ? m[0] : null;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Something after the complete top-level value. */
  trailing(): JsonSyntaxError {
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos) as number);
    return this.problem(hintFor(ch) ?? `JSON 内容已在前面结束，其后不应再有${quoteInput(ch)}`);
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw this.problem(`嵌套超过${MAX_DEPTH}层`);
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth + 1);
    if (ch === '[') return this.array(depth + 1);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    throw this.unexpected('一个值（数值、"文字"、true、false 或 null）');
  }

  private object(depth: number): JsonObject {
    const obj: JsonObject = {};
    this.items('}', () => {
      if (this.text[this.pos] !== '"') throw this.unexpected('用英文双引号括起的字段代码');
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        throw this.problem(`字段${quoteInput(key)}重复出现，请只保留一个`, keyAt);
      }
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw this.unexpected(`字段代码${quoteInput(key)}后的英文冒号 :`);
      this.pos++;
      this.skipSpace();
      const v = this.value(depth);
      // defineProperty, as JSON.parse does, so that a "__proto__" key is an ordinary key.
      Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
    });
    return obj;
  }

  private array(depth: number): unknown[] {
    const list: unknown[] = [];
    this.items(']', () => list.push(this.value(depth)));
    return list;
  }

  /** The items of `{…}` or `[…]`, from its opening bracket to its closing one, each read by `item`. */
  private items(close: '}' | ']', item: () => void): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.text[this.pos] === close) throw this.problem('最后一项后面多了逗号，请删除这个逗号', this.lastComma);
      item();
      if (this.endOfItem(close)) return;
    }
  }

  /** After an item: `,` (another follows) → false, the closing bracket → true, else an error. */
  private endOfItem(close: '}' | ']'): boolean {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === close) {
      this.pos++;
      return true;
    }
    if (ch === ',') {
      this.lastComma = this.pos;
      this.pos++;
      this.skipSpace();
      return false;
    }
    if (ch === '"') throw this.problem('上一项后面缺少英文逗号 ,');
    throw this.unexpected(`英文逗号 , 或 ${close}`);
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) throw this.problem('从这里开始的文字缺少结尾的英文双引号 "', start);
      const ch = this.text[this.pos];
      if (ch === '"') {
        out += this.text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (ch < ' ') {
        throw this.problem(
          ch === '\n' || ch === '\r'
            ? '文字中间不能直接换行：是否漏了结尾的英文双引号 "，或用了中文引号？（确需换行请写成 \\n）'
            : `文字中有控制字符${quoteInput(ch)}，须写成转义形式（如 \\t）`,
        );
      }
      if (ch === '\\') {
        out += this.text.slice(chunk, this.pos);
        out += this.escape();
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private escape(): string {
    const at = this.pos;
    const ch = this.text[this.pos + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (ch !== undefined && ch in simple) {
      this.pos += 2;
      return simple[ch];
    }
    if (ch === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.pos += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    throw this.problem(`无效的转义${quoteInput(this.text.slice(at, at + 2))}；反斜杠 \\ 本身须写成 \\\\`, at);
  }

  private number(): number {
    const start = this.pos;
    const literal = this.match(NUMBER);
    const loose = this.match(NUMBER_LIKE) ?? '';
    if (literal === null || literal.length < loose.length) {
      throw this.problem(`数值格式不对：${quoteInput(loose || this.text[start])}（应如 12、0.95、-3.5，不能以0开头或以小数点结尾）`, start);
    }
    this.pos += literal.length;
    // 1e400 becomes Infinity here, as in JSON.parse; validation names its field.
    return Number(literal);
  }
}

function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}

/** Strict JSON (RFC 8259) with messages in Chinese that name the line and column. */
function parseJsonText(text: string): Decoded<unknown> {
  const parser = new JsonParser(text);
  try {
    parser.skipSpace();
    const value = parser.value(0);
    parser.skipSpace();
    if (!parser.atEnd()) throw parser.trailing();
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineAndColumn(text, e.pos);
    return fail(`JSON 格式有误（第${line}行第${column}列）：${e.message}`);
  }
}
