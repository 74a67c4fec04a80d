/**
 * The sheet 报告草稿: the report draft a paragraph a row (merged across the print width, so its text
 * sits in column A), headings bold, placeholders yellow, 表1 as a small table, A4 portrait. A long
 * paragraph is split at sentence ends so that no row needs more than Excel's 409 pt.
 */
import type { Paragraph, ReportDraft, ScoreTable } from '../engine/report';
import { paragraphText } from '../engine/report';
import { PlanBuilder, SHEET_DATA, SHEET_REPORT, fitRowHeight, groupRuns, textWidth, type SheetPlan, type StyleName } from './plan';

/** 一级, 二级, 三级指标, 权重, 得分: together about the printable width of A4 portrait. */
export const REPORT_WIDTHS = [12, 16, 38, 10, 14];
const FULL_WIDTH = REPORT_WIDTHS.reduce((a, b) => a + b, 0);
const LAST = REPORT_WIDTHS.length;

/** Excel's largest row height, in points. */
export const MAX_ROW_HEIGHT = 409;

/** Two ideographic spaces: the first-line indent of body text, as officers type it in a cell. */
const INDENT = '\u3000\u3000';

export const REPORT_NOTE =
  `说明：本表由“绩效自评助手”根据“${SHEET_DATA}”自动生成，每次计算评分都会重新生成。` +
  `评价依据、主要职能、内设机构、评价时间、履职效益和其他说明请填写在“${SHEET_DATA}”的“七、报告信息（选填）”中，不要直接改在本表；` +
  '黄色行为尚待填写的内容。可导出 Word 报告后再作文字修改。';

const height = (text: string, lineHeight = 15) => fitRowHeight([{ text, width: FULL_WIDTH }], lineHeight);

/** The most text (in textWidth units) one row holds within 409 pt, as fitRowHeight measures it. */
const ROW_CAPACITY = (() => {
  let lo = 1;
  let hi = 1 << 16;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (height('x'.repeat(mid)) <= MAX_ROW_HEIGHT) lo = mid;
    else hi = mid - 1;
  }
  return lo;
})();

/** Pieces packed greedily up to one row's capacity; a piece is never split here. */
function pack(pieces: string[]): string[] {
  const out: string[] = [];
  let current = '';
  let width = 0;
  for (const piece of pieces) {
    const w = textWidth(piece);
    if (current && width + w > ROW_CAPACITY) {
      out.push(current);
      current = '';
      width = 0;
    }
    current += piece;
    width += w;
  }
  if (current) out.push(current);
  return out;
}

/** Text cut into pieces that each fit one row: at sentence ends (。；！？), or mid-sentence only when one sentence is too long. */
export function splitToRows(text: string): string[] {
  if (textWidth(text) <= ROW_CAPACITY) return [text];
  const sentences = text.match(/[^。；;！？!?]+[。；;！？!?]*|[。；;！？!?]+/gu) ?? [text];
  return pack(sentences.flatMap((s) => (textWidth(s) <= ROW_CAPACITY ? [s] : pack([...s]))));
}

const STYLE_OF: Record<Paragraph['kind'], StyleName> = {
  body: 'reportBody',
  item: 'reportBody',
  heading2: 'reportHeading2',
  caption: 'reportCaption',
};

export function reportSheetPlan(draft: ReportDraft): SheetPlan {
  const b = new PlanBuilder(SHEET_REPORT, REPORT_WIDTHS);
  let row = 1;
  const line = (text: string, style: StyleName, lineHeight = 15, extra = 0) => {
    b.merged(row, 1, LAST, text, style, { numFmt: '@' });
    b.height(row, height(text, lineHeight) + extra);
    row++;
  };

  line(REPORT_NOTE, 'reportNote', 13, 4);
  line(draft.title, 'reportTitle', 24, 8);
  for (const section of draft.sections) {
    line(section.heading, 'reportHeading', 18, 8);
    for (const p of section.paragraphs) {
      const indent = p.kind === 'body' || p.kind === 'item' ? INDENT : '';
      const style = p.runs.some((r) => r.placeholder) ? 'placeholder' : STYLE_OF[p.kind];
      for (const piece of splitToRows(indent + paragraphText(p))) line(piece, style);
      if (p.kind === 'caption') row = scoreTable(b, row, draft.table);
    }
  }
  row++;
  line(draft.signature.department, 'reportSign');
  line(draft.signature.date.text, draft.signature.date.placeholder ? 'placeholderSign' : 'reportSign');

  b.plan.print = { landscape: false };
  b.plan.tabColor = '70AD47';
  return b.plan;
}

/** 表1 from `top`; returns the row after it. */
function scoreTable(b: PlanBuilder, top: number, table: ScoreTable): number {
  table.header.forEach((h, i) => b.set(top, i + 1, h, 'header'));
  b.height(top, 20);
  const first = top + 1;
  table.rows.forEach((r, i) => {
    const row = first + i;
    b.set(row, 3, r.name, 'text');
    b.set(row, 4, r.weight, 'number', 'General');
    b.set(row, 5, r.score, 'number', '0.00');
    b.height(row, fitRowHeight([{ text: r.name, width: REPORT_WIDTHS[2] }]));
  });
  for (const [s, e] of groupRuns(table.rows, (x) => x.level1)) b.merged(first + s, 1, 1, table.rows[s].level1, 'group', { bottom: first + e });
  for (const [s, e] of groupRuns(table.rows, (x) => `${x.level1}/${x.level2}`)) {
    b.merged(first + s, 2, 2, table.rows[s].level2, 'group', { bottom: first + e });
  }
  let row = first + table.rows.length;
  for (const t of table.totals) {
    b.merged(row, 1, 3, t.label, 'total');
    b.set(row, 4, t.weight, 'total', 'General');
    b.set(row, 5, t.score, 'totalNumber', '0.00');
    b.height(row, 20);
    row++;
  }
  return row;
}
