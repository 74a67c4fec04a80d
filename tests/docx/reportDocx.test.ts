import * as fs from 'fs';
import * as path from 'path';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { DEFAULT_PROFILE, scoreDepartment, type RawValue } from '../../src/engine';
import { draftReport, type ReportDraft } from '../../src/engine/report';
import { FONT_TABLE_XML, REPORT_PACK_OVERRIDES, packReport, reportDocument } from '../../src/docx/reportDocx';
import { SEED, seedWith } from '../support/seed';

function draftOf(values: Record<string, RawValue>): ReportDraft {
  const out = scoreDepartment({ values });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return draftReport({ result: out.result, values, profile: DEFAULT_PROFILE });
}

type Parts = Record<'document' | 'styles' | 'fontTable' | 'footer', string>;

async function partsOf(bytes: Buffer | Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (p: string) => {
    const file = zip.file(p);
    if (!file) throw new Error(`no ${p} in the package`);
    return file.async('string');
  };
  const rels = await read('word/_rels/document.xml.rels');
  const footer = /Target="(footer\d+\.xml)"/.exec(rels)?.[1] as string;
  return {
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    fontTable: await read('word/fontTable.xml'),
    footer: await read(`word/${footer}`),
  };
}

/** Each w:p's text, in order (table cells included). */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) =>
    [...(m[1] ?? m[2]).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );

/** Each w:r with its properties and text. */
const runs = (xml: string) =>
  [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => ({
    props: /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(m[1])?.[1] ?? '',
    text: [...m[1].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));

/** The w:style element of the given styleId. */
const style = (xml: string, id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(xml)?.[0] ?? '';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the report .docx of the seed', () => {
  let parts: Parts;
  beforeAll(async () => {
    parts = await partsOf(await packReport(draftOf(SEED), 'nodebuffer'));
  });

  test('the text carries the figures, the contract sentence, the problems and 表1', () => {
    const text = paragraphs(parts.document).map(unescape);
    expect(text[0]).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告');
    expect(text).toContain(
      '2018年度调整后预算合计209.38万元，其中基本支出73.88万元、项目支出135.50万元；决算支出合计100.36万元，预算完成率47.93%，低于90%，预算执行情况有待改进。' +
        '上年调整后预算216.81万元、决算支出216.81万元，完成率100.00%，本年下降52.07个百分点。',
    );
    expect(text.some((t) => t.includes('综合得分88.65分，评价等级为“良”'))).toBe(true);
    expect(text.filter((t) => /^[1-4]．/.test(t))).toHaveLength(8);
    expect(text).toContain('表1  2018年度部门整体支出绩效评价得分一览表');
    const caption = text.indexOf('表1  2018年度部门整体支出绩效评价得分一览表');
    expect(text.slice(caption + 1, caption + 6)).toEqual(['一级指标', '二级指标', '三级指标', '权重', '得分']);
    expect(text).toContain('项目支出预算完成率');
    expect(text).toContain('1.65');
    expect(text).toContain('88.65');
    expect(text.slice(-2)).toEqual(['南昌市总工会职工服务中心', '【日期】']);
  });

  test('A4 portrait with the four margins of GB/T 9704, in twips', () => {
    expect(parts.document).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const margins = /<w:pgMar ([^>]*)\/>/.exec(parts.document)?.[1] ?? '';
    expect(margins).toContain('w:top="2098"'); // 37 mm
    expect(margins).toContain('w:bottom="1984"'); // 35 mm
    expect(margins).toContain('w:left="1587"'); // 28 mm
    expect(margins).toContain('w:right="1474"'); // 26 mm
  });

  test.each([
    ['ReportTitle', '方正小标宋简体', 44],
    ['ReportBody', '仿宋_GB2312', 32],
    ['Heading1', '黑体', 32],
    ['Heading2', '楷体_GB2312', 32],
    ['ReportTable', '仿宋_GB2312', 24],
    ['ReportCaption', '黑体', 28],
  ])('style %s: eastAsia %s, w:sz %i half-points', (id, font, size) => {
    const s = style(parts.styles, id);
    expect(s).toContain(`w:eastAsia="${font}"`);
    expect(s).toContain(`<w:sz w:val="${size}"/>`);
  });

  test('body: first-line indent of 2 characters, exact 28 pt lines; title centred', () => {
    const body = style(parts.styles, 'ReportBody');
    expect(body).toMatch(/<w:spacing w:line="560" w:lineRule="exact"\/>/);
    expect(body).toMatch(/<w:ind w:firstLine="640" w:firstLineChars="200"\/>/);
    expect(style(parts.styles, 'ReportTitle')).toContain('<w:jc w:val="center"/>');
    expect(parts.styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
  });

  test('the font table names the alternates Word falls back to', () => {
    expect(parts.fontTable).toBe(FONT_TABLE_XML);
    for (const [name, alt] of [
      ['方正小标宋简体', '宋体'],
      ['仿宋_GB2312', '仿宋'],
      ['楷体_GB2312', '楷体'],
    ]) {
      expect(parts.fontTable).toContain(`<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/>`);
    }
  });

  test('表1: one table, its header row repeated on every page, 18 indicators and the total', () => {
    const tables = parts.document.match(/<w:tbl>/g) ?? [];
    expect(tables).toHaveLength(1);
    const rows = parts.document.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(1 + 18 + 1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows.slice(1).every((r) => !r.includes('<w:tblHeader/>'))).toBe(true);
    expect(paragraphs(rows[19])).toEqual(['总分', '100', '88.65']);
    // 一级 in 3 merged groups, 二级 in 5: 8 merged cells spanning 36 rows between them.
    expect(parts.document.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(8);
    expect(parts.document.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(36 - 8);
  });

  test('page numbers “— 1 —” in 宋体 14 pt at the bottom centre', () => {
    expect(parts.document).toMatch(/<w:footerReference w:type="default" r:id="rId\d+"\/>/);
    expect(parts.footer).toContain('<w:jc w:val="center"/>');
    const r = runs(parts.footer);
    expect(r.map((x) => x.text).join('')).toBe('—  —');
    expect(parts.footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
    expect(parts.footer).toContain('<w:fldChar w:fldCharType="begin"/>');
    for (const x of r) {
      expect(x.props).toContain('w:eastAsia="宋体"');
      expect(x.props).toContain('<w:sz w:val="28"/>');
    }
  });

  test('placeholders, and only they, are highlighted yellow', () => {
    const highlighted = runs(parts.document).filter((r) => r.props.includes('<w:highlight w:val="yellow"/>'));
    expect(highlighted.map((r) => unescape(r.text))).toEqual([
      '【请填写：评价依据文件】',
      '【请填写：部门职能、内设机构】',
      '【请填写：评价时间】',
      '【请填写：履职效益（社会效益、可持续影响）】',
      '【请填写：其他需要说明的问题（如无，写“无”）】',
      '【日期】',
    ]);
  });
});

describe('one builder, two callers', () => {
  test('Packer.toBuffer with the overrides gives the same parts as packReport', async () => {
    const draft = draftOf(seedWith({ eval_period: '2019年8月10日至9月2日' }));
    const viaPacker = await partsOf(await Packer.toBuffer(reportDocument(draft), false, REPORT_PACK_OVERRIDES));
    const viaPack = await partsOf(await packReport(draft, 'uint8array'));
    expect(viaPacker.fontTable).toBe(FONT_TABLE_XML);
    expect(viaPack.document).toBe(viaPacker.document);
    expect(viaPack.document).toContain('评价时间：2019年8月10日至9月2日。');
  });

  test('src/docx needs nothing of Node, so it bundles for the browser', () => {
    const dir = path.join(__dirname, '../../src/docx');
    for (const file of fs.readdirSync(dir)) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
      expect(code).not.toMatch(/from '(fs|path|os|stream|buffer)'|require\(|\bBuffer\b|process\./);
    }
  });
});
