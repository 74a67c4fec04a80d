/**
 * Issue flags (问题清单): each rule as data — when it is raised, how severe, what it says (quoting
 * the figures), its evidence and a suggested 整改措施. Thresholds come from the profile.
 */
import { Decimal, fmtAmount, fmtPercent, fmtPercentShort } from './decimal';
import { fieldPhrase } from './fields';
import type { IndicatorOutcome, KeyFigures } from './evaluate';
import type { BandRule, Profile } from './profile';
import type { IssueFlag, Severity } from './types';
import type { DepartmentInputs } from './validate';

export interface FlagContext {
  inputs: DepartmentInputs;
  profile: Profile;
  outcomes: IndicatorOutcome[];
  figures: KeyFigures;
}

interface Finding {
  severity: Severity;
  message: string;
  evidence: string;
}

interface FlagDef {
  code: string;
  indicators: string[];
  fields: string[];
  suggestion: string;
  check(ctx: FlagHelpers): Finding | null;
}

/** Lookups the flag rules share. */
class FlagHelpers {
  constructor(readonly ctx: FlagContext) {}

  outcome(id: string): IndicatorOutcome | undefined {
    return this.ctx.outcomes.find((o) => o.def.id === id);
  }

  /** The indicator's exact rate, or null when it has none (zero denominator, or not in the profile). */
  rate(id: string): Decimal | null {
    const r = this.outcome(id)?.rate;
    return r?.kind === 'rate' ? r.value : null;
  }

  /** True when the indicator's denominator is 0 but its numerator is not (spent with no budget). */
  spentWithoutBase(id: string): boolean {
    const r = this.outcome(id)?.rate;
    return r?.kind === 'baseZero' && !r.numeratorZero;
  }

  band(id: string): BandRule | undefined {
    const rule = this.outcome(id)?.def.rule;
    return rule?.kind === 'band' ? rule : undefined;
  }

  lower(id: string): Decimal | undefined {
    const l = this.band(id)?.lower;
    return l === undefined ? undefined : new Decimal(l);
  }

  upper(id: string): Decimal | undefined {
    const u = this.band(id)?.upper;
    return u === undefined ? undefined : new Decimal(u);
  }

  process(id: string): string {
    return this.outcome(id)?.result.process ?? '';
  }

  num(id: string): Decimal {
    return this.ctx.inputs.num[id];
  }

  amount(id: string): string {
    return `${fieldPhrase(id)}${fmtAmount(this.num(id))}万元`;
  }

  /** Checklist items answered 否, as “label”. */
  noes(ids: string[]): string[] {
    return ids.filter((id) => this.ctx.inputs.yes[id] === false).map((id) => `“${fieldPhrase(id)}”`);
  }

  get t() {
    return this.ctx.profile.thresholds;
  }
}

const SYS = ['sys_finance_rules', 'sys_project_rules', 'sys_internal_control'];
const COMP = ['comp_purpose', 'comp_no_misuse', 'comp_approval', 'comp_accounting', 'comp_no_findings'];
const DISC = ['disc_budget', 'disc_final', 'disc_sangong', 'disc_on_time'];
const PM = ['pm_mechanism', 'pm_monitoring', 'pm_self_eval', 'pm_results_used', 'pm_goals_complete'];

/** A flag for "rate below the indicator's lower bound". */
function belowLower(
  h: FlagHelpers,
  id: string,
  what: string,
  severity: (rate: Decimal) => Severity,
): Finding | null {
  const rate = h.rate(id);
  const lower = h.lower(id);
  if (!rate || !lower || !rate.lt(lower)) return null;
  return {
    severity: severity(rate),
    message: `${what}${fmtPercent(rate)}，低于${fmtPercentShort(lower)}`,
    evidence: h.process(id),
  };
}

/** A flag for "over budget": rate above 100%, or spending with no budget. */
function overBudget(h: FlagHelpers, id: string, actual: string, budget: string, severity: Severity, what: string): Finding | null {
  const rate = h.rate(id);
  if (h.spentWithoutBase(id)) {
    return { severity, message: `${what}无预算安排却发生支出${fmtAmount(h.num(actual))}万元`, evidence: `${h.amount(budget)}；${h.amount(actual)}` };
  }
  if (rate && rate.gt(1)) {
    return {
      severity,
      message: `${what}超预算：决算${fmtAmount(h.num(actual))}万元，超过预算${fmtAmount(h.num(budget))}万元，控制率${fmtPercent(rate)}`,
      evidence: h.process(id),
    };
  }
  return null;
}

export const FLAG_DEFS: FlagDef[] = [
  {
    code: 'EXECUTION_LOW',
    indicators: ['basic_execution', 'project_execution'],
    fields: ['actual_basic', 'actual_project', 'budget_adjusted_basic', 'budget_adjusted_project'],
    suggestion:
      '加强预算执行管理：按月跟踪支出进度，对执行缓慢的资金查明原因、及时督办；对确实无法执行的资金按程序调减或收回，并据此提高下年度预算编制的准确性。',
    check(h) {
      const rate = h.ctx.figures.executionRate;
      if (!rate || !rate.lt(h.t.executionLow)) return null;
      const f = h.ctx.figures;
      const parts = ['basic_execution', 'project_execution']
        .map((id) => [id, h.rate(id)] as const)
        .filter(([, r]) => r !== null)
        .map(([id, r]) => `${h.outcome(id)?.def.name}${fmtPercent(r as Decimal)}`);
      return {
        severity: rate.lt(h.t.executionSevere) ? '高' : '中',
        message: `预算执行率偏低：全年预算完成率${fmtPercent(rate)}，低于${fmtPercentShort(new Decimal(h.t.executionLow))}`,
        evidence:
          `决算支出合计${fmtAmount(f.actualTotal)}万元÷调整后预算合计${fmtAmount(f.adjustedTotal)}万元=${fmtPercent(rate)}` +
          (parts.length ? `；其中${parts.join('，')}` : ''),
      };
    },
  },
  {
    code: 'PROJECT_EXECUTION_LOW',
    indicators: ['project_execution'],
    fields: ['actual_project', 'budget_adjusted_project'],
    suggestion:
      '细化项目实施计划和用款计划，明确时间节点和责任人；对上级配套等年初难以预计的资金，编制时充分论证，执行中及时调整，避免资金沉淀。',
    check: (h) =>
      belowLower(h, 'project_execution', '项目支出预算完成率', (r) => (r.lt(h.t.projectExecutionSevere) ? '高' : '中')),
  },
  {
    code: 'PAYMENT_BEHIND',
    indicators: ['payment_progress'],
    fields: ['payment_actual_pct', 'payment_planned_pct'],
    suggestion: '建立资金支付进度台账，按考核时点对照既定进度逐项督促；对进度滞后的项目分析原因并限期整改。',
    check: (h) => belowLower(h, 'payment_progress', '支付进度滞后：支付进度率', () => '中'),
  },
  {
    code: 'GOALS_NOT_QUANTIFIED',
    indicators: ['goals_initial', 'goals_added', 'performance_management'],
    fields: ['pm_goals_quantified', 'projects_initial', 'projects_initial_with_goals', 'projects_added', 'projects_added_with_goals'],
    suggestion:
      '强化绩效目标管理：按“指向明确、细化量化、合理可行”的要求为每个项目编报绩效目标，设置可衡量的数量、质量、时效、成本和效益指标；加强财政绩效知识培训，提升目标设计能力。',
    check(h) {
      const unquantified = h.ctx.inputs.yes.pm_goals_quantified === false;
      const missing = ['goals_initial', 'goals_added'].filter((id) => h.rate(id)?.lt(1));
      if (!unquantified && missing.length === 0) return null;
      const evidence = [
        ...(unquantified ? [`“${fieldPhrase('pm_goals_quantified')}”为否`] : []),
        ...missing.map((id) => `${h.outcome(id)?.def.name}：${h.process(id)}`),
      ];
      const what = [
        ...(unquantified ? ['未设置详细、具体、可衡量的绩效目标'] : []),
        ...(missing.length ? ['部分项目未编报绩效目标'] : []),
      ];
      return {
        severity: '中',
        message: `绩效目标不够细化量化：${what.join('，')}，工作开展缺乏明确方向`,
        evidence: evidence.join('；'),
      };
    },
  },
  {
    code: 'ADJUSTMENT_HIGH',
    indicators: [],
    fields: ['budget_initial_basic', 'budget_initial_project', 'budget_adjusted_basic', 'budget_adjusted_project', 'adjustment_excluded'],
    suggestion: '提高年初预算编制的完整性和准确性，可预见的支出全部纳入年初预算，减少年中追加和调整。',
    check(h) {
      const f = h.ctx.figures;
      const r = f.adjustmentRate;
      if (!r || !r.gt(h.t.adjustmentHigh)) return null;
      return {
        severity: '中',
        message: `预算调整幅度较大：预算调整率${fmtPercent(r)}，超过${fmtPercentShort(new Decimal(h.t.adjustmentHigh))}`,
        evidence: `（调整后预算合计${fmtAmount(f.adjustedTotal)}万元－年初预算合计${fmtAmount(f.initialTotal)}万元－${h.amount('adjustment_excluded')}）÷年初预算合计${fmtAmount(f.initialTotal)}万元=${fmtPercent(r)}`,
      };
    },
  },
  {
    code: 'OVERSTAFFED',
    indicators: ['staff_control'],
    fields: ['staff_actual', 'staff_authorized'],
    suggestion: '严格按核定编制配备人员，控制财政供养人员规模，超编人员按规定逐步消化。',
    check(h) {
      const r = h.rate('staff_control');
      if (!r || !r.gt(1)) return null;
      return {
        severity: '中',
        message: `人员超编：年末实有在职${h.num('staff_actual').toString()}人，超过编制数${h.num('staff_authorized').toString()}人`,
        evidence: h.process('staff_control'),
      };
    },
  },
  {
    code: 'SANGONG_RISING',
    indicators: ['sangong_change'],
    fields: ['sangong_budget', 'sangong_budget_prev'],
    suggestion: '厉行节约，从严控制“三公经费”预算规模，确保只减不增；确需增加的应说明理由并报批。',
    check(h) {
      const r = h.rate('sangong_change');
      if (r && r.gt(0)) {
        return { severity: '中', message: `“三公经费”预算较上年增长${fmtPercent(r)}`, evidence: h.process('sangong_change') };
      }
      if (h.spentWithoutBase('sangong_change')) {
        return {
          severity: '中',
          message: `上年无“三公经费”预算，本年安排${fmtAmount(h.num('sangong_budget'))}万元`,
          evidence: `${h.amount('sangong_budget_prev')}；${h.amount('sangong_budget')}`,
        };
      }
      return null;
    },
  },
  {
    code: 'SANGONG_OVERSPENT',
    indicators: ['sangong_control'],
    fields: ['sangong_actual', 'sangong_budget'],
    suggestion: '严格执行“三公经费”预算和开支标准，无预算、超预算不得支出；对超支部分查明原因，按规定追究责任。',
    check: (h) => overBudget(h, 'sangong_control', 'sangong_actual', 'sangong_budget', '高', '“三公经费”'),
  },
  {
    code: 'PUBLIC_OVERSPENT',
    indicators: ['public_control'],
    fields: ['public_actual', 'public_budget'],
    suggestion: '加强公用经费定额管理，严控日常运转支出；超支部分查明原因，下年度预算据实核定。',
    check: (h) => overBudget(h, 'public_control', 'public_actual', 'public_budget', '中', '公用经费'),
  },
  {
    code: 'PROCUREMENT_OFF_PLAN',
    indicators: ['procurement_execution'],
    fields: ['procurement_actual', 'procurement_budget'],
    suggestion: '按政府采购预算和计划组织采购；编制预算时准确测算采购需求，执行偏差较大时及时调整采购计划。',
    check(h) {
      const r = h.rate('procurement_execution');
      const lower = h.lower('procurement_execution');
      const upper = h.upper('procurement_execution');
      if (!r || !((lower && r.lt(lower)) || (upper && r.gt(upper)))) return null;
      const range = `${lower ? fmtPercentShort(lower) : '—'}–${upper ? fmtPercentShort(upper) : '—'}`;
      return { severity: '低', message: `政府采购执行率${fmtPercent(r)}，不在${range}之间`, evidence: h.process('procurement_execution') };
    },
  },
  {
    code: 'OVERSPENT_LINE',
    indicators: ['basic_execution', 'project_execution'],
    fields: ['actual_basic', 'budget_adjusted_basic', 'actual_project', 'budget_adjusted_project'],
    suggestion: '严格按预算支出，超预算支出须按程序追加预算后方可列支；核实超支原因并整改。',
    check(h) {
      const lines: string[] = [];
      for (const [actual, budget, name] of [
        ['actual_basic', 'budget_adjusted_basic', '基本支出'],
        ['actual_project', 'budget_adjusted_project', '项目支出'],
      ]) {
        if (h.num(actual).gt(h.num(budget))) {
          lines.push(`${name}决算${fmtAmount(h.num(actual))}万元超过调整后预算${fmtAmount(h.num(budget))}万元`);
        }
      }
      if (lines.length === 0) return null;
      return { severity: '高', message: `超预算支出：${lines.join('；')}`, evidence: lines.join('；') };
    },
  },
  ...(
    [
      ['RULES_INCOMPLETE', 'system_soundness', SYS, '中', '管理制度不健全',
        '补充制定并完善单位财务管理、专项资金管理和内部控制制度，明确岗位职责和审批流程，并督促执行。'],
      ['NONCOMPLIANT_FUNDS', 'fund_compliance', COMP, '高', '资金使用存在不合规情形',
        '对资金使用中发现的问题立即整改，规范审批和会计核算，严禁截留、挤占、挪用；举一反三，完善内部控制。'],
      ['DISCLOSURE_INCOMPLETE', 'disclosure', DISC, '中', '预决算信息公开不到位',
        '按《预算法》和财政部门要求，在规定时限内完整公开部门预算、决算和“三公经费”。'],
      ['PM_WEAK', 'performance_management', PM, '中', '预算绩效管理工作不到位',
        '健全预算绩效管理工作机制，开展绩效运行监控，按时完成绩效自评，并将评价结果用于预算安排和问题整改。'],
    ] as const
  ).map(
    ([code, indicator, items, severity, headline, suggestion]): FlagDef => ({
      code,
      indicators: [indicator],
      fields: [...items],
      suggestion,
      check(h) {
        const noes = h.noes([...items]);
        if (noes.length === 0) return null;
        return { severity, message: `${headline}：${noes.join('、')}为否`, evidence: h.process(indicator) };
      },
    }),
  ),
  {
    code: 'COVERAGE_LOW',
    indicators: ['evaluation_coverage'],
    fields: ['evaluated_project_funds', 'budget_adjusted_project'],
    suggestion: '扩大绩效评价范围，对全部项目资金开展绩效自评，对重点项目开展重点评价。',
    check(h) {
      const r = h.rate('evaluation_coverage');
      if (!r || !r.lt(1)) return null;
      return { severity: '低', message: `绩效评价覆盖率${fmtPercent(r)}，未覆盖全部项目资金`, evidence: h.process('evaluation_coverage') };
    },
  },
  {
    code: 'TASKS_UNFINISHED',
    indicators: ['key_tasks'],
    fields: ['key_tasks_done', 'key_tasks_total'],
    suggestion: '对未办结的年度重点工作逐项明确责任人和完成时限，跟踪督办，按期办结。',
    check(h) {
      const r = h.rate('key_tasks');
      if (!r || !r.lt(1)) return null;
      const open = h.num('key_tasks_total').minus(h.num('key_tasks_done'));
      return {
        severity: '中',
        message: `年度重点工作未全部办结：办结率${fmtPercent(r)}，尚有${open.toString()}项未办结`,
        evidence: h.process('key_tasks'),
      };
    },
  },
  {
    code: 'SATISFACTION_LOW',
    indicators: ['satisfaction'],
    fields: ['satisfaction_pct'],
    suggestion: '针对满意度调查中反映集中的问题改进服务流程和服务态度，提升服务对象和社会公众满意度。',
    check(h) {
      const r = h.rate('satisfaction');
      const threshold = new Decimal(h.t.satisfactionLow);
      if (!r || !r.lt(threshold)) return null;
      return { severity: '中', message: `社会公众满意度${fmtPercent(r)}，低于${fmtPercentShort(threshold)}`, evidence: h.process('satisfaction') };
    },
  },
];

export function raiseFlags(ctx: FlagContext): IssueFlag[] {
  const helpers = new FlagHelpers(ctx);
  const flags: IssueFlag[] = [];
  for (const def of FLAG_DEFS) {
    const found = def.check(helpers);
    if (!found) continue;
    flags.push({
      code: def.code,
      severity: found.severity,
      message: found.message,
      evidence: found.evidence,
      suggestion: def.suggestion,
      indicators: def.indicators,
      fields: def.fields,
    });
  }
  return flags;
}
