/** A package's entries as the tests compare them: by name, with stored and inflated bytes. */
import { inflated, readRawZip, type RawEntry } from './rawZip';

export class ZipView {
  readonly entries: Map<string, RawEntry>;

  constructor(readonly bytes: Buffer) {
    this.entries = new Map(readRawZip(bytes).map((e) => [e.name, e]));
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  raw(name: string): RawEntry {
    const e = this.entries.get(name);
    if (!e) throw new Error(`no entry ${name}`);
    return e;
  }

  content(name: string): Buffer {
    return inflated(this.raw(name));
  }

  text(name: string): string {
    return this.content(name).toString('utf8');
  }
}

/** The parts a copy may change: the workbook, its rels, the content types and styles (appended to). */
export const REWRITTEN = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml'];

/**
 * Every entry of `input` that a copy must keep as it was: all but the rewritten four, the calc
 * chain (dropped) and the parts of our own sheets the copy rewrites in place.
 */
export function keptEntries(input: ZipView, ours: string[] = []): string[] {
  return input.names().filter((n) => !REWRITTEN.includes(n) && n !== 'xl/calcChain.xml' && !ours.includes(n));
}

/** The elements `<tag …/>` of a part's XML, as written. */
export function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?\\/>`, 'g'))].map((m) => m[0]);
}
