import { DEFAULT_PROFILE, scoreDepartment, type RawValue } from '../../src/engine';
import { FIELDS, SECTIONS } from '../../src/engine/fields';
import { draftReport, type ReportDraft } from '../../src/engine/report';
import { MARKERS, SHEET_REPORT, STYLES, type PlannedCell, type SheetPlan } from '../../src/layout/plan';
import { MAX_ROW_HEIGHT, REPORT_NOTE, REPORT_WIDTHS, reportSheetPlan, splitToRows } from '../../src/layout/reportSheet';
import { DATA_ROWS, dataCellOf, dataSheetPlan } from '../../src/layout/template';
import { SEED, seedWith } from '../support/seed';

function draftOf(values: Record<string, RawValue>): ReportDraft {
  const out = scoreDepartment({ values });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return draftReport({ result: out.result, values, profile: DEFAULT_PROFILE });
}

/** Column A's cells (the paragraphs, and 表1's first column), by row. */
const columnA = (plan: SheetPlan): Map<number, PlannedCell> =>
  new Map(plan.cells.filter((c) => c.col === 1 && c.value !== null).map((c) => [c.row, c]));
const rowOf = (plan: SheetPlan, text: string) => [...columnA(plan).values()].find((c) => c.value === text)?.row;

describe('the 报告草稿 sheet of the seed', () => {
  const draft = draftOf(SEED);
  const plan = reportSheetPlan(draft);
  const a = columnA(plan);

  test('is ours, A4 portrait, about a page wide', () => {
    expect(plan.name).toBe('报告草稿');
    expect(plan.name).toBe(SHEET_REPORT);
    expect(plan.marker).toBe('_jxpj_report');
    expect(MARKERS[SHEET_REPORT]).toBe('_jxpj_report');
    expect(plan.print.landscape).toBe(false);
    expect(plan.columnWidths).toEqual(REPORT_WIDTHS);
    expect(REPORT_WIDTHS.reduce((x, y) => x + y)).toBe(90);
  });

  test('row 1 is the note: narrative belongs in 基础数据表 section 七, and the sheet is regenerated', () => {
    expect(a.get(1)).toMatchObject({ value: REPORT_NOTE, style: 'reportNote' });
    expect(REPORT_NOTE).toContain('“基础数据表”的“七、报告信息（选填）”');
    expect(REPORT_NOTE).toContain('每次计算评分都会重新生成');
    expect(a.get(2)).toMatchObject({ value: draft.title, style: 'reportTitle' });
  });

  test('a paragraph a row in column A, merged across the width; headings bold', () => {
    for (const heading of draft.sections.map((s) => s.heading)) {
      const row = rowOf(plan, heading) as number;
      expect(a.get(row)?.style).toBe('reportHeading');
      expect(plan.merges).toContainEqual({ top: row, left: 1, bottom: row, right: 5 });
    }
    expect(STYLES.reportHeading.bold).toBe(true);
    expect(STYLES.reportHeading2.bold).toBe(true);
    expect(a.get(rowOf(plan, '（二）评价结果') as number)?.style).toBe('reportHeading2');
    const contract = [...a.values()].find((c) => String(c.value).includes('本年下降52.07个百分点'));
    expect(contract).toMatchObject({ style: 'reportBody', numFmt: '@' });
    expect(String(contract?.value)).toMatch(/^\u3000\u30002018年度调整后预算合计209\.38万元/);
  });

  test('placeholder rows are yellow, and only they', () => {
    const yellow = [...a.values()].filter((c) => c.style === 'placeholder' || c.style === 'placeholderSign').map((c) => String(c.value).trim());
    expect(yellow).toEqual([
      '为加强预算绩效管理，提高财政资金使用效益，根据【请填写：评价依据文件】的要求，南昌市总工会职工服务中心对2018年度部门整体支出开展了绩效自评。现将自评情况报告如下：',
      '【请填写：部门职能、内设机构】',
      '评价时间：【请填写：评价时间】。',
      '【请填写：履职效益（社会效益、可持续影响）】',
      '【请填写：其他需要说明的问题（如无，写“无”）】',
      '【日期】',
    ]);
    expect(STYLES.placeholder.fill).toBe('FFFF00');
    expect(STYLES.placeholderSign.fill).toBe('FFFF00');
  });

  test('表1 as a small table: header, 18 indicators with grouped 一级/二级, the total', () => {
    const header = rowOf(plan, '一级指标') as number;
    expect(a.get(header - 1)?.value).toBe('表1  2018年度部门整体支出绩效评价得分一览表');
    const row = (r: number) => plan.cells.filter((c) => c.row === r).sort((x, y) => x.col - y.col).map((c) => c.value);
    expect(row(header)).toEqual(['一级指标', '二级指标', '三级指标', '权重', '得分']);
    expect(row(header + 7)).toEqual([null, null, '项目支出预算完成率', 8, 1.65]);
    expect(row(header + 19)).toEqual(['总分', null, null, 100, 88.65]);
    expect(plan.merges).toContainEqual({ top: header + 1, left: 1, bottom: header + 5, right: 1 });
    expect(plan.merges).toContainEqual({ top: header + 6, left: 1, bottom: header + 15, right: 1 });
    expect(plan.merges).toContainEqual({ top: header + 6, left: 2, bottom: header + 11, right: 2 });
    expect(plan.cells.find((c) => c.row === header + 7 && c.col === 5)?.numFmt).toBe('0.00');
  });

  test('the 落款 closes the sheet, right-aligned', () => {
    const last = Math.max(...a.keys());
    expect(a.get(last - 1)).toMatchObject({ value: '南昌市总工会职工服务中心', style: 'reportSign' });
    expect(a.get(last)).toMatchObject({ value: '【日期】', style: 'placeholderSign' });
    expect(STYLES.reportSign.align).toBe('right');
  });

  test('every row fits Excel’s 409 pt', () => {
    const heights = Object.values(plan.rowHeights);
    expect(heights.length).toBeGreaterThan(60);
    expect(Math.max(...heights)).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
  });
});

describe('long paragraphs are split so that no row passes 409 pt', () => {
  const sentence = '社会效益：为建档困难职工发放救助资金316.80万元，并赠送职工互助保障计划；';
  const long = sentence.repeat(120) + '可持续影响：逐步形成四级帮扶工作网络。';

  test('at sentence ends, nothing lost, each piece within the limit', () => {
    const pieces = splitToRows(long);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(long);
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/；$/);
  });

  test('a sentence with no end, as long as a cell holds (32,767 characters), is cut where it must be', () => {
    const run = '无标点的长文字'.repeat(4681);
    expect(run).toHaveLength(32767);
    const pieces = splitToRows(run);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(run);
  });

  test('in the plan: several rows, all within the limit, a given “=”-led text kept as text', () => {
    const plan = reportSheetPlan(draftOf(seedWith({ benefits: long, other_notes: '=1+1' })));
    const rows = plan.cells.filter((c) => typeof c.value === 'string' && c.value.includes('社会效益：'));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((c) => c.style === 'reportBody' && c.col === 1 && c.numFmt === '@')).toBe(true);
    expect(Math.max(...Object.values(plan.rowHeights))).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(plan.cells.find((c) => c.value === '\u3000\u3000=1+1')).toMatchObject({ col: 1, numFmt: '@', style: 'reportBody' });
  });
});

describe('section 七 on the template (基础数据表)', () => {
  const narrative = ['basis_documents', 'dept_functions', 'dept_structure', 'eval_period', 'benefits', 'other_notes'];

  test('six optional text fields, no default, in section 七、报告信息（选填）', () => {
    expect(SECTIONS[SECTIONS.length - 1]).toEqual({ id: 'G', title: '七、报告信息（选填）' });
    const g = FIELDS.filter((f) => f.section === 'G');
    expect(g.map((f) => [f.id, f.label, f.kind, f.required])).toEqual([
      ['basis_documents', '评价依据文件', 'text', false],
      ['dept_functions', '主要职能', 'text', false],
      ['dept_structure', '内设机构', 'text', false],
      ['eval_period', '评价工作时间', 'text', false],
      ['benefits', '履职效益（社会效益、可持续影响）', 'text', false],
      ['other_notes', '其他需要说明的问题', 'text', false],
    ]);
  });

  test('their rows come after every existing one; C18 stays actual_project', () => {
    expect(dataCellOf('actual_project')).toBe('基础数据表!C18');
    const others = FIELDS.filter((f) => f.section !== 'G').map((f) => DATA_ROWS.fields[f.id]);
    const first = Math.min(...narrative.map((id) => DATA_ROWS.fields[id]));
    expect(first).toBe(Math.max(...others) + 2);
    expect(DATA_ROWS.last).toBe(DATA_ROWS.fields.other_notes);
  });

  test('their input cells are text-formatted and named by field id', () => {
    const plan = dataSheetPlan();
    for (const id of narrative) {
      const row = DATA_ROWS.fields[id];
      expect(plan.cells.find((c) => c.row === row && c.col === 3)?.numFmt).toBe('@');
      expect(plan.names).toContainEqual({ name: id, row, col: 3 });
    }
  });
});
