/**
 * The standard template's fields (基础数据表): the one source of truth for ids, labels, units,
 * kinds, sections and defaults. The template writer, the readers, the validator and every message
 * use this table.
 */

/** `ratio` is a percentage without the 100% cap (profile bounds such as an upper bound of 105%). */
export type FieldKind = 'text' | 'year' | 'count' | 'amount' | 'percent' | 'ratio' | 'yesno';

export interface SectionDef {
  id: string;
  title: string;
}

export interface FieldDef {
  id: string;
  label: string;
  section: string;
  kind: FieldKind;
  required: boolean;
  /** What a blank optional field means, in the officer's words (shown on the template). */
  defaultNote?: string;
}

export const SECTIONS: SectionDef[] = [
  { id: 'A', title: '一、基本信息' },
  { id: 'B', title: '二、人员' },
  { id: 'C', title: '三、预算与决算（万元）' },
  { id: 'D', title: '四、三公经费、公用经费、政府采购（万元）' },
  { id: 'E', title: '五、支付进度、项目与履职' },
  { id: 'F', title: '六、定性检查项（是/否）' },
  { id: 'G', title: '七、报告信息（选填）' },
];

const f = (
  id: string,
  label: string,
  section: string,
  kind: FieldKind,
  required = true,
  defaultNote?: string,
): FieldDef => ({ id, label, section, kind, required, defaultNote });

const yesno = (id: string, label: string): FieldDef => f(id, label, 'F', 'yesno');

/** Narrative for the report draft only (report.md): never scored, no default; a blank one leaves a placeholder. */
const narrative = (id: string, label: string, note: string): FieldDef => f(id, label, 'G', 'text', false, `选填；${note}`);

export const FIELDS: FieldDef[] = [
  f('dept_name', '单位名称', 'A', 'text'),
  f('eval_year', '评价年度', 'A', 'year'),

  f('staff_authorized', '编制数（人）', 'B', 'count'),
  f('staff_actual', '年末实有在职人数（人）', 'B', 'count'),

  f('budget_initial_basic', '年初预算·基本支出', 'C', 'amount'),
  f('budget_initial_project', '年初预算·项目支出', 'C', 'amount'),
  f('budget_adjusted_basic', '调整后预算·基本支出', 'C', 'amount'),
  f('budget_adjusted_project', '调整后预算·项目支出', 'C', 'amount'),
  f('budget_adjusted_total', '调整后预算·合计（用于核对）', 'C', 'amount', false, '选填；填写时须等于基本支出＋项目支出'),
  f('adjustment_excluded', '不计入预算调整的追加数（上级配套资金、一次性补助、增人增资等）', 'C', 'amount', false, '选填；空白按0'),
  f('actual_basic', '决算支出·基本支出', 'C', 'amount'),
  f('actual_project', '决算支出·项目支出', 'C', 'amount'),
  f('actual_total', '决算支出·合计（用于核对）', 'C', 'amount', false, '选填；填写时须等于基本支出＋项目支出'),
  f('key_project_budget', '重点项目支出预算', 'C', 'amount', false, '选填；空白按调整后项目支出预算'),
  f('evaluated_project_funds', '已开展绩效评价（含自评）的项目资金', 'C', 'amount', false, '选填；空白按0'),
  f('prev_budget_adjusted_total', '上年调整后预算·合计', 'C', 'amount', false, '选填；用于两年对比'),
  f('prev_actual_total', '上年决算支出·合计', 'C', 'amount', false, '选填；用于两年对比'),

  f('sangong_budget', '本年“三公经费”预算数', 'D', 'amount'),
  f('sangong_actual', '本年“三公经费”决算数', 'D', 'amount'),
  f('sangong_budget_prev', '上年“三公经费”预算数', 'D', 'amount'),
  f('public_budget', '公用经费预算数', 'D', 'amount'),
  f('public_actual', '公用经费决算数', 'D', 'amount'),
  f('procurement_budget', '政府采购预算数', 'D', 'amount'),
  f('procurement_actual', '实际政府采购金额', 'D', 'amount'),

  f('payment_planned_pct', '考核时点既定支付进度', 'E', 'percent', false, '选填；空白按年末时点100%'),
  f('payment_actual_pct', '考核时点实际支付进度', 'E', 'percent', false, '选填；空白取预算完成率，即决算合计÷调整后预算合计'),
  f('projects_initial', '年初预算项目个数', 'E', 'count'),
  f('projects_initial_with_goals', '其中：编报绩效目标的项目个数', 'E', 'count'),
  f('projects_added', '年中追加项目个数', 'E', 'count'),
  f('projects_added_with_goals', '其中：编报绩效目标的项目个数', 'E', 'count'),
  f('key_tasks_total', '年度重点工作任务数', 'E', 'count'),
  f('key_tasks_done', '其中：已办结数', 'E', 'count'),
  f('satisfaction_pct', '满意度调查综合满意率', 'E', 'percent'),

  yesno('sys_finance_rules', '已制定单位财务管理制度'),
  yesno('sys_project_rules', '已制定项目（专项）资金管理办法'),
  yesno('sys_internal_control', '已建立内部控制制度并有效执行'),
  yesno('comp_purpose', '资金按规定用途使用，专款专用'),
  yesno('comp_no_misuse', '无截留、挤占、挪用、虚列支出'),
  yesno('comp_approval', '支出审批程序完整，手续齐全'),
  yesno('comp_accounting', '会计核算规范，账实相符'),
  yesno('comp_no_findings', '审计、财政检查未发现违规问题'),
  yesno('disc_budget', '按规定公开部门预算'),
  yesno('disc_final', '按规定公开部门决算'),
  yesno('disc_sangong', '按规定公开“三公经费”'),
  yesno('disc_on_time', '在规定时限内完成公开'),
  yesno('pm_mechanism', '建立预算绩效管理工作机制'),
  yesno('pm_monitoring', '开展绩效运行监控'),
  yesno('pm_self_eval', '按时开展并报送绩效自评'),
  yesno('pm_results_used', '评价结果应用于预算安排和问题整改'),
  yesno('pm_goals_complete', '绩效目标编报完整'),
  yesno('pm_goals_quantified', '绩效目标细化量化、可衡量'),

  narrative('basis_documents', '评价依据文件', '写入报告前言，如《关于开展2018年度部门整体支出绩效评价工作的通知》（文号），多个文件用顿号分隔'),
  narrative('dept_functions', '主要职能', '写入报告“一、部门概述和基本情况”，可分段填写（单元格内按 Alt+Enter 换行）'),
  narrative('dept_structure', '内设机构', '写入报告“一、部门概述和基本情况”，如“内设办公室、救助科2个科室”'),
  narrative('eval_period', '评价工作时间', '写入报告“二、评价工作开展情况”，如“2019年8月10日至9月2日”'),
  narrative('benefits', '履职效益（社会效益、可持续影响）', '写入报告“三、部门整体支出绩效情况”，可分段填写'),
  narrative('other_notes', '其他需要说明的问题', '写入报告“六、其他需要说明的问题”，如无可填“无”'),
];

export const FIELD_BY_ID: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.id, d]));

export function fieldLabel(id: string): string {
  return FIELD_BY_ID.get(id)?.label ?? id;
}

/** The label as it reads inside a sentence: without “其中：”, the unit suffix or “（用于核对）”. */
export function fieldPhrase(id: string): string {
  return fieldLabel(id)
    .replace(/^其中：/, '')
    .replace(/（(人|用于核对)）$/, '');
}

/** The unit shown beside a field on the template. */
export function fieldUnit(field: FieldDef): string {
  switch (field.kind) {
    case 'amount':
      return '万元';
    case 'count':
      return field.id.startsWith('staff') ? '人' : field.id.startsWith('key_tasks') ? '项' : '个';
    case 'percent':
      return '%';
    case 'yesno':
      return '是/否';
    case 'year':
      return '年';
    default:
      return '';
  }
}
