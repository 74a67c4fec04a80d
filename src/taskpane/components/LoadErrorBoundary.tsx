/** Shows a plain message instead of a blank pane when a lazily loaded view fails to load or render. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class LoadErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <MessageBar intent="error">
        <MessageBarBody>结果无法显示。请检查网络，然后关闭并重新打开任务窗格。</MessageBarBody>
      </MessageBar>
    );
  }
}
