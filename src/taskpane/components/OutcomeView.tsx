/**
 * What the last action left to look at: the errors to fix, the warnings to read, the scores, the
 * notes on what was left as it was — or the question to answer before anything is written.
 * The outcome's message itself is the status line's (announced once); nothing here repeats it.
 * Loaded lazily (see App): nothing here is needed for the first paint.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { PaneOutcome } from '../actions';
import type { ActionOptions } from '../service';
import { useViewStyles } from '../theme';
import { IssueList } from './IssueList';
import { ResultsView } from './ResultsView';

export interface OutcomeViewProps {
  outcome: PaneOutcome;
  /** The inputs changed since the score on show was written. */
  stale: boolean;
  onSelectCell: (address: string) => void;
  onShowIndicator: (id: string, name: string) => void;
}

/**
 * Fluent's components need a FluentProvider (contexts, and the keyboard-focus tracking their focus
 * rings follow). It lives here, with them, not in the first script; the theme is the page's CSS.
 */
function Fluent({ children, layout = 'column' }: { children: ReactNode; layout?: 'column' | 'none' }) {
  const styles = useViewStyles();
  return (
    <FluentProvider lang="zh-CN" className={styles[layout]}>
      {children}
    </FluentProvider>
  );
}

export default function OutcomeView(props: OutcomeViewProps) {
  const view = outcomeView(props);
  return view && <Fluent>{view}</Fluent>;
}

function outcomeView({ outcome, stale, onSelectCell, onShowIndicator }: OutcomeViewProps): ReactNode {
  switch (outcome.kind) {
    case 'done':
      return outcome.notes && outcome.notes.length > 0 ? <Notes notes={outcome.notes} /> : null;
    case 'failed':
    case 'notice':
    case 'confirm':
      // The status line says it all; a question is asked in ConfirmDialog (see App).
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
          <ResultsView result={outcome.result} stale={stale} onSelectCell={onSelectCell} onShowIndicator={onShowIndicator} />
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
    <Fluent layout="none">
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
    </Fluent>
  );
}

const useNoteStyles = makeStyles({
  notes: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    ...shorthands.borderLeft('4px', 'solid', tokens.colorPaletteYellowBorderActive),
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0 },
});

/** What an action left as it was, or could not set (a hidden sheet, a format). */
function Notes({ notes }: { notes?: string[] }) {
  const styles = useNoteStyles();
  if (!notes || notes.length === 0) return null;
  return (
    <section className={styles.notes} aria-label="请注意">
      <h2 className={styles.heading}>请注意</h2>
      {notes.map((note) => (
        <p key={note} className={styles.note}>
          {note}
        </p>
      ))}
    </section>
  );
}
