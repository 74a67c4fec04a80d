import { NOT_IN_EXCEL, NO_OFFICE, OFFICE_TIMEOUT_MS, SLOW, connectToOffice, connectionMessage, type Connection } from '../../src/taskpane/connection';

const global = globalThis as { Office?: unknown };
afterEach(() => {
  delete global.Office;
  jest.useRealTimers();
});

/** An Office whose onReady resolves when `ready` is called (with the host given). */
function fakeOffice(platform = 'PC') {
  let resolve: (info: { host: string }) => void = () => undefined;
  global.Office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    onReady: () => new Promise((r) => (resolve = r)),
    context: { diagnostics: { platform } },
  };
  return { ready: (host = 'Excel') => resolve({ host }) };
}

async function follow(run: (states: Connection[]) => Promise<void> | void, dark = false): Promise<Connection[]> {
  const states: Connection[] = [];
  connectToOffice((c) => states.push(c), () => dark);
  await run(states);
  return states;
}

test('without office.js: failed at once, saying so', async () => {
  expect(await follow(() => undefined)).toEqual([{ state: 'failed', message: NO_OFFICE }]);
});

test('ready in Excel: the platform and the theme, and no slow notice afterwards', async () => {
  jest.useFakeTimers();
  const office = fakeOffice('Mac');
  const states = await follow(async () => {
    office.ready();
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(OFFICE_TIMEOUT_MS * 2);
  }, true);
  expect(states).toEqual([{ state: 'ready', platform: 'Mac', dark: true }]);
});

test('outside Excel: failed, telling where to open it', async () => {
  const office = fakeOffice();
  const states = await follow(async () => {
    office.ready('Word');
    await new Promise((r) => setTimeout(r, 0));
  });
  expect(states).toEqual([{ state: 'failed', message: NOT_IN_EXCEL }]);
});

test(`not ready after ${OFFICE_TIMEOUT_MS / 1000} s: slow, then ready when Office is`, async () => {
  jest.useFakeTimers();
  const office = fakeOffice();
  const states = await follow(async (sofar) => {
    jest.advanceTimersByTime(OFFICE_TIMEOUT_MS - 1);
    expect(sofar).toEqual([]);
    jest.advanceTimersByTime(1);
    office.ready();
    await Promise.resolve();
    await Promise.resolve();
  });
  expect(states).toEqual([{ state: 'slow' }, { state: 'ready', platform: 'PC', dark: false }]);
});

test('the status line while not ready, nothing once ready', () => {
  expect(connectionMessage({ state: 'connecting' })).toBe('正在连接 Excel…');
  expect(connectionMessage({ state: 'slow' })).toBe(SLOW);
  expect(SLOW).toBe('仍在连接 Excel（已等待 15 秒）。如果一直停在这里，请关闭任务窗格后重新打开。');
  expect(connectionMessage({ state: 'failed', message: NO_OFFICE })).toBe(NO_OFFICE);
  expect(connectionMessage({ state: 'ready', platform: null, dark: false })).toBeNull();
});
