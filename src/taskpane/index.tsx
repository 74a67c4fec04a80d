/// <reference types="office-js" />
/**
 * Task pane entry. taskpane.html has already checked the web view is modern enough (and stands
 * guard over a stalled office.js). The pane is drawn at once — buttons disabled, 正在连接 Excel… —
 * and follows Office as it gets ready; meanwhile the Excel adapter (with the scoring engine), a
 * chunk of its own, is already loading.
 */
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { connectToOffice, type Connection } from './connection';
import { deferredService } from './deferredService';
import { officeThemeIsDark } from './officeTheme';

const container = document.getElementById('container');
if (!container) throw new Error('taskpane.html has no #container');
document.getElementById('boot')?.remove();

const root = createRoot(container);
const service = deferredService(async () => {
  const { createExcelService } = await import(/* webpackChunkName: "excel" */ '../excel/service');
  return createExcelService();
});

const render = (connection: Connection) => root.render(<App service={service} connection={connection} />);
render({ state: 'connecting' });

/** The dark theme is a chunk of its own (most officers never load it); if it fails to load, the pane stays light. */
async function loadDarkTheme(): Promise<void> {
  try {
    (await import(/* webpackChunkName: "dark-theme" */ './darkTheme')).applyDarkTheme();
  } catch {
    // Light is still readable: nothing to tell the officer.
  }
}

connectToOffice(async (next) => {
  // Office's theme is known only once it is ready: turn dark before the steps fill in, not after.
  if (next.state === 'ready' && next.dark) await loadDarkTheme();
  render(next);
}, officeThemeIsDark);
