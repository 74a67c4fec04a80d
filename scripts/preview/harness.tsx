/**
 * The pane with the fake service instead of Excel, for a plain browser (see scripts/preview-taskpane.mjs).
 *   ?case=invalid  校验 finds errors     ?dark  the dark theme     ?delay=ms  how long each action takes
 */
import { createRoot } from 'react-dom/client';
import { App } from '../../src/taskpane/components/App';
import { applyDarkTheme } from '../../src/taskpane/darkTheme';
import { createFakeService, fixtureInputs } from '../../tests/taskpane/fakeService';

const params = new URLSearchParams(location.search);
const inputs =
  params.get('case') === 'invalid'
    ? fixtureInputs({ dept_name: '', actual_project: '二十六', satisfaction_pct: 1.5 })
    : fixtureInputs();
const service = createFakeService({ inputs, delayMs: Number(params.get('delay') ?? 300) });
(window as unknown as { fakeCalls: string[] }).fakeCalls = service.calls;

document.getElementById('boot')?.remove();
const container = document.getElementById('container');
const dark = params.has('dark');
if (dark) applyDarkTheme();
if (container) createRoot(container).render(<App service={service} connection={{ state: 'ready', platform: 'PC', dark }} />);
