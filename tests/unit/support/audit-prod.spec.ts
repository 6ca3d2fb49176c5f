/**
 * The test command's audit step: a finding fails it, an audit service out of reach does not
 * (unless AUDIT_REQUIRED=1), and an advisory justified in the docs is accepted. A fake
 * `npm` first on the PATH plays the registry's answers.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../support/audit-prod.js');

let bin: string;
beforeEach(() => {
  bin = mkdtempSync(path.join(os.tmpdir(), 'fake-npm-'));
});
afterEach(() => {
  rmSync(bin, { recursive: true, force: true });
});

/** Runs the script with a fake `npm` that prints `report` and exits with `status`. */
function audit(report: unknown, status: number, env: Record<string, string> = {}) {
  writeFileSync(path.join(bin, 'report.json'), JSON.stringify(report));
  const fake = path.join(bin, 'npm');
  writeFileSync(fake, `#!/bin/sh\ncat "${path.join(bin, 'report.json')}"\nexit ${status}\n`);
  chmodSync(fake, 0o755);
  return spawnSync(process.execPath, [SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, ...env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` },
  });
}

const counts = (high: number) => ({
  info: 0,
  low: 1,
  moderate: 0,
  high,
  critical: 0,
  total: high + 1,
});

function finding(url: string) {
  return {
    auditReportVersion: 2,
    vulnerabilities: {
      'some-lib': {
        name: 'some-lib',
        severity: 'high',
        via: [{ name: 'some-lib', severity: 'high', title: 'Prototype pollution', url }],
      },
      'uses-some-lib': { name: 'uses-some-lib', severity: 'high', via: ['some-lib'] },
    },
    metadata: { vulnerabilities: counts(2) },
  };
}

it('passes when nothing high or critical is found', () => {
  const run = audit({ vulnerabilities: {}, metadata: { vulnerabilities: counts(0) } }, 1);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/no open high or critical finding/);
});

it('fails on a high finding, naming the advisory', () => {
  const run = audit(finding('https://github.com/advisories/GHSA-test-test-test'), 1);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('some-lib (high): Prototype pollution');
  expect(run.stderr).toContain('GHSA-test-test-test');
});

it('accepts a high finding whose advisory is justified in the docs', () => {
  const url = 'https://github.com/advisories/GHSA-test-test-test';
  const docs = path.join(bin, 'RELIABILITY.md');
  writeFileSync(docs, `## Security\n\n- ${url}: cannot apply to Spotter, because …\n`);
  const run = audit(finding(url), 1, { AUDIT_DOCS: docs });
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/justified in the docs/);
});

it('tells an audit service out of reach apart from a finding', () => {
  const unreachable = { message: '405 Method Not Allowed - POST https://registry.example/bulk' };
  const run = audit(unreachable, 1);
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/could not run, so no finding was checked: 405 Method Not Allowed/);
  expect(audit(unreachable, 1, { AUDIT_REQUIRED: '1' }).status).toBe(2);
});
