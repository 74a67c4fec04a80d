/**
 * Shows a plain message instead of a blank pane when a lazily loaded view fails to load or render.
 * Deliberately plain text (no MessageBar): it is in the first-paint script, and MessageBar would
 * bring its icon set along.
 */
import { Text, tokens } from '@fluentui/react-components';
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
      <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
        结果无法显示。请检查网络，然后关闭并重新打开任务窗格。
      </Text>
    );
  }
}
