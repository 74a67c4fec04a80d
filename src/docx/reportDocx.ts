/**
 * The report draft as Word, in the format finance bureaus expect of an official document (党政机关公文格式,
 * GB/T 9704-2012; spec report.md): A4 portrait with the standard margins, title in 方正小标宋简体,
 * body in 仿宋_GB2312 on a fixed 28 pt line, 一级标题 in 黑体, 二级标题 in 楷体_GB2312, 表1 with its
 * header row repeated on every page, page numbers “— 1 —”, placeholders highlighted yellow.
 *
 * One builder for both callers: the CLI packs it to a Buffer, the task pane to a Blob. Nothing here
 * needs Node (no fs, no Buffer), so it bundles for the browser.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type OutputByType,
} from 'docx';
import type { Paragraph as DraftParagraph, ReportDraft, Run, ScoreTable } from '../engine/report';
import { groupRuns } from '../layout/plan';

/** Millimetres → twentieths of a point (twips), as Word stores page measures. */
export const mmToTwips = (mm: number) => Math.round((mm * 1440) / 25.4);

/** A4 portrait and the margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
export const PAGE = {
  width: mmToTwips(210),
  height: mmToTwips(297),
  top: mmToTwips(37),
  bottom: mmToTwips(35),
  left: mmToTwips(28),
  right: mmToTwips(26),
  /** The page number sits about 7 mm below the text block. */
  footer: mmToTwips(23),
} as const;

/** The faces of the 公文 format, and the alternates Word falls back to where a machine lacks them. */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

const ALT_NAMES: { name: string; altName: string }[] = [
  { name: FONTS.title, altName: '宋体' },
  { name: FONTS.body, altName: '仿宋' },
  { name: FONTS.heading2, altName: '楷体' },
  { name: FONTS.heading1, altName: 'SimHei' },
  { name: FONTS.pageNumber, altName: 'SimSun' },
];

/** Sizes in half-points, as w:sz holds them: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小4号 12 pt. */
const SIZE = { title: 44, body: 32, caption: 28, pageNumber: 28, table: 24 } as const;
/** Fixed line spacing: 28 pt for the text, 36 pt for the two-line title, 20 pt in the table. */
const LINE = { body: 560, title: 720, table: 400 } as const;
/** First-line indent of two characters (Word's unit: hundredths of a character), with its twips for other readers. */
const INDENT_2_CHARS = { firstLineChars: 200, firstLine: 2 * 16 * 20 } as const;

const face = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT });

const STYLE = { title: 'ReportTitle', body: 'ReportBody', caption: 'ReportCaption', table: 'ReportTable', sign: 'ReportSign' } as const;

function styles() {
  return {
    default: {
      document: {
        run: { font: face(FONTS.body), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { ...exact(LINE.body), before: 0, after: 0 } },
      },
      heading1: {
        run: { font: face(FONTS.heading1), size: SIZE.body, bold: false, color: '000000' },
        paragraph: { spacing: exact(LINE.body), indent: INDENT_2_CHARS, keepNext: true, outlineLevel: 0 },
      },
      heading2: {
        run: { font: face(FONTS.heading2), size: SIZE.body, bold: false, italics: false, color: '000000' },
        paragraph: { spacing: exact(LINE.body), indent: INDENT_2_CHARS, keepNext: true, outlineLevel: 1 },
      },
    },
    paragraphStyles: [
      {
        id: STYLE.title,
        name: '报告标题',
        basedOn: 'Normal',
        next: STYLE.body,
        run: { font: face(FONTS.title), size: SIZE.title },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact(LINE.title), after: LINE.body } },
      },
      {
        id: STYLE.body,
        name: '报告正文',
        basedOn: 'Normal',
        run: { font: face(FONTS.body), size: SIZE.body },
        paragraph: { alignment: AlignmentType.BOTH, spacing: exact(LINE.body), indent: INDENT_2_CHARS },
      },
      {
        id: STYLE.caption,
        name: '报告表题',
        basedOn: 'Normal',
        run: { font: face(FONTS.heading1), size: SIZE.caption },
        paragraph: { alignment: AlignmentType.CENTER, spacing: exact(LINE.body), keepNext: true },
      },
      {
        id: STYLE.table,
        name: '报告表格',
        basedOn: 'Normal',
        run: { font: face(FONTS.body), size: SIZE.table },
        paragraph: { alignment: AlignmentType.CENTER, spacing: exact(LINE.table) },
      },
      {
        id: STYLE.sign,
        name: '报告落款',
        basedOn: 'Normal',
        run: { font: face(FONTS.body), size: SIZE.body },
        paragraph: { alignment: AlignmentType.RIGHT, spacing: exact(LINE.body), indent: { right: 4 * 16 * 20 } },
      },
    ],
  };
}

function textRun(run: Run): TextRun {
  return new TextRun({ text: run.text, bold: run.bold, highlight: run.placeholder ? 'yellow' : undefined });
}

const PARAGRAPH_STYLE: Record<DraftParagraph['kind'], string> = {
  body: STYLE.body,
  item: STYLE.body,
  heading2: 'Heading2',
  caption: STYLE.caption,
};

function paragraph(p: DraftParagraph, keepNext = false): Paragraph {
  return new Paragraph({ style: PARAGRAPH_STYLE[p.kind], keepNext: keepNext || undefined, children: p.runs.map(textRun) });
}

/** Characters of 2号 text the text block holds on a line (156 mm ÷ 22 pt). */
const TITLE_LINE = 20;
/** Full-width characters count one, half-width (digits) a half. */
const ems = (s: string) => [...s].reduce((n, ch) => n + (/[\u2E80-\uFFFF]/u.test(ch) ? 1 : 0.5), 0);

/** The title; one too long for a line breaks after the unit's name rather than mid-word. */
function title(draft: ReportDraft): Paragraph {
  const dept = draft.signature.department;
  const rest = draft.title.slice(dept.length);
  const split = ems(draft.title) > TITLE_LINE && draft.title.startsWith(dept) && rest !== '';
  const children = split ? [new TextRun(dept), new TextRun({ text: rest, break: 1 })] : [new TextRun(draft.title)];
  return new Paragraph({ style: STYLE.title, children });
}

/** 一级标题 “一、…” in 黑体; an unnumbered one (前言) is centred, as the seed report sets it. */
function sectionHeading(text: string): Paragraph {
  const numbered = /^[一二三四五六七八九十]+、/u.test(text);
  return new Paragraph({
    style: 'Heading1',
    alignment: numbered ? undefined : AlignmentType.CENTER,
    indent: numbered ? undefined : { firstLine: 0, firstLineChars: 0 },
    children: [new TextRun(text)],
  });
}

/** 表1 spans the text block's full width (156 mm); column widths in twips. */
const TABLE_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 一级, 二级 and 三级 each take their longest default name (4, 6, 16 characters of 小4号) on one line. */
const COLUMNS = [1200, 1700, TABLE_WIDTH - 1200 - 1700 - 850 - 1000, 850, 1000];

/**
 * A cell's text. Every row but the last keeps with the next, so Word moves a table that fits on a
 * page to the next one rather than leaving its first rows alone at the bottom of this one.
 */
const cellText = (text: string, bold: boolean, keepNext: boolean) =>
  new Paragraph({ style: STYLE.table, keepNext: keepNext || undefined, children: [new TextRun({ text, bold: bold || undefined })] });

function cell(text: string, column: number, { bold = false, rowSpan = 1, columnSpan = 1, keepNext = true } = {}): TableCell {
  const width = COLUMNS.slice(column, column + columnSpan).reduce((a, b) => a + b, 0);
  return new TableCell({
    children: [cellText(text, bold, keepNext)],
    rowSpan,
    columnSpan,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
  });
}

const weightText = (w: number) => String(Number(w.toFixed(2)));
const scoreText = (s: number) => s.toFixed(2);

/** Rows spanned by each first occurrence of a run of equal keys; 0 where a row continues the run. */
function spans<T>(items: T[], key: (t: T) => string): number[] {
  const out = items.map(() => 0);
  for (const [start, end] of groupRuns(items, key)) out[start] = end - start + 1;
  return out;
}

function scoreTable(table: ScoreTable): Table {
  const rowHeight = { value: 400, rule: HeightRule.ATLEAST };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: rowHeight,
    children: table.header.map((h, i) => cell(h, i, { bold: true })),
  });
  const level1 = spans(table.rows, (r) => r.level1);
  const level2 = spans(table.rows, (r) => `${r.level1}/${r.level2}`);
  const rows = table.rows.map(
    (r, i) =>
      new TableRow({
        cantSplit: true,
        height: rowHeight,
        children: [
          ...(level1[i] ? [cell(r.level1, 0, { rowSpan: level1[i] })] : []),
          ...(level2[i] ? [cell(r.level2, 1, { rowSpan: level2[i] })] : []),
          cell(r.name, 2),
          cell(weightText(r.weight), 3),
          cell(scoreText(r.score), 4),
        ],
      }),
  );
  const totals = table.totals.map((t, i) => {
    const keepNext = i < table.totals.length - 1;
    return new TableRow({
      cantSplit: true,
      height: rowHeight,
      children: [
        cell(t.label, 0, { bold: true, columnSpan: 3, keepNext }),
        cell(t.weight === null ? '' : weightText(t.weight), 3, { bold: true, keepNext }),
        cell(scoreText(t.score), 4, { bold: true, keepNext }),
      ],
    });
  });
  return new Table({
    rows: [header, ...rows, ...totals],
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
  });
}

/** “— 1 —” in 宋体 4号 at the bottom centre. */
function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        indent: { firstLine: 0, firstLineChars: 0 },
        children: [
          new TextRun({
            font: face(FONTS.pageNumber),
            size: SIZE.pageNumber,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** The report draft as a Word document. */
export function reportDocument(draft: ReportDraft): Document {
  const children: (Paragraph | Table)[] = [title(draft)];
  for (const section of draft.sections) {
    children.push(sectionHeading(section.heading));
    for (const p of section.paragraphs) {
      children.push(paragraph(p));
      if (p.kind === 'caption') children.push(scoreTable(draft.table));
    }
  }
  // The 落款 never stands alone on the last page: it keeps with the paragraph before it.
  const last = draft.sections[draft.sections.length - 1]?.paragraphs.slice(-1)[0];
  if (last) children.splice(children.length - 1, 1, paragraph(last, true));
  children.push(
    new Paragraph({ style: STYLE.body, keepNext: true, children: [] }),
    new Paragraph({ style: STYLE.sign, keepNext: true, children: [textRun({ text: draft.signature.department })] }),
    new Paragraph({ style: STYLE.sign, children: [textRun(draft.signature.date)] }),
  );
  return new Document({
    creator: '绩效自评助手',
    title: draft.title,
    description: '部门整体支出绩效自评报告（草稿）',
    styles: styles(),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: PAGE.footer },
          },
        },
        footers: { default: pageNumberFooter() },
        children,
      },
    ],
  });
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * word/fontTable.xml naming each face with its alternate (`w:altName`), GB2312 charset, so Word on a
 * machine without 仿宋_GB2312 falls back to 仿宋. The docx package writes only embedded fonts there.
 */
export const FONT_TABLE_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  ALT_NAMES.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}"><w:altName w:val="${escapeXml(f.altName)}"/>` +
      '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>',
  ).join('') +
  '</w:fonts>';

/** The parts every caller packs over the generated ones: `Packer.toBuffer(doc, false, REPORT_PACK_OVERRIDES)`. */
export const REPORT_PACK_OVERRIDES: readonly { path: string; data: string }[] = [{ path: 'word/fontTable.xml', data: FONT_TABLE_XML }];

/**
 * The .docx of a draft, in one call: `packReport(draft, 'nodebuffer')` in the CLI (a Buffer to write),
 * `packReport(draft, 'blob')` in the task pane (a Blob to save).
 */
export function packReport<T extends 'nodebuffer' | 'blob' | 'uint8array'>(draft: ReportDraft, type: T): Promise<OutputByType[T]> {
  return Packer.pack(reportDocument(draft), type, false, REPORT_PACK_OVERRIDES);
}
