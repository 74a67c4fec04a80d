/**
 * The pane's four actions as data, and the one-line status each outcome leaves behind.
 * The status line is also the screen-reader announcement, so it must stand on its own.
 */
import type { ActionOutcome } from './service';

/** The four buttons' service calls. */
export type ActionKey = 'insertTemplate' | 'loadSample' | 'validate' | 'score';

export interface PaneAction {
  key: ActionKey;
  /** Button text. */
  label: string;
  /** Status while it runs. */
  busyText: string;
  /** The button that finishes the job is drawn as the primary one. */
  primary: boolean;
}

export const ACTIONS: readonly PaneAction[] = [
  { key: 'insertTemplate', label: '插入模板', busyText: '正在插入模板…', primary: false },
  { key: 'loadSample', label: '载入示例数据', busyText: '正在载入示例数据…', primary: false },
  { key: 'validate', label: '校验', busyText: '正在校验基础数据…', primary: false },
  { key: 'score', label: '计算评分', busyText: '正在计算评分…', primary: true },
];

/** Scores arrive rounded half-up to two decimals by the engine, so toFixed only pads ("88.6" → "88.60"). */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

/** The status line for an outcome, e.g. 「评分完成：总分 88.65 分，等级 良。」 */
export function describeOutcome(outcome: ActionOutcome): string {
  switch (outcome.kind) {
    case 'done':
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

/** The status line after the officer said no to a confirmation. */
export const CANCELLED = '已取消，未做任何改动。';

/** An unexpected rejection from the service, as a 'failed' outcome the pane can show. */
export function failureOf(action: PaneAction, error: unknown): ActionOutcome {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'failed', message: `${action.label}时出错（${detail}）。请重试；若仍出错，请关闭并重新打开任务窗格。` };
}
