/**
 * Builds what the browser test serves, into <outDir> (never dist/):
 *   <outDir>/app/       the add-in as `npm run build:local` makes it, with its pages loading /office.js
 *   <outDir>/stand-in/  stand-in.js, the in-page Excel of tests/e2e/page/standIn.ts
 * Both compile in one webpack run. Used by taskpane.e2e.test.ts:  node tests/e2e/build.cjs <outDir>
 */
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const outDir = path.resolve(process.argv[2] || '');
if (!process.argv[2]) {
  console.error('usage: node tests/e2e/build.cjs <outDir>');
  process.exit(2);
}

// Read by webpack.config.js when it loads: the pages must load office.js from the test server.
process.env.OFFICE_JS_URL = '/office.js';
const webpack = require('webpack');
const makeConfig = require('../../webpack.config.js');

async function configs() {
  // The explicit local target (npm run build:local): a production bundle whose manifest keeps the
  // dev server's address; a release build (npm run build) needs ADDIN_PROD_URL.
  const app = await makeConfig({ local: true }, { mode: 'production' });
  app.mode = 'production';
  app.context = root;
  app.output.path = path.join(outDir, 'app');

  const standIn = {
    mode: 'development',
    context: root,
    target: 'web',
    devtool: false,
    entry: { 'stand-in': './tests/e2e/page/standIn.ts' },
    output: { path: path.join(outDir, 'stand-in'), filename: '[name].js', clean: true },
    // The same TypeScript handling as the add-in's own build.
    resolve: app.resolve,
    module: app.module,
    performance: { hints: false },
  };
  return [app, standIn];
}

async function main() {
  const compiler = webpack(await configs());
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  if (stats.hasErrors()) {
    console.error(stats.toString('errors-only'));
    process.exit(1);
  }
  for (const child of stats.stats) {
    const { name, time } = child.toJson({ all: false, timings: true });
    console.log(`built ${name ?? child.compilation.outputOptions.path} in ${time} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
