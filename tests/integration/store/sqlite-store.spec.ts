/**
 * The SQLite adapter: the store contract on a temporary database file, plus what only SQLite
 * has (WAL, lock timeouts, the file on disk).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { StoreUnavailableError } from '../../../src/store/errors';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { describeStoreContract } from './store-contract';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'spotter-sqlite-'));
}

describeStoreContract('SQLite', async () => {
  const dir = await tempDir();
  const store = SqliteStore.open(join(dir, 'spotter.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteStore', () => {
  const alice = scopeFromClaims({ tid: 't1', oid: 'alice' }) as Scope;
  let dir: string;

  beforeEach(async () => {
    dir = await tempDir();
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the parent directory and writes in WAL mode', async () => {
    const path = join(dir, 'nested', 'data', 'spotter.db');
    const store = SqliteStore.open(path);
    try {
      await store.create(alice, 'note', 'n1', {});
      expect(existsSync(`${path}-wal`)).toBe(true);
      const probe = new Database(path, { readonly: true });
      try {
        expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        probe.close();
      }
    } finally {
      await store.close();
    }
  });

  it('keeps records across a reopen', async () => {
    const path = join(dir, 'spotter.db');
    const first = SqliteStore.open(path);
    const written = await first.create(alice, 'note', 'n1', { kept: true });
    await first.close();
    const second = SqliteStore.open(path);
    try {
      expect(await second.get(alice, 'note', 'n1')).toEqual(written);
    } finally {
      await second.close();
    }
  });

  it('reports a database locked by another writer as unavailable, then recovers', async () => {
    const path = join(dir, 'spotter.db');
    const store = SqliteStore.open(path, { busyTimeoutMs: 50 });
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      await expect(store.put(alice, 'note', 'n1', {})).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      other.exec('ROLLBACK');
      await expect(store.put(alice, 'note', 'n1', {})).resolves.toMatchObject({ id: 'n1' });
    } finally {
      other.close();
      await store.close();
    }
  });

  it('runs in memory', async () => {
    const store = SqliteStore.open(':memory:');
    try {
      const written = await store.create(alice, 'note', 'n1', {});
      expect(await store.get(alice, 'note', 'n1')).toEqual(written);
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
