/**
 * The outcome of 计算评分, read top-down in a narrow pane: the summary first (total, grade, the cap
 * when it lowered the total, key figures with last year's), then the 问题清单, then the 三级指标 —
 * only those that lost points unless the officer asks for all 18 — each with its bar, its 扣分原因,
 * its 计算过程 folded in an accordion, and a way to its row on 评分表.
 * Figures are formatted by the engine's decimal helpers, as on the sheets.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  type BadgeProps,
  Link,
  Switch,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useId, useState } from 'react';
import { Decimal, fmtPercent, sum } from '../../engine/decimal';
import type { EvaluationResult, Grade, IndicatorResult, Metrics, Severity } from '../../engine/types';
import { formatScore } from '../actions';
import { useVisuallyHiddenClass } from '../theme';
import { IssueList } from './IssueList';

const GRADE_COLOR: Record<Grade, BadgeProps['color']> = {
  优: 'success',
  良: 'brand',
  中: 'warning',
  差: 'danger',
};

const SEVERITY_COLOR: Record<Severity, BadgeProps['color']> = {
  高: 'danger',
  中: 'warning',
  低: 'informative',
};

/**
 * The score bar's theme tokens: each fill has at least 3:1 contrast against the track in both the
 * light and the dark theme (tests/taskpane/scoreBar.test.ts checks the themes' values).
 */
export const SCORE_BAR_TOKENS = {
  track: 'colorNeutralBackground5',
  /** The track's outline, so its full length shows against the pane. */
  outline: 'colorNeutralStrokeAccessible',
  full: 'colorPaletteGreenForeground1',
  partial: 'colorPaletteDarkOrangeForeground1',
  none: 'colorPaletteRedForeground1',
} as const;

function percent(rate: number | null | undefined): string | null {
  return rate === null || rate === undefined ? null : fmtPercent(new Decimal(rate));
}

interface KeyFigure {
  label: string;
  value: (metrics: Metrics) => string;
}

const KEY_FIGURES: readonly KeyFigure[] = [
  {
    label: '预算完成率',
    value: (m) => {
      const now = percent(m.budget_execution_rate) ?? '无法计算（分母为 0）';
      const before = percent(m.prev_execution_rate);
      return before ? `${now}（上年 ${before}）` : now;
    },
  },
  { label: '预算调整率', value: (m) => percent(m.budget_adjustment_rate) ?? '无法计算（分母为 0）' },
  { label: '空编人数', value: (m) => `${m.staff_vacancy} 人` },
];

type BarLevel = 'full' | 'partial' | 'none';

function barLevel({ score, weight }: IndicatorResult): BarLevel {
  if (score >= weight) return 'full';
  return score > 0 ? 'partial' : 'none';
}

interface IndicatorGroup {
  level1: string;
  indicators: IndicatorResult[];
}

/** Indicators under their 一级指标, in the engine's order. */
function groupByLevel1(indicators: IndicatorResult[]): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  for (const indicator of indicators) {
    const last = groups[groups.length - 1];
    if (last && last.level1 === indicator.level1) last.indicators.push(indicator);
    else groups.push({ level1: indicator.level1, indicators: [indicator] });
  }
  return groups;
}

function subtotal(indicators: IndicatorResult[], pick: (i: IndicatorResult) => number): string {
  return formatScore(sum(indicators.map((i) => new Decimal(pick(i)))).toNumber());
}

const lostPoints = (indicator: IndicatorResult) => indicator.score < indicator.weight;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  h4: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, fontWeight: tokens.fontWeightSemibold },
  body: { margin: 0, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, color: tokens.colorNeutralForeground1 },
  secondary: { color: tokens.colorNeutralForeground2 },
  stale: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  totalRow: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  total: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  cap: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    ...shorthands.borderLeft('4px', 'solid', tokens.colorPaletteDarkOrangeBorderActive),
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  figureValue: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  itemHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  figure: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', fontSize: tokens.fontSizeBase300 },
  track: {
    boxSizing: 'border-box',
    height: '12px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens[SCORE_BAR_TOKENS.track],
    ...shorthands.border(tokens.strokeWidthThin, 'solid', tokens[SCORE_BAR_TOKENS.outline]),
  },
  fill: { height: '100%' },
  full: { backgroundColor: tokens[SCORE_BAR_TOKENS.full] },
  partial: { backgroundColor: tokens[SCORE_BAR_TOKENS.partial] },
  none: { backgroundColor: tokens[SCORE_BAR_TOKENS.none] },
  accordionPanel: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  show: { alignSelf: 'flex-start', fontSize: tokens.fontSizeBase300 },
  flagHead: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  filter: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalM },
});

export interface ResultsViewProps {
  result: EvaluationResult;
  /** The inputs changed since this score was written. */
  stale: boolean;
  onSelectCell: (address: string) => void;
  /** 在评分表中查看. */
  onShowIndicator: (id: string, name: string) => void;
}

export function ResultsView({ result, stale, onSelectCell, onShowIndicator }: ResultsViewProps) {
  const styles = { ...useStyles(), visuallyHidden: useVisuallyHiddenClass() };
  const ids = { result: useId(), flags: useId(), indicators: useId() };
  const [onlyLost, setOnlyLost] = useState(true);
  const lost = result.indicators.filter(lostPoints);
  const shown = onlyLost ? lost : result.indicators;

  return (
    <>
      <section className={styles.section} aria-labelledby={ids.result}>
        <h2 id={ids.result} className={styles.h2}>
          评分结果
        </h2>
        {stale && <p className={mergeClasses(styles.body, styles.stale)}>以下结果已过期：计算评分之后，输入有改动。请重新计算。</p>}
        <div className={styles.totalRow}>
          <span className={styles.total}>{formatScore(result.total)}</span>
          <span className={styles.body}>分</span>
          <span className={mergeClasses(styles.body, styles.secondary)}>等级</span>
          <Badge size="large" appearance="filled" color={GRADE_COLOR[result.grade]}>
            {result.grade}
          </Badge>
        </div>
        {result.cap && (
          <p className={styles.cap}>
            按预算执行率封顶：预算完成率 {percent(result.cap.rate)}，总分不超过 {formatScore(result.cap.max)} 分；各项得分合计{' '}
            {formatScore(result.cap.uncapped_total)} 分，计为 {formatScore(result.total)} 分。
          </p>
        )}
        <p className={mergeClasses(styles.body, styles.secondary)}>
          {result.department} · {result.year} 年度
        </p>
        <dl className={styles.figures} aria-label="关键指标">
          {KEY_FIGURES.map(({ label, value }) => (
            <Fragment key={label}>
              <dt className={styles.secondary}>{label}</dt>
              <dd className={styles.figureValue}>{value(result.metrics)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <section className={styles.section} aria-labelledby={ids.flags}>
        <h3 id={ids.flags} className={styles.h3}>
          问题清单（{result.flags.length}）
        </h3>
        {result.flags.length === 0 ? (
          <p className={styles.body}>未发现问题。</p>
        ) : (
          <ul className={styles.list}>
            {result.flags.map((flag, index) => (
              <li key={`${flag.code}-${index}`} className={styles.item}>
                <div className={styles.flagHead}>
                  <span className={styles.visuallyHidden}>严重程度</span>
                  <Badge appearance="filled" color={SEVERITY_COLOR[flag.severity]}>
                    {flag.severity}
                  </Badge>
                  <span className={mergeClasses(styles.body, styles.h4)}>{flag.message}</span>
                </div>
                <p className={styles.body}>依据：{flag.evidence}</p>
                <p className={styles.body}>整改建议：{flag.suggestion}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby={ids.indicators}>
        <div className={styles.filter}>
          <h3 id={ids.indicators} className={styles.h3}>
            三级指标得分
          </h3>
          <Switch checked={onlyLost} onChange={(_event, data) => setOnlyLost(data.checked)} label="只看扣分项" />
        </div>
        <p className={mergeClasses(styles.body, styles.secondary)}>
          {onlyLost
            ? lost.length === 0
              ? `没有扣分项：${result.indicators.length} 项均得满分。`
              : `扣分项 ${lost.length} 项（共 ${result.indicators.length} 项）。`
            : `全部 ${result.indicators.length} 项。`}
        </p>
        {groupByLevel1(result.indicators).map(({ level1, indicators }) => {
          const visible = indicators.filter((i) => shown.includes(i));
          if (visible.length === 0) return null;
          return (
            <section key={level1} className={styles.section} aria-label={level1}>
              <h4 className={styles.h4}>
                {level1}（{subtotal(indicators, (i) => i.score)} / {subtotal(indicators, (i) => i.weight)} 分）
              </h4>
              <ul className={styles.list}>
                {visible.map((indicator) => (
                  <IndicatorItem key={indicator.id} indicator={indicator} onShow={() => onShowIndicator(indicator.id, indicator.name)} />
                ))}
              </ul>
            </section>
          );
        })}
      </section>

      <IssueList title="提示" issues={result.warnings} kind="warning" onSelectCell={onSelectCell} />
    </>
  );
}

function IndicatorItem({ indicator, onShow }: { indicator: IndicatorResult; onShow: () => void }) {
  const styles = { ...useStyles(), visuallyHidden: useVisuallyHiddenClass() };
  const { name, score, weight, reason, process } = indicator;
  const lost = lostPoints(indicator);
  const level = barLevel(indicator);
  const share = weight > 0 ? Math.min(100, Math.max(0, (score / weight) * 100)) : 100;
  return (
    <li className={styles.item}>
      <div className={styles.itemHead}>
        <span className={styles.h4}>{name}</span>
        <span className={styles.figure}>
          {formatScore(score)} / {weight} 分
        </span>
      </div>
      <div
        className={styles.track}
        role="meter"
        aria-valuemin={0}
        aria-valuemax={weight}
        aria-valuenow={score}
        aria-label={`${name}：得 ${formatScore(score)} 分，满分 ${weight} 分`}
      >
        <div className={mergeClasses(styles.fill, styles[level])} style={{ width: `${share}%` }} />
      </div>
      <p className={styles.body}>
        {lost ? '扣分原因：' : ''}
        {reason}
      </p>
      {lost && process && (
        <Accordion collapsible>
          <AccordionItem value="process">
            <AccordionHeader size="small">
              计算过程<span className={styles.visuallyHidden}>：{name}</span>
            </AccordionHeader>
            <AccordionPanel>
              <p className={styles.accordionPanel}>{process}</p>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
      <Link as="button" className={styles.show} onClick={onShow}>
        在评分表中查看<span className={styles.visuallyHidden}>：{name}</span>
      </Link>
    </li>
  );
}
