/** Input errors or warnings, each with a button that selects its cell in the workbook. */
import { Link, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { InputIssue } from '../../engine/types';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: `0 0 ${tokens.spacingVerticalS}` },
  error: { color: tokens.colorPaletteRedForeground1 },
  cell: { marginRight: tokens.spacingHorizontalS },
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
      <Subtitle2 as="h2" id={headingId} className={mergeClasses(styles.heading, kind === 'error' && styles.error)}>
        {title}（{issues.length}）
      </Subtitle2>
      <ul className={styles.list}>
        {issues.map(({ field, cell, message }, index) => (
          <li key={`${field}-${index}`}>
            {cell && (
              <Link
                as="button"
                className={styles.cell}
                aria-label={`选中单元格 ${cell}`}
                onClick={() => onSelectCell(cell)}
              >
                {cell}
              </Link>
            )}
            <Text>{message}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}
