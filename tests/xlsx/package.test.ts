/**
 * The .xlsx package adapter (src/xlsx/package.ts, zip.ts, sniff.ts) at its seams: how names and
 * attributes are read, how much of a sheet is read, and what a copy adds, renames, drops and
 * keeps. Whole hostile files are in tests/hostile; the packages here are built by its corpus.
 */
import * as zlib from 'zlib';
import fc from 'fast-check';
import JSZip from 'jszip';
import { DATA_ROWS } from '../../src/layout/template';
import { dataReadArea } from '../../src/layout/bounds';
import { outputPlans, scoreWorkbookSources } from '../../src/layout/workflow';
import { WorkbookFileError, openWorkbook } from '../../src/xlsx';
import { cellTarget } from '../../src/layout/references';
import { attributes } from '../../src/xlsx/package';
import { refuseForeignZip, refuseNonZip } from '../../src/xlsx/sniff';
import { crc32, inflateEntry, newEntry, readZip, streamEntryText, writeZip } from '../../src/xlsx/zip';
import { DATA_PART, addSheet, edit, ledgerSheet, pack, seedTemplate, unpack } from '../hostile/corpus';
import { elements, ZipView } from '../hostile/zipView';

const SEED_TOTAL = 88.65;

async function scoredCopy(bytes: Buffer): Promise<Buffer> {
  const wb = await openWorkbook(bytes);
  const scored = scoreWorkbookSources(wb.sources);
  if (!scored.ok) throw new Error(JSON.stringify(scored.errors));
  expect(scored.result.total).toBe(SEED_TOTAL);
  return wb.withSheets(outputPlans(scored.result, scored.profile, scored.raw));
}

async function edited(change: (parts: Awaited<ReturnType<typeof unpack>>) => void, base = seedTemplate()): Promise<Buffer> {
  const parts = await unpack(base);
  change(parts);
  return pack(parts);
}

describe('cellTarget (layout/references.ts, shared with the Office.js adapter): the single cell a defined name refers to', () => {
  test.each([
    ["'基础数据表'!$C$18", { sheet: '基础数据表', row: 18, col: 3 }],
    ['基础数据表!C18', { sheet: '基础数据表', row: 18, col: 3 }],
    ["='基础数据表'!$C$18", { sheet: '基础数据表', row: 18, col: 3 }],
    ["'基础数据表'!$C$18:$C$18", { sheet: '基础数据表', row: 18, col: 3 }],
    ["'O''Brien 表'!$AB$7", { sheet: "O'Brien 表", row: 7, col: 28 }],
    ["'基础数据表'!$C$18:$D$19", null],
    ["'基础数据表'!$C:$C", null],
    ['#REF!', null],
    ["'基础数据表'!#REF!", null],
    ['SUM(基础数据表!C1:C2)', null],
    ['0.05', null],
  ])('%s → %o', (text, expected) => {
    expect(cellTarget(text)).toEqual(expected);
  });
});

describe('attributes: by local name, decoded, either quote', () => {
  test.each([
    [' r="C18" s="7" t="inlineStr"', { r: 'C18', s: '7', t: 'inlineStr' }],
    [" r='C18' t='s'", { r: 'C18', t: 's' }],
    [' x:name="基础数据表" r:id="rId1"', { name: '基础数据表', id: 'rId1' }],
    [' name="&amp;&#x57FA;&#30784;_x000D_"', { name: '&基础\r' }],
    [' xmlns:x="urn:x" name="a"', { 'xmlns:x': 'urn:x', name: 'a' }],
    ['\n      r="C18"\n      s="1"', { r: 'C18', s: '1' }],
  ])('%j', (text, expected) => {
    expect(Object.fromEntries(attributes(text))).toEqual(expected);
  });
});

describe('openWorkbook reads the template area only', () => {
  test('a value one row below the read area is not in the grid; one inside it is', async () => {
    const area = dataReadArea(Object.values(DATA_ROWS.fields).map((row) => ({ row, col: 3 })));
    const bytes = await edited((p) =>
      edit(p, DATA_PART, (x) => x.replace('</sheetData>', `<row r="${area.bottom}"><c r="A${area.bottom}"><v>1</v></c></row><row r="${area.bottom + 1}"><c r="A${area.bottom + 1}"><v>2</v></c></row></sheetData>`)),
    );
    const { sources } = await openWorkbook(bytes);
    const data = sources.data as NonNullable<typeof sources.data>;
    expect(data.values).toHaveLength(area.bottom);
    expect(data.values[area.bottom - 1][0]).toBe(1);
  });

  test('only workbook-scoped names into 基础数据表 are followed', async () => {
    const bytes = await edited((p) =>
      edit(p, 'xl/workbook.xml', (x) =>
        x.replace('<definedNames>', `<definedNames><definedName name="local_only" localSheetId="0">'基础数据表'!$C$5</definedName><definedName name="elsewhere">'指标体系'!$A$1</definedName>`),
      ),
    );
    const { sources } = await openWorkbook(bytes);
    expect(sources.names.get('actual_project')).toEqual({ row: 18, col: 3 });
    expect(sources.names.has('local_only')).toBe(false);
    expect(sources.names.has('elsewhere')).toBe(false);
  });

  test('the input buffer is never written to, even by writing a copy', async () => {
    const bytes = seedTemplate();
    const before = Buffer.from(bytes);
    await scoredCopy(bytes);
    expect(bytes.equals(before)).toBe(true);
  });
});

describe('withSheets: what a copy adds', () => {
  test('new sheet parts, rel ids and sheet ids never collide with theirs (part names compared ignoring case)', async () => {
    const bytes = await edited((p) => {
      addSheet(p, '台账', ledgerSheet());
      p.set('xl/worksheets/Sheet4.xml', Buffer.from('<orphan/>'));
      edit(p, 'xl/_rels/workbook.xml.rels', (x) => x.replace('</Relationships>', '<Relationship Id="rId4" Type="http://example.com/custom" Target="custom.xml"/></Relationships>'));
      edit(p, 'xl/workbook.xml', (x) => x.replace(/<sheet name="台账" sheetId="\d+"/, '<sheet name="台账" sheetId="4"'));
    });
    const copy = new ZipView(await scoredCopy(bytes));
    const added = copy.names().filter((n) => !new ZipView(bytes).has(n));
    expect(added).toEqual(['xl/worksheets/sheet5.xml', 'xl/worksheets/sheet6.xml', 'xl/worksheets/sheet7.xml']);
    const sheets = elements(copy.text('xl/workbook.xml'), 'sheet').map((s) => Object.fromEntries(attributes(s.slice(6, -2))));
    expect(sheets.map((s) => s.sheetId)).toEqual(['1', '2', '4', '3', '5', '6']);
    const ids = elements(copy.text('xl/_rels/workbook.xml.rels'), 'Relationship').map((r) => attributes(r).get('Id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(copy.text('xl/worksheets/Sheet4.xml')).toBe('<orphan/>');
  });

  test('entries keep their order; our new sheets come last', async () => {
    const bytes = seedTemplate();
    const names = new ZipView(await scoredCopy(bytes)).names();
    expect(names.slice(0, new ZipView(bytes).names().length)).toEqual(new ZipView(bytes).names());
  });

  test('print titles of our new sheets are sheet-scoped names at their tab positions', async () => {
    const workbook = new ZipView(await scoredCopy(seedTemplate())).text('xl/workbook.xml');
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="2">'评分表'!$3:$3</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="3">'问题清单'!$3:$3</definedName>`);
  });

  test('a workbook without definedNames, calcPr or styles gets them, in schema order', async () => {
    const bytes = await edited((p) => {
      edit(p, 'xl/workbook.xml', (x) => x.replace(/<definedNames>[\s\S]*<\/definedNames>/, '').replace(/<calcPr[^>]*\/>/, ''));
      p.delete('xl/styles.xml');
      edit(p, 'xl/_rels/workbook.xml.rels', (x) => x.replace(/<Relationship [^>]*\/styles"[^>]*\/>/, ''));
      edit(p, '[Content_Types].xml', (x) => x.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''));
    });
    const wb = await openWorkbook(bytes);
    const scored = scoreWorkbookSources(wb.sources);
    // By labels: the names are gone.
    expect(scored.ok && scored.result.total).toBe(SEED_TOTAL);
    const copy = new ZipView(wb.withSheets(scored.ok ? outputPlans(scored.result, scored.profile, scored.raw) : []));
    expect(copy.text('xl/workbook.xml')).toMatch(/<\/sheets><definedNames>[\s\S]*<\/definedNames><calcPr fullCalcOnLoad="1"\/><\/workbook>$/);
    expect(copy.has('xl/styles.xml')).toBe(true);
    expect(copy.text('xl/_rels/workbook.xml.rels')).toMatch(/Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/styles" Target="styles.xml"/);
    expect(copy.text('[Content_Types].xml')).toContain('<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>');
  });

  test('calcPr keeps its attributes and gets exactly one fullCalcOnLoad="1"', async () => {
    const bytes = await edited((p) => edit(p, 'xl/workbook.xml', (x) => x.replace(/<calcPr[^>]*\/>/, '<calcPr calcId="191029" fullCalcOnLoad="0" iterate="1"/>')));
    const workbook = new ZipView(await scoredCopy(bytes)).text('xl/workbook.xml');
    expect(elements(workbook, 'calcPr')).toEqual(['<calcPr calcId="191029" iterate="1" fullCalcOnLoad="1"/>']);
  });

  test('writing the same plans twice gives the same bytes', async () => {
    const wb = await openWorkbook(seedTemplate());
    const scored = scoreWorkbookSources(wb.sources);
    if (!scored.ok) throw new Error('seed invalid');
    const plans = outputPlans(scored.result, scored.profile, scored.raw);
    expect(wb.withSheets(plans).equals(wb.withSheets(plans))).toBe(true);
  });
});

describe('withSheets: rescoring a copy', () => {
  test('our sheets are rewritten where the officer moved them, in their own parts', async () => {
    const first = await scoredCopy(seedTemplate());
    // The officer drags 评分表 to the front.
    const moved = await edited((p) =>
      edit(p, 'xl/workbook.xml', (x) => {
        const scores = /<sheet name="评分表"[^>]*\/>/.exec(x)?.[0] as string;
        return x.replace(scores, '').replace('<sheets>', `<sheets>${scores}`);
      }),
    first);
    const again = new ZipView(await scoredCopy(moved));
    const sheets = elements(again.text('xl/workbook.xml'), 'sheet');
    expect(sheets[0]).toMatch(/^<sheet name="评分表" sheetId="3" r:id="rId\d+"\/>$/);
    expect(again.names()).toEqual(new ZipView(first).names());
  });

  test('our marker left #REF! by a deleted sheet is defined again, once', async () => {
    const first = await scoredCopy(seedTemplate());
    const deleted = await edited((p) =>
      edit(p, 'xl/workbook.xml', (x) =>
        x
          .replace(/<sheet name="评分表"[^>]*\/>/, '')
          .replace(`<definedName name="_jxpj_scores">'评分表'!$A$1</definedName>`, '<definedName name="_jxpj_scores">#REF!$A$1</definedName>')
          .replace(/<definedName name="_xlnm.Print_Titles" localSheetId="[23]">[^<]*<\/definedName>/g, ''),
      ),
    first);
    const workbook = new ZipView(await scoredCopy(deleted)).text('xl/workbook.xml');
    expect(workbook.match(/name="_jxpj_scores"/g)).toHaveLength(1);
    expect(workbook).toContain(`<definedName name="_jxpj_scores">'评分表'!$A$1</definedName>`);
  });

  test('a renamed sheet of ours stays as the officer keeps it; a fresh 评分表 is added', async () => {
    const first = await scoredCopy(seedTemplate());
    const renamed = await edited((p) =>
      edit(p, 'xl/workbook.xml', (x) => x.replace('<sheet name="评分表"', '<sheet name="评分表（上次）"').replace(/'评分表'!/g, "'评分表（上次）'!")),
    first);
    const workbook = new ZipView(await scoredCopy(renamed)).text('xl/workbook.xml');
    expect(elements(workbook, 'sheet').map((s) => attributes(s).get('name'))).toEqual(['基础数据表', '指标体系', '评分表（上次）', '问题清单', '报告草稿', '评分表']);
    expect(workbook.match(/name="_jxpj_scores"/g)).toHaveLength(1);
    expect(workbook).toContain(`<definedName name="_jxpj_scores">'评分表'!$A$1</definedName>`);
  });

  // Styles identical to ones already in the stylesheet are reused (they were appended again on
  // every rescore before; found by the hostile suite), so rescoring is idempotent.
  test('rescoring an unchanged copy changes nothing: styles.xml does not grow, the bytes are the same', async () => {
    const first = await scoredCopy(seedTemplate());
    const second = await scoredCopy(first);
    const counts = (b: Buffer) => {
      const styles = new ZipView(b).text('xl/styles.xml');
      return ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs'].map((c) => new RegExp(`<${c} count="(\\d+)"`).exec(styles)?.[1]);
    };
    expect(counts(second)).toEqual(counts(first));
    expect(second.equals(first)).toBe(true);
  });
});

describe('zip.ts', () => {
  test('crc32 agrees with zlib', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (a) => crc32(Buffer.from(a)) === zlib.crc32(Buffer.from(a)) >>> 0));
  });

  test('writeZip(readZip(x)) keeps every entry’s stored bytes and opens in JSZip', async () => {
    const bytes = seedTemplate();
    const entries = [...readZip(bytes).values()];
    const again = writeZip(entries);
    const zip = await JSZip.loadAsync(again, { checkCRC32: true });
    for (const e of entries) {
      expect(readZip(again).get(e.name)?.data.equals(e.data)).toBe(true);
      expect((await zip.file(e.name)?.async('nodebuffer'))?.equals(inflateEntry(e, 1 << 26))).toBe(true);
    }
  });

  test('inflateEntry refuses more than its limit, stored or deflated', () => {
    const raw = Buffer.alloc(1 << 20, 0x20);
    for (const e of [newEntry('a.xml', raw), { ...newEntry('a.xml', raw), method: 0, data: raw }]) {
      expect(() => inflateEntry(e, (1 << 20) - 1)).toThrow(WorkbookFileError);
      expect(inflateEntry(e, 1 << 20).equals(raw)).toBe(true);
    }
  });

  test('streamEntryText stops when told: what follows is never inflated', async () => {
    const e = newEntry('big.xml', Buffer.alloc(8 << 20, 0x61));
    let chunks = 0;
    await streamEntryText(e, 1 << 30, () => (chunks++, false));
    expect(chunks).toBe(1);
  });
});

describe('sniff.ts', () => {
  test.each([
    ['a spanned-archive part', Buffer.from([0x50, 0x4b, 0x07, 0x08, 0, 0, 0, 0]), 'not-xlsx', '这是分卷压缩包的一部分，不是 Excel 工作簿。'],
    ['a web page saved as .xlsx', Buffer.from('<!DOCTYPE html><html><table></table></html>'), 'not-xlsx', '这是 XML/网页格式的文件（可能是“XML 电子表格”或网页另存的表格），不是 .xlsx 工作簿。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后重试。'],
  ])('%s', (_what, bytes, kind, message) => {
    expect(() => refuseNonZip(bytes)).toThrow(expect.objectContaining({ kind, message }));
  });

  test('an Office package with no workbook in it', () => {
    const entries = readZip(writeZip([newEntry('[Content_Types].xml', '<Types/>'), newEntry('docProps/app.xml', '<Properties/>')]));
    expect(() => refuseForeignZip(entries, false)).toThrow(
      expect.objectContaining({ kind: 'not-xlsx', message: '这是 Office 文件，但其中没有工作簿内容。请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（*.xlsx）后重试。' }),
    );
  });
});
