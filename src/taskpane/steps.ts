/**
 * The guided steps as data: from the workbook's state (read in one sync, see WorkbookService.state)
 * to the numbered sequence the pane shows — which steps are done, which one is next (its action is
 * the primary button), and what each says about the workbook.
 */
import type { WorkbookState } from './service';

/** What a step's button does: one of the service's actions, or the pane's own. */
export type StepAction = 'insertTemplate' | 'locateEmpty' | 'validate' | 'score' | 'exportReport';

export type StepStatus = 'done' | 'next' | 'todo';

export interface Step {
  key: 'template' | 'fill' | 'validate' | 'score' | 'export';
  /** 1…5, as drawn. */
  number: number;
  title: string;
  /** One short line of help, shown with the next step. */
  help: string;
  status: StepStatus;
  /** What the workbook says about this step, e.g. 已填写 12/30 项; '' when nothing to say. */
  detail: string;
  /** Set when the detail is a problem the officer must fix (drawn in the error colour). */
  problem?: boolean;
  /** The button, or null when this step has nothing to press now. */
  action: { key: StepAction; label: string } | null;
}

const TITLES = {
  template: '插入模板',
  fill: '填写基础数据表',
  validate: '校验',
  score: '计算评分',
  export: '导出报告',
} as const;

const HELP = {
  template: '在工作簿中加入“基础数据表”和“指标体系”两张表，不改动已有的工作表。',
  fill: '在“基础数据表”的黄色单元格中填写预算、决算、人员和各检查项。',
  validate: '检查全部输入，列出每个错误及其单元格；不写入任何内容。',
  score: '计算 18 个三级指标的得分，写入“评分表”“问题清单”和“报告草稿”。',
  export: '把报告草稿保存为 Word 文档（.docx），再按单位情况修改。',
} as const;

type Draft = Omit<Step, 'number' | 'status'> & { done: boolean };

/** The steps for `state`; null while the state is not known (not yet connected): every step to do, no details. */
export function stepsFor(state: WorkbookState | null): Step[] {
  const drafts = state ? draftsFor(state) : unknownDrafts();
  let nextFound = state === null;
  return drafts.map(({ done, ...step }, index) => {
    let status: StepStatus = done ? 'done' : 'todo';
    if (!done && !nextFound) {
      status = 'next';
      nextFound = true;
    }
    return { ...step, number: index + 1, status };
  });
}

/** The step whose action is the primary one; undefined while the state is not known. */
export function nextStep(steps: Step[]): Step | undefined {
  return steps.find((step) => step.status === 'next');
}

function unknownDrafts(): Draft[] {
  return [
    { key: 'template', title: TITLES.template, help: HELP.template, detail: '', done: false, action: { key: 'insertTemplate', label: TITLES.template } },
    { key: 'fill', title: TITLES.fill, help: HELP.fill, detail: '', done: false, action: null },
    { key: 'validate', title: TITLES.validate, help: HELP.validate, detail: '', done: false, action: { key: 'validate', label: TITLES.validate } },
    { key: 'score', title: TITLES.score, help: HELP.score, detail: '', done: false, action: { key: 'score', label: TITLES.score } },
    { key: 'export', title: TITLES.export, help: HELP.export, detail: '', done: false, action: null },
  ];
}

function draftsFor(state: WorkbookState): Draft[] {
  const { template, required, errors, result } = state;
  const hasTemplate = template.state === 'present';
  const filled = hasTemplate && required.total > 0 && required.filled >= required.total;
  const valid = hasTemplate && errors === 0;
  const scored = result.state === 'current';

  const templateStep: Draft =
    template.state === 'renamed'
      ? {
          key: 'template',
          title: TITLES.template,
          help: `本工具插入的一张表已改名为“${template.where}”。请将它改回原名（“基础数据表”或“指标体系”），再继续。`,
          detail: '已改名',
          problem: true,
          done: false,
          action: null,
        }
      : {
          key: 'template',
          title: TITLES.template,
          help: HELP.template,
          detail: hasTemplate ? '已插入' : '',
          done: hasTemplate,
          action: hasTemplate ? null : { key: 'insertTemplate', label: TITLES.template },
        };

  const fillStep: Draft = {
    key: 'fill',
    title: TITLES.fill,
    help: HELP.fill,
    detail: hasTemplate && required.total > 0 ? `已填写 ${required.filled}/${required.total} 项` : '',
    done: filled,
    action: hasTemplate && required.firstEmpty !== null ? { key: 'locateEmpty', label: '定位到第一个未填写的单元格' } : null,
  };

  const validateStep: Draft = {
    key: 'validate',
    title: TITLES.validate,
    help: HELP.validate,
    // While the officer is still filling in, the empty cells are errors too: counted only once all are filled.
    detail: !filled || errors === null ? '' : errors === 0 ? '校验通过' : `${errors} 处错误`,
    problem: filled && errors !== null && errors > 0,
    done: valid,
    action: hasTemplate && !valid ? { key: 'validate', label: TITLES.validate } : null,
  };

  const stale = result.state === 'stale';
  const scoreStep: Draft = {
    key: 'score',
    title: TITLES.score,
    help: stale ? result.message : HELP.score,
    detail: scored ? '结果为最新' : stale ? '已过期' : '',
    problem: stale,
    done: scored,
    action: hasTemplate && !scored ? { key: 'score', label: stale ? '重新计算' : TITLES.score } : null,
  };

  const exportStep: Draft = {
    key: 'export',
    title: TITLES.export,
    help: HELP.export,
    detail: '',
    done: false,
    action: result.state !== 'none' ? { key: 'exportReport', label: TITLES.export } : null,
  };

  return [templateStep, fillStep, validateStep, scoreStep, exportStep];
}
