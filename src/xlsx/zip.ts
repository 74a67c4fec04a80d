/**
 * Just enough ZIP for an OOXML package: list the entries, inflate the few we read (whole or as a
 * stream we may stop early), and write a new archive in which every entry we did not change is
 * its original compressed bytes, copied as they were. No entry is ever inflated without a limit.
 */
import * as zlib from 'zlib';
import { StringDecoder } from 'string_decoder';
import { WorkbookFileError } from './errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** DOS time and date, kept as they were. */
  time: number;
  date: number;
  externalAttrs: number;
  /** The compressed bytes (a view into the archive, not a copy). */
  data: Buffer;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const damaged = (detail: string) =>
  new WorkbookFileError(`文件已损坏或不完整（${detail}），无法作为 Excel 工作簿读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。`, 'damaged');

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

/** True when the bytes start like a ZIP archive. */
export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === SIG_LOCAL;
}

/** Reads the central directory. Throws WorkbookFileError for an archive that is cut short or malformed. */
export function readZip(buf: Buffer): Map<string, ZipEntry> {
  const eocd = findEocd(buf);
  if (eocd < 0) throw damaged('找不到压缩包目录，文件可能被截断');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_EOCD64_LOCATOR) throw damaged('ZIP64 目录缺失');
    const at = Number(buf.readBigUInt64LE(loc + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_EOCD64) throw damaged('ZIP64 目录缺失');
    count = Number(buf.readBigUInt64LE(at + 32));
    cdSize = Number(buf.readBigUInt64LE(at + 40));
    cdOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  if (cdOffset + cdSize > buf.length) throw damaged('压缩包目录超出文件末尾，文件可能被截断');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw damaged('压缩包目录项无效');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const time = buf.readUInt16LE(p + 12);
    const date = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const externalAttrs = buf.readUInt32LE(p + 38);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extra field: the 64-bit values present are those whose 32-bit field is 0xFFFFFFFF.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (size === 0xffffffff) {
          size = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = Number(buf.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    p = xEnd + commentLen;
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw damaged(`“${name}”的数据位置无效`);
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (start + compressedSize > buf.length) throw damaged(`“${name}”的数据超出文件末尾，文件可能被截断`);
    if (flags & 1) {
      throw new WorkbookFileError('文件已加密（设置了打开密码），无法读取。请在 Excel 中打开，“文件→信息→保护工作簿→用密码进行加密”中删除密码并保存后重试。', 'encrypted');
    }
    entries.set(name, { name, method, flags, crc, compressedSize, size, time, date, externalAttrs, data: buf.subarray(start, start + compressedSize) });
  }
  return entries;
}

function checkMethod(e: ZipEntry): void {
  if (e.method !== 0 && e.method !== 8) throw damaged(`“${e.name}”使用了不支持的压缩方式 ${e.method}`);
}

/** The whole entry, inflated, refusing more than `limit` bytes. */
export function inflateEntry(e: ZipEntry, limit: number): Buffer {
  checkMethod(e);
  if (e.method === 0) {
    if (e.data.length > limit) throw tooLarge(e.name);
    return e.data;
  }
  try {
    return zlib.inflateRawSync(e.data, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(e.name);
    throw damaged(`“${e.name}”无法解压`);
  }
}

export function tooLarge(part: string): WorkbookFileError {
  return new WorkbookFileError(`文件中的“${part}”解压后过大，超出本工具能安全读取的范围。请删除与评价无关的大量数据（或另存一份只含“基础数据表”“指标体系”的工作簿）后重试。`, 'too-large');
}

/**
 * The entry's text in chunks, inflated as a stream; `onText` returns false to stop early (the rest
 * is never inflated). Refuses more than `limit` inflated bytes.
 */
export async function streamEntryText(e: ZipEntry, limit: number, onText: (chunk: string) => boolean): Promise<void> {
  checkMethod(e);
  const decoder = new StringDecoder('utf8');
  if (e.method === 0) {
    const step = 1 << 20;
    for (let i = 0; i < e.data.length; i += step) {
      if (i > limit) throw tooLarge(e.name);
      if (!onText(decoder.write(e.data.subarray(i, i + step)))) return;
    }
    onText(decoder.end());
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 1 << 18 });
  let total = 0;
  let stopped = false;
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      if (stopped) return;
      total += chunk.length;
      if (total > limit) {
        stopped = true;
        inflate.destroy();
        reject(tooLarge(e.name));
        return;
      }
      if (!onText(decoder.write(chunk))) {
        stopped = true;
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('end', () => {
      if (!stopped) onText(decoder.end());
      resolve();
    });
    inflate.on('error', () => (stopped ? resolve() : reject(damaged(`“${e.name}”无法解压`))));
  });
  inflate.end(e.data);
  await done;
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(buf: Buffer): number {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A new entry from its uncompressed content. */
export function newEntry(name: string, content: Buffer | string, like?: ZipEntry): ZipEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    name,
    method: 8,
    flags: 0x0800,
    crc: crc32(raw),
    compressedSize: 0,
    size: raw.length,
    time: like?.time ?? 0,
    date: like?.date ?? 0x21, // 1980-01-01
    externalAttrs: like?.externalAttrs ?? 0,
    data: zlib.deflateRawSync(raw),
  };
}

/** Writes an archive of these entries in order; data of unchanged entries is copied as it was. */
export function writeZip(entries: ZipEntry[]): Buffer {
  if (entries.length > 0xfffe) throw damaged('压缩包内文件过多');
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.data.length;
    if (size > 0xfffffffe || e.size > 0xfffffffe || offset > 0xfffffffe) throw damaged('文件超过 4 GB');
    // Local headers are written fresh (no data descriptor): the sizes and CRC are known.
    const flags = (e.flags & ~0x0008) | 0x0800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, e.data);

    const c = Buffer.alloc(46);
    c.writeUInt32LE(SIG_CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(e.time, 12);
    c.writeUInt16LE(e.date, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(size, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(e.externalAttrs, 38);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + size;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}
