/**
 * The task pane: four actions, a status line, and the outcome of the last action.
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
import { Suspense, lazy, useEffect, useState } from 'react';
import { ACTIONS, describeOutcome, failureOf, type ActionKey, type PaneAction } from '../actions';
import type { ActionOutcome, WorkbookService } from '../service';
import { LoadErrorBoundary } from './LoadErrorBoundary';

// The outcome views are not needed for the first paint: they load in their own chunk.
const loadOutcomeView = () => import(/* webpackChunkName: "outcome" */ './OutcomeView');
const OutcomeView = lazy(loadOutcomeView);

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

  useEffect(() => {
    // Fetch the outcome views while the officer reads the buttons; a failure shows when they render.
    loadOutcomeView().catch(() => undefined);
  }, []);

  async function run(action: PaneAction): Promise<void> {
    if (running !== null) return;
    setRunning(action.key);
    setStatus(action.busyText);
    let result: ActionOutcome;
    try {
      result = await service[action.key]();
    } catch (error) {
      result = failureOf(action, error);
    }
    setOutcome(result);
    setStatus(describeOutcome(result));
    setRunning(null);
  }

  async function selectCell(address: string): Promise<void> {
    try {
      await service.selectCell(address);
    } catch {
      setStatus(`无法选中单元格 ${address}，请手动定位。`);
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
        {outcome && (
          <LoadErrorBoundary>
            <Suspense fallback={<Spinner className={styles.spinner} size="tiny" label="正在显示结果…" />}>
              <OutcomeView outcome={outcome} onSelectCell={(address) => void selectCell(address)} />
            </Suspense>
          </LoadErrorBoundary>
        )}
      </main>
    </FluentProvider>
  );
}
