/// <reference types="office-js" />
/**
 * Waiting for Office while the pane is already on screen: the pane is drawn at once (buttons
 * disabled, 正在连接 Excel…) and follows the connection as it goes — ready, slow (still waiting
 * after OFFICE_TIMEOUT_MS; a stalled office.js itself is handled by taskpane.html), or failed.
 */

/** After this long without Office.onReady the pane says it is still waiting (and what to do). */
export const OFFICE_TIMEOUT_MS = 15_000;

export type Connection =
  | { state: 'connecting' }
  | { state: 'slow' }
  /** `platform`: Office.context.diagnostics.platform where Office reports it (e.g. 'Mac'); `dark`: Office's theme is dark. */
  | { state: 'ready'; platform: string | null; dark: boolean }
  | { state: 'failed'; message: string };

export const CONNECTING = '正在连接 Excel…';
export const SLOW = `仍在连接 Excel（已等待 ${OFFICE_TIMEOUT_MS / 1000} 秒）。如果一直停在这里，请关闭任务窗格后重新打开。`;
export const NO_OFFICE = '无法加载 Office 脚本（office.js）。请在 Excel 中打开绩效自评助手，并确认电脑可以访问 Office 加载项服务，然后关闭并重新打开任务窗格。';
export const NOT_IN_EXCEL = '请在 Excel 中打开绩效自评助手：在“开始”选项卡的“绩效评价”组中单击“打开评价助手”。当前页面没有在 Excel 中运行。';

/** The status line for a connection that is not ready; null once it is. */
export function connectionMessage(connection: Connection): string | null {
  switch (connection.state) {
    case 'connecting':
      return CONNECTING;
    case 'slow':
      return SLOW;
    case 'failed':
      return connection.message;
    case 'ready':
      return null;
  }
}

/** The platform Office runs on ('PC', 'Mac', 'OfficeOnline', …), or null where it does not say. */
function officePlatform(): string | null {
  try {
    const platform = Office.context.diagnostics?.platform;
    return platform === undefined || platform === null ? null : String(platform);
  } catch {
    return null;
  }
}

/**
 * Follows Office from now on: calls `onChange` with each new state. `isDark` is asked once Office
 * is ready (its theme is known only then). Never throws.
 */
export function connectToOffice(onChange: (connection: Connection) => void, isDark: () => boolean, timeoutMs = OFFICE_TIMEOUT_MS): void {
  if (typeof Office === 'undefined') {
    onChange({ state: 'failed', message: NO_OFFICE });
    return;
  }
  let settled = false;
  const timer = setTimeout(() => settled || onChange({ state: 'slow' }), timeoutMs);
  const settle = (connection: Connection) => {
    settled = true;
    clearTimeout(timer);
    onChange(connection);
  };
  Office.onReady().then(
    ({ host }) =>
      settle(host === Office.HostType.Excel ? { state: 'ready', platform: officePlatform(), dark: isDark() } : { state: 'failed', message: NOT_IN_EXCEL }),
    () => settle({ state: 'failed', message: NO_OFFICE }),
  );
}
