/**
 * The task pane: four actions, a status line, the outcome of the last action — or the question to
 * answer before an action writes over something of the officer's — and, when the inputs changed
 * since 评分表 was written, an 已过期 notice with 重新计算.
 * Everything it does to the workbook goes through `service`; tests pass a fake one.
 */
import {
  Body1,
  Button,
  FluentProvider,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { ACTIONS, CANCELLED, describeOutcome, failureOf, type ActionKey, type PaneAction } from '../actions';
import type { ActionOptions, ActionOutcome, WorkbookService } from '../service';
import { LoadErrorBoundary } from './LoadErrorBoundary';

// The outcome views (with the dialog and the notices) are not needed for the first paint: they
// load in their own chunk.
const loadOutcomeView = () => import(/* webpackChunkName: "outcome" */ './OutcomeView');
const OutcomeView = lazy(loadOutcomeView);
const StaleNotice = lazy(() => loadOutcomeView().then((m) => ({ default: m.StaleNotice })));
const ConfirmDialog = lazy(() => loadOutcomeView().then((m) => ({ default: m.ConfirmDialog })));

type Question = Extract<ActionOutcome, { kind: 'confirm' }>;

/** What the 已过期 notice says when an input changes while the pane shows a result. */
export const INPUTS_CHANGED = '计算评分之后，“基础数据表”或“指标体系”有改动，评分结果已过期。';

const SCORE_ACTION = ACTIONS.find((a) => a.key === 'score') as PaneAction;

function invoke(service: WorkbookService, key: ActionKey, options?: ActionOptions): Promise<ActionOutcome> {
  switch (key) {
    case 'insertTemplate':
      return service.insertTemplate();
    case 'loadSample':
      return service.loadSample(options);
    case 'validate':
      return service.validate();
    case 'score':
      return service.score(options);
  }
}

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  title: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  status: { minHeight: '20px' },
  spinner: { justifyContent: 'flex-start' },
});

export interface AppProps {
  service: WorkbookService;
  /** The Fluent theme: light unless Office asks for a dark one (see darkTheme.ts). */
  theme?: Theme;
}

export function App({ service, theme = webLightTheme }: AppProps) {
  const styles = useStyles();
  const [running, setRunning] = useState<ActionKey | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const [status, setStatus] = useState('');
  const [stale, setStale] = useState<string | null>(null);
  /** The last question asked, kept while its dialog closes; `asking` opens it. */
  const [question, setQuestion] = useState<Question | null>(null);
  const [asking, setAsking] = useState(false);
  const lastAction = useRef<PaneAction | null>(null);
  /** The workbook has a 评分表 of ours (found when the pane opened, or written since). */
  const hasResult = useRef(false);

  /** Marks a shown result 已过期 the moment 基础数据表 or 指标体系 changes (where Excel has the event). */
  const watchInputs = useCallback(() => {
    service.watchInputs(() => hasResult.current && setStale((current) => current ?? INPUTS_CHANGED)).catch(() => undefined);
  }, [service]);

  useEffect(() => {
    // Fetch the outcome views while the officer reads the buttons; a failure shows when they render.
    loadOutcomeView().catch(() => undefined);
    let open = true;
    // A 评分表 written earlier may no longer match the inputs (edited, recalculated, another day).
    service
      .resultStatus()
      .then((result) => {
        if (!open || result.state === 'none') return;
        hasResult.current = true;
        if (result.state === 'stale') setStale(result.message);
      })
      .catch(() => undefined);
    watchInputs();
    return () => {
      open = false;
    };
  }, [service, watchInputs]);

  async function run(action: PaneAction, options?: ActionOptions): Promise<void> {
    if (running !== null) return;
    lastAction.current = action;
    setRunning(action.key);
    setStatus(action.busyText);
    let result: ActionOutcome;
    try {
      result = await invoke(service, action.key, options);
    } catch (error) {
      result = failureOf(action, error);
    }
    setStatus(describeOutcome(result));
    setRunning(null);
    if (result.kind === 'confirm') {
      // Nothing was written: the outcome on show stays, the question comes on top.
      setQuestion(result);
      setAsking(true);
      return;
    }
    setOutcome(result);
    if (result.kind === 'scored') {
      hasResult.current = true;
      setStale(null);
    }
    // The template may be new: watch its sheets too.
    if (result.kind === 'done') watchInputs();
  }

  function confirm(options: ActionOptions): void {
    setAsking(false);
    if (lastAction.current) void run(lastAction.current, options);
  }

  function cancel(): void {
    setAsking(false);
    setStatus(CANCELLED);
  }

  async function selectCell(address: string): Promise<void> {
    try {
      await service.selectCell(address);
    } catch {
      setStatus(`无法选中单元格 ${address}（该表可能已隐藏或删除），请手动定位。`);
    }
  }

  const busy = running !== null;
  return (
    <FluentProvider theme={theme} lang="zh-CN">
      <main className={styles.root} aria-busy={busy}>
        <header className={styles.header}>
          <Title3 as="h1" className={styles.title}>绩效自评助手</Title3>
          <Body1 className={styles.hint}>先插入模板并填写“基础数据表”，再校验、计算评分。</Body1>
        </header>
        <div className={styles.actions} role="group" aria-label="操作">
          {ACTIONS.map((action) => (
            <Button
              key={action.key}
              appearance={action.primary ? 'primary' : 'secondary'}
              // Focusable while disabled, so keyboard focus stays on the button that was pressed.
              disabledFocusable={busy}
              onClick={() => void run(action)}
            >
              {action.label}
            </Button>
          ))}
        </div>
        <div className={styles.status} role="status" aria-live="polite">
          {busy ? <Spinner className={styles.spinner} size="tiny" labelPosition="after" label={status} /> : <Text>{status}</Text>}
        </div>
        {stale !== null && (
          <LoadErrorBoundary>
            <Suspense fallback={null}>
              <StaleNotice message={stale} disabled={busy} onRecalculate={() => void run(SCORE_ACTION)} />
            </Suspense>
          </LoadErrorBoundary>
        )}
        {outcome && (
          <LoadErrorBoundary>
            <Suspense fallback={<Spinner className={styles.spinner} size="tiny" label="正在显示结果…" />}>
              <OutcomeView outcome={outcome} onSelectCell={(address) => void selectCell(address)} />
            </Suspense>
          </LoadErrorBoundary>
        )}
        {question && (
          <LoadErrorBoundary>
            <Suspense fallback={null}>
              <ConfirmDialog
                open={asking}
                message={question.message}
                confirmLabel={question.confirmLabel}
                options={question.options}
                onConfirm={confirm}
                onCancel={cancel}
              />
            </Suspense>
          </LoadErrorBoundary>
        )}
      </main>
    </FluentProvider>
  );
}
