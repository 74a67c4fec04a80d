/**
 * Builds the add-in into dist/: taskpane.html (+ lazily loaded chunks), commands.html, help.html,
 * the icons and manifest.xml. Modelled on Microsoft's Office-Addin-TaskPane-React template, without
 * its IE11 polyfills: old web views get a plain message from taskpane.html instead.
 *
 * Styles are made at build time: Griffel's loader evaluates every makeStyles() call, and the first
 * screen's rules (with the light theme's variables, src/taskpane/theme.ts) go into one stylesheet
 * the page links. The first screen's scripts and styles must fit INITIAL_GZIP_BUDGET.
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
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const MiniCssExtractPlugin = require('mini-css-extract-plugin');
const { GriffelCSSExtractionPlugin } = require('@griffel/webpack-extraction-plugin');

const urlDev = 'https://localhost:3000/';
const officeJsUrl = process.env.OFFICE_JS_URL || 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The taskpane's initial scripts and stylesheets, gzipped, must fit here: that is what a slow link waits for. */
const INITIAL_GZIP_BUDGET = 85 * 1024;
/**
 * Modules of the first screen: their Griffel styles go into the stylesheet taskpane.html links.
 * The lazily loaded views (and the Fluent components they use, which ship their styles already
 * evaluated) insert their rules when they load, so the first paint waits for no CSS it does not
 * show. A module left off this list still works: its styles are then inserted at run time. (A
 * Fluent package drawn on the first screen would go here too, with a rule for node_modules.)
 */
const FIRST_SCREEN_STYLES = [/[\\/]src[\\/]taskpane[\\/](theme\.ts|components[\\/](App|Steps|PaneButton|LoadErrorBoundary)\.tsx)$/];
const extractsStyles = (file) => FIRST_SCREEN_STYLES.some((pattern) => pattern.test(file));

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

/** Fails the build when the gzipped initial scripts and stylesheets of `entry` exceed `budget` bytes, and prints the figure. */
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
        const files = [...new Set(entrypoint.chunks.flatMap((chunk) => [...chunk.files]))].filter((f) => f.endsWith('.js') || f.endsWith('.css'));
        const sizes = files.map((file) => ({ file, gzipped: zlib.gzipSync(compilation.getAsset(file).source.buffer(), { level: 9 }).length }));
        const gzipped = sizes.reduce((total, { gzipped: bytes }) => total + bytes, 0);
        const each = sizes.map(({ file, gzipped: bytes }) => `${file} ${(bytes / 1024).toFixed(1)}`).join(', ');
        const figure = `${(gzipped / 1024).toFixed(1)} KiB gzipped (budget ${this.budget / 1024} KiB): ${each}`;
        console.log(`[${name}] initial "${this.entry}" scripts and styles: ${figure}`);
        if (gzipped > this.budget) {
          compilation.errors.push(new WebpackError(`Initial "${this.entry}" scripts and styles are over budget: ${figure}`));
        }
      });
    });
  }
}

/**
 * Keeps, of the theme's variables on :root (src/taskpane/theme.ts), only those the build uses: a
 * name used as var(--name) in any stylesheet or script, or named anywhere in a script (a token read
 * at run time) other than the dark theme's own (which names them all). Fluent's theme has some 460;
 * the pane uses a fraction. The dark theme, applied at run time, still sets them all.
 */
class PruneThemeVariablesPlugin {
  constructor({ themeChunk }) {
    this.themeChunk = themeChunk;
  }

  apply(compiler) {
    const name = PruneThemeVariablesPlugin.name;
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE }, (assets) => {
        const texts = Object.keys(assets)
          .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
          .map((file) => [file, compilation.getAsset(file).source.source().toString()]);
        const themeFiles = compilation.namedChunks.get(this.themeChunk)?.files ?? new Set();
        const scripts = texts.filter(([file]) => file.endsWith('.js') && !themeFiles.has(file)).map(([, text]) => text).join('\n');
        const everything = texts.map(([, text]) => text.replace(/:root\{[^}]*\}/g, '')).join('\n');
        const used = new Set([...everything.matchAll(/var\(--([A-Za-z0-9]+)/g)].map((m) => m[1]));
        const mentioned = new Set(scripts.match(/[A-Za-z][A-Za-z0-9]+/g));
        for (const [file, text] of texts) {
          if (!file.endsWith('.css') || !text.includes(':root{')) continue;
          const pruned = text.replace(/:root\{([^}]*)\}/g, (_rule, body) => {
            const kept = body.split(';').filter((declaration) => {
              const variable = /^--([A-Za-z0-9]+):/.exec(declaration.trim());
              return !variable || used.has(variable[1]) || mentioned.has(variable[1]);
            });
            return `:root{${kept.join(';')}}`;
          });
          compilation.updateAsset(file, new sources.RawSource(pruned));
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
          // Run last to first: TypeScript to JavaScript, makeStyles() evaluated at build time into
          // class names and CSS rules, and (first screen only) the rules moved into the stylesheet.
          use: (info) => [
            ...(extractsStyles(info.resource) ? [GriffelCSSExtractionPlugin.loader] : []),
            { loader: '@griffel/webpack-loader' },
            {
              loader: 'ts-loader',
              options: {
                // Types are checked by `tsc --noEmit`; the bundle only needs ES modules (for code splitting).
                transpileOnly: true,
                compilerOptions: { module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', target: 'es2020', sourceMap: true },
              },
            },
          ],
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, 'css-loader'] },
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
      assetFilter: (file) => file.endsWith('.js') || file.endsWith('.css'),
    },
    plugins: [
      // Griffel's CSS goes into one stylesheet that taskpane.html links (Griffel sorts its rules there).
      new MiniCssExtractPlugin({
        filename: dev ? '[name].css' : '[name].[contenthash:8].css',
        chunkFilename: dev ? '[name].css' : '[name].[contenthash:8].css',
        // Griffel orders its own rules; the order of the modules that carry them does not matter.
        ignoreOrder: true,
      }),
      new GriffelCSSExtractionPlugin(),
      // Fluent's table of token names, in a module the first script needs for one token: a stand-in
      // that makes the same var(--name) strings (see src/taskpane/cssVariableTokens.ts).
      new webpack.NormalModuleReplacementPlugin(
        /[\\/]@fluentui[\\/]tokens[\\/]lib[\\/]tokens\.js$/,
        path.resolve(__dirname, 'src/taskpane/cssVariableTokens.ts'),
      ),
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
      ...(dev ? [] : [new PruneThemeVariablesPlugin({ themeChunk: 'dark-theme' }), new InitialGzipBudgetPlugin({ entry: 'taskpane', budget: INITIAL_GZIP_BUDGET })]),
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
