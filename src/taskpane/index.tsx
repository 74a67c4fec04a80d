/// <reference types="office-js" />
/**
 * Task pane entry. taskpane.html has already checked the web view is modern enough; here we wait
 * for Office, refuse politely outside Excel, and render. The Excel adapter (with the scoring engine)
 * is a separate chunk that loads while the buttons are already on screen.
 */
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { deferredService } from './deferredService';
import { officeThemeIsDark } from './officeTheme';

/** The keys of the messages written into taskpane.html. */
type BootMessage = 'loading' | 'unsupported' | 'load-failed' | 'no-office' | 'not-in-excel';

declare global {
  interface Window {
    /** Defined by the inline script of taskpane.html. */
    jxpjShowBootMessage?: (key: BootMessage) => void;
  }
}

function showBootMessage(key: BootMessage): void {
  window.jxpjShowBootMessage?.(key);
}

async function start(): Promise<void> {
  if (typeof Office === 'undefined') {
    showBootMessage('no-office');
    return;
  }
  const { host } = await Office.onReady();
  if (host !== Office.HostType.Excel) {
    showBootMessage('not-in-excel');
    return;
  }
  const service = deferredService(async () => {
    const { createExcelService } = await import(/* webpackChunkName: "excel" */ '../excel/service');
    return createExcelService();
  });
  // The dark theme is a chunk of its own: most officers never load it.
  const theme = officeThemeIsDark() ? (await import(/* webpackChunkName: "dark-theme" */ './darkTheme')).webDarkTheme : undefined;
  const container = document.getElementById('container');
  if (!container) throw new Error('taskpane.html has no #container');
  document.getElementById('boot')?.remove();
  createRoot(container).render(<App service={service} theme={theme} />);
}

start().catch(() => showBootMessage('load-failed'));
