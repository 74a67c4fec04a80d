/**
 * Builds the add-in into dist/: taskpane.html (+ lazily loaded chunks), commands.html, help.html,
 * the icons and manifest.xml. Modelled on Microsoft's Office-Addin-TaskPane-React template, without
 * its IE11 polyfills: old web views get a plain message from taskpane.html instead.
 *
 *   ADDIN_PROD_URL  where dist/ will be served: the production manifest points there. Required by
 *                   `npm run build` — without it the build fails, so no manifest pointing at a
 *                   placeholder host can ship.
 *   --env local     `npm run build:local`: a production bundle whose manifest keeps the dev server's
 *                   address (https://localhost:3000/), for tests, the bench and sideloading here.
 *   OFFICE_JS_URL   where the pages load office.js from, default Microsoft's CDN (tests: /office.js)
 */
const path = require('node:path');
const zlib = require('node:zlib');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');

const urlDev = 'https://localhost:3000/';
const officeJsUrl = process.env.OFFICE_JS_URL || 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The taskpane's initial scripts, gzipped, must fit here: that is what a slow link waits for. */
const INITIAL_GZIP_BUDGET = 110 * 1024;
/** Raw (minified) size limits for webpack's own performance hints. */
const MAX_ENTRYPOINT_SIZE = 500 * 1024;
const MAX_ASSET_SIZE = 500 * 1024;

function withTrailingSlash(url) {
  if (!url.startsWith('https://')) throw new Error(`ADDIN_PROD_URL must be an https:// address, not ${url}`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** Where the manifest of this build points: the dev server, or the deployment address (required for a release). */
function manifestUrl(dev, local) {
  if (dev || local) return urlDev;
  const prod = process.env.ADDIN_PROD_URL;
  if (!prod) {
    throw new Error(
      'ADDIN_PROD_URL is not set: a release build needs the https:// address dist/ will be served from ' +
        '(e.g. ADDIN_PROD_URL=https://addins.example.gov.cn/jxpj/ npm run build). For a local build use npm run build:local.',
    );
  }
  return withTrailingSlash(prod);
}

/** Fails the build when the gzipped initial chunks of `entry` exceed `budget` bytes, and prints the figure. */
class InitialGzipBudgetPlugin {
  constructor({ entry, budget }) {
    this.entry = entry;
    this.budget = budget;
  }

  apply(compiler) {
    const name = InitialGzipBudgetPlugin.name;
    const { Compilation, WebpackError } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const entrypoint = compilation.entrypoints.get(this.entry);
        if (!entrypoint) return;
        const files = [...new Set(entrypoint.chunks.flatMap((chunk) => [...chunk.files]))].filter((f) => f.endsWith('.js'));
        const gzipped = files.reduce(
          (total, file) => total + zlib.gzipSync(compilation.getAsset(file).source.buffer(), { level: 9 }).length,
          0,
        );
        const figure = `${(gzipped / 1024).toFixed(1)} KiB gzipped (budget ${this.budget / 1024} KiB): ${files.join(', ')}`;
        console.log(`[${name}] initial "${this.entry}" scripts: ${figure}`);
        if (gzipped > this.budget) {
          compilation.errors.push(new WebpackError(`Initial "${this.entry}" scripts are over budget: ${figure}`));
        }
      });
    });
  }
}

/** The dev server's certificate, trusted by office-addin-dev-certs (installed on first use). */
async function getHttpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const manifestBase = manifestUrl(dev, Boolean(env.local));

  return {
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js'],
      // Sources written for Node's ESM resolution import './x.js' for './x.ts'.
      extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Types are checked by `tsc --noEmit`; the bundle only needs ES modules (for code splitting).
              transpileOnly: true,
              compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', target: 'es2020', sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        // Only the pane shares code; the function file stays a single small script.
        chunks: (chunk) => chunk.name !== 'commands',
      },
    },
    performance: {
      hints: dev ? false : 'error',
      maxEntrypointSize: MAX_ENTRYPOINT_SIZE,
      maxAssetSize: MAX_ASSET_SIZE,
      assetFilter: (file) => file.endsWith('.js'),
    },
    plugins: [
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/icon-*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              return manifestBase === urlDev ? content : content.toString().replaceAll(urlDev, manifestBase);
            },
          },
        ],
      }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        // The page's inline loader adds the scripts, after checking the web view can run them.
        inject: false,
        templateParameters: { officeJsUrl },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        templateParameters: { officeJsUrl },
      }),
      new HtmlWebpackPlugin({
        filename: 'help.html',
        template: './src/taskpane/help.html',
        chunks: [],
      }),
      ...(dev ? [] : [new InitialGzipBudgetPlugin({ entry: 'taskpane', budget: INITIAL_GZIP_BUDGET })]),
    ],
    devServer: serving
      ? {
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: await getHttpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};
