/** Our cell formats appended to a user's xl/styles.xml: their entries and indices untouched. */
import ExcelJS from 'exceljs';
import { issueSheetPlan, scoreSheetPlan } from '../../src/layout/output';
import { scoreDepartment } from '../../src/engine';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { WorkbookFileError } from '../../src/xlsx/errors';
import { worksheetXml } from '../../src/xlsx/sheetXml';
import { StyleAppender } from '../../src/xlsx/styles';
import { workbookWith } from '../support/minimalPackage';
import { SEED } from '../support/seed';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A stylesheet as Excel writes it: a custom format 164, two fonts, a solid fill, three cell formats, a dxf, an extLst. */
const USER_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
  `<styleSheet xmlns="${NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00&quot; 元&quot;;[Red]-#,##0.00&quot; 元&quot;"/></numFmts>' +
  '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>' +
  '<!-- a comment with <font> in it --><font><b/><sz val="14"/><color rgb="FF0070C0"/><name val="Arial"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF92D050"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>' +
  '<xf numFmtId="164" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1"><alignment vertical="center"/></xf>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst>' +
  '</styleSheet>';

/** A user's sheet whose B2 uses their xf 1 (Arial bold blue on green, ¥ format) and B3 their date xf 2. */
const USER_SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>` +
  '<row r="2"><c r="B2" s="1"><v>1234.5</v></c></row><row r="3"><c r="B3" s="2"><v>43466</v></c></row></sheetData></worksheet>';

/** The content of a collection (between its tags), or null when it is missing. */
function content(xml: string, name: string, prefix = ''): string | null {
  const m = new RegExp(`<${prefix}${name}(\\s[^>]*)?>(.*?)</${prefix}${name}>`, 's').exec(xml);
  return m ? m[2] : null;
}

const countOf = (xml: string, name: string, prefix = '') => new RegExp(`<${prefix}${name}\\b[^>]*\\bcount="(\\d+)"`).exec(xml)?.[1];

/** The entries of a collection, split at its top-level children. */
function entries(xml: string, collection: string, entry: string, prefix = ''): string[] {
  const body = (content(xml, collection, prefix) ?? '').replace(/<!--.*?-->/gs, '');
  return body.split(new RegExp(`(?=<${prefix}${entry}[\\s/>])`)).filter((s) => s.startsWith(`<${prefix}${entry}`));
}

/** The root's children, in order (prefix dropped). */
function collections(xml: string): string[] {
  const names: string[] = [];
  let depth = 0;
  const body = xml.replace(/<\?.*?\?>|<!--.*?-->/gs, '');
  for (const m of body.matchAll(/<(\/?)(?:[\w]+:)?(\w+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 1) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

/** Every start tag has its end tag (and with the same prefix). */
function expectBalanced(xml: string): void {
  const stack: string[] = [];
  for (const m of xml.replace(/<\?.*?\?>|<!--.*?-->/gs, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[3]) stack.push(m[2]);
  }
  expect(stack).toEqual([]);
}

describe('appending to a user’s styles.xml', () => {
  test('their entries stay byte for byte; ours follow with counts updated and indices after theirs', () => {
    const styles = new StyleAppender(USER_STYLES);
    const header = styles.xfFor({ style: 'header' });
    const weight = styles.xfFor({ style: 'number', numFmt: '0.##' });
    const out = styles.toXml();

    expect([header, weight]).toEqual([3, 4]);
    for (const [name, count] of [['numFmts', '2'], ['fonts', '4'], ['fills', '4'], ['borders', '2'], ['cellXfs', '5']]) {
      expect(content(out, name)?.startsWith(content(USER_STYLES, name) as string)).toBe(true);
      expect(countOf(out, name)).toBe(count);
    }
    // Untouched: the prolog and root, cellStyleXfs, cellStyles, dxfs (their fonts are not counted as fonts), tableStyles, extLst.
    const root = USER_STYLES.slice(0, USER_STYLES.indexOf('<numFmts'));
    const tail = USER_STYLES.slice(USER_STYLES.indexOf('<cellStyles'));
    expect(out.startsWith(root)).toBe(true);
    expect(out.endsWith(tail)).toBe(true);
    expect(content(out, 'cellStyleXfs')).toBe(content(USER_STYLES, 'cellStyleXfs'));
    expect(out).toContain('<fonts count="4" x14ac:knownFonts="1">');

    expect(entries(out, 'numFmts', 'numFmt')[1]).toBe('<numFmt numFmtId="165" formatCode="0.##"/>');
    expect(entries(out, 'fonts', 'font').slice(2)).toEqual([
      '<font><b/><sz val="11"/><name val="宋体"/></font>',
      '<font><sz val="11"/><name val="宋体"/></font>',
    ]);
    // “No fill” is exactly their fill 0, so it is reused rather than appended again.
    expect(entries(out, 'fills', 'fill').slice(3)).toEqual([
      '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>',
    ]);
    expect(entries(out, 'borders', 'border').slice(1)).toEqual([
      '<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>' +
        '<top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border>',
    ]);
    const applyAll = 'applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"';
    expect(entries(out, 'cellXfs', 'xf').slice(3)).toEqual([
      `<xf numFmtId="0" fontId="2" fillId="3" borderId="1" xfId="0" ${applyAll}><alignment horizontal="center" vertical="center" wrapText="1"/></xf>`,
      `<xf numFmtId="165" fontId="3" fillId="0" borderId="1" xfId="0" ${applyAll}><alignment horizontal="center" vertical="center"/></xf>`,
    ]);
  });

  test('entries identical to ones already there (ours from an earlier score) are reused, so rescoring never grows the stylesheet', () => {
    const first = new StyleAppender(USER_STYLES);
    const a = [first.xfFor({ style: 'header' }), first.xfFor({ style: 'number', numFmt: '0.##' })];
    const once = first.toXml();
    const again = new StyleAppender(once);
    expect([again.xfFor({ style: 'header' }), again.xfFor({ style: 'number', numFmt: '0.##' })]).toEqual(a);
    expect(again.toXml()).toBe(once);
  });

  test('their cells keep their look and ours get theirs, read back by exceljs', async () => {
    const outcome = scoreDepartment({ values: SEED });
    if (!outcome.ok) throw new Error('the acceptance case must score');
    const styles = new StyleAppender(USER_STYLES);
    const plans = [scoreSheetPlan(outcome.result, DEFAULT_PROFILE.grades), issueSheetPlan(outcome.result)];
    const ours = plans.map((p) => ({ name: p.name, xml: worksheetXml(p, styles) }));
    const wb = await workbookWith([{ name: '我的表', xml: USER_SHEET }, ...ours], styles.toXml());

    const mine = wb.getWorksheet('我的表') as ExcelJS.Worksheet;
    expect(mine.getCell('B2').font).toEqual({ bold: true, size: 14, color: { argb: 'FF0070C0' }, name: 'Arial', family: 2 });
    expect(mine.getCell('B2').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF92D050' }, bgColor: { indexed: 64 } });
    expect(mine.getCell('B2').numFmt).toBe('#,##0.00" 元";[Red]-#,##0.00" 元"');
    expect(mine.getCell('B3').value).toEqual(new Date(Date.UTC(2019, 0, 1)));

    const scores = wb.getWorksheet('评分表') as ExcelJS.Worksheet;
    expect(scores.getCell('A3').font).toEqual({ name: '宋体', size: 11, bold: true });
    expect(scores.getCell('A3').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } });
    expect(scores.getCell('F4').numFmt).toBe('0.00');
    expect(scores.getCell('E9').numFmt).toBe('0.00%');
    expect(scores.getCell('A1').font).toEqual({ name: '宋体', size: 16, bold: true });
    const issues = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    expect(issues.getCell('C4').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
  });

  test('nothing asked, nothing changed', () => {
    expect(new StyleAppender(USER_STYLES).toXml()).toBe(USER_STYLES);
  });

  test('same format → same index; another number format → another cell format', () => {
    const styles = new StyleAppender(USER_STYLES);
    const a = styles.xfFor({ style: 'input', numFmt: '0.00' });
    expect(styles.xfFor({ style: 'input', numFmt: '0.00' })).toBe(a);
    expect(styles.xfFor({ style: 'input', numFmt: '0.00%' })).toBe(a + 1);
    expect(styles.xfFor({ style: 'input' })).toBe(a + 2);
    expect(styles.xfFor({ style: 'input', numFmt: '0.00' })).toBe(a);
    expect(countOf(styles.toXml(), 'cellXfs')).toBe('6');
  });

  test.each([
    [undefined, 0],
    ['General', 0],
    ['0', 1],
    ['0.00', 2],
    ['#,##0.00', 4],
    ['0%', 9],
    ['0.00%', 10],
    ['@', 49],
    ['0.##', 165],
    ['yyyy/m/d', 165],
  ])('number format %p has id %p next to a user format 164', (code, id) => {
    const styles = new StyleAppender(USER_STYLES);
    styles.xfFor({ numFmt: code });
    expect(/<xf numFmtId="(\d+)"/.exec(entries(styles.toXml(), 'cellXfs', 'xf')[3])?.[1]).toBe(String(id));
  });

  test('a custom format takes an id above the highest present, and above 163; its code is escaped', async () => {
    const high = USER_STYLES.replace('<numFmts count="1">', '<numFmts count="2"><numFmt numFmtId="200" formatCode="0.000"/>');
    const styles = new StyleAppender(high);
    styles.xfFor({ numFmt: '"元"0.00;[>=1000]#,##0' });
    styles.xfFor({ numFmt: '0.#' });
    const fmts = entries(styles.toXml(), 'numFmts', 'numFmt');
    expect(fmts.slice(2)).toEqual([
      '<numFmt numFmtId="201" formatCode="&quot;元&quot;0.00;[&gt;=1000]#,##0"/>',
      '<numFmt numFmtId="202" formatCode="0.#"/>',
    ]);

    const none = new StyleAppender(null);
    const s = none.xfFor({ numFmt: '"元"0.00;[>=1000]#,##0' });
    expect(entries(none.toXml(), 'numFmts', 'numFmt')).toEqual(['<numFmt numFmtId="164" formatCode="&quot;元&quot;0.00;[&gt;=1000]#,##0"/>']);
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" s="${s}"><v>5</v></c></row></sheetData></worksheet>`;
    const wb = await workbookWith([{ name: 'S', xml: sheet }], none.toXml());
    expect((wb.getWorksheet('S') as ExcelJS.Worksheet).getCell('A1').numFmt).toBe('"元"0.00;[>=1000]#,##0');
  });
});

describe('stylesheets short of collections', () => {
  test('no styles.xml: a complete minimal stylesheet, xf 0 left as the default look', async () => {
    const styles = new StyleAppender(null);
    expect(styles.xfFor({ style: 'title' })).toBe(1);
    const out = styles.toXml();
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')).toBe(true);
    expect(collections(out)).toEqual(['fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles']);
    expect(entries(out, 'fonts', 'font')).toEqual(['<font><sz val="11"/><name val="宋体"/></font>', '<font><b/><sz val="16"/><name val="宋体"/></font>']);
    expect(entries(out, 'fills', 'fill').slice(0, 2)).toEqual(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
    expect(entries(out, 'cellXfs', 'xf')[0]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(content(out, 'cellStyleXfs')).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>');
    expect(content(out, 'cellStyles')).toBe('<cellStyle name="Normal" xfId="0" builtinId="0"/>');
    expect([countOf(out, 'fonts'), countOf(out, 'fills'), countOf(out, 'cellXfs')]).toEqual(['2', '2', '2']);
    expectBalanced(out);

    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" s="1"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`;
    const wb = await workbookWith([{ name: 'S', xml: sheet }], out);
    const ws = wb.getWorksheet('S') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').font).toEqual({ name: '宋体', size: 16, bold: true });
    expect(ws.getCell('B1').value).toBe(2);
  });

  test('self-closing collections are opened; missing ones go in schema order; short fills are padded', () => {
    const sparse =
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="0"/><fonts count="0"/>` +
      '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs><dxfs count="0"/></styleSheet>';
    const styles = new StyleAppender(sparse);
    expect(styles.xfFor({ style: 'input', numFmt: '0.0' })).toBe(1);
    const out = styles.toXml();
    expect(collections(out)).toEqual(['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs']);
    expect(out).toContain('<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>');
    expect(entries(out, 'fonts', 'font')).toEqual(['<font><sz val="11"/><name val="宋体"/></font>']);
    expect(entries(out, 'fills', 'fill')).toEqual([
      '<fill><patternFill patternType="none"/></fill>',
      '<fill><patternFill patternType="gray125"/></fill>',
      '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill>',
    ]);
    expect(entries(out, 'cellXfs', 'xf')[1]).toMatch(/^<xf numFmtId="164" fontId="0" fillId="2" borderId="1" xfId="0" /);
    expect(out).toContain('<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf');
    expect(out.endsWith('<dxfs count="0"/></styleSheet>')).toBe(true);
    expectBalanced(out);
  });

  test('a collection without a count gets one; a self-closing root is opened', () => {
    const noCount = new StyleAppender(USER_STYLES.replace('<borders count="1">', '<borders>'));
    noCount.xfFor({ style: 'text' });
    expect(noCount.toXml()).toContain('<borders count="2">');

    const bare = new StyleAppender(`<styleSheet xmlns="${NS}"/>`);
    expect(bare.xfFor({})).toBe(1);
    const out = bare.toXml();
    expect(collections(out)).toEqual(['fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles']);
    expect(out.startsWith(`<styleSheet xmlns="${NS}"><fonts count="1">`)).toBe(true);
    expectBalanced(out);
  });

  test('an x: prefixed stylesheet (OpenXML SDK) gets x: elements', () => {
    const prefixed =
      `<?xml version="1.0" encoding="utf-8"?><x:styleSheet xmlns:x="${NS}">` +
      '<x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>' +
      '<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>' +
      '<x:borders count="1"><x:border/></x:borders>' +
      '<x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellXfs></x:styleSheet>';
    const styles = new StyleAppender(prefixed);
    expect(styles.xfFor({ style: 'scoreLost', numFmt: '0.0#' })).toBe(1);
    const out = styles.toXml();
    expect(collections(out)).toEqual(['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles']);
    const tags = [...out.replace(/<\?.*?\?>/, '').matchAll(/<\/?([\w:]+)/g)].map((m) => m[1]);
    expect(tags.filter((t) => !t.startsWith('x:'))).toEqual([]);
    expect(out).toContain('<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="0.0#"/></x:numFmts>');
    expect(entries(out, 'fonts', 'font', 'x:')[1]).toBe('<x:font><x:b/><x:sz val="11"/><x:color rgb="FFC00000"/><x:name val="宋体"/></x:font>');
    expect(countOf(out, 'cellXfs', 'x:')).toBe('2');
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs']) {
      expect(content(out, name, 'x:')?.startsWith(content(prefixed, name, 'x:') as string)).toBe(true);
    }
    expectBalanced(out);
  });

  test.each([
    ['not XML at all', 'PK\u0003\u0004'],
    ['an unclosed root', `<styleSheet xmlns="${NS}"><fonts count="0"/>`],
    ['a cut tag', `<styleSheet xmlns="${NS}"><fonts count="0"`],
    ['another root', `<worksheet xmlns="${NS}"/>`],
  ])('%s is a damaged workbook', (_what, xml) => {
    expect(() => new StyleAppender(xml)).toThrow(WorkbookFileError);
    try {
      new StyleAppender(xml);
    } catch (e) {
      expect((e as WorkbookFileError).kind).toBe('damaged');
      expect((e as Error).message).toBe('工作簿的样式部件（xl/styles.xml）已损坏，无法写入。请在 Excel 中打开该文件另存一次后重试。');
    }
  });
});
