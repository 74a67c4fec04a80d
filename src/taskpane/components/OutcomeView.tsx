/**
 * What the last action left to look at: the errors to fix, the warnings to read, or the scores.
 * Loaded lazily (see App): nothing here is needed before the first click.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ActionOutcome } from '../service';
import { IssueList } from './IssueList';
import { ResultsView } from './ResultsView';

export interface OutcomeViewProps {
  outcome: ActionOutcome;
  onSelectCell: (address: string) => void;
}

export default function OutcomeView({ outcome, onSelectCell }: OutcomeViewProps) {
  switch (outcome.kind) {
    case 'done':
      // The status line carries the confirmation.
      return null;
    case 'failed':
      return (
        <MessageBar intent="error" politeness="polite">
          <MessageBarBody>
            <MessageBarTitle>操作未完成</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      );
    case 'invalid':
      return (
        <>
          <IssueList title="校验错误" issues={outcome.errors} kind="error" onSelectCell={onSelectCell} />
          <IssueList title="提示" issues={outcome.warnings} kind="warning" onSelectCell={onSelectCell} />
        </>
      );
    case 'valid':
      return <IssueList title="提示" issues={outcome.warnings} kind="warning" onSelectCell={onSelectCell} />;
    case 'scored':
      return <ResultsView result={outcome.result} onSelectCell={onSelectCell} />;
  }
}
