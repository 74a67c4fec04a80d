/**
 * The self-evaluation report draft (部门整体支出绩效自评报告, spec report.md): every figure, 表1, the
 * problems and the measures come from the evaluation; what only the officer knows is left as a
 * visible 【请填写：…】 placeholder, never invented. Pure: the 报告草稿 sheet and the Word document
 * only lay the draft out.
 */
import { Decimal, ZERO, fmtAmount, fmtPercent, fmtPercentShort, fmtPlain, pointsChange, sum } from './decimal';
import { computeKeyFigures } from './evaluate';
import { FIELDS, fieldPhrase } from './fields';
import { parseValue } from './parse';
import type { Profile } from './profile';
import type { EvaluationResult, ExecutionCap, IndicatorResult, IssueFlag, RawValue, Severity } from './types';
import { validateInputs, type DepartmentInputs } from './validate';

/** A stretch of text with one look. `placeholder`: still to be written by the officer (shown yellow). */
export interface Run {
  text: string;
  placeholder?: boolean;
  bold?: boolean;
}

/**
 * body: a paragraph of text; heading2: a “（一）…” sub-heading; item: a numbered item (“1．…”);
 * caption: the title of 表1, which the renderers follow with the table itself.
 */
export type ParagraphKind = 'body' | 'heading2' | 'item' | 'caption';

export interface Paragraph {
  kind: ParagraphKind;
  runs: Run[];
}

export interface ReportSection {
  /** “前言”, “一、部门概述和基本情况”, … */
  heading: string;
  paragraphs: Paragraph[];
}

/** A row of 表1: one 三级指标. */
export interface ScoreTableRow {
  level1: string;
  level2: string;
  name: string;
  weight: number;
  score: number;
}

/** A closing row of 表1: 总分, and the capped total when the execution cap bit. */
export interface ScoreTableTotal {
  label: string;
  weight: number | null;
  score: number;
}

export interface ScoreTable {
  caption: string;
  header: [string, string, string, string, string];
  rows: ScoreTableRow[];
  totals: ScoreTableTotal[];
}

export interface ReportDraft {
  title: string;
  sections: ReportSection[];
  /** 表1, drawn after the `caption` paragraph of section 二. */
  table: ScoreTable;
  /** 落款: the unit's name and the date line (a placeholder). */
  signature: { department: string; date: Run };
}

export interface ReportInput {
  /** The evaluation the draft reports (its total and grade are the capped ones when `cap` is given). */
  result: EvaluationResult;
  /** The raw inputs by field id, as scored (`RawInputs.values`): the figures and the narrative of section 七. */
  values: Record<string, RawValue>;
  profile: Profile;
  /** The execution-rate cap when it lowered the total; defaults to `result.cap`. */
  cap?: ExecutionCap;
}

/** The placeholders of report.md, for what only the officer can write. */
export const PLACEHOLDERS = {
  basis: '【请填写：评价依据文件】',
  deptOverview: '【请填写：部门职能、内设机构】',
  functions: '【请填写：主要职能】',
  structure: '【请填写：内设机构】',
  evalPeriod: '【请填写：评价时间】',
  benefits: '【请填写：履职效益（社会效益、可持续影响）】',
  otherNotes: '【请填写：其他需要说明的问题（如无，写“无”）】',
  date: '【日期】',
} as const;

export const TABLE_HEADER: ScoreTable['header'] = ['一级指标', '二级指标', '三级指标', '权重', '得分'];

type Part = string | Run;

/** A paragraph from text and runs; adjacent plain text is merged into one run. */
function para(kind: ParagraphKind, ...parts: Part[]): Paragraph {
  const runs: Run[] = [];
  for (const part of parts) {
    const run = typeof part === 'string' ? { text: part } : part;
    if (run.text === '') continue;
    const last = runs[runs.length - 1];
    if (last && !last.placeholder && !last.bold && !run.placeholder && !run.bold) last.text += run.text;
    else runs.push({ ...run });
  }
  return { kind, runs };
}

const body = (...parts: Part[]) => para('body', ...parts);
const heading2 = (text: string) => para('heading2', text);
const placeholder = (text: string): Run => ({ text, placeholder: true });

export function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join('');
}

// ── figures as the report writes them ──────────────────────────────────────────────────────────

const amount = (x: Decimal) => `${fmtAmount(x)}万元`;
/** A budget figure: 0 is “未安排”, not “0.00万元”. */
const budget = (x: Decimal) => (x.isZero() ? '未安排' : amount(x));
const score2 = (x: number | Decimal) => new Decimal(x).toFixed(2);
const plain = (x: number | Decimal) => fmtPlain(new Decimal(x));
const count = (x: Decimal) => x.toString();

/** The change between two rates in words: 下降52.07个百分点. */
function changeText(now: Decimal, before: Decimal): string {
  const diff = pointsChange(now, before);
  if (diff.isZero()) return '与上年持平';
  return `${diff.isPositive() ? '提高' : '下降'}${diff.abs().toFixed(2)}个百分点`;
}

/** Trailing sentence punctuation, so that text can sit inside our own sentence. */
const bare = (s: string) => s.replace(/[。；;，,、\s]+$/u, '');

// ── what the draft reads ──────────────────────────────────────────────────────────────────────

interface Sources {
  result: EvaluationResult;
  inputs: DepartmentInputs;
  profile: Profile;
  cap?: ExecutionCap;
  /** Narrative of section 七 by field id: its non-blank lines, or null when blank. */
  narrative: Record<string, string[] | null>;
  dept: string;
  year: number;
}

/** The fields of template section 七 (报告信息（选填）). */
const NARRATIVE_FIELDS = FIELDS.filter((f) => f.section === 'G').map((f) => f.id);

function readNarrative(values: Record<string, RawValue>): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const id of NARRATIVE_FIELDS) {
    const parsed = parseValue('text', values[id]);
    const text = parsed.ok && typeof parsed.value === 'string' ? parsed.value : '';
    const lines = text
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    out[id] = lines.length > 0 ? lines : null;
  }
  return out;
}

const indicator = (s: Sources, id: string): IndicatorResult | undefined => s.result.indicators.find((i) => i.id === id);

function lowerBound(s: Sources, id: string): Decimal | undefined {
  const rule = s.profile.indicators.find((d) => d.id === id)?.rule;
  const lower = rule?.kind === 'band' ? rule.lower : undefined;
  return lower === undefined ? undefined : new Decimal(lower);
}

/** The field's value, or undefined when it is optional, without default and left blank. */
const optional = (s: Sources, id: string): Decimal | undefined => s.inputs.num[id] as Decimal | undefined;

// ── the sections ──────────────────────────────────────────────────────────────────────────────

function preface(s: Sources): ReportSection {
  const basis = s.narrative.basis_documents;
  return {
    heading: '前言',
    paragraphs: [
      body(
        '为加强预算绩效管理，提高财政资金使用效益，根据',
        basis ? basis.map(bare).join('、') : placeholder(PLACEHOLDERS.basis),
        `的要求，${s.dept}对${s.year}年度部门整体支出开展了绩效自评。现将自评情况报告如下：`,
      ),
    ],
  };
}

function lines(text: string[]): Paragraph[] {
  return text.map((l) => body(l));
}

function overview(s: Sources): ReportSection {
  const { dept_functions: functions, dept_structure: structure } = s.narrative;
  const n = s.inputs.num;
  const vacancy = n.staff_authorized.minus(n.staff_actual);
  const staffing = vacancy.isZero() ? '无空编' : vacancy.isPositive() ? `空编${count(vacancy)}人` : `超编${count(vacancy.abs())}人`;
  const described =
    !functions && !structure
      ? [body(placeholder(PLACEHOLDERS.deptOverview))]
      : [
          ...(functions ? lines(functions) : [body(placeholder(PLACEHOLDERS.functions))]),
          ...(structure ? lines(structure) : [body(placeholder(PLACEHOLDERS.structure))]),
        ];
  return {
    heading: '一、部门概述和基本情况',
    paragraphs: [
      heading2('（一）主要职能和内设机构'),
      ...described,
      heading2('（二）人员情况'),
      body(`${s.dept}编制数${count(n.staff_authorized)}人，${s.year}年末实有在职人员${count(n.staff_actual)}人，${staffing}。`),
    ],
  };
}

/** Scores per 一级指标 in profile order, with their weights. */
function level1Totals(result: EvaluationResult): { name: string; score: Decimal; weight: Decimal }[] {
  const out = new Map<string, { score: Decimal; weight: Decimal }>();
  for (const ind of result.indicators) {
    const t = out.get(ind.level1) ?? { score: ZERO, weight: ZERO };
    out.set(ind.level1, { score: t.score.plus(ind.score), weight: t.weight.plus(ind.weight) });
  }
  return [...out].map(([name, t]) => ({ name, ...t }));
}

function methodSentence(s: Sources): string {
  const groups = level1Totals(s.result);
  const weights = sum(groups.map((g) => g.weight));
  return (
    `评价方法：对照部门整体支出绩效评价指标体系（${groups.map((g) => g.name.replace(/指标$/, '')).join('、')}` +
    `${groups.length}类一级指标，共${s.result.indicators.length}项三级指标，满分${plain(weights)}分），` +
    `以${s.year}年度部门预决算、人员编制、“三公经费”、政府采购、项目绩效目标等数据逐项计算评分，定性指标按检查项评分，` +
    '各项得分四舍五入保留两位小数后相加。'
  );
}

function resultSentences(s: Sources): string {
  const r = s.result;
  const breakdown = level1Totals(r)
    .map((g) => `${g.name}得${score2(g.score)}分（满分${plain(g.weight)}分）`)
    .join('，');
  const lost = r.indicators.filter((i) => i.score < i.weight);
  const lostText = lost.length
    ? `失分的指标为${lost.map((i) => `${i.name}（得${score2(i.score)}分，满分${plain(i.weight)}分）`).join('、')}。`
    : '各项指标均得满分。';
  const head = s.cap
    ? `经评价，${s.dept}${s.year}年度部门整体支出各项指标得分合计${score2(s.cap.uncapped_total)}分；` +
      `因预算完成率为${fmtPercent(new Decimal(s.cap.rate))}，按预算执行率封顶规则总分不超过${plain(s.cap.max)}分，` +
      `绩效自评综合得分为${score2(r.total)}分，评价等级为“${r.grade}”（见“六、其他需要说明的问题”）。`
    : `经评价，${s.dept}${s.year}年度部门整体支出绩效自评综合得分${score2(r.total)}分，评价等级为“${r.grade}”。`;
  return `${head}其中${breakdown}。${lostText}`;
}

function evaluationWork(s: Sources): ReportSection {
  const period = s.narrative.eval_period;
  return {
    heading: '二、评价工作开展情况',
    paragraphs: [
      heading2('（一）评价范围、时间和方法'),
      body(`评价范围：${s.dept}${s.year}年度部门整体支出。`),
      body('评价时间：', period ? period.map(bare).join('；') : placeholder(PLACEHOLDERS.evalPeriod), '。'),
      body(methodSentence(s)),
      heading2('（二）评价结果'),
      body(resultSentences(s)),
      para('caption', scoreTableCaption(s)),
    ],
  };
}

function scoreTableCaption(s: Sources): string {
  return `表1  ${s.year}年度部门整体支出绩效评价得分一览表`;
}

function scoreTable(s: Sources): ScoreTable {
  const r = s.result;
  const weights = sum(r.indicators.map((i) => new Decimal(i.weight))).toNumber();
  const totals: ScoreTableTotal[] = s.cap
    ? [
        { label: '各项得分合计', weight: weights, score: s.cap.uncapped_total },
        { label: `总分（预算执行率封顶后）`, weight: null, score: r.total },
      ]
    : [{ label: '总分', weight: weights, score: r.total }];
  return {
    caption: scoreTableCaption(s),
    header: TABLE_HEADER,
    rows: r.indicators.map((i) => ({ level1: i.level1, level2: i.level2, name: i.name, weight: i.weight, score: i.score })),
    totals,
  };
}

/** 基本支出决算73.88万元，预算完成率100.00% — or what stands in for a rate when there is no budget. */
function lineExecution(name: string, actual: Decimal, adjusted: Decimal): string {
  if (!adjusted.isZero()) return `${name}决算${amount(actual)}，预算完成率${fmtPercent(actual.dividedBy(adjusted))}`;
  return actual.isZero() ? `${name}未安排预算，未发生支出` : `${name}未安排预算，决算支出${amount(actual)}`;
}

function initialAndAdjustment(s: Sources): string {
  const n = s.inputs.num;
  const f = computeKeyFigures(s.inputs);
  const initial = f.initialTotal.isZero()
    ? `${s.year}年年初未安排预算。`
    : `${s.year}年年初预算合计${amount(f.initialTotal)}，其中基本支出${budget(n.budget_initial_basic)}、项目支出${budget(n.budget_initial_project)}。`;
  const rate = f.adjustmentRate;
  if (!rate) return initial;
  const change = f.adjustedTotal.minus(f.initialTotal);
  const excluded = n.adjustment_excluded;
  const moved = change.isZero() ? '年中预算未调整' : `年中预算${change.isPositive() ? '增加' : '减少'}${amount(change.abs())}`;
  const minus = excluded.isZero() ? '' : `，扣除不计入预算调整的追加数（上级配套资金、一次性补助、增人增资等）${amount(excluded)}后`;
  const high = new Decimal(s.profile.thresholds.adjustmentHigh);
  const judged = rate.gt(high) ? `超过${fmtPercentShort(high)}` : `未超过${fmtPercentShort(high)}`;
  return `${initial}${moved}${minus}，预算调整率为${fmtPercent(rate)}，${judged}。`;
}

/** The contract's sentence: adjusted budget, actual, execution rate; then last year's when given. */
function executionAndComparison(s: Sources): string {
  const n = s.inputs.num;
  const f = computeKeyFigures(s.inputs);
  const rate = f.executionRate;
  let text: string;
  if (!rate) {
    text = `${s.year}年度调整后预算未安排；决算支出合计${amount(f.actualTotal)}。`;
  } else {
    const low = new Decimal(s.profile.thresholds.executionLow);
    const judged = rate.lt(low)
      ? `低于${fmtPercentShort(low)}，预算执行情况有待改进`
      : rate.gt(1)
        ? '超过100%，决算支出超过调整后预算'
        : `不低于${fmtPercentShort(low)}，预算执行情况较好`;
    text =
      `${s.year}年度调整后预算合计${amount(f.adjustedTotal)}，其中基本支出${budget(n.budget_adjusted_basic)}、项目支出${budget(n.budget_adjusted_project)}；` +
      `决算支出合计${amount(f.actualTotal)}，预算完成率${fmtPercent(rate)}，${judged}。`;
  }
  return text + lastYear(s, rate);
}

function lastYear(s: Sources, rate: Decimal | null): string {
  const prevBudget = optional(s, 'prev_budget_adjusted_total');
  const prevActual = optional(s, 'prev_actual_total');
  if (prevBudget && prevActual) {
    if (prevBudget.isZero()) return `上年调整后预算未安排、决算支出${amount(prevActual)}。`;
    const prevRate = prevActual.dividedBy(prevBudget);
    const change = rate ? `，本年${changeText(rate, prevRate)}` : '';
    return `上年调整后预算${amount(prevBudget)}、决算支出${amount(prevActual)}，完成率${fmtPercent(prevRate)}${change}。`;
  }
  if (prevBudget) return `上年调整后预算${budget(prevBudget)}。`;
  if (prevActual) return `上年决算支出${amount(prevActual)}。`;
  return '';
}

function paymentSentence(s: Sources): string | null {
  const n = s.inputs.num;
  const planned = n.payment_planned_pct;
  const actual = n.payment_actual_pct;
  const plannedNote = s.inputs.defaulted.has('payment_planned_pct') ? '（未填写，按年末时点计）' : '';
  const actualNote = s.inputs.defaulted.has('payment_actual_pct') ? '（未填写，取预算完成率）' : '';
  const head = `支付进度方面，考核时点既定支付进度${fmtPercent(planned)}${plannedNote}，实际支付进度${fmtPercent(actual)}${actualNote}`;
  if (planned.isZero()) return `${head}，支付进度率不适用。`;
  const rate = actual.dividedBy(planned);
  const lower = lowerBound(s, 'payment_progress');
  const judged = lower ? (rate.lt(lower) ? `，低于${fmtPercentShort(lower)}` : `，不低于${fmtPercentShort(lower)}`) : '';
  return `${head}，支付进度率${fmtPercent(rate)}${judged}。`;
}

function budgetExecution(s: Sources): Paragraph[] {
  const n = s.inputs.num;
  const payment = paymentSentence(s);
  return [
    heading2('（一）预算收支和执行情况'),
    body(initialAndAdjustment(s)),
    body(executionAndComparison(s)),
    body(
      `分项看，${lineExecution('基本支出', n.actual_basic, n.budget_adjusted_basic)}；` +
        `${lineExecution('项目支出', n.actual_project, n.budget_adjusted_project)}。`,
    ),
    ...(payment ? [body(payment)] : []),
  ];
}

interface Controlled {
  what: string;
  budget: string;
  actual: string;
  /** What the actual figure is called (决算, 实际采购), and the sentence when there was none. */
  actualWord: string;
  none: string;
  rateWord: string;
}

/** “三公经费”、公用经费、政府采购: the budget with its actual and rate, or 未安排. */
function controlled(c: Controlled, s: Sources): string {
  const b = s.inputs.num[c.budget];
  const a = s.inputs.num[c.actual];
  if (b.isZero()) return `${c.what}未安排预算，${a.isZero() ? c.none : `但${c.actualWord}${amount(a)}`}`;
  return `${c.what}预算${amount(b)}，${c.actualWord}${amount(a)}，${c.rateWord}${fmtPercent(a.dividedBy(b))}`;
}

const SANGONG: Controlled = { what: '“三公经费”本年', budget: 'sangong_budget', actual: 'sangong_actual', actualWord: '决算', none: '未发生支出', rateWord: '控制率' };
const PUBLIC: Controlled = { what: '公用经费', budget: 'public_budget', actual: 'public_actual', actualWord: '决算', none: '未发生支出', rateWord: '控制率' };
const PROCUREMENT: Controlled = {
  what: '政府采购', budget: 'procurement_budget', actual: 'procurement_actual', actualWord: '实际采购', none: '未发生政府采购', rateWord: '执行率',
};

function sangongSentence(s: Sources): string {
  const n = s.inputs.num;
  const now = controlled(SANGONG, s);
  const prev = n.sangong_budget_prev;
  const current = n.sangong_budget;
  let versus: string;
  if (prev.isZero()) versus = current.isZero() ? '上年亦未安排预算' : '上年未安排预算';
  else versus = `上年预算${amount(prev)}，预算变动率${fmtPercent(current.minus(prev).dividedBy(prev))}`;
  return `${now}；${versus}。`;
}

function staffAndControls(s: Sources): Paragraph[] {
  const n = s.inputs.num;
  const rate = n.staff_actual.dividedBy(n.staff_authorized);
  const over = n.staff_actual.minus(n.staff_authorized);
  return [
    heading2('（二）人员和经费控制情况'),
    body(
      `财政供养人员控制率${fmtPercent(rate)}（年末实有在职人员${count(n.staff_actual)}人÷编制数${count(n.staff_authorized)}人），` +
        `${over.isPositive() ? `超编${count(over)}人` : '未超编'}。`,
    ),
    body(
      sangongSentence(s) +
        `${controlled(PUBLIC, s)}。${controlled(PROCUREMENT, s)}。`,
    ),
  ];
}

/** One sentence per checklist indicator: what was answered 是, what 否, and the points. */
function checklistSentence(s: Sources, id: string): string | null {
  const def = s.profile.indicators.find((d) => d.id === id);
  const ind = indicator(s, id);
  if (!def || def.rule.kind !== 'checklist' || !ind) return null;
  const items = def.rule.items.map((it) => it.field);
  const yes = items.filter((f) => s.inputs.yes[f] === true).map(fieldPhrase);
  const no = items.filter((f) => s.inputs.yes[f] !== true).map((f) => `“${fieldPhrase(f)}”`);
  const parts = [
    ...(yes.length ? [yes.join('；')] : []),
    ...(no.length ? [`${no.join('、')}${no.length > 1 ? '均' : ''}填报为“否”`] : []),
  ];
  return `${def.name}方面，${parts.join('；')}（得${score2(ind.score)}分，满分${plain(ind.weight)}分）。`;
}

function goalsAndCoverage(s: Sources): string {
  const n = s.inputs.num;
  const projects = (total: Decimal, withGoals: Decimal, what: string) =>
    total.isZero() ? `${what}无项目` : `${what}项目${count(total)}个，其中${count(withGoals)}个编报了绩效目标`;
  const goals =
    `项目绩效目标方面，${projects(n.projects_initial, n.projects_initial_with_goals, '年初预算')}；` +
    `${projects(n.projects_added, n.projects_added_with_goals, '年中追加')}。`;
  const base = n.budget_adjusted_project;
  const coverage = base.isZero()
    ? ''
    : `已开展绩效评价（含自评）的项目资金${amount(n.evaluated_project_funds)}，占调整后项目支出预算${amount(base)}的${fmtPercent(n.evaluated_project_funds.dividedBy(base))}。`;
  return goals + coverage;
}

function management(s: Sources): Paragraph[] {
  const checklists = s.profile.indicators
    .filter((d) => d.rule.kind === 'checklist')
    .map((d) => checklistSentence(s, d.id))
    .filter((x): x is string => x !== null);
  return [heading2('（三）预算管理情况'), ...checklists.map((c) => body(c)), body(goalsAndCoverage(s))];
}

function effects(s: Sources): Paragraph[] {
  const n = s.inputs.num;
  const tasks = n.key_tasks_total.isZero()
    ? '年度重点工作任务数为0。'
    : `年度重点工作任务${count(n.key_tasks_total)}项，已办结${count(n.key_tasks_done)}项，办结率${fmtPercent(n.key_tasks_done.dividedBy(n.key_tasks_total))}。`;
  const low = new Decimal(s.profile.thresholds.satisfactionLow);
  const sat = n.satisfaction_pct;
  const satisfaction = `满意度调查综合满意率${fmtPercent(sat)}，${sat.lt(low) ? '低于' : '不低于'}${fmtPercentShort(low)}。`;
  const benefits = s.narrative.benefits;
  return [
    heading2('（四）履职效果'),
    body(tasks + satisfaction),
    heading2('（五）履职效益'),
    ...(benefits ? lines(benefits) : [body(placeholder(PLACEHOLDERS.benefits))]),
  ];
}

function performance(s: Sources): ReportSection {
  return {
    heading: '三、部门整体支出绩效情况',
    paragraphs: [...budgetExecution(s), ...staffAndControls(s), ...management(s), ...effects(s)],
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { 高: 0, 中: 1, 低: 2 };

/** The flags, most severe first; equal severities keep the engine's order. */
export function flagsBySeverity(flags: IssueFlag[]): IssueFlag[] {
  return flags
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** “1．” and the text, its lead (“预算执行率偏低：”) bold when it has a short one. */
function numbered(i: number, text: string): Paragraph {
  const colon = text.indexOf('：');
  const lead = colon > 0 && colon <= 16 ? text.slice(0, colon + 1) : '';
  return para('item', `${i + 1}．`, ...(lead ? [{ text: lead, bold: true }] : []), text.slice(lead.length));
}

const sentence = (s: string) => (/[。！？]$/u.test(s) ? s : `${s}。`);

function problems(s: Sources): ReportSection {
  const flags = flagsBySeverity(s.result.flags);
  const paragraphs = flags.length
    ? [
        body(`对照指标体系评分结果，${s.dept}${s.year}年度部门整体支出存在以下问题：`),
        ...flags.map((f, i) => numbered(i, `${sentence(f.message)}${f.evidence ? `依据：${sentence(f.evidence)}` : ''}`)),
      ]
    : [body(`对照指标体系各项指标和问题识别规则，${s.dept}${s.year}年度部门整体支出未发现需要列示的问题。`)];
  return { heading: '四、存在的问题', paragraphs };
}

function measures(s: Sources): ReportSection {
  const flags = flagsBySeverity(s.result.flags);
  const paragraphs = flags.length
    ? [body('针对上述问题，提出以下整改措施和建议：'), ...flags.map((f, i) => numbered(i, sentence(f.suggestion)))]
    : [body('本年度未发现需要整改的问题，建议继续做好预算执行监控和绩效目标管理。')];
  return { heading: '五、整改措施或建议', paragraphs };
}

function otherMatters(s: Sources): ReportSection {
  const paragraphs: Paragraph[] = [];
  if (s.cap) {
    paragraphs.push(
      body(
        `根据指标体系的预算执行率封顶规则，预算完成率为${fmtPercent(new Decimal(s.cap.rate))}时，总分最高为${plain(s.cap.max)}分。` +
          `本年各项指标得分合计${score2(s.cap.uncapped_total)}分，封顶后综合得分为${score2(s.result.total)}分，评价等级为“${s.result.grade}”。`,
      ),
    );
  }
  for (const w of s.result.warnings) {
    paragraphs.push(body(placeholder(`【数据核对提示，定稿前请核实并删除本段：${bare(w.message)}】`)));
  }
  const notes = s.narrative.other_notes;
  paragraphs.push(...(notes ? lines(notes) : [body(placeholder(PLACEHOLDERS.otherNotes))]));
  return { heading: '六、其他需要说明的问题', paragraphs };
}

/**
 * The report draft for one scored department. `values` must be the inputs the result was scored
 * from; inputs that do not validate are a caller's error (there is no result to report).
 */
export function draftReport(input: ReportInput): ReportDraft {
  const validated = validateInputs({ values: input.values });
  if (!validated.ok) throw new Error('draftReport: 输入数据未通过校验，无法生成报告草稿');
  const s: Sources = {
    result: input.result,
    inputs: validated.inputs,
    profile: input.profile,
    cap: input.cap ?? input.result.cap,
    narrative: readNarrative(input.values),
    dept: input.result.department,
    year: input.result.year,
  };
  return {
    title: `${s.dept}${s.year}年度部门整体支出绩效自评报告`,
    sections: [preface(s), overview(s), evaluationWork(s), performance(s), problems(s), measures(s), otherMatters(s)],
    table: scoreTable(s),
    signature: { department: s.dept, date: placeholder(PLACEHOLDERS.date) },
  };
}

/** 表1 as lines of text, cells separated by tabs (they paste into a sheet as columns). */
export function scoreTableLines(table: ScoreTable): string[] {
  return [
    table.header.join('\t'),
    ...table.rows.map((r) => [r.level1, r.level2, r.name, plain(r.weight), score2(r.score)].join('\t')),
    ...table.totals.map((t) => [t.label, '', '', t.weight === null ? '' : plain(t.weight), score2(t.score)].join('\t')),
  ];
}

/**
 * The draft as `score --json` prints it: each section's heading and plain paragraphs; 表1 as its
 * caption followed by tab-separated lines, in place; the 落款 as a last section.
 */
export function reportJson(draft: ReportDraft): { sections: { heading: string; paragraphs: string[] }[] } {
  const sections = draft.sections.map((sec) => ({
    heading: sec.heading,
    paragraphs: sec.paragraphs.flatMap((p) => (p.kind === 'caption' ? [paragraphText(p), ...scoreTableLines(draft.table)] : [paragraphText(p)])),
  }));
  return { sections: [...sections, { heading: '落款', paragraphs: [draft.signature.department, draft.signature.date.text] }] };
}
