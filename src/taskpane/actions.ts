/**
 * What the pane's buttons do, as data, and the one message each outcome leaves behind. That message
 * is also the one screen-reader announcement of the outcome, so it must stand on its own.
 */
import type { ActionOutcome } from './service';
import type { StepAction } from './steps';

/** The service's four actions that return an ActionOutcome. */
export type ActionKey = 'insertTemplate' | 'loadSample' | 'validate' | 'score';

/** Every button of the pane: the service's actions and the steps' own (locate, export). */
export type PaneActionKey = ActionKey | StepAction;

export interface PaneAction {
  key: PaneActionKey;
  /** Button text (the steps may say more, e.g. 重新计算 for 计算评分). */
  label: string;
  /** Status while it runs. */
  busyText: string;
}

export const ACTIONS: Readonly<Record<PaneActionKey, PaneAction>> = {
  insertTemplate: { key: 'insertTemplate', label: '插入模板', busyText: '正在插入模板…' },
  loadSample: { key: 'loadSample', label: '载入示例数据', busyText: '正在载入示例数据…' },
  locateEmpty: { key: 'locateEmpty', label: '定位到第一个未填写的单元格', busyText: '正在定位…' },
  validate: { key: 'validate', label: '校验', busyText: '正在校验基础数据…' },
  score: { key: 'score', label: '计算评分', busyText: '正在计算评分…' },
  exportReport: { key: 'exportReport', label: '导出报告', busyText: '正在生成报告…' },
};

/** An outcome as the pane shows it: the service's, or a notice (something the officer should know, not an error). */
export type PaneOutcome = ActionOutcome | { kind: 'notice'; message: string };

/** How the one message reads: an error to fix, a success, or plain information. */
export type Tone = 'error' | 'success' | 'info';

/** Scores arrive rounded half-up to two decimals by the engine, so toFixed only pads ("88.6" → "88.60"). */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** The message for an outcome, e.g. 「评分完成：总分 88.65 分，等级 良。」 */
export function describeOutcome(outcome: PaneOutcome): string {
  switch (outcome.kind) {
    case 'done':
    case 'notice':
      return outcome.message;
    case 'invalid': {
      const warnings = outcome.warnings.length > 0 ? `，${outcome.warnings.length} 条提示` : '';
      return `校验未通过：${outcome.errors.length} 处错误${warnings}。请按下方列表修改后重试。`;
    }
    case 'valid':
      return outcome.warnings.length > 0
        ? `校验通过，另有 ${outcome.warnings.length} 条提示。`
        : '校验通过，可以计算评分。';
    case 'scored':
      return `评分完成：总分 ${formatScore(outcome.result.total)} 分，等级 ${outcome.result.grade}。`;
    case 'confirm':
      return `需要确认：${outcome.message}`;
    case 'failed':
      return `操作未完成：${outcome.message}`;
  }
}

export function toneOf(outcome: PaneOutcome): Tone {
  switch (outcome.kind) {
    case 'invalid':
    case 'failed':
      return 'error';
    case 'done':
    case 'valid':
    case 'scored':
      return 'success';
    case 'notice':
    case 'confirm':
      return 'info';
  }
}

/** The status line after the officer said no to a confirmation. */
export const CANCELLED = '已取消，未做任何改动。';

/** An unexpected rejection from the service, as a 'failed' outcome the pane can show. */
export function failureOf(action: PaneAction, error: unknown): ActionOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'failed', message: `${action.label}时出错（${detail}）。请重试；若仍出错，请关闭并重新打开任务窗格。` };
}
