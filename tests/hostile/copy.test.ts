/**
 * The copy keeps everything of theirs. Two workbooks with a sheet of the officer's holding a chart,
 * an image, a comment, a conditional format and a data validation — one saved by LibreOffice
 * (tests/fixtures/foreign, see its README), one written here the way Excel writes (plus a pivot
 * table, a calcChain and a formula `=评分表!F22`) — are scored and copied; every part of theirs
 * must come through byte for byte, still referenced, and the copy must open in exceljs and score
 * the same. Rescoring the copy rewrites our sheets in their own parts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SHEET_ISSUES, SHEET_REPORT, SHEET_SCORES } from '../../src/layout/plan';
import { openWorkbook } from '../../src/xlsx';
import { OFFICER_PARTS, cases, excelStylePackage } from './corpus';
import { readWithExcelJs } from './exceljsRead';
import { scoreBytes, type Run } from './outcome';
import { scoreWorkbookSources } from '../../src/layout/workflow';
import { REWRITTEN, ZipView, elements, keptEntries } from './zipView';

const LIBREOFFICE = path.join(__dirname, '../fixtures/foreign/libreoffice-officer.xlsx');
const SEED = { score: 88.65, grade: '良', department: '南昌市总工会职工服务中心' };

interface Subject {
  label: string;
  bytes: () => Promise<Buffer>;
  /** Parts of the officer's that the test names one by one (the rest are checked as a whole). */
  theirs: string[];
  /** The officer's sheet and a formula on it as stored. */
  sheetPart: string;
  formula: string;
}

const SUBJECTS: Subject[] = [
  {
    label: 'saved by LibreOffice Calc 7.4',
    bytes: async () => fs.readFileSync(LIBREOFFICE),
    theirs: ['xl/worksheets/sheet3.xml', 'xl/worksheets/_rels/sheet3.xml.rels', 'xl/charts/chart1.xml', 'xl/media/image1.png', 'xl/comments3.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels', 'xl/drawings/vmlDrawing1.vml', 'xl/sharedStrings.xml', 'docProps/core.xml'],
    sheetPart: 'xl/worksheets/sheet3.xml',
    formula: '<f aca="false">基础数据表!C18*2</f>',
  },
  {
    label: 'written as Excel writes (chart, image, comment, pivot table, calcChain)',
    bytes: excelStylePackage,
    theirs: OFFICER_PARTS,
    sheetPart: 'xl/worksheets/sheet3.xml',
    formula: '<f>评分表!F22</f>',
  },
];

describe.each(SUBJECTS)('a workbook $label', (subject) => {
  let input: ZipView;
  let first: Run;
  let copy: ZipView;

  beforeAll(async () => {
    const bytes = await subject.bytes();
    input = new ZipView(bytes);
    first = await scoreBytes(bytes);
    copy = new ZipView(first.copy as Buffer);
  });

  test('scores 88.65 良 and leaves the input bytes as they were', () => {
    expect(first.outcome).toEqual(SEED);
    expect(first.inputUnchanged).toBe(true);
  });

  test('the fixture really holds what the test is about', () => {
    const sheet = input.text(subject.sheetPart);
    expect(sheet).toContain('<conditionalFormatting');
    expect(sheet).toContain('<dataValidation');
    expect(sheet).toContain(subject.formula);
    for (const part of subject.theirs) expect(input.has(part)).toBe(true);
  });

  test('each part of theirs is in the copy, with the same inflated and the same compressed bytes', () => {
    for (const part of subject.theirs) {
      expect([part, copy.content(part).equals(input.content(part))]).toEqual([part, true]);
    }
    for (const part of keptEntries(input)) {
      const [a, b] = [input.raw(part), copy.raw(part)];
      expect([part, b.method, b.crc, b.size, b.data.equals(a.data)]).toEqual([part, a.method, a.crc, a.size, true]);
    }
  });

  test('the copy holds nothing else but our three new sheets (calcChain dropped)', () => {
    const added = copy.names().filter((n) => !input.has(n));
    expect(added).toHaveLength(3);
    expect(added.every((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toBe(true);
    expect(copy.has('xl/calcChain.xml')).toBe(false);
    const expected = [...keptEntries(input), ...REWRITTEN.filter((n) => input.has(n)), ...added].sort();
    expect([...copy.names()].sort()).toEqual(expected);
  });

  test('content types and relationships still reference every part of theirs', () => {
    const types = copy.text('[Content_Types].xml');
    const isCalcChain = (el: string) => el.includes('calcChain');
    for (const el of elements(input.text('[Content_Types].xml'), 'Default')) expect(types).toContain(el);
    for (const el of elements(input.text('[Content_Types].xml'), 'Override').filter((e) => !isCalcChain(e))) expect(types).toContain(el);
    expect(types).not.toContain('calcChain');
    const rels = copy.text('xl/_rels/workbook.xml.rels');
    for (const el of elements(input.text('xl/_rels/workbook.xml.rels'), 'Relationship').filter((e) => !isCalcChain(e))) expect(rels).toContain(el);
    expect(rels).not.toContain('calcChain');
  });

  test('the workbook keeps their sheets, names and pivot caches, and asks Excel to recalculate on open', () => {
    const before = input.text('xl/workbook.xml');
    const after = copy.text('xl/workbook.xml');
    for (const el of elements(before, 'sheet')) expect(after).toContain(el);
    for (const m of before.matchAll(/<definedName\b[^>]*>[^<]*<\/definedName>/g)) expect(after).toContain(m[0]);
    const pivots = /<pivotCaches>[\s\S]*?<\/pivotCaches>/.exec(before)?.[0];
    if (pivots) expect(after).toContain(pivots);
    expect(after).toMatch(/<calcPr\b[^>]*\bfullCalcOnLoad="1"/);
    expect(after.match(/fullCalcOnLoad=/g)).toHaveLength(1);
  });

  test('styles are appended to: their differential formats (the conditional format’s look) stay as they were', () => {
    const dxfs = /<dxfs\b[\s\S]*?(?:<\/dxfs>|\/>)/.exec(input.text('xl/styles.xml'))?.[0] as string;
    expect(dxfs).toMatch(/<dxf>/);
    expect(copy.text('xl/styles.xml')).toContain(dxfs);
  });

  test('the copy opens in exceljs and scores 88.65 again', async () => {
    const view = await readWithExcelJs(copy.bytes);
    expect(view.workbook.worksheets.map((w) => w.name)).toEqual(['基础数据表', '指标体系', '台账', SHEET_SCORES, SHEET_ISSUES, SHEET_REPORT]);
    const again = scoreWorkbookSources(view.sources);
    expect(again.ok && again.result).toEqual(first.result);
  });

  test('rescoring the copy rewrites 评分表 and 问题清单 in the same parts, ids and rels; theirs still byte-identical', async () => {
    const second = await scoreBytes(copy.bytes);
    expect(second.outcome).toEqual(SEED);
    const again = new ZipView(second.copy as Buffer);
    const sheetsOf = (v: ZipView) => elements(v.text('xl/workbook.xml'), 'sheet');
    expect(sheetsOf(again)).toEqual(sheetsOf(copy));
    const relsOf = (v: ZipView) => elements(v.text('xl/_rels/workbook.xml.rels'), 'Relationship');
    expect(relsOf(again)).toEqual(relsOf(copy));
    const ours = copy.names().filter((n) => !input.has(n));
    expect(again.names()).toEqual(copy.names());
    for (const part of keptEntries(input)) expect([part, again.raw(part).data.equals(copy.raw(part).data)]).toEqual([part, true]);
    // Their formula still names a sheet that exists, and 评分表!F22 holds the total.
    expect(again.text(subject.sheetPart)).toContain(subject.formula);
    const scoresPart = ours.find((p) => again.text(p).includes('总分')) as string;
    const scoresRid = /<sheet name="评分表" sheetId="\d+" r:id="([^"]+)"/.exec(again.text('xl/workbook.xml'))?.[1];
    expect(again.text('xl/_rels/workbook.xml.rels')).toContain(`Id="${scoresRid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${scoresPart.replace('xl/', '')}"`);
    expect(again.text(scoresPart)).toMatch(/<c r="F22" s="\d+"><v>88\.65<\/v><\/c>/);
  });
});

describe('other workbooks of the officer', () => {
  const CASES = cases();

  test('an .xlsm: the copy is an .xlsm, its vbaProject.bin and macro content type kept', async () => {
    const bytes = await CASES.xlsm.build();
    const r = await scoreBytes(bytes);
    expect([r.outcome, r.extension, r.inputUnchanged]).toEqual([SEED, '.xlsm', true]);
    const input = new ZipView(bytes);
    const copy = new ZipView(r.copy as Buffer);
    expect(copy.raw('xl/vbaProject.bin').data.equals(input.raw('xl/vbaProject.bin').data)).toBe(true);
    expect(copy.text('[Content_Types].xml')).toContain('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>');
    expect(copy.text('xl/_rels/workbook.xml.rels')).toContain('Target="vbaProject.bin"');
    expect((await openWorkbook(r.copy as Buffer)).extension).toBe('.xlsm');
  });

  test('a sheet of theirs named 评分表: SheetConflictError, nothing written, input unchanged', async () => {
    const bytes = await CASES['their-score-sheet'].build();
    const r = await scoreBytes(bytes);
    expect(r.outcome).toEqual({ ...SEED, copyRefused: '工作簿中已有名为“评分表”的工作表，且不是本工具生成的。为避免覆盖您的数据，未写入任何内容；请将该表改名后重试。' });
    expect(r.inputUnchanged).toBe(true);
    expect(r.copy).toBeUndefined();
  });

  test('their defined name called like one of our fields, on their sheet: read by label, kept in the copy', async () => {
    const bytes = await CASES['their-name-like-ours'].build();
    const r = await scoreBytes(bytes);
    expect(r.outcome).toEqual(SEED);
    expect(new ZipView(r.copy as Buffer).text('xl/workbook.xml')).toContain(`<definedName name="dept_name">'台账'!$B$9</definedName>`);
  });

  test('a workbook with x: prefixes: what the copy adds is prefixed too, and it scores again', async () => {
    const r = await scoreBytes(await CASES['prefixed-xml'].build());
    const workbook = new ZipView(r.copy as Buffer).text('xl/workbook.xml');
    expect(workbook).toMatch(/<x:sheet name="评分表" sheetId="\d+" r:id="rId\d+"\/>/);
    expect(workbook).toMatch(/<x:definedName name="_jxpj_scores">'评分表'!\$A\$1<\/x:definedName>/);
    expect(workbook).not.toMatch(/<(sheet|definedName|calcPr)\b/);
    expect((await scoreBytes(r.copy as Buffer)).outcome).toEqual(SEED);
  });

  test.each(['stored', 'descriptors', 'zip64', 'method-unsupported-theirs'])('%s: entries of theirs are copied as stored, the copy opens in exceljs', async (id) => {
    const bytes = await CASES[id].build();
    const r = await scoreBytes(bytes);
    const input = new ZipView(bytes);
    const copy = new ZipView(r.copy as Buffer);
    for (const part of keptEntries(input)) {
      const [a, b] = [input.raw(part), copy.raw(part)];
      expect([part, b.method, b.data.equals(a.data), (b.flags ?? 0) & 0x0008]).toEqual([part, a.method, true, 0]);
    }
    if (id !== 'method-unsupported-theirs') {
      const again = scoreWorkbookSources((await readWithExcelJs(r.copy as Buffer)).sources);
      expect(again.ok && again.result.total).toBe(88.65);
    }
  });
});
