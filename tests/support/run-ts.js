// Runs a TypeScript script from the repository without a build step: `node tests/support/run-ts.js
// <script.ts> [args]`. Each .ts/.tsx file is compiled on require with @swc/core, as Jest compiles
// it, so scripts (benchmarks, screenshots) can use the tests' own helpers.
/* eslint-disable @typescript-eslint/no-require-imports, no-console -- a CommonJS launcher: it
   installs a require hook, so require is the point, and it reports its usage on the console */
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const options = {
  jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
  // Dynamic import() stays native, so ESM-only packages (jose) load as ES modules.
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};

for (const extension of ['.ts', '.tsx']) {
  require.extensions[extension] = (module, filename) => {
    const source = readFileSync(filename, 'utf8');
    const { code } = transformSync(source, { ...options, filename });
    module._compile(code, filename);
  };
}

const script = process.argv[2];
if (!script) {
  console.error('usage: node tests/support/run-ts.js <script.ts> [args]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(script));
require(path.resolve(script));
