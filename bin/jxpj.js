#!/usr/bin/env node
// `jxpj` runs the TypeScript CLI through tsx (a runtime dependency), so no build step is needed.
require('tsx/cjs');
require('../src/cli/main.ts');
