/** Sheet plans written as raw worksheet parts (and the XML text escapes under them), read back with exceljs. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { scoreDepartment, type EvaluationResult } from '../../src/engine';
import { FIELDS } from '../../src/engine/fields';
import { DEFAULT_PROFILE } from '../../src/engine/profile';
import { issueSheetPlan, scoreSheetPlan } from '../../src/layout/output';
import { BASE_FONT, BORDER_COLOR, STYLES, cellAddress, type PlanValue, type SheetPlan, type StyleName } from '../../src/layout/plan';
import { DATA_ROWS, dataSheetPlan } from '../../src/layout/template';
import { printTitlesRef, worksheetXml } from '../../src/xlsx/sheetXml';
import { StyleAppender } from '../../src/xlsx/styles';
import { decodeXmlText, escapeAttr, escapeText } from '../../src/xlsx/xml';
import seed from '../fixtures/nanchang-2018.json';
import { workbookWith } from '../support/minimalPackage';
import { SEED } from '../support/seed';

function nanchangResult(): EvaluationResult {
  const outcome = scoreDepartment({ values: SEED });
  if (!outcome.ok) throw new Error('the acceptance case must score');
  return outcome.result;
}

async function rendered(plan: SheetPlan): Promise<{ xml: string; ws: ExcelJS.Worksheet }> {
  const styles = new StyleAppender(null);
  const xml = worksheetXml(plan, styles);
  const wb = await workbookWith([{ name: plan.name, xml, printTitles: printTitlesRef(plan) }], styles.toXml());
  return { xml, ws: wb.getWorksheet(plan.name) as ExcelJS.Worksheet };
}

/** address → value, the last entry of a cell named twice winning (as in the plan's contract); '' is a blank cell. */
function plannedValues(plan: SheetPlan): Record<string, PlanValue> {
  const out: Record<string, PlanValue> = {};
  for (const c of plan.cells) out[cellAddress(c.row, c.col)] = c.value === '' ? null : c.value;
  return out;
}

/** What a reader sees in each planned cell; exceljs shows a merged range's value in every cell, so the others read as empty. */
function readValues(ws: ExcelJS.Worksheet, plan: SheetPlan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of plan.cells) {
    const cell = ws.getCell(c.row, c.col);
    out[cell.address] = cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
  }
  return out;
}

/** Every cell of a merged range but the first is written empty (only its style). */
function expectMergedCellsEmpty(xml: string, plan: SheetPlan): void {
  const written = plan.merges.flatMap((m) => {
    const refs: string[] = [];
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) refs.push(cellAddress(r, c));
    return refs.map((ref) => new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(xml)?.[0] ?? '');
  });
  expect(written.filter((c) => !/^<c r="[A-Z]+\d+" s="\d+"\/>$/.test(c))).toEqual([]);
  expect(written.length).toBeGreaterThan(0);
}

const THIN = { style: 'thin', color: { argb: `FF${BORDER_COLOR}` } };

/** How exceljs reads back a cell of this style (the look renderPlan gave it). */
function lookOf(style: StyleName | undefined, numFmt: string | undefined) {
  const s = style ? STYLES[style] : {};
  return {
    // General is built-in format 0, which exceljs reads back as no format.
    numFmt: numFmt === 'General' ? undefined : numFmt,
    font: { name: BASE_FONT.name, size: s.size ?? BASE_FONT.size, bold: s.bold, italic: s.italic, color: s.color ? { argb: `FF${s.color}` } : undefined },
    fill: s.fill ? { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${s.fill}` }, bgColor: { indexed: 64 } } : { type: 'pattern', pattern: 'none' },
    border: s.border ? { left: THIN, right: THIN, top: THIN, bottom: THIN } : {},
    alignment: { horizontal: s.align, vertical: 'middle', wrapText: s.wrap },
  };
}

function expectEveryCellLooksAsPlanned(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  const last = new Map(plan.cells.map((c) => [cellAddress(c.row, c.col), c]));
  const looks = Object.fromEntries([...last].map(([a, c]) => [a, lookOf(c.style, c.numFmt)]));
  const read = Object.fromEntries([...last].map(([a]) => [a, { ...ws.getCell(a).style }]));
  expect(read).toEqual(looks);
}

/** The top-level elements of a worksheet part, in order. */
function topLevel(xml: string): string[] {
  const body = xml.slice(xml.indexOf('>', xml.indexOf('<worksheet')) + 1, xml.lastIndexOf('</worksheet>'));
  const names: string[] = [];
  let depth = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z]+)[^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else {
      if (depth === 0) names.push(m[2]);
      if (!m[3]) depth++;
    }
  }
  return names;
}

const PAGE_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const FOOTER = '&C第 &P 页，共 &N 页';

describe('基础数据表 as a worksheet part', () => {
  const values: Record<string, PlanValue> = seed;
  const plan = dataSheetPlan(values);

  test('every planned cell reads back with its value and its style’s look', async () => {
    const { ws, xml } = await rendered(plan);
    expect(readValues(ws, plan)).toEqual(plannedValues(plan));
    expectMergedCellsEmpty(xml, plan);
    expectEveryCellLooksAsPlanned(ws, plan);
    expect(ws.getCell('A1').font).toEqual({ name: '宋体', size: 16, bold: true });
    expect(ws.getCell('C5').value).toBe('南昌市总工会职工服务中心');
    expect(ws.getCell('C5').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' }, bgColor: { indexed: 64 } });
    expect([ws.getCell('C5').numFmt, ws.getCell('C18').numFmt, ws.getCell('C41').numFmt]).toEqual(['@', '0.00', '0.00%']);
  });

  test('widths, heights, merges, frozen header, tab colour', async () => {
    const { ws } = await rendered(plan);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([52, 8, 20, 46]);
    const heights = Object.fromEntries(Object.keys(plan.rowHeights).map((r) => [r, ws.getRow(Number(r)).height]));
    expect(heights).toEqual(plan.rowHeights);
    expect(ws.getRow(1).height).toBe(28);
    expect(ws.model.merges).toEqual(plan.merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`));
    expect(ws.model.merges.slice(0, 3)).toEqual(['A1:D1', 'A2:D2', 'A4:D4']);
    expect(ws.views).toEqual([expect.objectContaining({ state: 'frozen', ySplit: 3, topLeftCell: 'A4', activeCell: 'A4', workbookViewId: 0 })]);
    expect(ws.properties.tabColor).toEqual({ argb: 'FFFFC000' });
  });

  test('each 是/否 field has the drop-down list with the Chinese error message', async () => {
    const { ws } = await rendered(plan);
    const yesno = FIELDS.filter((f) => f.kind === 'yesno');
    expect(yesno.length).toBeGreaterThan(0);
    const read = Object.fromEntries(yesno.map((f) => [f.id, ws.getCell(DATA_ROWS.fields[f.id], 3).dataValidation]));
    const expected = {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
      showErrorMessage: true,
      errorTitle: '输入有误',
      error: '请从下拉列表选择：是、否',
    };
    expect(read).toEqual(Object.fromEntries(yesno.map((f) => [f.id, expected])));
    expect(ws.getCell('C5').dataValidation).toBeUndefined();
  });

  test('prints on A4 portrait, one page wide, header row repeated, page numbers in the footer', async () => {
    const { ws } = await rendered(plan);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: PAGE_MARGINS,
      printTitlesRow: '3:3',
    });
    expect(ws.headerFooter.oddFooter).toBe(FOOTER);
  });

  test('elements in CT_Worksheet order; strings inline; one view, never selected', async () => {
    const { xml } = await rendered(plan);
    expect(topLevel(xml)).toEqual([
      'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'mergeCells', 'dataValidations', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter',
    ]);
    expect(xml).toContain(`<dimension ref="A1:D${DATA_ROWS.last}"/>`);
    expect(xml).toContain('<sheetFormatPr defaultRowHeight="15"/>');
    expect(xml).toContain('<sheetPr><tabColor rgb="FFFFC000"/><pageSetUpPr fitToPage="1"/></sheetPr>');
    expect(xml).not.toContain('tabSelected');
    expect(xml).not.toContain('<f>');
    expect(xml).not.toMatch(/t="s"/);
  });
});

describe('评分表 and 问题清单 as worksheet parts', () => {
  const result = nanchangResult();

  test('评分表: values, looks, merged groups, one A4 landscape page', async () => {
    const plan = scoreSheetPlan(result, DEFAULT_PROFILE.grades);
    const { ws, xml } = await rendered(plan);
    expect(readValues(ws, plan)).toEqual(plannedValues(plan));
    expectMergedCellsEmpty(xml, plan);
    expectEveryCellLooksAsPlanned(ws, plan);
    expect(ws.getCell('A1').value).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评评分表');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:H1', 'A2:H2', 'A4:A8', 'B4:B5', 'A22:C22', 'D23:F23']));
    expect(ws.model.merges).toHaveLength(plan.merges.length);
    // 项目支出预算完成率 lost points: bold dark red on a light red fill, two decimals.
    expect(ws.getCell('C10').value).toBe('项目支出预算完成率');
    expect(ws.getCell('F10').value).toBe(1.65);
    expect(ws.getCell('F10').numFmt).toBe('0.00');
    expect(ws.getCell('F10').font).toEqual({ name: '宋体', size: 11, bold: true, color: { argb: 'FFC00000' } });
    expect(ws.getCell('F10').fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } });
    expect(ws.getCell('E9').numFmt).toBe('0.00%');
    expect(ws.getCell('F22').value).toBe(88.65);
    expect(ws.getCell('D23').value).toBe('良');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getColumn(c).width)).toEqual([10, 12, 22, 7, 11, 8, 44, 52]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 1, printTitlesRow: '3:3' });
    expect(xml).toContain('<dimension ref="A1:H30"/>');
    expect(topLevel(xml)).not.toContain('dataValidations');
  });

  test('问题清单: one row per problem, severity coloured', async () => {
    const plan = issueSheetPlan(result);
    const { ws, xml } = await rendered(plan);
    expect(readValues(ws, plan)).toEqual(plannedValues(plan));
    expectMergedCellsEmpty(xml, plan);
    expectEveryCellLooksAsPlanned(ws, plan);
    expect([4, 5, 6, 7].map((r) => ws.getCell(r, 6).value)).toEqual(['EXECUTION_LOW', 'PROJECT_EXECUTION_LOW', 'PAYMENT_BEHIND', 'GOALS_NOT_QUANTIFIED']);
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToHeight: 0, printTitlesRow: '3:3' });
  });

  test('plans of one workbook share one stylesheet: a look is one cellXfs entry', () => {
    const styles = new StyleAppender(null);
    const a = worksheetXml(scoreSheetPlan(result, DEFAULT_PROFILE.grades), styles);
    const b = worksheetXml(issueSheetPlan(result), styles);
    const header = (xml: string) => /<c r="A3" s="(\d+)"/.exec(xml)?.[1];
    expect(header(a)).toBe(header(b));
  });
});

/** A small plan around some cells. */
function planOf(cells: SheetPlan['cells'], extra: Partial<SheetPlan> = {}): SheetPlan {
  return {
    name: '测试',
    marker: '_jxpj_test',
    columnWidths: [],
    rowHeights: {},
    cells,
    merges: [],
    names: [],
    listValidations: [],
    freezeRows: 0,
    print: { landscape: false },
    ...extra,
  };
}

const cellXml = (plan: SheetPlan, ref: string) => new RegExp(`<c r="${ref}"[^>]*?(/>|>.*?</c>)`).exec(worksheetXml(plan, new StyleAppender(null)))?.[0];

describe('cell values', () => {
  test.each([
    ['=1+1'],
    ['+86 791'],
    ['-3'],
    ['@SUM(A1)'],
    ['=HYPERLINK("http://x","点我")'],
  ])('%s is written as plain text, never a formula', async (text) => {
    const plan = planOf([{ row: 1, col: 1, value: text }]);
    expect(cellXml(plan, 'A1')).toBe(`<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">${escapeText(text)}</t></is></c>`);
    const { ws } = await rendered(plan);
    expect(ws.getCell('A1').value).toBe(text);
  });

  test.each([
    [0.1 + 0.2, '0.30000000000000004'],
    [88.65, '88.65'],
    [-0, '0'],
    [1e21, '1E21'],
    [1.5e-7, '1.5E-7'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [-42, '-42'],
  ])('number %p is written as <v>%s</v> and reads back the same', async (n, text) => {
    const plan = planOf([{ row: 2, col: 3, value: n }]);
    expect(cellXml(plan, 'C2')).toBe(`<c r="C2" s="1"><v>${text}</v></c>`);
    const { ws } = await rendered(plan);
    expect(ws.getCell('C2').value).toBe(n === 0 ? 0 : n);
  });

  test('booleans; null and \'\' as styled blank cells; spaces kept', async () => {
    const plan = planOf([
      { row: 1, col: 1, value: true },
      { row: 1, col: 2, value: false },
      { row: 1, col: 3, value: null, style: 'input' },
      { row: 1, col: 4, value: '  两端空格  ' },
      { row: 1, col: 5, value: '', style: 'input' },
    ]);
    expect(cellXml(plan, 'A1')).toBe('<c r="A1" s="1" t="b"><v>1</v></c>');
    expect(cellXml(plan, 'C1')).toBe('<c r="C1" s="2"/>');
    expect(cellXml(plan, 'E1')).toBe('<c r="E1" s="2"/>');
    const { ws } = await rendered(plan);
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => ws.getCell(a).value)).toEqual([true, false, null, '  两端空格  ', null]);
    expect(ws.getCell('C1').fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
  });

  test('a cell named twice keeps its last entry; rows and cells come out ascending', () => {
    const plan = planOf(
      [
        { row: 3, col: 2, value: '后' },
        { row: 1, col: 5, value: 1 },
        { row: 1, col: 1, value: '先', style: 'title' },
        { row: 1, col: 1, value: '最终', style: 'header' },
      ],
      { rowHeights: { 2: 40, 3: 20 } },
    );
    const styles = new StyleAppender(null);
    const xml = worksheetXml(plan, styles);
    const header = styles.xfFor({ style: 'header' });
    const plain = styles.xfFor({});
    expect(/<sheetData>.*<\/sheetData>/.exec(xml)?.[0]).toBe(
      '<sheetData>' +
        `<row r="1"><c r="A1" s="${header}" t="inlineStr"><is><t xml:space="preserve">最终</t></is></c><c r="E1" s="${plain}"><v>1</v></c></row>` +
        '<row r="2" ht="40" customHeight="1"/>' +
        `<row r="3" ht="20" customHeight="1"><c r="B3" s="${plain}" t="inlineStr"><is><t xml:space="preserve">后</t></is></c></row>` +
        '</sheetData>',
    );
    expect(xml).toContain('<dimension ref="A1:E3"/>');
  });

  test('control characters and look-alike escapes survive as _xHHHH_', () => {
    const text = '第一行\r\n第二行\u0007 _x0041_ <&>';
    const t = /<t xml:space="preserve">(.*?)<\/t>/s.exec(worksheetXml(planOf([{ row: 1, col: 1, value: text }]), new StyleAppender(null)))?.[1];
    expect(t).toBe('第一行_x000D_\n第二行_x0007_ _x005F_x0041_ &lt;&amp;&gt;');
    expect(decodeXmlText(t as string)).toBe(text);
  });

  test.each([
    ['text over 32,767 characters', 'x'.repeat(32768), /32768 个字符，超过 Excel 单元格 32767 个字符的上限/],
    ['NaN', NaN, /测试!A1 的值不是有限数（NaN）/],
    ['Infinity', Infinity, /不是有限数（Infinity）/],
    ['-Infinity', -Infinity, /不是有限数（-Infinity）/],
  ])('%s is a programming error: thrown', (_what, value, message) => {
    expect(() => worksheetXml(planOf([{ row: 1, col: 1, value }]), new StyleAppender(null))).toThrow(message);
  });

  test('text of exactly 32,767 characters is written', () => {
    expect(worksheetXml(planOf([{ row: 1, col: 1, value: '字'.repeat(32767) }]), new StyleAppender(null))).toContain('字'.repeat(32767));
  });

  test.each([
    [0, 1],
    [1, 0],
    [1048577, 1],
    [1, 16385],
    [1.5, 1],
  ])('a cell at row %p, column %p is out of the sheet: thrown', (row, col) => {
    expect(() => worksheetXml(planOf([{ row, col, value: 1 }]), new StyleAppender(null))).toThrow(/越界的单元格/);
  });

  test('a height for row 0 is thrown; a height over Excel’s 409.5 points is written as 409.5', () => {
    expect(() => worksheetXml(planOf([], { rowHeights: { 0: 20 } }), new StyleAppender(null))).toThrow(/越界的行高（第 0 行）/);
    expect(worksheetXml(planOf([], { rowHeights: { 2: 600 } }), new StyleAppender(null))).toContain('<row r="2" ht="409.5" customHeight="1"/>');
  });
});

describe('sheet setup', () => {
  test('no frozen rows: a plain view; no widths: no <cols>; empty plan: dimension A1', () => {
    const xml = worksheetXml(planOf([]), new StyleAppender(null));
    expect(xml).toContain('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
    expect(xml).toContain('<dimension ref="A1"/>');
    expect(topLevel(xml)).toEqual(['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'sheetData', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter']);
    expect(xml).toContain('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  });

  test('frozen rows: a bottom-left pane and its selection', () => {
    const xml = worksheetXml(planOf([], { freezeRows: 2 }), new StyleAppender(null));
    expect(xml).toContain(
      '<sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView>',
    );
  });

  test('print setup and footer as written', () => {
    const xml = worksheetXml(planOf([], { print: { landscape: true, onePage: true } }), new StyleAppender(null));
    expect(xml).toContain(
      '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="1"/><headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>',
    );
  });

  test('a list item with a quote is doubled inside the formula; the message escapes it', () => {
    const xml = worksheetXml(planOf([], { listValidations: [{ row: 2, col: 2, list: ['是', '"否"'] }] }), new StyleAppender(null));
    expect(xml).toContain(
      '<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="输入有误" error="请从下拉列表选择：是、&quot;否&quot;" sqref="B2"><formula1>"是,""否"""</formula1></dataValidation>',
    );
  });

  test.each([
    ['评分表', [3, 3] as [number, number], "'评分表'!$3:$3"],
    ["O'Brien 表", [1, 2] as [number, number], "'O''Brien 表'!$1:$2"],
    ['问题清单', undefined, null],
  ])('print titles of %s', (name, titleRows, ref) => {
    expect(printTitlesRef(planOf([], { name, print: { landscape: true, titleRows } }))).toBe(ref);
  });
});

/** Units that find the edges: any code point, lone surrogates, forbidden controls, and pieces of escapes. */
const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 1, minLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('_', 'x', '0', '5', 'F', 'f', '_x0041_', '_x005F_', '_x000D_', '_xD800', '&', '&amp;', '&#13;', '<', '"', '\r', '\n', '\t', '\uFFFE', '\uFFFF'),
);
const anyText = fc.string({ unit: tricky, maxLength: 40 });

/** Anything XML 1.0 cannot hold, including a surrogate without its partner. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('XML text escapes', () => {
  test.each([
    ['a<b>&c"d', 'a&lt;b&gt;&amp;c"d', 'a&lt;b&gt;&amp;c&quot;d'],
    ['\u0001\u001F', '_x0001__x001F_', '_x0001__x001F_'],
    ['_x0041_', '_x005F_x0041_', '_x005F_x0041_'],
    ['_x0041\u0001', '_x005F_x0041_x0001_', '_x005F_x0041_x0001_'],
    ['_xabc_ _x12', '_xabc_ _x12', '_xabc_ _x12'],
    ['\r\n\t', '_x000D_\n\t', '&#13;&#10;&#9;'],
    ['\uD800', '_xD800_', '_xD800_'],
    ['\uDFFFa', '_xDFFF_a', '_xDFFF_a'],
    ['😀', '😀', '😀'],
    ['\uFFFE\uFFFF', '_xFFFE__xFFFF_', '_xFFFE__xFFFF_'],
  ])('%j → text %j, attribute %j', (s, text, attr) => {
    expect(escapeText(s)).toBe(text);
    expect(escapeAttr(s)).toBe(attr);
  });

  test.each([
    ['&#x41;&#66;&apos;&quot;', 'AB\'"'],
    ['&#95;x0041_', 'A'],
    ['_x000d__X0041_', '\r_X0041_'],
    ['&unknown; &#x110000;', '&unknown; &#x110000;'],
    ['_x005F_x005F_', '_x005F_'],
  ])('decodes %j as %j (entities first, then _xHHHH_)', (raw, text) => {
    expect(decodeXmlText(raw)).toBe(text);
  });

  test('decodeXmlText inverts escapeText and escapeAttr for any string (10,000 runs each)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(decodeXmlText(escapeText(s))).toBe(s);
        expect(decodeXmlText(escapeAttr(s))).toBe(s);
      }),
      { numRuns: 10000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(decodeXmlText(escapeText(s))).toBe(s);
        expect(decodeXmlText(escapeAttr(s))).toBe(s);
      }),
      { numRuns: 10000 },
    );
  });

  test('escaped text is legal XML 1.0 and survives a parser’s normalisation', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const text = escapeText(s);
        const attr = escapeAttr(s);
        expect(text).not.toMatch(NOT_XML);
        expect(attr).not.toMatch(NOT_XML);
        // No markup and no bare CR; in attributes no quote, TAB or LF either (they would be normalised).
        expect(text).not.toMatch(/[<\r]|&(?!amp;|lt;|gt;)/);
        expect(attr).not.toMatch(/[<"\r\n\t]|&(?!amp;|lt;|gt;|quot;|#9;|#10;|#13;)/);
      }),
      { numRuns: 10000 },
    );
  });
});
