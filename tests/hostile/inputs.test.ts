/**
 * The hostile corpus, small files: each gives the seed's exact score (88.65 良, the very result of
 * its twin without the oddity), the exact validation errors, or the exact refusal — and the
 * bytes handed in never change. Big files and bombs are in big.test.ts; what a copy keeps is in
 * copy.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SHEET_DATA } from '../../src/layout/plan';
import { cli, sha256 as sha, tempDir } from '../support/cli';
import { DATA_PART, cases, edit, pack, unpack } from './corpus';
import { scoreBytes, type Run } from './outcome';
import { ZipView, keptEntries } from './zipView';

const CASES = cases();
const SEED_DEPARTMENT = '南昌市总工会职工服务中心';

const built = new Map<string, Buffer>();

async function run(id: string): Promise<Run> {
  const bytes = await CASES[id].build();
  built.set(id, bytes);
  const r = await scoreBytes(bytes);
  expect(r.inputUnchanged).toBe(true);
  return r;
}

let baseline: Run;
beforeAll(async () => {
  baseline = await run('baseline');
});

describe('files that must score exactly like the seed template (88.65 良)', () => {
  test('the seed template itself', () => {
    expect(baseline.outcome).toEqual({ score: 88.65, grade: '良', department: SEED_DEPARTMENT });
  });

  // [case, what it is, the department name read (when the oddity is in that cell)]
  const SAME: [string, string, string?][] = [
    ['xfd-data', '基础数据表 has a value at XFD1048576'],
    ['xfd-profile', '指标体系 has a value at XFD1048576'],
    ['merged-b18-c18', 'B18:C18 merged, the value typed into the merge (stored in B18)'],
    ['merged-c18-d18', 'C18:D18 merged over the input cell'],
    ['hidden', '基础数据表 is hidden'],
    ['very-hidden', '基础数据表 is veryHidden'],
    ['name-other-sheet', 'the name actual_project points at another sheet (999 there): the label is read'],
    ['name-ref-error', 'the name actual_project is #REF!: the label is read'],
    ['name-sheet-ref-error', "the name actual_project is '基础数据表'!#REF!: the label is read"],
    ['name-range', 'the name actual_project is a range: the label is read'],
    ['name-local-duplicate', 'sheet-scoped names actual_project (to D18 and 指标体系) come before the workbook one'],
    ['name-local-only', 'only a sheet-scoped actual_project (to D18, a note): the label is read'],
    ['names-missing', 'no field names at all: every field by its label'],
    ['row-inserted', 'a row inserted above 预算 rows, the names moved with their cells'],
    ['row-inserted-names-missing', 'a row inserted and no names: every field by its label'],
    ['their-name-like-ours', 'their workbook-scoped dept_name points at their sheet (别的单位): the label is read', SEED_DEPARTMENT],
    ['no-cell-r', 'cells without r attributes'],
    ['no-row-r', 'rows without r attributes'],
    ['no-r-at-all', 'neither rows nor cells have r'],
    ['inline-numbers', 'every number typed as inline rich text (<is><r><t>)'],
    ['shared-strings', 'every text as a shared string, as Excel writes'],
    ['rich-phonetic', 'the department a rich-text shared string with phonetic runs (<rPh>)'],
    ['x000d-escapes', '_x000D_ escapes: a CR inside the name, after a number', '南昌市总工会\r\n职工服务中心'],
    ['formula-cached', 'a formula with its cached value'],
    ['formula-cached-string', 'a text formula (t="str") with its cached value'],
    ['booleans', 'every 是/否 answer a boolean cell (t="b")'],
    ['fullwidth-digits', 'numbers as full-width text: ２６．４８, ９５％, 　２２　'],
    ['prefixed-xml', 'every element prefixed x: as the OpenXML SDK writes'],
    ['char-refs', 'sheet and name references as character references (&#22522;…)'],
    ['single-quotes', "attributes in single quotes (r='C18')"],
    ['pretty-printed', 'XML indented, attributes on their own lines'],
    ['exceljs-written', 'the template as exceljs writes it'],
    ['stored', 'every ZIP entry stored (method 0)'],
    ['descriptors', 'every ZIP entry with a data descriptor (flag bit 3)'],
    ['zip64', 'ZIP64 sizes, offsets and end records'],
    ['zip64-descriptors', 'ZIP64 and data descriptors together'],
    ['jszip-streamed', 'written by JSZip with streamFiles'],
    ['method-unsupported-theirs', "a part of the officer's compressed with an unsupported method (14, never read)"],
    ['excel-style', "a sheet of the officer's with a chart, image, comment, pivot table and calcChain"],
  ];

  test.each(SAME)('%s: %s', async (id, _what, department = SEED_DEPARTMENT) => {
    const r = await run(id);
    expect(r.outcome).toEqual({ score: 88.65, grade: '良', department });
    // Not only the total: every indicator, flag and warning is the twin's.
    expect(r.result).toEqual({ ...baseline.result, department });
    // The copy keeps every entry of the file as it was stored, but the four it must rewrite.
    const input = new ZipView(built.get(id) as Buffer);
    const copy = new ZipView(r.copy as Buffer);
    for (const part of keptEntries(input)) expect([part, copy.raw(part).data.equals(input.raw(part).data)]).toEqual([part, true]);
  });

  test('the merged B18:C18 case scores because of the merge: without it, C18 is blank', async () => {
    const parts = await unpack(await CASES['merged-b18-c18'].build());
    edit(parts, DATA_PART, (x) => x.replace('<mergeCell ref="B18:C18"/>', ''));
    const r = await scoreBytes(pack(parts));
    expect(r.outcome).toEqual({ errors: [{ field: 'actual_project', cell: `${SHEET_DATA}!C18`, message: '决算支出·项目支出：必填项未填写' }] });
  });
});

describe('files whose cells give exact validation errors (nothing written)', () => {
  const actual = { field: 'actual_project', cell: `${SHEET_DATA}!C18` };
  const NO_RESULT =
    '，但文件里没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS 中打开此文件，确认公式算出结果后保存，再重新评分；或直接填写数值。';
  const INVALID: [string, string, { field: string; cell: string | null; message: string }[]][] = [
    ['formula-no-value', 'a formula without a cached value is “no computed value”, not “未填写”', [{ ...actual, message: `决算支出·项目支出：单元格中是公式“=SUM(B18:B18)”${NO_RESULT}` }]],
    ['shared-formula-no-value', 'a shared formula (its follower cell) without a value', [{ ...actual, message: `决算支出·项目支出：单元格中是公式“=（共享公式）”${NO_RESULT}` }]],
    ['error-value', 'an error value #DIV/0!', [{ ...actual, message: '决算支出·项目支出：单元格为错误值 #DIV/0!，请修正公式或改填数值' }]],
    ['boolean-in-amount', 'a boolean in an amount cell', [{ ...actual, message: '决算支出·项目支出：应为数值，实为逻辑值 TRUE' }]],
    ['date-cell', 'a t="d" date in 评价年度', [{ field: 'eval_year', cell: `${SHEET_DATA}!C6`, message: '评价年度：应为数值，却是日期；请检查单元格格式' }]],
    ['no-data-sheet', 'an ordinary workbook without 基础数据表', [{ field: 'sheet', cell: null, message: '找不到工作表“基础数据表”。请先插入标准模板并填写。' }]],
  ];

  test.each(INVALID)('%s: %s', async (id, _what, errors) => {
    expect((await run(id)).outcome).toEqual({ errors });
  });
});

describe('files that are not a readable workbook: a clear Chinese refusal', () => {
  const SAVE_AS = '请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后重试。';
  const DAMAGED = (detail: string) => `文件已损坏或不完整（${detail}），无法作为 Excel 工作簿读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试。`;
  const PASSWORD = '请在 Excel 中打开，“文件→信息→保护工作簿→用密码进行加密”中删除密码并保存后重试。';
  const REFUSED: [string, string, string, string][] = [
    ['empty', '0 bytes', 'empty', '文件是空的（0 字节），可能没有保存完整或复制失败。请重新保存或复制该文件后重试。'],
    ['truncated', 'cut in half', 'damaged', DAMAGED('找不到压缩包目录，文件可能被截断')],
    ['truncated-tail', 'its last byte missing', 'damaged', DAMAGED('找不到压缩包目录，文件可能被截断')],
    ['method-unsupported-sheet', '基础数据表 compressed with method 14 (LZMA)', 'damaged', DAMAGED('“xl/worksheets/sheet1.xml”使用了不支持的压缩方式 14')],
    ['zip-encrypted-entry', 'a ZIP entry encrypted (flag bit 0)', 'encrypted', `文件已加密（设置了打开密码），无法读取。${PASSWORD}`],
    ['xls', 'an Excel 97-2003 .xls (OLE2, stream Workbook)', 'xls', `这是旧版 Excel 97-2003 工作簿（.xls），本工具只读取 .xlsx。${SAVE_AS}`],
    ['encrypted-ole', 'a password-protected .xlsx (OLE2, stream EncryptedPackage)', 'encrypted', `文件设置了打开密码（已加密），无法读取。${PASSWORD}`],
    ['ods', 'an OpenDocument spreadsheet', 'ods', `这是 OpenDocument 文件（如 WPS/LibreOffice 的 .ods），不是 Excel 工作簿。${SAVE_AS}`],
    ['zip-random', 'a .zip of random files', 'not-xlsx', `这是一个压缩包（.zip），不是 Excel 工作簿。${SAVE_AS}`],
    ['pdf', 'a PDF', 'not-xlsx', '这是 PDF 文件，不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。'],
    ['csv', 'a CSV renamed .xlsx', 'not-xlsx', `文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件或已损坏。${SAVE_AS}`],
    ['json', 'a JSON renamed .xlsx', 'not-xlsx', `文件不是 Excel 工作簿（.xlsx），可能是改了扩展名的其他文件或已损坏。${SAVE_AS}`],
    ['xml-spreadsheet-2003', 'an XML Spreadsheet 2003 renamed .xlsx', 'not-xlsx', `这是 XML/网页格式的文件（可能是“XML 电子表格”或网页另存的表格），不是 .xlsx 工作簿。${SAVE_AS}`],
  ];

  test.each(REFUSED)('%s (%s) → %s', async (id, _what, kind, message) => {
    expect((await run(id)).outcome).toEqual({ refused: kind, message });
  });

  // KNOWN BUG in src/xlsx/package.ts (Package constructor), fails until fixed: a .docx or .pptx
  // has an officeDocument relationship too, so it is taken for a workbook and refused as “damaged”
  // instead of by what it is. Fix and patch: see the hostile-corpus report (isWorkbook check).
  test.each([
    ['docx', 'a Word document renamed .xlsx', 'docx', '这是 Word 文档（.docx），不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。'],
    ['pptx', 'a PowerPoint file renamed .xlsx', 'pptx', '这是 PowerPoint 演示文稿，不是 Excel 工作簿。请提供填好的基础数据表（.xlsx）。'],
  ])('[已知缺陷 package.ts] %s (%s) → %s', async (id, _what, kind, message) => {
    expect((await run(id)).outcome).toEqual({ refused: kind, message });
  });
});

describe('through the command line, the file handed in is left exactly as it was', () => {
  test.each([
    ['baseline', '.xlsx', 0],
    ['excel-style', '.xlsx', 0],
    ['xlsm', '.xlsm', 0],
    ['formula-no-value', '.xlsx', 1],
    ['truncated', '.xlsx', 2],
    ['encrypted-ole', '.xlsx', 2],
    ['their-score-sheet', '.xlsx', 2],
  ])('jxpj score %s --out …%s exits %i', async (id, extension, code) => {
    const dir = tempDir();
    const input = path.join(dir, CASES[id].file);
    fs.writeFileSync(input, await CASES[id].build());
    const before = { sha: sha(input), mtime: fs.statSync(input).mtimeMs };
    const out = path.join(dir, `结果${extension}`);
    expect((await cli('score', input, '--out', out)).code).toBe(code);
    expect({ sha: sha(input), mtime: fs.statSync(input).mtimeMs }).toEqual(before);
    expect(fs.existsSync(out)).toBe(code === 0);
    expect(fs.readdirSync(dir).sort()).toEqual([CASES[id].file, ...(code === 0 ? [`结果${extension}`] : [])].sort());
  });
});
