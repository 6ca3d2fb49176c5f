/**
 * Data rights on the SQLite store: the export holds exactly the person's records (never turn
 * state, never a colleague's, never another tenant's), and deleting removes all of theirs and
 * nothing else.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TURN_STATE_KIND } from '../../../src/store/store';
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { defaultSettings } from '../../../src/domain/settings';
import {
  deleteAll,
  exportAll,
  toCsv,
  toJson,
  type ExportBundle,
} from '../../../src/services/data-rights-service';
import { PracticeService } from '../../../src/services/practice-service';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { parseCsvRecords } from '../../support/csv';

const NOW = new Date('2026-11-26T12:00:00Z');
const ZONE = 'Europe/Berlin';

function scope(tid: string, oid: string): Scope {
  const minted = scopeFromClaims({ tid, oid });
  if (!minted) throw new Error('bad test scope');
  return minted;
}

// The same user id in two tenants: only the tenant keeps them apart.
const alice = scope('tenant-a', 'user-1');
const aliceInB = scope('tenant-b', 'user-1');
const bob = scope('tenant-a', 'user-2');

let dir: string;
let store: SqliteStore;
let practice: PracticeService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spotter-rights-'));
  store = SqliteStore.open(join(dir, 'spotter.db'));
  practice = new PracticeService(store, () => NOW);

  for (const [who, text] of [
    [alice, 'alice in A'],
    [aliceInB, 'alice in B'],
    [bob, 'bob in A'],
  ] as const) {
    const week = practice.currentWeekKey(ZONE);
    await practice.saveSettings(who, defaultSettings(ZONE));
    await practice.saveReflection(
      who,
      ZONE,
      week,
      { helpedBy: [{ name: `${text} helper` }], yesCount: 1, holdingAlone: text, connected: [] },
      { complete: true },
    );
    await practice.logRep(who, ZONE, 'asked', { note: `${text} rep` });
    await store.put(who, TURN_STATE_KIND, 'conversation', { dialog: `${text} turn` });
  }
  await store.put(tenantScopeOf(alice), 'tenant-settings', 'org', { note: 'tenant A org' });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function textOf(bundle: ExportBundle): string {
  return `${toJson(bundle)}\n${toCsv(bundle)}`;
}

describe('exportAll', () => {
  it('holds every record of the person except turn state', async () => {
    const bundle = await exportAll(store, alice, NOW);

    expect(bundle).toMatchObject({
      format: 'spotter-export',
      version: 1,
      exportedAt: NOW.toISOString(),
      tenantId: 'tenant-a',
      userId: 'user-1',
    });
    const stored = (await store.exportUser(alice)).filter((r) => r.kind !== TURN_STATE_KIND);
    expect(bundle.records).toEqual(
      stored.map(({ kind, id, updatedAt, data }) => ({ kind, id, updatedAt, data })),
    );
    expect(bundle.records.map((record) => record.kind).sort()).toEqual(['settings', 'week']);
    expect(textOf(bundle)).not.toContain('turn');
  });

  it('never holds a colleague’s data, nor the same user id’s data in another tenant', async () => {
    const text = textOf(await exportAll(store, alice, NOW));
    expect(text).toContain('alice in A');
    expect(text).not.toContain('alice in B');
    expect(text).not.toContain('bob in A');
    expect(text).not.toContain('tenant A org');
    expect(text).not.toContain('tenant-b');

    const textB = textOf(await exportAll(store, aliceInB, NOW));
    expect(textB).toContain('alice in B');
    expect(textB).not.toContain('alice in A');
    expect(textB).not.toContain('tenant-a');
  });

  it('puts the reflection, the rep and the settings into the CSV', async () => {
    const rows = parseCsvRecords(toCsv(await exportAll(store, alice, NOW)));
    expect(rows.filter((row) => row['record'] === 'reflection')).toEqual([
      expect.objectContaining({ holding_alone: 'alice in A', helped_by: 'alice in A helper' }),
    ]);
    expect(rows.filter((row) => row['record'] === 'rep')).toEqual([
      expect.objectContaining({ rep_kind: 'asked', rep_note: 'alice in A rep' }),
    ]);
    expect(rows.filter((row) => row['record'] === 'setting')).toHaveLength(6);
  });

  it('is an empty bundle for someone Spotter knows nothing about', async () => {
    const bundle = await exportAll(store, scope('tenant-a', 'stranger'), NOW);
    expect(bundle.records).toEqual([]);
  });
});

describe('deleteAll', () => {
  it('removes every record of the person, turn state included, and nothing of anyone else', async () => {
    const before = (await store.exportUser(alice)).length;
    const bobBefore = await store.exportUser(bob);
    const aliceInBBefore = await store.exportUser(aliceInB);

    await expect(deleteAll(store, alice)).resolves.toBe(before);

    await expect(store.exportUser(alice)).resolves.toEqual([]);
    await expect(store.exportUser(bob)).resolves.toEqual(bobBefore);
    await expect(store.exportUser(aliceInB)).resolves.toEqual(aliceInBBefore);
    const org = await store.get(tenantScopeOf(alice), 'tenant-settings', 'org');
    expect(org?.data).toEqual({ note: 'tenant A org' });
  });

  it('lets features forget the person elsewhere first, and deletes nothing when one fails', async () => {
    const calls: string[] = [];
    const before = (await store.exportUser(alice)).length;
    await expect(
      deleteAll(store, alice, [
        {
          forgetUser: async (scope) => {
            calls.push(`${scope.tenantId}/${scope.userId}`);
            expect((await store.exportUser(alice)).length).toBe(before);
          },
        },
      ]),
    ).resolves.toBe(before);
    expect(calls).toEqual(['tenant-a/user-1']);

    await expect(
      deleteAll(store, bob, [{ forgetUser: () => Promise.reject(new Error('store down')) }]),
    ).rejects.toThrow('store down');
    expect((await store.exportUser(bob)).length).toBeGreaterThan(0);
  });

  it('leaves a clean slate: the practice starts over from the defaults', async () => {
    await deleteAll(store, alice);
    await expect(deleteAll(store, alice)).resolves.toBe(0);
    const settings = await practice.settings(alice);
    expect(settings.etag).toBeUndefined();
    await expect(practice.streak(alice, ZONE)).resolves.toBe(0);
  });
});
