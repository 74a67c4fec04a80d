/**
 * Text in SpreadsheetML parts: XML escaping plus the OOXML `_xHHHH_` escapes (ST_Xstring) that carry
 * characters XML 1.0 cannot hold. `decodeXmlText` is the exact inverse of both escapes.
 */

/** SpreadsheetML's main namespace, of worksheets and the stylesheet alike. */
export const SPREADSHEETML_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The start of an `_xHHHH_` escape. A literal `_` before `xHHHH` is written as `_x005F_` so it reads
 * back unchanged — even without the closing `_`, which the next escape of ours might supply.
 */
const XSTRING_ESCAPE = /_x[0-9A-Fa-f]{4}/y;

const hex4 = (code: number) => `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;

/** True for a UTF-16 code unit XML 1.0 forbids on its own (controls, U+FFFE/FFFF); surrogates are checked in pairs. */
function isForbiddenUnit(code: number): boolean {
  return code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code === 0xfffe || code === 0xffff;
}

function escape(s: string, inAttribute: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
        continue;
      }
    }
    if (isForbiddenUnit(code) || (code >= 0xd800 && code <= 0xdfff)) {
      out += hex4(code);
      continue;
    }
    switch (code) {
      case 0x26:
        out += '&amp;';
        break;
      case 0x3c:
        out += '&lt;';
        break;
      case 0x3e:
        out += '&gt;';
        break;
      case 0x22:
        out += inAttribute ? '&quot;' : '"';
        break;
      // A parser turns a raw CR (and, in attributes, TAB and LF) into LF or space: keep them as written.
      case 0x0d:
        out += inAttribute ? '&#13;' : hex4(code);
        break;
      case 0x09:
        out += inAttribute ? '&#9;' : '\t';
        break;
      case 0x0a:
        out += inAttribute ? '&#10;' : '\n';
        break;
      case 0x5f: {
        XSTRING_ESCAPE.lastIndex = i;
        out += XSTRING_ESCAPE.test(s) ? hex4(code) : '_';
        break;
      }
      default:
        out += s[i];
    }
  }
  return out;
}

/** For element text. */
export function escapeText(s: string): string {
  return escape(s, false);
}

/** For attribute values (written in double quotes). */
export function escapeAttr(s: string): string {
  return escape(s, true);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Raw text of an element or attribute → its string: the XML entities first (the XML layer), then
 * the `_xHHHH_` escapes (the OOXML layer), each in one left-to-right pass so nothing is decoded twice.
 */
export function decodeXmlText(s: string): string {
  const xml = s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
  return xml.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, h: string) => String.fromCharCode(parseInt(h, 16)));
}
