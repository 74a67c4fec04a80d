/** Input errors or warnings, each with a button that selects its cell in the workbook. */
import { Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { InputIssue } from '../../engine/types';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  heading: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  cell: { marginRight: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase300 },
});

export interface IssueListProps {
  title: string;
  issues: InputIssue[];
  kind: 'error' | 'warning';
  onSelectCell: (address: string) => void;
}

export function IssueList({ title, issues, kind, onSelectCell }: IssueListProps) {
  const styles = useStyles();
  const headingId = useId();
  if (issues.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className={mergeClasses(styles.heading, kind === 'error' && styles.error)}>
        {title}（{issues.length}）
      </h2>
      <ul className={styles.list}>
        {issues.map(({ field, cell, message }, index) => (
          <li key={`${field}-${index}`}>
            {cell && (
              <Link as="button" className={styles.cell} aria-label={`选中单元格 ${cell}`} onClick={() => onSelectCell(cell)}>
                {cell}
              </Link>
            )}
            <span>{message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
