/**
 * Safe in real Excel (issue 8): the Office.js adapter on the strict stand-in, in the situations an
 * officer's workbook really gets into. Every test also holds the adapter to Excel's read limits.
 */
import { FIELDS } from '../../src/engine/fields';
import { MAX_READ_CELLS } from '../../src/layout/bounds';
import { SCORE_KEY_NAMES } from '../../src/layout/output';
import { renamedSheetMessage, sheetConflictMessage } from '../../src/layout/ownership';
import { MARKERS, SHEET_DATA, SHEET_ISSUES, SHEET_PROFILE, SHEET_REPORT, SHEET_SCORES } from '../../src/layout/plan';
import { PROVENANCE_PREFIX, parseProvenance } from '../../src/layout/provenance';
import { DATA_ROWS } from '../../src/layout/template';
import type { ActionOutcome } from '../../src/taskpane/service';
import { FOREIGN_SHEET, SEED_VALUES, seededWorkbook, type FakeSheet, type FakeWorkbook } from '../support/fakeExcel';
import { emptyWorkbook, mostCellsRead, rowWith, serviceOver, wholeState } from './harness';

const COVER = '封面';
const inputCell = (id: string) => `C${DATA_ROWS.fields[id]}`;
const sheetOf = (book: FakeWorkbook, name: string) => book.sheet(name) as FakeSheet;
const total = (o: ActionOutcome) => (o.kind === 'scored' ? o.result.total : o);

// serviceOver (harness.ts) holds every scenario here to the read limit.
const over = serviceOver;

describe('1. rescoring rewrites our sheets in place', () => {
  test('a cover sheet referring to the total and the grade follows the new score, never #REF!', async () => {
    const book = seededWorkbook();
    book.setFormula(COVER, 'B2', '=评分表!F22');
    book.setFormula(COVER, 'B3', `=${SCORE_KEY_NAMES.total}`);
    book.setFormula(COVER, 'B4', `=${SCORE_KEY_NAMES.grade}`);
    const { service } = over(book);

    expect(total(await service.score())).toBe(88.65);
    const cover = sheetOf(book, COVER);
    expect([cover.value('B2'), cover.value('B3'), cover.value('B4')]).toEqual([88.65, 88.65, '良']);

    // The officer corrects a figure: 项目支出决算 from 26.48 to 120 万元 (its 基本＋项目＝合计 too).
    book.edit(SHEET_DATA, inputCell('actual_project'), 120);
    book.edit(SHEET_DATA, inputCell('actual_total'), 193.88);
    const again = await service.score();
    expect(again.kind).toBe('scored');
    const newTotal = total(again);
    expect(newTotal).not.toBe(88.65);
    expect([cover.value('B2'), cover.value('B3')]).toEqual([newTotal, newTotal]);
    expect(cover.cell('B2')?.formula).toBe('=评分表!F22');
  });

  test('a rewrite leaves no height of the previous run: rows the plan does not size are standard again', async () => {
    const { book, service } = over();
    await service.score();
    const issues = sheetOf(book, SHEET_ISSUES);
    issues.rowHeights.set(8, 120);
    issues.rowHeights.set(40, 200);
    await service.score();
    expect([issues.rowHeights.get(8), issues.rowHeights.get(40), issues.rowHeights.get(1)]).toEqual([14.25, 14.25, 30]);
  });

  test('the key cells carry workbook names at fixed addresses: 总分 F22, 评价等级 D23', async () => {
    const { book, service } = over();
    await service.score();
    expect(book.nameFormula(SCORE_KEY_NAMES.total)).toBe('=评分表!$F$22');
    expect(book.nameFormula(SCORE_KEY_NAMES.grade)).toBe('=评分表!$D$23');
  });

  test('each sheet of ours ends with its provenance: engine version, profile, input and content fingerprints', async () => {
    const { book, service } = over();
    await service.score();
    for (const name of [SHEET_SCORES, SHEET_ISSUES]) {
      const sheet = sheetOf(book, name);
      const row = rowWith(sheet, 'A', [...sheet.cells.values()].map((c) => c.value).find((v) => String(v).startsWith(PROVENANCE_PREFIX)) as string);
      expect(parseProvenance(String(sheet.value(`A${row}`)))).toMatchObject({
        engineVersion: '0.1.0',
        profileName: '默认（南昌市部门整体支出绩效评价指标体系）',
        inputFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        contentFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    }
  });

  test('deleting a sheet, as the old adapter did, is what breaks the cover sheet: the stand-in shows it', () => {
    const book = seededWorkbook();
    book.addSheet(SHEET_SCORES).ensure(22, 6).value = 88.65;
    book.setFormula(COVER, 'B2', '=评分表!F22');
    book.deleteSheet(sheetOf(book, SHEET_SCORES));
    book.addSheet(SHEET_SCORES);
    expect(sheetOf(book, COVER).value('B2')).toBe('#REF!');
    expect(sheetOf(book, COVER).cell('B2')?.formula).toBe('=#REF!F22');
  });
});

describe('1. our sheets stay ours only while the officer has not edited them', () => {
  const REPORT_HINT = '报告中的文字请填写在“基础数据表”的“七、报告信息（选填）”中，或导出 Word 后修改。';
  test.each([
    [SHEET_SCORES, 'G4', '已与财务科核对', ''],
    // The draft is regenerated on every score: the question says where its text belongs.
    [SHEET_REPORT, 'A7', '本中心主要负责职工服务工作。', REPORT_HINT],
  ])('an edited %s is not replaced without asking (1 sync, nothing written); once confirmed it is rewritten', async (sheet, cell, typed, hint) => {
    const { book, service } = over();
    await service.score();
    book.edit(sheet, cell, typed);
    const before = wholeState(book);
    book.resetCounters();

    expect(await service.score()).toEqual({
      kind: 'confirm',
      message: `“${sheet}”在上次生成后被修改过。重新计算将清除这些修改并重写，是否继续？${hint}`,
      confirmLabel: '重新计算并替换',
      options: { replaceEdited: true },
    });
    expect(wholeState(book)).toEqual(before);
    expect(book.syncs).toBe(1);

    expect((await service.score({ replaceEdited: true })).kind).toBe('scored');
    expect(sheetOf(book, sheet).value(cell)).not.toBe(typed);
  });

  // Each sheet's output area (layout/bounds.ts): 问题清单 A1:L60, 报告草稿 A1:E600.
  test.each([
    [SHEET_ISSUES, 'Z100', 'H5'],
    [SHEET_REPORT, 'G3', 'A90'],
  ])('a note typed beside or below our table on %s counts as an edit (%s is outside the area: neither read nor touched; %s inside)', async (sheet, far, near) => {
    const { book, service } = over();
    await service.score();
    book.edit(sheet, far, '远处的备注');
    expect((await service.score()).kind).toBe('scored');
    expect(sheetOf(book, sheet).value(far)).toBe('远处的备注');

    book.edit(sheet, near, '旁边的备注');
    expect(await service.score()).toMatchObject({ kind: 'confirm', message: expect.stringContaining(`“${sheet}”在上次生成后被修改过`) });
  });

  test('a sheet of ours without a provenance line (written by something else) is asked about', async () => {
    const { book, service } = over();
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    for (const c of scores.cells.values()) if (String(c.value).startsWith(PROVENANCE_PREFIX)) c.value = '';
    expect(await service.score()).toMatchObject({ kind: 'confirm', message: expect.stringContaining('“评分表”没有本工具的生成记录') });
  });
});

describe('2. checks before the first write', () => {
  test('a protected output sheet: refused in Chinese, nothing written, one sync', async () => {
    const { book, service } = over();
    await service.score();
    sheetOf(book, SHEET_SCORES).protected = true;
    const before = wholeState(book);
    book.resetCounters();

    expect(await service.score()).toEqual({
      kind: 'failed',
      message: '“评分表”受工作表保护，无法写入。请先在“审阅”选项卡中单击“撤销工作表保护”，然后重试。未写入任何内容。',
    });
    expect(wholeState(book)).toEqual(before);
    expect(book.syncs).toBe(1);
  });

  test('a protected workbook structure: no sheet can be added, so nothing is written; rescoring in place still works', async () => {
    const book = seededWorkbook();
    book.structureProtected = true;
    const { service } = over(book);
    const before = wholeState(book);

    expect(await service.score()).toEqual({
      kind: 'failed',
      message: '工作簿结构受保护，无法添加工作表“评分表”、“问题清单”和“报告草稿”。请先在“审阅”选项卡中取消“保护工作簿”，然后重试。未写入任何内容。',
    });
    expect(wholeState(book)).toEqual(before);

    book.structureProtected = false;
    await service.score();
    book.structureProtected = true;
    expect(total(await service.score())).toBe(88.65);
  });

  test('a protected 基础数据表 is not written by 载入示例数据', async () => {
    const book = seededWorkbook({ ...SEED_VALUES, actual_project: '约30' });
    sheetOf(book, SHEET_DATA).protected = true;
    const { service } = over(book);
    const before = wholeState(book);
    expect(await service.loadSample({ overwrite: true })).toMatchObject({ kind: 'failed', message: expect.stringContaining('“基础数据表”受工作表保护') });
    expect(wholeState(book)).toEqual(before);
  });

  test('a hidden 基础数据表: scoring reads it; 载入示例数据 writes it, leaves it hidden and says so', async () => {
    const book = seededWorkbook({ ...SEED_VALUES, actual_project: 1 });
    sheetOf(book, SHEET_DATA).visibility = 'Hidden';
    book.activeSheet = sheetOf(book, FOREIGN_SHEET);
    const { service } = over(book);

    const outcome = await service.loadSample({ overwrite: true });
    expect(outcome).toEqual({
      kind: 'done',
      message: '已载入示例数据：南昌市总工会职工服务中心2018年度。可直接点“计算评分”查看结果。',
      notes: ['“基础数据表”是隐藏的工作表，已写入但保持隐藏。如需查看，请右键单击任一工作表标签，选择“取消隐藏”。'],
    });
    expect(sheetOf(book, SHEET_DATA).visibility).toBe('Hidden');
    expect(book.activeSheet?.name).toBe(FOREIGN_SHEET);
    expect(total(await service.score())).toBe(88.65);
    expect(book.activeSheet?.name).toBe(SHEET_SCORES);
  });

  test('a hidden 评分表 is rewritten and stays hidden: no activation, no frozen panes, a note', async () => {
    const { book, service } = over();
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    scores.visibility = 'Hidden';
    book.activeSheet = sheetOf(book, SHEET_DATA);

    const outcome = await service.score();
    expect(outcome.kind === 'scored' && outcome.notes).toEqual(['“评分表”是隐藏的工作表，已写入但保持隐藏。如需查看，请右键单击任一工作表标签，选择“取消隐藏”。']);
    expect([scores.visibility, book.activeSheet?.name, scores.value('F22')]).toEqual(['Hidden', SHEET_DATA, 88.65]);
  });

  test('a sheet of the officer’s named 评分表: refused, nothing written, their sheet untouched', async () => {
    const book = seededWorkbook();
    book.setCell(SHEET_SCORES, 'A1', '我自己做的评分表');
    book.setFormula(COVER, 'B2', '=评分表!A1');
    const { service } = over(book);
    const before = wholeState(book);

    expect(await service.score()).toEqual({ kind: 'failed', message: sheetConflictMessage(SHEET_SCORES) });
    expect(wholeState(book)).toEqual(before);
    expect(sheetOf(book, COVER).value('B2')).toBe('我自己做的评分表');
  });
});

describe('3. never wipe entries', () => {
  test('载入示例数据 on filled inputs asks first and writes nothing; with overwrite it fills the template', async () => {
    const book = seededWorkbook({ ...SEED_VALUES, actual_project: '约30', dept_name: '某某局' });
    const { service } = over(book);
    const before = wholeState(book);

    expect(await service.loadSample()).toEqual({
      kind: 'confirm',
      message: '将覆盖 2 个已填写的单元格，是否继续？',
      confirmLabel: '覆盖并载入',
      options: { overwrite: true },
    });
    expect(wholeState(book)).toEqual(before);

    expect((await service.loadSample({ overwrite: true })).kind).toBe('done');
    expect(sheetOf(book, SHEET_DATA).value(inputCell('actual_project'))).toBe(26.48);
  });

  test('载入示例数据 onto the very same values loses nothing and so asks nothing', async () => {
    const { service } = over();
    expect((await service.loadSample()).kind).toBe('done');
  });

  test('插入模板 after the officer renamed 基础数据表: says where the template is, moves no name, adds no sheet', async () => {
    const book = seededWorkbook();
    book.renameSheet(sheetOf(book, SHEET_DATA), '基础数据表2018');
    const { service } = over(book);
    const before = wholeState(book);

    for (const action of [service.insertTemplate, () => service.loadSample({ overwrite: true })]) {
      expect(await action()).toEqual({ kind: 'failed', message: renamedSheetMessage(SHEET_DATA, '基础数据表2018') });
    }
    expect(wholeState(book)).toEqual(before);
    expect(book.nameFormula('dept_name')).toBe(`=基础数据表2018!$C$${DATA_ROWS.fields.dept_name}`);
    expect(await service.score()).toEqual({
      kind: 'invalid',
      errors: [{ field: 'sheet', cell: null, message: '“基础数据表”已改名为“基础数据表2018”。请将它改回“基础数据表”后再校验或计算评分。' }],
      warnings: [],
    });
  });

  test('插入模板 never redefines a name that points at a cell of the officer’s', async () => {
    const book = emptyWorkbook();
    book.setCell('Sheet1', 'B2', 1);
    book.addName('eval_year', sheetOf(book, 'Sheet1'), { top: 2, left: 2, bottom: 2, right: 2 });
    const { service } = over(book);
    expect((await service.insertTemplate()).kind).toBe('failed');
    expect(book.nameFormula('eval_year')).toBe('=Sheet1!$B$2');
  });
});

describe('4. bounded reads', () => {
  test('a value at XFD1048576 and a pasted 100,000-row ledger change nothing; no read over 10,000 cells', async () => {
    const book = seededWorkbook();
    book.setCell(SHEET_DATA, 'XFD1048576', '误输入');
    const data = sheetOf(book, SHEET_DATA);
    for (let r = 0; r < 100_000; r++) {
      data.ensure(1000 + r, 1).value = `凭证${r}`;
      data.ensure(1000 + r, 3).value = r;
    }
    const { service } = over(book);

    expect(total(await service.score())).toBe(88.65);
    expect(book.syncs).toBe(5);
    expect(mostCellsRead(book)).toBeLessThanOrEqual(MAX_READ_CELLS);
  });

  test('names far below the template cost one more read, each within the limit', async () => {
    const book = seededWorkbook();
    const name = book.name('dept_name');
    if (name) name.area = { top: 2000, left: 3, bottom: 2000, right: 3 };
    book.setCell(SHEET_DATA, 'C2000', '南昌市总工会职工服务中心');
    const { service } = over(book);

    expect(total(await service.score())).toBe(88.65);
    expect(book.syncs).toBe(6);
    expect(book.cellsReadPerSync.slice(0, 2).every((n) => n > 0 && n <= MAX_READ_CELLS)).toBe(true);
  });
});

describe('5. syncs per action', () => {
  test.each([
    ['计算评分', 5],
    ['插入模板 on a new workbook', 6],
    ['载入示例数据 on a new workbook', 6],
    ['载入示例数据 into the template', 2],
    ['校验', 1],
    ['结果状态', 1],
    ['监视输入', 2],
    ['选中单元格', 1],
  ] as const)('%s: %i', async (what, syncs) => {
    const fresh = what.includes('new workbook');
    const { book, service } = over(fresh ? emptyWorkbook() : seededWorkbook());
    const run: Record<string, () => Promise<unknown>> = {
      计算评分: () => service.score(),
      '插入模板 on a new workbook': () => service.insertTemplate(),
      '载入示例数据 on a new workbook': () => service.loadSample(),
      '载入示例数据 into the template': () => service.loadSample({ overwrite: true }),
      校验: () => service.validate(),
      结果状态: () => service.resultStatus(),
      监视输入: () => service.watchInputs(() => undefined),
      选中单元格: () => service.selectCell('基础数据表!C18'),
    };
    await run[what]();
    expect(book.syncs).toBe(syncs);
  });
});

describe('6. formats', () => {
  test('weights show as 20, not “20.”; the rest of 评分表 shows as planned', async () => {
    const { book, service } = over();
    await service.score();
    const scores = sheetOf(book, SHEET_SCORES);
    const row = rowWith(scores, 'C', '财政预算绩效管理');
    expect([scores.text(`D${row}`), scores.text('D22'), scores.text('F22'), scores.text(`E${rowWith(scores, 'C', '项目支出预算完成率')}`)]).toEqual([
      '10',
      '100',
      '88.65',
      '19.54%',
    ]);
  });

  test('the stand-in shows what `0.##` does to a whole number', () => {
    const book = seededWorkbook();
    book.setCell(FOREIGN_SHEET, 'C1', 20, '0.##');
    book.setCell(FOREIGN_SHEET, 'C2', 2.5, '0.##');
    expect([sheetOf(book, FOREIGN_SHEET).text('C1'), sheetOf(book, FOREIGN_SHEET).text('C2')]).toEqual(['20.', '2.5']);
  });
});

describe('7. stale results', () => {
  test('the input fingerprint tells, at any later action, whether the inputs changed since the score', async () => {
    const { book, service } = over();
    expect(await service.resultStatus()).toEqual({ state: 'none' });
    await service.score();
    expect(await service.resultStatus()).toEqual({ state: 'current' });

    book.edit(SHEET_DATA, inputCell('satisfaction_pct'), 0.8);
    const stale = '“评分表”已过期：计算评分之后，“基础数据表”或“指标体系”有改动。请点“重新计算”。';
    expect(await service.resultStatus()).toEqual({ state: 'stale', message: stale });
    expect(await service.validate()).toMatchObject({ kind: 'valid', notes: [stale] });

    await service.score();
    expect(await service.resultStatus()).toEqual({ state: 'current' });
  });

  test('a recalculated formula among the inputs makes the result stale too', async () => {
    const book = seededWorkbook();
    book.setCell(FOREIGN_SHEET, 'D1', 0.95);
    book.setFormula(SHEET_DATA, inputCell('satisfaction_pct'), `=${FOREIGN_SHEET}!D1`);
    const { service } = over(book);
    await service.score();
    expect(await service.resultStatus()).toEqual({ state: 'current' });

    book.setCell(FOREIGN_SHEET, 'D1', 0.7);
    expect(await service.resultStatus()).toMatchObject({ state: 'stale' });
  });

  test('a changed 指标体系 makes the result stale', async () => {
    const { book, service } = over();
    await service.score();
    const profile = sheetOf(book, SHEET_PROFILE);
    book.edit(SHEET_PROFILE, `F${rowWith(profile, 'B', 'satisfaction')}`, 6);
    expect(await service.resultStatus()).toMatchObject({ state: 'stale' });
  });

  test('while the pane is open, a change to an input sheet is heard at once (Worksheet.onChanged); each sheet is watched once', async () => {
    const { book, service } = over();
    const heard: string[] = [];
    expect(await service.watchInputs(() => heard.push('changed'))).toBe(true);
    expect(await service.watchInputs(() => heard.push('twice'))).toBe(true);
    book.edit(SHEET_DATA, inputCell('dept_name'), '某某局');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toEqual(['changed']);
    expect(sheetOf(book, SHEET_DATA).changeHandlers).toHaveLength(1);
  });

  test('before ExcelApi 1.7 there are no change events, and the pane is told so', async () => {
    const book = seededWorkbook();
    book.apiVersion = 6;
    const { service } = over(book);
    expect(await service.watchInputs(() => undefined)).toBe(false);
  });
});

describe('the input cells the sample fills are the template’s fields', () => {
  test('every field has one', () => {
    expect(FIELDS.every((f) => DATA_ROWS.fields[f.id] > 0)).toBe(true);
    expect(MARKERS[SHEET_DATA]).toBe('_jxpj_data');
  });
});
