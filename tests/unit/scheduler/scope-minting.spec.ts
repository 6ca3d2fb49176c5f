/**
 * An architecture check: the ways into a scope that do not start at an authenticated request
 * (Spotter's own partitions, and users found in the reminder index) are used only by the modules
 * that own such an index. A new caller must be reviewed and added here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const MINTERS: Record<string, readonly string[]> = {
  systemScope: [
    'src/auth/scope.ts',
    'src/scheduler/slot-index.ts',
    // The retention index: tenants that turned retention on.
    'src/services/retention-service.ts',
  ],
  scopeFromIndexEntry: ['src/auth/scope.ts', 'src/scheduler/slot-index.ts'],
};

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory)).flatMap((name) => {
    const relative = path.join(directory, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

it.each(Object.entries(MINTERS))(
  '%s is called only by the modules that own an index',
  (name, allowed) => {
    const callers = [...sourceFiles('src'), ...sourceFiles('bot')].filter((file) =>
      new RegExp(`\\b${name}\\b`).test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(callers.sort()).toEqual([...allowed].sort());
  },
);
