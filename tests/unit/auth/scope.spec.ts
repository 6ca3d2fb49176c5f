import {
  isValidScopeId,
  scopeFromActivity,
  scopeFromClaims,
  tenantScopeOf,
} from '../../../src/auth/scope';

const TENANT = 'a0000000-0000-4000-8000-000000000001';
const OTHER_TENANT = 'c0000000-0000-4000-8000-000000000002';
const USER = 'a0000000-0000-4000-8000-000000000011';

describe('isValidScopeId', () => {
  it.each([TENANT, 'contoso', '29:1abcDEF-xyz', 'user@contoso.example', 'a', 'A'.repeat(128)])(
    'accepts %s',
    (id) => {
      expect(isValidScopeId(id)).toBe(true);
    },
  );

  it.each([
    ['undefined', undefined],
    ['empty', ''],
    ['reserved partition', '_tenant'],
    ['leading dash', '-abc'],
    ['leading dot', '.abc'],
    ['space', 'a b'],
    ['slash', 'a/b'],
    ['path traversal', '../other'],
    ['quote', "a'b"],
    ['too long', 'A'.repeat(129)],
    ['newline', 'abc\n'],
  ])('rejects %s', (_label, id) => {
    expect(isValidScopeId(id)).toBe(false);
  });
});

describe('scopeFromClaims', () => {
  it('mints a scope from tid and oid', () => {
    expect(scopeFromClaims({ tid: TENANT, oid: USER })).toEqual({ tenantId: TENANT, userId: USER });
  });

  it.each([
    ['empty tid', { tid: '', oid: USER }],
    ['empty oid', { tid: TENANT, oid: '' }],
    ['reserved tid', { tid: '_tenant', oid: USER }],
    ['reserved oid', { tid: TENANT, oid: '_tenant' }],
    ['non-string oid', { tid: TENANT, oid: 42 as unknown as string }],
  ])('refuses %s', (_label, claims) => {
    expect(scopeFromClaims(claims)).toBeUndefined();
  });

  it('returns a frozen scope', () => {
    const scope = scopeFromClaims({ tid: TENANT, oid: USER });
    expect(Object.isFrozen(scope)).toBe(true);
    expect(() => {
      (scope as unknown as { tenantId: string }).tenantId = OTHER_TENANT;
    }).toThrow(TypeError);
  });
});

describe('scopeFromActivity', () => {
  it('prefers the conversation tenant over the channel tenant', () => {
    const scope = scopeFromActivity({
      conversationTenantId: TENANT,
      channelTenantId: OTHER_TENANT,
      aadObjectId: USER,
    });
    expect(scope?.tenantId).toBe(TENANT);
  });

  it('falls back to the channel tenant', () => {
    const scope = scopeFromActivity({ channelTenantId: OTHER_TENANT, aadObjectId: USER });
    expect(scope).toEqual({ tenantId: OTHER_TENANT, userId: USER });
  });

  it('prefers the Entra object id over the channel user id', () => {
    const scope = scopeFromActivity({
      conversationTenantId: TENANT,
      aadObjectId: USER,
      channelUserId: '29:channel-user',
    });
    expect(scope?.userId).toBe(USER);
  });

  it('falls back to the channel user id', () => {
    const scope = scopeFromActivity({
      conversationTenantId: TENANT,
      channelUserId: '29:channel-user',
    });
    expect(scope?.userId).toBe('29:channel-user');
  });

  it.each([
    ['no tenant', { aadObjectId: USER }],
    ['no user', { conversationTenantId: TENANT }],
    ['reserved tenant', { conversationTenantId: '_tenant', aadObjectId: USER }],
    ['reserved user', { conversationTenantId: TENANT, aadObjectId: '_tenant' }],
    ['malformed tenant', { conversationTenantId: 'a/b', aadObjectId: USER }],
    ['empty', {}],
  ])('refuses an activity with %s', (_label, identity) => {
    expect(scopeFromActivity(identity)).toBeUndefined();
  });

  it('does not fall back when the preferred tenant is present but malformed', () => {
    expect(
      scopeFromActivity({
        conversationTenantId: '_tenant',
        channelTenantId: TENANT,
        aadObjectId: USER,
      }),
    ).toBeUndefined();
  });

  it('returns a frozen scope', () => {
    expect(
      Object.isFrozen(scopeFromActivity({ conversationTenantId: TENANT, aadObjectId: USER })),
    ).toBe(true);
  });
});

describe('tenantScopeOf', () => {
  it('keeps only the tenant, frozen', () => {
    const user = scopeFromClaims({ tid: TENANT, oid: USER });
    if (user === undefined) throw new Error('test scope not minted');
    const tenant = tenantScopeOf(user);
    expect(tenant).toEqual({ tenantId: TENANT });
    expect(Object.isFrozen(tenant)).toBe(true);
  });
});
