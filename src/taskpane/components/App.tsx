/**
 * The task pane: the title, one status line (the only live region: each outcome is announced once),
 * the guided steps, and what the last action left to look at — or the question to answer before an
 * action writes over something of the officer's. It is drawn before Office is ready (buttons
 * disabled, 正在连接 Excel…) and reads the workbook's state once connected and after each action.
 * Everything it does to the workbook goes through `service`; tests pass a fake one.
 */
import { makeResetStyles, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ACTIONS, CANCELLED, describeOutcome, failureOf, toneOf, type PaneActionKey, type PaneOutcome, type Tone } from '../actions';
import { connectionMessage, type Connection } from '../connection';
import type { ActionOptions, ActionOutcome, WorkbookService, WorkbookState } from '../service';
import { stepsFor, type StepAction } from '../steps';
import { useThemeVariables } from '../theme';
import { LoadErrorBoundary } from './LoadErrorBoundary';
import { Steps } from './Steps';

// What an outcome shows (results, errors, the dialog) is not needed for the first paint: its own chunk.
const loadOutcomeView = () => import(/* webpackChunkName: "outcome" */ './OutcomeView');

type Question = Extract<ActionOutcome, { kind: 'confirm' }>;

/** How long after the last change of an input sheet the state is read again. */
const REREAD_AFTER_CHANGE_MS = 400;

const useRootClass = makeResetStyles({
  minHeight: '100vh',
  boxSizing: 'border-box',
  padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
  display: 'flex',
  flexDirection: 'column',
  gap: tokens.spacingVerticalL,
});
const useHeaderClass = makeResetStyles({ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS });
const useTitleClass = makeResetStyles({
  margin: 0,
  fontSize: tokens.fontSizeBase500,
  lineHeight: tokens.lineHeightBase500,
  fontWeight: tokens.fontWeightSemibold,
  // A Chinese title may otherwise break between any two characters when the pane is narrow or zoomed.
  wordBreak: 'keep-all',
});
const useStatusClass = makeResetStyles({
  display: 'flex',
  alignItems: 'flex-start',
  gap: tokens.spacingHorizontalS,
  margin: 0,
  fontSize: tokens.fontSizeBase300,
  lineHeight: tokens.lineHeightBase300,
  color: tokens.colorNeutralForeground1,
});
/** A CSS spinner: Fluent's Spinner would bring its own script and styles to the first paint. */
const useSpinnerClass = makeResetStyles({
  flexShrink: 0,
  boxSizing: 'border-box',
  width: '16px',
  height: '16px',
  marginTop: '2px',
  borderRadius: tokens.borderRadiusCircular,
  border: `2px solid ${tokens.colorBrandStroke2}`,
  borderTopColor: tokens.colorBrandStroke1,
  animationName: { to: { transform: 'rotate(360deg)' } },
  animationDuration: '0.8s',
  animationTimingFunction: 'linear',
  animationIterationCount: 'infinite',
  '@media (prefers-reduced-motion: reduce)': { animationDuration: '3s' },
});
const useIntroClass = makeResetStyles({ margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, color: tokens.colorNeutralForeground2 });
const useStyles = makeStyles({
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

interface Status {
  text: string;
  tone: Tone | 'busy';
}

export interface AppProps {
  service: WorkbookService;
  /** Where Office is: the pane is drawn before it is ready. */
  connection: Connection;
}

export function App({ service, connection }: AppProps) {
  useThemeVariables();
  const styles = {
    ...useStyles(),
    root: useRootClass(),
    header: useHeaderClass(),
    title: useTitleClass(),
    intro: useIntroClass(),
    status: useStatusClass(),
    spinner: useSpinnerClass(),
  };
  const ready = connection.state === 'ready';
  const platform = connection.state === 'ready' ? connection.platform : null;

  const [state, setState] = useState<WorkbookState | null>(null);
  const [running, setRunning] = useState<PaneActionKey | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  /** The last outcome with something to show, numbered so each new one gets a fresh view. */
  const [shown, setShown] = useState<{ seq: number; outcome: PaneOutcome } | null>(null);
  /** The last question asked, kept while its dialog closes; `asking` opens it. */
  const [question, setQuestion] = useState<{ action: PaneActionKey; outcome: Question } | null>(null);
  const [asking, setAsking] = useState(false);
  /** A failed load of the outcome chunk is tried again (a new lazy component) with the next outcome. */
  const [viewAttempt, setViewAttempt] = useState(0);
  const viewFailed = useRef(false);
  const views = useMemo(() => {
    const load = () => loadOutcomeView();
    return {
      OutcomeView: lazy(load),
      ConfirmDialog: lazy(() => load().then((m) => ({ default: m.ConfirmDialog }))),
    };
  }, [viewAttempt]);
  /** The handler given to watchInputs, to watch the template's sheets too once they exist. */
  const watching = useRef<(() => void) | null>(null);

  const readState = useCallback(async () => {
    try {
      setState(await service.state());
    } catch {
      // The steps stay as they were; every action still works and says what it finds.
    }
  }, [service]);

  useEffect(() => {
    if (!ready) return;
    // Fetch the outcome views while the officer reads the steps; a failure shows when one renders.
    loadOutcomeView().catch(() => undefined);
    void readState();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // As the officer fills in 基础数据表 the steps follow (where this Excel has change events).
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void readState(), REREAD_AFTER_CHANGE_MS);
    };
    service.watchInputs(onChange).catch(() => undefined);
    watching.current = onChange;
    return () => clearTimeout(timer);
  }, [ready, service, readState]);

  async function perform(key: PaneActionKey, options?: ActionOptions): Promise<PaneOutcome | null> {
    switch (key) {
      case 'insertTemplate':
        return service.insertTemplate();
      case 'loadSample':
        return service.loadSample(options);
      case 'validate':
        return service.validate();
      case 'score':
        return service.score(options);
      case 'exportReport': {
        const { exportReport } = await import(/* webpackChunkName: "outcome" */ '../report');
        return exportReport(service, platform);
      }
      case 'locateEmpty': {
        const at = state?.required.firstEmpty;
        if (!at) return null;
        await service.selectCell(at);
        return { kind: 'notice', message: `已选中 ${at}，请从这里开始填写。` };
      }
    }
  }

  async function run(key: PaneActionKey, options?: ActionOptions): Promise<void> {
    if (running !== null || !ready) return;
    const action = ACTIONS[key];
    setRunning(key);
    setStatus({ text: action.busyText, tone: 'busy' });
    let outcome: PaneOutcome | null;
    try {
      outcome = await perform(key, options);
    } catch (error) {
      outcome = failureOf(action, error);
    }
    if (outcome?.kind !== 'confirm') await readState();
    setRunning(null);
    if (outcome === null) {
      setStatus(null);
      return;
    }
    setStatus({ text: describeOutcome(outcome), tone: toneOf(outcome) });
    if (outcome.kind === 'confirm') {
      // Nothing was written: the outcome on show stays, the question comes on top.
      setQuestion({ action: key, outcome });
      setAsking(true);
      return;
    }
    if (viewFailed.current) {
      viewFailed.current = false;
      setViewAttempt((n) => n + 1);
    }
    setShown((last) => ({ seq: (last?.seq ?? 0) + 1, outcome }));
    // The template may be new: watch its sheets too.
    if (outcome.kind === 'done' && watching.current) service.watchInputs(watching.current).catch(() => undefined);
  }

  function onStepAction(key: StepAction): void {
    void run(key);
  }

  function confirm(options: ActionOptions): void {
    setAsking(false);
    if (question) void run(question.action, options);
  }

  function cancel(): void {
    setAsking(false);
    setStatus({ text: CANCELLED, tone: 'info' });
  }

  async function selectCell(address: string): Promise<void> {
    try {
      await service.selectCell(address);
    } catch {
      setStatus({ text: `无法选中单元格 ${address}（该表可能已隐藏或删除），请手动定位。`, tone: 'error' });
    }
  }

  async function showIndicator(id: string, name: string): Promise<void> {
    try {
      await service.showIndicator(id);
    } catch {
      setStatus({ text: `无法在“评分表”中显示“${name}”（该表可能已隐藏、改名或删除），请重新计算评分。`, tone: 'error' });
    }
  }

  const notReady = connectionMessage(connection);
  const line: Status | null = notReady
    ? { text: notReady, tone: connection.state === 'connecting' ? 'busy' : connection.state === 'failed' ? 'error' : 'info' }
    : status;
  const steps = stepsFor(ready ? state : null);
  const outcome = shown?.outcome;
  const compact = outcome !== undefined && (outcome.kind === 'scored' || outcome.kind === 'invalid');
  const stale = state?.result.state === 'stale';
  const { OutcomeView, ConfirmDialog } = views;

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <h1 className={styles.title}>绩效自评助手</h1>
        <p className={styles.intro}>按以下步骤完成部门整体支出绩效自评。</p>
        {/* The one live region. Never inside an aria-busy element, which would silence it. */}
        <p className={mergeClasses(styles.status, line?.tone === 'error' && styles.error)} role="status" aria-live="polite">
          {line?.tone === 'busy' && <span className={styles.spinner} aria-hidden="true" />}
          {line?.text}
        </p>
      </header>
      <Steps
        steps={steps}
        disabled={!ready}
        busy={running !== null}
        compact={compact}
        onAction={onStepAction}
        onLoadSample={() => void run('loadSample')}
      />
      {shown && (
        <LoadErrorBoundary key={shown.seq} onError={() => (viewFailed.current = true)}>
          {/* No fallback: most outcomes show nothing more, and a flashing spinner would say otherwise. */}
          <Suspense fallback={null}>
            <OutcomeView
              outcome={shown.outcome}
              stale={stale}
              onSelectCell={(address) => void selectCell(address)}
              onShowIndicator={(id, name) => void showIndicator(id, name)}
            />
          </Suspense>
        </LoadErrorBoundary>
      )}
      {question && (
        <LoadErrorBoundary onError={() => (viewFailed.current = true)}>
          <Suspense fallback={null}>
            <ConfirmDialog
              open={asking}
              message={question.outcome.message}
              confirmLabel={question.outcome.confirmLabel}
              options={question.outcome.options}
              onConfirm={confirm}
              onCancel={cancel}
            />
          </Suspense>
        </LoadErrorBoundary>
      )}
    </main>
  );
}
