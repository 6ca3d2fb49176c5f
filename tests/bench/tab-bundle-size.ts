/**
 * The tab's JavaScript as a browser first downloads it: the entry script and every module it
 * preloads, gzipped; and, separately, the chunks loaded later (the charts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Sizes in bytes. */
export interface BundleSizes {
  /** The scripts of the first load: raw and gzipped, per file. */
  readonly initial: readonly { file: string; bytes: number; gzip: number }[];
  /** Scripts loaded on demand. */
  readonly lazy: readonly { file: string; bytes: number; gzip: number }[];
  /** The first load's gzipped total. */
  readonly initialGzip: number;
}

function sizeOf(directory: string, file: string) {
  const content = readFileSync(path.join(directory, file));
  // Level 6 is what web servers and CDNs use by default.
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 6 }).length };
}

/** Measures a built tab (`dist/tab`). */
export function measureBundle(tabDirectory: string): BundleSizes {
  const html = readFileSync(path.join(tabDirectory, 'index.html'), 'utf8');
  const initialFiles = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  if (initialFiles.length === 0) throw new Error('no entry script found in index.html');
  const all = readdirSync(path.join(tabDirectory, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `assets/${file}`);
  const initial = initialFiles.map((file) => sizeOf(tabDirectory, file));
  const lazy = all
    .filter((file) => !initialFiles.includes(file))
    .map((file) => sizeOf(tabDirectory, file));
  return { initial, lazy, initialGzip: initial.reduce((sum, entry) => sum + entry.gzip, 0) };
}
