/**
 * An architecture check: the two ways into a scope that do not start at an authenticated
 * request (Spotter's own partitions, and users found in the reminder index) are used by the
 * scheduler's index module alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const ALLOWED = new Set(['src/auth/scope.ts', 'src/scheduler/slot-index.ts']);

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory)).flatMap((name) => {
    const relative = path.join(directory, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

it.each(['systemScope', 'scopeFromIndexEntry'])('%s is called only by the index module', (name) => {
  const callers = [...sourceFiles('src'), ...sourceFiles('bot')].filter((file) =>
    new RegExp(`\\b${name}\\b`).test(readFileSync(path.join(ROOT, file), 'utf8')),
  );
  expect(callers.sort()).toEqual([...ALLOWED].sort());
});
