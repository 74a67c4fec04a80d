/**
 * The outcome of 计算评分: total and grade, key metrics, the 18 三级指标 with their 扣分原因,
 * and the 问题清单. Figures are formatted by the engine's decimal helpers, as on the sheets.
 */
import {
  Badge,
  type BadgeProps,
  Caption1,
  ProgressBar,
  type ProgressBarProps,
  Subtitle1,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Fragment, useId } from 'react';
import { Decimal, fmtPercent, sum } from '../../engine/decimal';
import type { EvaluationResult, Grade, IndicatorResult, Metrics, Severity } from '../../engine/types';
import { formatScore } from '../actions';
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

function percentOrBlank(rate: number | null): string {
  return rate === null ? '无法计算（分母为 0）' : fmtPercent(new Decimal(rate));
}

const METRICS: readonly { label: string; value: (metrics: Metrics) => string }[] = [
  { label: '预算完成率', value: (m) => percentOrBlank(m.budget_execution_rate) },
  { label: '预算调整率', value: (m) => percentOrBlank(m.budget_adjustment_rate) },
  { label: '空编人数', value: (m) => `${m.staff_vacancy} 人` },
];

/** Full marks green, points lost amber, nothing scored red. */
function barColor({ score, weight }: IndicatorResult): ProgressBarProps['color'] {
  if (score >= weight) return 'success';
  return score > 0 ? 'warning' : 'error';
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

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  totalRow: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  total: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  metrics: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  metricValue: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  itemHead: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  figure: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  reason: { display: 'block', marginTop: tokens.spacingVerticalXXS, color: tokens.colorNeutralForeground2 },
  process: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  flagHead: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export interface ResultsViewProps {
  result: EvaluationResult;
  onSelectCell: (address: string) => void;
}

export function ResultsView({ result, onSelectCell }: ResultsViewProps) {
  const styles = useStyles();
  const ids = { result: useId(), metrics: useId(), indicators: useId(), flags: useId() };

  return (
    <>
      <section className={styles.section} aria-labelledby={ids.result}>
        <Subtitle1 as="h2" id={ids.result} className={styles.heading}>
          评分结果
        </Subtitle1>
        <div className={styles.totalRow}>
          <span className={styles.total}>{formatScore(result.total)}</span>
          <Text>分</Text>
          <Text className={styles.muted}>等级</Text>
          <Badge size="large" appearance="filled" color={GRADE_COLOR[result.grade]}>
            {result.grade}
          </Badge>
        </div>
        <Caption1 className={styles.muted}>
          {result.department} · {result.year} 年度
        </Caption1>
      </section>

      <section className={styles.section} aria-labelledby={ids.metrics}>
        <Subtitle2 as="h3" id={ids.metrics} className={styles.heading}>
          关键指标
        </Subtitle2>
        <dl className={styles.metrics}>
          {METRICS.map(({ label, value }) => (
            <Fragment key={label}>
              <dt className={styles.muted}>{label}</dt>
              <dd className={styles.metricValue}>{value(result.metrics)}</dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <section className={styles.section} aria-labelledby={ids.flags}>
        <Subtitle2 as="h3" id={ids.flags} className={styles.heading}>
          问题清单（{result.flags.length}）
        </Subtitle2>
        {result.flags.length === 0 ? (
          <Text>未发现问题。</Text>
        ) : (
          <ul className={styles.list}>
            {result.flags.map((flag, index) => (
              <li key={`${flag.code}-${index}`}>
                <div className={styles.flagHead}>
                  <span className={styles.visuallyHidden}>严重程度</span>
                  <Badge appearance="filled" color={SEVERITY_COLOR[flag.severity]}>
                    {flag.severity}
                  </Badge>
                  <Text weight="semibold">{flag.message}</Text>
                </div>
                <Caption1 className={styles.reason}>依据：{flag.evidence}</Caption1>
                <Caption1 className={styles.reason}>整改建议：{flag.suggestion}</Caption1>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby={ids.indicators}>
        <Subtitle2 as="h3" id={ids.indicators} className={styles.heading}>
          三级指标得分
        </Subtitle2>
        {groupByLevel1(result.indicators).map(({ level1, indicators }) => (
          <section key={level1} className={styles.section} aria-label={level1}>
            <Text as="h4" weight="semibold" className={styles.heading}>
              {level1}（{subtotal(indicators, (i) => i.score)} / {subtotal(indicators, (i) => i.weight)} 分）
            </Text>
            <ul className={styles.list}>
              {indicators.map((indicator) => (
                <IndicatorItem key={indicator.id} indicator={indicator} />
              ))}
            </ul>
          </section>
        ))}
      </section>

      <IssueList title="提示" issues={result.warnings} kind="warning" onSelectCell={onSelectCell} />
    </>
  );
}

function IndicatorItem({ indicator }: { indicator: IndicatorResult }) {
  const styles = useStyles();
  const { name, score, weight, reason, process } = indicator;
  const lost = score < weight;
  return (
    <li>
      <div className={styles.itemHead}>
        <Text weight="semibold">{name}</Text>
        <Text className={styles.figure}>
          {formatScore(score)} / {weight} 分
        </Text>
      </div>
      <ProgressBar
        value={score}
        max={weight > 0 ? weight : 1}
        color={barColor(indicator)}
        thickness="large"
        aria-label={`${name}：得 ${formatScore(score)} 分，满分 ${weight} 分`}
      />
      <Caption1 className={styles.reason}>
        {lost ? '扣分原因：' : ''}
        {reason}
      </Caption1>
      {process && (
        <details className={styles.process}>
          <summary>计算过程</summary>
          {process}
        </details>
      )}
    </li>
  );
}
