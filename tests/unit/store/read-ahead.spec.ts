/**
 * Records read ahead are handed out once, only all together, and only in their own partition.
 */
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { ReadAhead } from '../../../src/store/read-ahead';
import type { StoredRecord } from '../../../src/store/store';

const TENANT_A = 'f1000000-0000-4000-8000-00000000000a';
const TENANT_B = 'f1000000-0000-4000-8000-00000000000b';
const USER = 'f1000000-0000-4000-8000-000000000001';
const OTHER = 'f1000000-0000-4000-8000-000000000002';

function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

function record(kind: string, id: string): StoredRecord<unknown> {
  return {
    id,
    kind,
    tenantId: TENANT_A,
    userId: USER,
    sortKey: '',
    data: { id },
    etag: `etag-${id}`,
    updatedAt: '2026-11-25T12:00:00.000Z',
  };
}

const SETTINGS = { kind: 'settings', id: 'me' };
const WEEK = { kind: 'week', id: '2026-W48' };

function readAhead(): ReadAhead {
  const ahead = new ReadAhead(scopeOf(TENANT_A, USER));
  ahead.remember(SETTINGS, record('settings', 'me'));
  ahead.remember(WEEK, undefined);
  return ahead;
}

it('hands out what was found, in the order asked, missing records included', () => {
  const found = readAhead().take(scopeOf(TENANT_A, USER), [WEEK, SETTINGS]);
  expect(found).toEqual([undefined, record('settings', 'me')]);
});

it('hands each record out once', () => {
  const ahead = readAhead();
  expect(ahead.take(scopeOf(TENANT_A, USER), [SETTINGS])).toBeDefined();
  expect(ahead.take(scopeOf(TENANT_A, USER), [SETTINGS])).toBeUndefined();
  expect(ahead.take(scopeOf(TENANT_A, USER), [WEEK])).toEqual([undefined]);
});

it('hands out nothing unless it holds every key, and keeps what it holds', () => {
  const ahead = readAhead();
  expect(ahead.take(scopeOf(TENANT_A, USER), [SETTINGS, { kind: 'profile', id: 'me' }])).toBe(
    undefined,
  );
  expect(ahead.take(scopeOf(TENANT_A, USER), [SETTINGS])).toEqual([record('settings', 'me')]);
});

it('answers nothing for another user, another tenant or a tenant partition', () => {
  const ahead = readAhead();
  expect(ahead.take(scopeOf(TENANT_A, OTHER), [SETTINGS])).toBeUndefined();
  expect(ahead.take(scopeOf(TENANT_B, USER), [SETTINGS])).toBeUndefined();
  expect(ahead.take(tenantScopeOf(scopeOf(TENANT_A, USER)), [SETTINGS])).toBeUndefined();
  expect(ahead.take(scopeOf(TENANT_A, USER), [SETTINGS])).toBeDefined();
});
