/**
 * Shows a plain message instead of a blank pane when a lazily loaded view fails to load or render.
 * The pane mounts a new boundary for each outcome, so the message goes with the next success.
 * Deliberately plain (no MessageBar): it is in the first-paint script.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';

const useStyles = makeStyles({
  message: { margin: 0, color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase300 },
});

function LoadFailed() {
  const styles = useStyles();
  return (
    <p className={styles.message} role="alert">
      结果无法显示（网络中断或加载项已更新）。请重试；若仍不能显示，请关闭并重新打开任务窗格。
    </p>
  );
}

interface Props {
  children: ReactNode;
  /** Told when the view failed, so the pane can load it afresh next time. */
  onError?: () => void;
}

interface State {
  failed: boolean;
}

export class LoadErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(): void {
    this.props.onError?.();
  }

  override render(): ReactNode {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}
