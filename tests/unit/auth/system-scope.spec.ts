import {
  scopeFromActivity,
  scopeFromClaims,
  scopeFromIndexEntry,
  SYSTEM_TENANT,
  systemScope,
} from '../../../src/auth/scope';

describe('systemScope', () => {
  it('names a partition of Spotter’s own, under a tenant id no real tenant can have', () => {
    expect(systemScope('reminder-slot-202611271500-s3')).toEqual({
      tenantId: SYSTEM_TENANT,
      userId: 'reminder-slot-202611271500-s3',
    });
    expect(scopeFromClaims({ tid: SYSTEM_TENANT, oid: 'reminder-shards' })).toBeUndefined();
    expect(
      scopeFromActivity({ conversationTenantId: SYSTEM_TENANT, aadObjectId: 'reminder-shards' }),
    ).toBeUndefined();
  });

  it.each(['', 'Reminder', '_tenant', 'a/b', 'a b', 'x'.repeat(101), '../up'])(
    'refuses the partition name %p',
    (name) => {
      expect(systemScope(name)).toBeUndefined();
    },
  );
});

describe('scopeFromIndexEntry', () => {
  it('turns an index entry back into the user it names', () => {
    expect(
      scopeFromIndexEntry({ tenantId: 'a0000000-0000-4000-8000-000000000001', userId: 'u1' }),
    ).toEqual({ tenantId: 'a0000000-0000-4000-8000-000000000001', userId: 'u1' });
  });

  it.each([
    [SYSTEM_TENANT, 'u1'],
    ['t1', '_tenant'],
    ['', 'u1'],
    ['t1', 'a/b'],
  ])('refuses a malformed entry %p / %p', (tenantId, userId) => {
    expect(scopeFromIndexEntry({ tenantId, userId })).toBeUndefined();
  });
});
