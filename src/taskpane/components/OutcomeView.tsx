/**
 * What the last action left to look at: the errors to fix, the warnings to read, the scores, the
 * notes on what was left as it was — or the question to answer before anything is written.
 * Loaded lazily (see App): nothing here is needed before the first click.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import type { ActionOptions, ActionOutcome } from '../service';
import { IssueList } from './IssueList';
import { ResultsView } from './ResultsView';

export interface OutcomeViewProps {
  outcome: ActionOutcome;
  onSelectCell: (address: string) => void;
}

export default function OutcomeView({ outcome, onSelectCell }: OutcomeViewProps) {
  switch (outcome.kind) {
    case 'done':
      // The status line carries the confirmation; notes say what was left as it was.
      return <Notes notes={outcome.notes} />;
    case 'failed':
      return (
        <MessageBar intent="error" politeness="polite">
          <MessageBarBody>
            <MessageBarTitle>操作未完成</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      );
    case 'confirm':
      // Asked in ConfirmDialog, which stays mounted while it closes (see App).
      return null;
    case 'invalid':
      return (
        <>
          <IssueList title="校验错误" issues={outcome.errors} kind="error" onSelectCell={onSelectCell} />
          <IssueList title="提示" issues={outcome.warnings} kind="warning" onSelectCell={onSelectCell} />
        </>
      );
    case 'valid':
      return (
        <>
          <Notes notes={outcome.notes} />
          <IssueList title="提示" issues={outcome.warnings} kind="warning" onSelectCell={onSelectCell} />
        </>
      );
    case 'scored':
      return (
        <>
          <Notes notes={outcome.notes} />
          <ResultsView result={outcome.result} onSelectCell={onSelectCell} />
        </>
      );
  }
}

export interface ConfirmDialogProps {
  /** Kept mounted and closed by `open`: a modal dialog unmounted while open leaves the pane hidden from screen readers. */
  open: boolean;
  message: string;
  confirmLabel: string;
  /** The officer said yes: run the action again with these options. */
  onConfirm: (options: ActionOptions) => void;
  /** The officer said no (取消, Esc). */
  onCancel: () => void;
  options: ActionOptions;
}

/** The question an action asks before it writes over something of the officer's. */
export function ConfirmDialog({ open, message, confirmLabel, options, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>请确认</DialogTitle>
          <DialogContent>{message}</DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              取消
            </Button>
            <Button appearance="primary" onClick={() => onConfirm(options)}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** What an action left as it was, or could not set (a hidden sheet, a format): one warning bar. */
function Notes({ notes }: { notes?: string[] }) {
  if (!notes || notes.length === 0) return null;
  return (
    <MessageBar intent="warning" politeness="polite" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>请注意</MessageBarTitle>
        {notes.map((note) => (
          <div key={note}>{note}</div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}

export interface StaleNoticeProps {
  message: string;
  onRecalculate: () => void;
  disabled: boolean;
}

/** 已过期: the inputs changed since 评分表 was written; one button scores again. */
export function StaleNotice({ message, onRecalculate, disabled }: StaleNoticeProps) {
  return (
    <MessageBar intent="warning" politeness="polite" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>已过期</MessageBarTitle>
        {message}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" size="small" disabledFocusable={disabled} onClick={onRecalculate}>
          重新计算
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
