/**
 * The pane with the fake service instead of Excel, for a plain browser (see scripts/preview-taskpane.mjs).
 *   ?case=invalid  校验 finds errors     ?dark  the dark theme     ?delay=ms  how long each action takes
 */
import { webDarkTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from '../../src/taskpane/components/App';
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
if (container) createRoot(container).render(<App service={service} theme={params.has('dark') ? webDarkTheme : undefined} />);
