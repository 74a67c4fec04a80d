/**
 * A ZIP writer for the hostile corpus that can write what well-behaved writers never do: stored
 * entries, data descriptors (flag bit 3), any method number or flag, and parts deflated chunk by
 * chunk from a generator (a million rows, a part that inflates past 1.5 GB) without ever holding
 * the inflated text. Kept apart from src/xlsx/zip.ts on purpose: the corpus must not be made by
 * the code it tests.
 */
import * as zlib from 'zlib';

export interface RawEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is written as given (the data is then opaque). */
  method: number;
  /** The bytes as stored in the archive (compressed for method 8). */
  data: Buffer;
  crc: number;
  /** Inflated size. */
  size: number;
  /** General-purpose flags to add (bit 0 encrypted, bit 3 data descriptor); UTF-8 (bit 11) is always set. */
  flags?: number;
}

/** Deflated with a full flush and no final block: pieces made this way concatenate into one stream. */
function deflatePiece(chunk: Buffer): Buffer {
  return zlib.deflateRawSync(chunk, { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 6 });
}

/** The empty final block that ends a stream of full-flushed pieces. */
const FINAL_BLOCK = zlib.deflateRawSync(Buffer.alloc(0));

/** An entry from its whole content. */
export function entry(name: string, content: Buffer | string, method: 0 | 8 = 8): RawEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method, data: method === 0 ? raw : zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

/**
 * An entry deflated piece by piece from `pieces` (each a string of any size); the text is never
 * whole in memory. A piece repeated `times` is deflated once: after a full flush the deflater
 * starts afresh, so the same input gives the same bytes, which are repeated (a zip bomb costs
 * one piece of work).
 */
/** Text of a part: as it is, or one piece repeated. */
export type Piece = string | { text: string; times: number };

export function streamedEntry(name: string, pieces: Iterable<Piece>): RawEntry {
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    if (pendingLength === 0) return;
    const raw = Buffer.from(pending.join(''), 'utf8');
    out.push(deflatePiece(raw));
    crc = zlib.crc32(raw, crc);
    size += raw.length;
    pending = [];
    pendingLength = 0;
  };
  for (const p of pieces) {
    if (typeof p === 'string') {
      pending.push(p);
      pendingLength += p.length;
      if (pendingLength >= 4 << 20) flush();
      continue;
    }
    flush();
    const raw = Buffer.from(p.text, 'utf8');
    const packed = deflatePiece(raw);
    for (let i = 0; i < p.times; i++) {
      out.push(packed);
      crc = zlib.crc32(raw, crc);
      size += raw.length;
    }
  }
  flush();
  out.push(FINAL_BLOCK);
  return { name, method: 8, data: Buffer.concat(out), crc, size };
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const DOS_DATE_1980 = 0x21;

/**
 * The archive's bytes. With `descriptors`, every entry's sizes and CRC follow its data instead of
 * preceding it; with `zip64`, every size and offset is in ZIP64 fields (0xFFFFFFFF in the classic
 * ones) and the directory ends with the ZIP64 records, as some writers do even for small files.
 */
export function rawZip(entries: RawEntry[], opts: { descriptors?: boolean; zip64?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const flags = (e.flags ?? 0) | 0x0800 | (opts.descriptors ? 0x0008 : 0);
    const deferred = (flags & 0x0008) !== 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980, 12);
    local.writeUInt32LE(deferred ? 0 : e.crc, 14);
    local.writeUInt32LE(opts.zip64 ? 0xffffffff : deferred ? 0 : e.data.length, 18);
    local.writeUInt32LE(opts.zip64 ? 0xffffffff : deferred ? 0 : e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = opts.zip64 ? zip64Extra(deferred ? 0 : e.size, deferred ? 0 : e.data.length) : Buffer.alloc(0);
    local.writeUInt16LE(localExtra.length, 28);
    parts.push(local, name, localExtra, e.data);
    let length = 30 + name.length + localExtra.length + e.data.length;
    if (deferred) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(SIG_DESCRIPTOR, 0);
      d.writeUInt32LE(e.crc, 4);
      d.writeUInt32LE(e.data.length, 8);
      d.writeUInt32LE(e.size, 12);
      parts.push(d);
      length += 16;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(SIG_CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(DOS_DATE_1980, 14);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(opts.zip64 ? 0xffffffff : e.data.length, 20);
    c.writeUInt32LE(opts.zip64 ? 0xffffffff : e.size, 24);
    c.writeUInt16LE(name.length, 28);
    const extra = opts.zip64 ? zip64Extra(e.size, e.data.length, offset) : Buffer.alloc(0);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 42);
    central.push(c, name, extra);
    offset += length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  if (!opts.zip64) return Buffer.concat([...parts, cd, end]);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(SIG_EOCD64, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(entries.length), 24);
  end64.writeBigUInt64LE(BigInt(entries.length), 32);
  end64.writeBigUInt64LE(BigInt(cd.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(SIG_EOCD64_LOCATOR, 0);
  locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...parts, cd, end64, locator, end]);
}

/** The ZIP64 extended-information extra field: sizes, then the local header's offset when given. */
function zip64Extra(size: number, compressed: number, offset?: number): Buffer {
  const x = Buffer.alloc(offset === undefined ? 20 : 28);
  x.writeUInt16LE(0x0001, 0);
  x.writeUInt16LE(x.length - 4, 2);
  x.writeBigUInt64LE(BigInt(size), 4);
  x.writeBigUInt64LE(BigInt(compressed), 12);
  if (offset !== undefined) x.writeBigUInt64LE(BigInt(offset), 20);
  return x;
}

/** Every entry of an archive as its central directory lists it, with its data as stored (a view, not inflated). */
export function readRawZip(buf: Buffer): RawEntry[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== SIG_EOCD) eocd--;
  if (eocd < 0) throw new Error('rawZip: no end of central directory');
  let count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) {
    const end64 = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    count = Number(buf.readBigUInt64LE(end64 + 32));
    p = Number(buf.readBigUInt64LE(end64 + 48));
  }
  const out: RawEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new Error('rawZip: bad central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressed = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; x += 4 + buf.readUInt16LE(x + 2)) {
      if (buf.readUInt16LE(x) !== 0x0001) continue;
      let q = x + 4;
      const next = () => Number(buf.readBigUInt64LE((q += 8) - 8));
      if (size === 0xffffffff) size = next();
      if (compressed === 0xffffffff) compressed = next();
      if (local === 0xffffffff) local = next();
    }
    if (buf.readUInt32LE(local) !== SIG_LOCAL) throw new Error(`rawZip: bad local header for ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.push({ name, method, flags, crc, size, data: buf.subarray(start, start + compressed) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** An entry's content, inflated. */
export function inflated(e: RawEntry): Buffer {
  if (e.method === 0) return e.data;
  if (e.method !== 8) throw new Error(`rawZip: method ${e.method}`);
  return zlib.inflateRawSync(e.data);
}
