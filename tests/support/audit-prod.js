// Checks the production dependencies for known vulnerabilities (`npm audit --omit=dev`) in the
// test command, and tells a finding apart from an audit that could not run: exit 1 and a list for
// any high or critical advisory, unless its URL is in docs/RELIABILITY.md (where each accepted
// one is justified); exit 0 when there is none; and, when the registry's audit service
// cannot be asked (offline, or a registry mirror without it), a warning and exit 0, so a missing
// network does not fail the tests. AUDIT_REQUIRED=1 makes that case exit 2 instead (for a CI that
// must not pass unaudited). `npm run audit:prod` is the plain npm command for people.
/* eslint-disable @typescript-eslint/no-require-imports, no-console -- a CommonJS script that
   reports on the console */
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const SERIOUS = new Set(['high', 'critical']);

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}

const counts = report && report.metadata && report.metadata.vulnerabilities;
if (!counts) {
  const reason =
    (report && ((report.error && report.error.summary) || report.message)) ||
    (run.stderr || '').split('\n').find((line) => line.trim().length > 0) ||
    `npm exited with ${run.status}`;
  console.warn(`npm audit could not run, so no finding was checked: ${reason}`);
  process.exit(process.env.AUDIT_REQUIRED === '1' ? 2 : 0);
}

// AUDIT_DOCS names another file of justifications (for this script's own tests).
const justified = readFileSync(
  process.env.AUDIT_DOCS || path.join(__dirname, '../../docs/RELIABILITY.md'),
  'utf8',
);
// Advisories are the `via` objects; a `via` string only names the dependency that carries one.
const advisories = Object.values(report.vulnerabilities || {}).flatMap((entry) =>
  (entry.via || []).filter((via) => typeof via === 'object' && SERIOUS.has(via.severity)),
);
const open = [...new Map(advisories.map((via) => [via.url, via])).values()].filter(
  (via) => !justified.includes(via.url),
);
if (open.length === 0) {
  const accepted = advisories.length > 0 ? ', the high ones justified in the docs' : '';
  console.log(
    `npm audit --omit=dev: no open high or critical finding (${counts.total} in all${accepted}).`,
  );
  process.exit(0);
}
console.error('npm audit --omit=dev: high or critical findings in production dependencies:');
for (const via of open) console.error(`- ${via.name} (${via.severity}): ${via.title} ${via.url}`);
console.error(
  'Pin a patched version, or justify the advisory (with its URL) in the Security section of ' +
    'docs/RELIABILITY.md.',
);
process.exit(1);
