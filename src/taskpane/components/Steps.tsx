/**
 * The guided steps: a numbered sequence, finished steps marked done, the next one with its line
 * of help and the primary button. While results are on show the list folds into a bar that stays
 * at the top of the pane (sticky) with the next step's button, so the actions never scroll away.
 */
import { makeResetStyles, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type FocusEvent, type Ref } from 'react';
import { ACTIONS } from '../actions';
import { nextStep, type Step, type StepAction } from '../steps';
import { useVisuallyHiddenClass } from '../theme';
import { PaneButton } from './PaneButton';

// Reset styles (one class each) where a slot stands alone: smaller in the first script and stylesheet.
const useListClass = makeResetStyles({ listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS });
const useStepClass = makeResetStyles({ display: 'grid', gridTemplateColumns: '28px 1fr', columnGap: tokens.spacingHorizontalS, alignItems: 'start' });
const useMarkerClass = makeResetStyles({
  boxSizing: 'border-box',
  width: '24px',
  height: '24px',
  borderRadius: tokens.borderRadiusCircular,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  fontSize: tokens.fontSizeBase200,
  fontWeight: tokens.fontWeightSemibold,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
  color: tokens.colorNeutralForeground2,
});
const useBodyClass = makeResetStyles({ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 });
const useHeadClass = makeResetStyles({
  display: 'flex',
  alignItems: 'baseline',
  justifyContent: 'space-between',
  gap: tokens.spacingHorizontalS,
  minHeight: '24px',
  flexWrap: 'wrap',
});
const useTitleClass = makeResetStyles({ fontSize: tokens.fontSizeBase300, lineHeight: '24px', color: tokens.colorNeutralForeground1 });
const useDetailClass = makeResetStyles({ fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' });
const useHelpClass = makeResetStyles({ margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, color: tokens.colorNeutralForeground1 });
const useSampleClass = makeResetStyles({
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: tokens.spacingHorizontalS,
  marginTop: tokens.spacingVerticalM,
  paddingTop: tokens.spacingVerticalM,
  borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  color: tokens.colorNeutralForeground2,
});
const useBarClass = makeResetStyles({
  position: 'sticky',
  top: 0,
  zIndex: 1,
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: tokens.spacingHorizontalS,
  margin: `0 calc(-1 * ${tokens.spacingHorizontalL})`,
  padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  backgroundColor: tokens.colorNeutralBackground1,
  borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  boxShadow: tokens.shadow4,
});
const useBarTextClass = makeResetStyles({ flexGrow: 1, minWidth: '6em', fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground1 });

/** Variations merged onto the classes above. */
const useStyles = makeStyles({
  markerNext: { ...shorthands.borderColor(tokens.colorBrandStroke1), ...shorthands.borderWidth(tokens.strokeWidthThick), color: tokens.colorBrandForeground1 },
  markerDone: { ...shorthands.borderColor(tokens.colorBrandBackground), backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  titleNext: { fontWeight: tokens.fontWeightSemibold },
  titleTodo: { color: tokens.colorNeutralForeground2 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  action: { alignSelf: 'flex-start' },
  /** 全部步骤 / 收起步骤: as narrow as its words, so the bar stays on one line at 350 px. */
  toggle: { minWidth: 'auto', paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
});

const STATUS_WORDS = { done: '已完成', next: '下一步', todo: '未完成' } as const;

export interface StepsProps {
  steps: Step[];
  /** No button may be pressed (not connected yet). */
  disabled: boolean;
  /** An action is running: buttons stay focusable but do nothing. */
  busy: boolean;
  /** Results are on show: fold the list into the sticky bar. */
  compact: boolean;
  onAction: (key: StepAction) => void;
  onLoadSample: () => void;
}

export function Steps({ steps, disabled, busy, compact, onAction, onLoadSample }: StepsProps) {
  const styles = {
    ...useStyles(),
    list: useListClass(),
    step: useStepClass(),
    marker: useMarkerClass(),
    body: useBodyClass(),
    head: useHeadClass(),
    title: useTitleClass(),
    detail: useDetailClass(),
    help: useHelpClass(),
    sample: useSampleClass(),
    bar: useBarClass(),
    barText: useBarTextClass(),
    visuallyHidden: useVisuallyHiddenClass(),
  };
  const headingId = useId();
  const listId = useId();
  const [unfolded, setUnfolded] = useState(false);
  const next = nextStep(steps);
  const primary = useRef<HTMLButtonElement>(null);

  // A finished step's button goes away with its step: if it had keyboard focus, focus moves on to
  // the next step's button rather than to the page. (Focus is never taken from anywhere else: the
  // officer may be typing in Excel while the steps update.)
  const lastFocused = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const gone = lastFocused.current !== null && !lastFocused.current.isConnected;
    const focused = document.activeElement;
    if (gone && (focused === null || focused === document.body)) {
      lastFocused.current = null;
      primary.current?.focus();
    }
  });
  const onFocus = (event: FocusEvent) => {
    lastFocused.current = event.target instanceof HTMLElement ? event.target : null;
  };

  useEffect(() => {
    if (!compact) setUnfolded(false);
  }, [compact]);

  const button = (step: Step, ref?: Ref<HTMLButtonElement>) =>
    step.action && (
      <PaneButton
        ref={ref}
        className={styles.action}
        appearance={step.status === 'next' ? 'primary' : 'secondary'}
        disabled={disabled}
        // Focusable while busy, so keyboard focus stays on the button that was pressed.
        disabledFocusable={busy && !disabled}
        onClick={() => step.action && onAction(step.action.key)}
      >
        {step.action.label}
      </PaneButton>
    );

  const list = (
    <ol className={styles.list} id={listId}>
      {steps.map((step) => (
        <li key={step.key} className={styles.step} aria-current={step.status === 'next' ? 'step' : undefined}>
          <span
            aria-hidden="true"
            className={mergeClasses(styles.marker, step.status === 'next' && styles.markerNext, step.status === 'done' && styles.markerDone)}
          >
            {step.status === 'done' ? '✓' : step.number}
          </span>
          <div className={styles.body}>
            <div className={styles.head}>
              <span className={mergeClasses(styles.title, step.status === 'next' && styles.titleNext, step.status === 'todo' && styles.titleTodo)}>
                <span className={styles.visuallyHidden}>{`第 ${step.number} 步（${STATUS_WORDS[step.status]}）：`}</span>
                {step.title}
              </span>
              {step.detail && <span className={mergeClasses(styles.detail, step.problem && styles.problem)}>{step.detail}</span>}
            </div>
            {step.status === 'next' && <p className={styles.help}>{step.help}</p>}
            {button(step, step.status === 'next' ? primary : undefined)}
          </div>
        </li>
      ))}
    </ol>
  );

  if (compact) {
    return (
      <section aria-labelledby={headingId} onFocus={onFocus}>
        <div className={styles.bar}>
          <span className={styles.barText} id={headingId}>
            {next ? `第 ${next.number} 步：${next.title}` : '步骤'}
          </span>
          {!unfolded && next && button(next, primary)}
          <PaneButton appearance="subtle" className={styles.toggle} aria-expanded={unfolded} aria-controls={unfolded ? listId : undefined} onClick={() => setUnfolded(!unfolded)}>
            {unfolded ? '收起步骤' : '全部步骤'}
          </PaneButton>
        </div>
        {unfolded && list}
      </section>
    );
  }

  return (
    <section aria-labelledby={headingId} onFocus={onFocus}>
      <h2 id={headingId} className={styles.visuallyHidden}>
        步骤
      </h2>
      {list}
      <div className={styles.sample}>
        <span>没有数据？可以先用南昌市 2018 年度的示例数据试一试。</span>
        <PaneButton appearance="secondary" disabled={disabled} disabledFocusable={busy && !disabled} onClick={onLoadSample}>
          {ACTIONS.loadSample.label}
        </PaneButton>
      </div>
    </section>
  );
}
