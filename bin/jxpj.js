#!/usr/bin/env node
// `jxpj`: runs the compiled command line (lib/, built by `npm run build:cli`; `npm ci` builds it).
const path = require('path');

const main = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
let found = true;
try {
  require.resolve(main);
} catch {
  found = false;
}
if (found) {
  require(main);
} else {
  process.stderr.write(
    '错误：命令行尚未编译（缺少 lib/cli/main.js）。请在项目文件夹中运行 npm run build:cli（npm ci 会自动编译）后重试。\n',
  );
  process.exitCode = 2;
}
