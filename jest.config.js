// Jest runs three projects: unit (pure, fast), integration (real store, server, bot adapter) and
// e2e (the built server with the Agents Playground and Chromium). @swc/jest compiles TypeScript
// and the ESM-only packages (jose, strip-bom) to CommonJS.
const transform = {
  '^.+\\.(t|j|mj)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
      module: { type: 'commonjs' },
    },
  ],
};
const shared = {
  testEnvironment: 'node',
  transform,
  // ESM-only packages are compiled too, wherever npm nested them.
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|strip-bom)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.spec.ts'],
    },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.spec.ts'] },
  ],
};
