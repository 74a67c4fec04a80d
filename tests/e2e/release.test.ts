/**
 * Release safety: a release build needs the deployment address, so no manifest pointing at a
 * placeholder host can ship; tests and the bench build through the explicit local target.
 * (Only webpack.config.js's decisions: the browser test builds the local target for real.)
 */
import path from 'node:path';

type Config = { plugins: { constructor: { name: string }; patterns?: { to?: string; transform?: (content: Buffer) => Buffer | string }[] }[] };
type MakeConfig = (env: Record<string, unknown>, options: { mode: string }) => Promise<Config>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.resolve(__dirname, '../../webpack.config.js')) as MakeConfig;

const SOURCE = '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>';

/** What the build would write as dist/manifest.xml. */
function manifestOf(config: Config): string {
  const copy = config.plugins.find((p) => p.constructor.name === 'CopyPlugin');
  const pattern = copy?.patterns?.find((p) => p.to === 'manifest.xml');
  if (!pattern?.transform) throw new Error('no manifest pattern in webpack.config.js');
  return String(pattern.transform(Buffer.from(SOURCE)));
}

const saved = process.env.ADDIN_PROD_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.ADDIN_PROD_URL;
  else process.env.ADDIN_PROD_URL = saved;
});

test('npm run build without ADDIN_PROD_URL fails, naming the fix', async () => {
  delete process.env.ADDIN_PROD_URL;
  await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow(/ADDIN_PROD_URL is not set.*npm run build:local/s);
});

test('with ADDIN_PROD_URL the manifest points at the deployment address', async () => {
  process.env.ADDIN_PROD_URL = 'https://addins.example.gov.cn/jxpj';
  expect(manifestOf(await makeConfig({}, { mode: 'production' }))).toBe('<SourceLocation DefaultValue="https://addins.example.gov.cn/jxpj/taskpane.html"/>');
});

test('an address that is not https:// is refused', async () => {
  process.env.ADDIN_PROD_URL = 'http://addins.example.gov.cn/';
  await expect(makeConfig({}, { mode: 'production' })).rejects.toThrow('must be an https:// address');
});

test('npm run build:local keeps the dev server’s address, with or without ADDIN_PROD_URL', async () => {
  delete process.env.ADDIN_PROD_URL;
  expect(manifestOf(await makeConfig({ local: true }, { mode: 'production' }))).toBe(SOURCE);
});

test('package.json: build is the release target, build:local the explicit local one', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { scripts } = require(path.resolve(__dirname, '../../package.json')) as { scripts: Record<string, string> };
  expect([scripts.build, scripts['build:local']]).toEqual(['webpack --mode production', 'webpack --mode production --env local']);
});
