import { DEFAULT_PROFILE, scoreDepartment, type EvaluationResult, type ExecutionCap, type IssueFlag, type RawValue } from '../../src/engine';
import {
  PLACEHOLDERS,
  draftReport,
  flagsBySeverity,
  paragraphText,
  reportJson,
  type ReportDraft,
} from '../../src/engine/report';
import { SEED, seedWith } from '../support/seed';

function scored(values: Record<string, RawValue>): EvaluationResult {
  const out = scoreDepartment({ values });
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.result;
}

function draftOf(values: Record<string, RawValue>, cap?: ExecutionCap, result = scored(values)): ReportDraft {
  return draftReport({ result, values, profile: DEFAULT_PROFILE, cap });
}

/** Every paragraph's plain text, section by section. */
const texts = (d: ReportDraft) => d.sections.map((s) => s.paragraphs.map(paragraphText));
const allText = (d: ReportDraft) => texts(d).flat().join('\n');
const sectionText = (d: ReportDraft, heading: string) => {
  const s = d.sections.find((x) => x.heading === heading);
  if (!s) throw new Error(`no section ${heading}`);
  return s.paragraphs.map(paragraphText);
};

/** The seed report's sections, in its order (report.md). */
const HEADINGS = ['前言', '一、部门概述和基本情况', '二、评价工作开展情况', '三、部门整体支出绩效情况', '四、存在的问题', '五、整改措施或建议', '六、其他需要说明的问题'];

const CONTRACT_SENTENCE =
  '2018年度调整后预算合计209.38万元，其中基本支出73.88万元、项目支出135.50万元；决算支出合计100.36万元，预算完成率47.93%，低于90%，预算执行' +
  '情况有待改进。上年调整后预算216.81万元、决算支出216.81万元，完成率100.00%，本年下降52.07个百分点。';

describe('the report draft of the 2018 Nanchang seed', () => {
  const d = draftOf(SEED);
  const text = allText(d);

  test('title and sections in the seed report’s order', () => {
    expect(d.title).toBe('南昌市总工会职工服务中心2018年度部门整体支出绩效自评报告');
    expect(d.sections.map((s) => s.heading)).toEqual(HEADINGS);
    expect(d.signature).toEqual({ department: '南昌市总工会职工服务中心', date: { text: '【日期】', placeholder: true } });
  });

  test('the contract’s example paragraph comes out verbatim', () => {
    expect(sectionText(d, '三、部门整体支出绩效情况')).toContain(CONTRACT_SENTENCE);
  });

  test.each(['南昌市总工会职工服务中心', '88.65', '“良”', '47.93%', '209.38万元', '100.36万元', '73.88万元', '26.48万元', '135.50万元', '216.81万元', '100.00%', '19.54%'])(
    'states %s',
    (figure) => expect(text).toContain(figure),
  );

  test('staffing, score and its breakdown as figures', () => {
    expect(sectionText(d, '一、部门概述和基本情况')).toContain('南昌市总工会职工服务中心编制数22人，2018年末实有在职人员11人，空编11人。');
    expect(sectionText(d, '二、评价工作开展情况')).toContain(
      '经评价，南昌市总工会职工服务中心2018年度部门整体支出绩效自评综合得分88.65分，评价等级为“良”。' +
        '其中投入指标得20.00分（满分20分），过程指标得49.65分（满分60分），效果指标得19.00分（满分20分）。' +
        '失分的指标为项目支出预算完成率（得1.65分，满分8分）、支付进度率（得2.00分，满分6分）、财政预算绩效管理（得9.00分，满分10分）。',
    );
  });

  test('initial budget and adjustment: zero amounts read 未安排', () => {
    expect(sectionText(d, '三、部门整体支出绩效情况')).toContain(
      '2018年年初预算合计33.68万元，其中基本支出33.68万元、项目支出未安排。年中预算增加175.70万元，' +
        '扣除不计入预算调整的追加数（上级配套资金、一次性补助、增人增资等）175.70万元后，预算调整率为0.00%，未超过10%。',
    );
    expect(text).toContain('“三公经费”本年未安排预算，未发生支出；上年亦未安排预算。公用经费未安排预算，未发生支出。政府采购未安排预算，未发生政府采购。');
    expect(text).toContain('分项看，基本支出决算73.88万元，预算完成率100.00%；项目支出决算26.48万元，预算完成率19.54%。');
  });

  test('the four problems, most severe first, each with its figures', () => {
    expect(sectionText(d, '四、存在的问题')).toEqual([
      '对照指标体系评分结果，南昌市总工会职工服务中心2018年度部门整体支出存在以下问题：',
      '1．预算执行率偏低：全年预算完成率47.93%，低于90%。依据：决算支出合计100.36万元÷调整后预算合计209.38万元=47.93%；其中基本支出预算完成率100.00%，项目支出预算完成率19.54%。',
      '2．项目支出预算完成率19.54%，低于95%。依据：决算支出·项目支出26.48万元÷调整后预算·项目支出135.50万元=19.54%。',
      '3．支付进度滞后：支付进度率47.93%，低于95%。依据：考核时点实际支付进度47.93%（未填写，取预算完成率，即决算合计÷调整后预算合计）÷考核时点既定支付进度100.00%（未填写，按年末时点100%）=47.93%。',
      '4．绩效目标不够细化量化：未设置详细、具体、可衡量的绩效目标，工作开展缺乏明确方向。依据：“绩效目标细化量化、可衡量”为否。',
    ]);
    const items = d.sections[4].paragraphs.slice(1);
    expect(items.every((p) => p.kind === 'item')).toBe(true);
    expect(items[0].runs).toEqual([{ text: '1．' }, { text: '预算执行率偏低：', bold: true }, expect.objectContaining({ text: expect.stringMatching(/^全年预算完成率47\.93%/) })]);
  });

  test('the four measures, in the problems’ order', () => {
    const result = scored(SEED);
    expect(sectionText(d, '五、整改措施或建议')).toEqual([
      '针对上述问题，提出以下整改措施和建议：',
      ...result.flags.map((f, i) => `${i + 1}．${f.suggestion}`),
    ]);
    expect(sectionText(d, '五、整改措施或建议')[1]).toMatch(/^1．加强预算执行管理：按月跟踪支出进度/);
  });

  test('表1 holds all 18 indicators with weight and score, and the total', () => {
    expect(d.table.header).toEqual(['一级指标', '二级指标', '三级指标', '权重', '得分']);
    expect(d.table.caption).toBe('表1  2018年度部门整体支出绩效评价得分一览表');
    expect(d.table.rows).toHaveLength(18);
    expect(d.table.rows[6]).toEqual({ level1: '过程指标', level2: '预算执行', name: '项目支出预算完成率', weight: 8, score: 1.65 });
    expect(d.table.rows.map((r) => r.score)).toEqual([4, 3, 3, 5, 5, 8, 1.65, 2, 6, 6, 6, 3, 7, 4, 6, 5, 9, 5]);
    expect(d.table.totals).toEqual([{ label: '总分', weight: 100, score: 88.65 }]);
    const captions = d.sections[2].paragraphs.filter((p) => p.kind === 'caption');
    expect(captions.map(paragraphText)).toEqual([d.table.caption]);
  });

  test('the management paragraph states the checklist answers as given', () => {
    expect(text).toContain('管理制度健全性方面，已制定单位财务管理制度；已制定项目（专项）资金管理办法；已建立内部控制制度并有效执行（得3.00分，满分3分）。');
    expect(text).toContain('“绩效目标细化量化、可衡量”填报为“否”（得9.00分，满分10分）。');
  });
});

describe('narrative fields of section 七', () => {
  test('blank ones become the contract’s placeholders, marked as such', () => {
    const d = draftOf(SEED);
    const placeholders = d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.runs.filter((r) => r.placeholder).map((r) => r.text)));
    expect(placeholders).toEqual([
      PLACEHOLDERS.basis,
      PLACEHOLDERS.deptOverview,
      PLACEHOLDERS.evalPeriod,
      PLACEHOLDERS.benefits,
      PLACEHOLDERS.otherNotes,
    ]);
    expect(placeholders).toEqual([
      '【请填写：评价依据文件】',
      '【请填写：部门职能、内设机构】',
      '【请填写：评价时间】',
      '【请填写：履职效益（社会效益、可持续影响）】',
      '【请填写：其他需要说明的问题（如无，写“无”）】',
    ]);
    expect(allText(d)).toContain('根据【请填写：评价依据文件】的要求，南昌市总工会职工服务中心对2018年度部门整体支出开展了绩效自评。');
  });

  test('given ones replace them; lines become paragraphs; a “=”-led text stays text', () => {
    const d = draftOf(
      seedWith({
        basis_documents: '《南昌市财政局关于开展2018年度市直部门整体支出绩效评价工作的通知》（洪财办〔2019〕31号）。',
        dept_functions: '负责困难职工帮扶救助。\n负责“12351”职工维权热线的受理。',
        dept_structure: '内设办公室、救助科2个职能部室。',
        eval_period: '2019年8月10日至9月2日',
        benefits: '=SUM(A1:A3) 为送温暖活动发放救助资金316.8万元。',
        other_notes: '无',
      }),
    );
    const all = d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.runs));
    expect(all.filter((r) => r.placeholder)).toEqual([]);
    expect(sectionText(d, '前言')[0]).toBe(
      '为加强预算绩效管理，提高财政资金使用效益，根据《南昌市财政局关于开展2018年度市直部门整体支出绩效评价工作的通知》（洪财办〔2019〕31号）的要求，' +
        '南昌市总工会职工服务中心对2018年度部门整体支出开展了绩效自评。现将自评情况报告如下：',
    );
    expect(sectionText(d, '一、部门概述和基本情况').slice(0, 4)).toEqual([
      '（一）主要职能和内设机构',
      '负责困难职工帮扶救助。',
      '负责“12351”职工维权热线的受理。',
      '内设办公室、救助科2个职能部室。',
    ]);
    expect(sectionText(d, '二、评价工作开展情况')).toContain('评价时间：2019年8月10日至9月2日。');
    expect(sectionText(d, '三、部门整体支出绩效情况')).toContain('=SUM(A1:A3) 为送温暖活动发放救助资金316.8万元。');
    expect(sectionText(d, '六、其他需要说明的问题')).toEqual(['无']);
  });

  test('one of 主要职能 / 内设机构 given: the other keeps its own placeholder', () => {
    const d = draftOf(seedWith({ dept_structure: '内设办公室、救助科。' }));
    expect(sectionText(d, '一、部门概述和基本情况').slice(1, 3)).toEqual(['【请填写：主要职能】', '内设办公室、救助科。']);
  });
});

describe('sentences follow the figures and claim nothing the inputs do not show', () => {
  const clean = { actual_project: 135.5, actual_total: 209.38, pm_goals_quantified: '是' };

  test('no flag: the “none found” sentence and no numbered item', () => {
    const d = draftOf(seedWith(clean));
    expect(sectionText(d, '四、存在的问题')).toEqual([
      '对照指标体系各项指标和问题识别规则，南昌市总工会职工服务中心2018年度部门整体支出未发现需要列示的问题。',
    ]);
    expect(sectionText(d, '五、整改措施或建议')).toEqual(['本年度未发现需要整改的问题，建议继续做好预算执行监控和绩效目标管理。']);
    expect(allText(d)).toContain('决算支出合计209.38万元，预算完成率100.00%，不低于90%，预算执行情况较好。上年调整后预算216.81万元、决算支出216.81万元，完成率100.00%，本年与上年持平。');
  });

  test('internal control answered 否: never claimed, stated as answered', () => {
    const d = draftOf(seedWith({ sys_internal_control: '否' }));
    const text = allText(d);
    expect(text).not.toContain('已建立内部控制制度并有效执行；');
    expect(text).not.toContain('已建立内部控制制度并有效执行（');
    expect(text).toContain('管理制度健全性方面，已制定单位财务管理制度；已制定项目（专项）资金管理办法；“已建立内部控制制度并有效执行”填报为“否”（得2.00分，满分3分）。');
  });

  test('without last year’s figures there is no comparison', () => {
    const d = draftOf(seedWith({ prev_budget_adjusted_total: undefined, prev_actual_total: undefined }));
    const para = sectionText(d, '三、部门整体支出绩效情况').find((t) => t.startsWith('2018年度调整后预算合计'));
    expect(para).toBe(
      '2018年度调整后预算合计209.38万元，其中基本支出73.88万元、项目支出135.50万元；决算支出合计100.36万元，预算完成率47.93%，低于90%，预算执行情况有待改进。',
    );
    expect(allText(d)).not.toContain('上年调整后预算');
  });

  test('budgets, actuals and staff in other directions', () => {
    const d = draftOf(
      seedWith({
        sangong_budget: 10,
        sangong_actual: 12,
        sangong_budget_prev: 8,
        public_budget: 20,
        public_actual: 15,
        procurement_budget: 0,
        procurement_actual: 3,
        staff_actual: 25,
        budget_initial_project: 100,
        adjustment_excluded: 0,
        prev_budget_adjusted_total: 180,
        prev_actual_total: 90,
      }),
    );
    const text = allText(d);
    expect(text).toContain('“三公经费”本年预算10.00万元，决算12.00万元，控制率120.00%；上年预算8.00万元，预算变动率25.00%。');
    expect(text).toContain('公用经费预算20.00万元，决算15.00万元，控制率75.00%。政府采购未安排预算，但实际采购3.00万元。');
    expect(text).toContain('编制数22人，2018年末实有在职人员25人，超编3人。');
    expect(text).toContain('财政供养人员控制率113.64%（年末实有在职人员25人÷编制数22人），超编3人。');
    expect(text).toContain('年中预算增加75.70万元，预算调整率为56.63%，超过10%。');
    expect(text).toContain('上年调整后预算180.00万元、决算支出90.00万元，完成率50.00%，本年下降2.07个百分点。');
  });
});

describe('problems are ordered by severity, whatever order the engine raised them in', () => {
  const flag = (code: string, severity: IssueFlag['severity']): IssueFlag => ({
    code, severity, message: code, evidence: '', suggestion: `整改${code}`, indicators: [], fields: [],
  });

  test('高, then 中, then 低; equal severities keep their order', () => {
    const flags = [flag('A', '低'), flag('B', '中'), flag('C', '高'), flag('D', '中'), flag('E', '高')];
    expect(flagsBySeverity(flags).map((f) => f.code)).toEqual(['C', 'E', 'B', 'D', 'A']);
  });

  test('the draft lists problems and measures in that order', () => {
    const result = scored(SEED);
    const d = draftOf(SEED, undefined, { ...result, flags: [...result.flags].reverse() });
    expect(sectionText(d, '四、存在的问题').slice(1).map((t) => t.slice(0, 12))).toEqual([
      '1．项目支出预算完成率1',
      '2．预算执行率偏低：全年',
      '3．绩效目标不够细化量化',
      '4．支付进度滞后：支付进',
    ]);
    expect(sectionText(d, '五、整改措施或建议')[1]).toMatch(/^1．细化项目实施计划/);
  });
});

describe('the execution cap and the warnings in section 六', () => {
  const cap: ExecutionCap = { rate: 100.36 / 209.38, max: 59, uncapped_total: 88.65 };
  const result = { ...scored(SEED), total: 59, grade: '差' as const };
  const d = draftOf(SEED, cap, result);

  test('both totals and why, in 二 and 六, and in 表1', () => {
    expect(sectionText(d, '六、其他需要说明的问题')[0]).toBe(
      '根据指标体系的预算执行率封顶规则，预算完成率为47.93%时，总分最高为59分。本年各项指标得分合计88.65分，封顶后综合得分为59.00分，评价等级为“差”。',
    );
    expect(allText(d)).toContain(
      '经评价，南昌市总工会职工服务中心2018年度部门整体支出各项指标得分合计88.65分；因预算完成率为47.93%，按预算执行率封顶规则总分不超过59分，绩效自评综合得分为59.00分，评价等级为“差”（见“六、其他需要说明的问题”）。',
    );
    expect(d.table.totals).toEqual([
      { label: '各项得分合计', weight: 100, score: 88.65 },
      { label: '总分（预算执行率封顶后）', weight: null, score: 59 },
    ]);
  });

  test('the cap the engine put on the result is the one reported', () => {
    const fromResult = draftReport({ result: { ...result, cap }, values: SEED, profile: DEFAULT_PROFILE });
    expect(fromResult.sections[6].paragraphs.map(paragraphText)).toEqual(d.sections[6].paragraphs.map(paragraphText));
    expect(fromResult.table.totals).toEqual(d.table.totals);
  });

  test('end to end: a profile whose cap bites at 47.93% reports both totals', () => {
    const profile = { ...DEFAULT_PROFILE, executionCap: [{ below: 0.5, max: 59 }] };
    const out = scoreDepartment({ values: SEED }, profile);
    if (!out.ok) throw new Error(JSON.stringify(out.errors));
    const capped = draftReport({ result: out.result, values: SEED, profile });
    expect(capped.sections[6].paragraphs.map(paragraphText)[0]).toBe(d.sections[6].paragraphs.map(paragraphText)[0]);
    expect(capped.table.totals.map((t) => t.score)).toEqual([88.65, 59]);
  });

  test('no cap: nothing about one', () => {
    expect(allText(draftOf(SEED))).not.toContain('封顶');
  });

  test('each warning is a yellow note to check and delete', () => {
    const warned = draftOf(seedWith({ actual_basic: 80, actual_total: 106.48 }));
    const six = warned.sections[6].paragraphs;
    expect(six.map(paragraphText)).toEqual([
      '【数据核对提示，定稿前请核实并删除本段：决算支出·基本支出：80.00万元超过调整后预算·基本支出73.88万元，请确认】',
      PLACEHOLDERS.otherNotes,
    ]);
    expect(six[0].runs[0].placeholder).toBe(true);
  });
});

describe('reportJson for score --json', () => {
  const json = reportJson(draftOf(SEED));

  test('sections with plain paragraphs, 表1 as tab-separated lines after its caption, 落款 last', () => {
    expect(json.sections.map((s) => s.heading)).toEqual([...HEADINGS, '落款']);
    const two = json.sections[2].paragraphs;
    const at = two.indexOf('表1  2018年度部门整体支出绩效评价得分一览表');
    expect(two.slice(at + 1, at + 3)).toEqual(['一级指标\t二级指标\t三级指标\t权重\t得分', '投入指标\t项目绩效目标\t年初项目绩效目标编报\t4\t4.00']);
    expect(two[at + 8]).toBe('过程指标\t预算执行\t项目支出预算完成率\t8\t1.65');
    expect(two[two.length - 1]).toBe('总分\t\t\t100\t88.65');
    expect(two).toHaveLength(at + 1 + 1 + 18 + 1);
    expect(json.sections[3].paragraphs).toContain(CONTRACT_SENTENCE);
    expect(json.sections[7].paragraphs).toEqual(['南昌市总工会职工服务中心', '【日期】']);
  });
});
