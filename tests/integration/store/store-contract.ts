/**
 * The store contract: one suite every {@link Store} adapter must pass.
 *
 * @remarks
 * Each test gets a fresh, empty store from the adapter's spec. The isolation tests use tenant and
 * user ids that share prefixes or join to the same string (`t1` + `29:abc` against `t1:29` +
 * `abc`, `t` + `129:abc`, `t10`, `29:abcd`), so an adapter that composes keys carelessly fails.
 */
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import {
  ConflictError,
  InvalidStoreInputError,
  type ConflictReason,
} from '../../../src/store/errors';
import {
  GET_MANY_LIMIT,
  PAGE_LIMITS,
  TENANT_PARTITION,
  type Store,
  type StoredRecord,
} from '../../../src/store/store';

/** A fresh store for one test, and how to release it. */
export interface StoreUnderTest {
  /** The adapter, empty. */
  readonly store: Store;
  /** Closes the adapter and removes what the test left behind. */
  cleanup(): Promise<void>;
}

function scope(tid: string, oid: string): Scope {
  const minted = scopeFromClaims({ tid, oid });
  if (!minted) throw new Error(`test scope ${tid}/${oid} is malformed`);
  return minted;
}

async function expectConflict(promise: Promise<unknown>, reason: ConflictReason): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(ConflictError);
  await expect(promise).rejects.toMatchObject({ reason });
}

async function expectInvalid(promise: Promise<unknown>): Promise<void> {
  await expect(promise).rejects.toBeInstanceOf(InvalidStoreInputError);
}

function idsOf(records: readonly StoredRecord<unknown>[]): string[] {
  return records.map((record) => record.id);
}

/** Sorts like a listing: sortKey descending, then id descending, then user id descending. */
function listingOrder(a: StoredRecord<unknown>, b: StoredRecord<unknown>): number {
  const byKey = (x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0);
  return byKey(a.sortKey, b.sortKey) || byKey(a.id, b.id) || byKey(a.userId, b.userId);
}

/** Defines the contract tests for one adapter; `makeStore` gives each test a fresh store. */
export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
): void {
  describe(`${name} store contract`, () => {
    const alice = scope('t1', '29:abc');
    const bob = scope('t1', 'bob');
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    /** Lists a partition or a tenant page by page, checking page sizes on the way. */
    async function listAll(
      next: (cursor: string | undefined) => Promise<{
        items: StoredRecord<unknown>[];
        nextCursor?: string;
      }>,
      limit: number,
    ): Promise<{ records: StoredRecord<unknown>[]; pages: number }> {
      const records: StoredRecord<unknown>[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await next(cursor);
        pages += 1;
        expect(page.items.length).toBeLessThanOrEqual(limit);
        if (page.nextCursor !== undefined) expect(page.items).toHaveLength(limit);
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined && pages < 100);
      return { records, pages };
    }

    describe('single records', () => {
      it('creates, reads, overwrites and deletes a record', async () => {
        const created = await store.create(alice, 'note', 'n1', { text: 'hello' });
        expect(created).toEqual({
          id: 'n1',
          kind: 'note',
          tenantId: 't1',
          userId: '29:abc',
          sortKey: '',
          data: { text: 'hello' },
          etag: expect.any(String),
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        });
        expect(await store.get(alice, 'note', 'n1')).toEqual(created);

        const overwritten = await store.put(
          alice,
          'note',
          'n1',
          { text: 'again' },
          { sortKey: 'b' },
        );
        expect(overwritten).toMatchObject({ data: { text: 'again' }, sortKey: 'b' });
        expect(overwritten.etag).not.toBe(created.etag);
        expect(await store.get(alice, 'note', 'n1')).toEqual(overwritten);

        expect(await store.delete(alice, 'note', 'n1')).toBe(true);
        expect(await store.get(alice, 'note', 'n1')).toBeUndefined();
        expect(await store.delete(alice, 'note', 'n1')).toBe(false);
      });

      it('reads several records of a partition at once, in the order asked', async () => {
        const n1 = await store.create(alice, 'note', 'n1', { n: 1 });
        const n2 = await store.put(alice, 'note', 'n2', { n: 2 }, { sortKey: 'b' });
        const r1 = await store.create(alice, 'reflection', 'r1', { r: 1 });
        await store.create(bob, 'note', 'n3', { n: 3 });
        const answers = await store.getMany(alice, [
          { kind: 'note', id: 'n2' },
          { kind: 'reflection', id: 'r1' },
          { kind: 'note', id: 'missing' },
          { kind: 'note', id: 'n1' },
          // A kind and an id that exist, but not together.
          { kind: 'reflection', id: 'n1' },
          { kind: 'note', id: 'n3' },
        ]);
        expect(answers).toEqual([n2, r1, undefined, n1, undefined, undefined]);
        expect(await store.getMany(alice, [])).toEqual([]);
      });

      it(`reads at most ${GET_MANY_LIMIT} records at once`, async () => {
        const keys = (count: number) =>
          Array.from({ length: count }, (_, i) => ({ kind: 'note', id: `n${i}` }));
        expect(await store.getMany(alice, keys(GET_MANY_LIMIT))).toHaveLength(GET_MANY_LIMIT);
        await expectInvalid(store.getMany(alice, keys(GET_MANY_LIMIT + 1)));
        await expectInvalid(store.getMany(alice, [{ kind: 'Note', id: 'n1' }]));
        await expectInvalid(store.getMany(alice, [{ kind: 'note', id: '' }]));
      });

      it('answers undefined for a record that never existed', async () => {
        expect(await store.get(alice, 'note', 'missing')).toBeUndefined();
      });

      it('creates a missing record on put without ifMatch', async () => {
        const written = await store.put(alice, 'note', 'n1', { n: 1 }, { sortKey: 'a' });
        expect(await store.get(alice, 'note', 'n1')).toEqual(written);
      });

      it('refuses to create a record that exists, and leaves it as it was', async () => {
        const first = await store.create(alice, 'note', 'n1', { n: 1 });
        await expectConflict(store.create(alice, 'note', 'n1', { n: 2 }), 'exists');
        expect(await store.get(alice, 'note', 'n1')).toEqual(first);
      });

      it('replaces a record whose etag the caller holds', async () => {
        const first = await store.create(alice, 'note', 'n1', { n: 1 });
        const second = await store.put(alice, 'note', 'n1', { n: 2 }, { ifMatch: first.etag });
        expect(second).toMatchObject({ data: { n: 2 } });
        expect(await store.get(alice, 'note', 'n1')).toEqual(second);
      });

      it('refuses a put with a stale etag, and changes nothing', async () => {
        const first = await store.create(alice, 'note', 'n1', { n: 1 });
        const second = await store.put(alice, 'note', 'n1', { n: 2 });
        await expectConflict(
          store.put(alice, 'note', 'n1', { n: 3 }, { ifMatch: first.etag }),
          'stale',
        );
        expect(await store.get(alice, 'note', 'n1')).toEqual(second);
      });

      it('refuses a put with ifMatch on a missing record, and creates nothing', async () => {
        await expectConflict(store.put(alice, 'note', 'n1', { n: 1 }, { ifMatch: 'x' }), 'stale');
        expect(await store.get(alice, 'note', 'n1')).toBeUndefined();
      });

      it('lets exactly one of two writers holding the same etag win', async () => {
        const first = await store.create(alice, 'note', 'n1', { n: 0 });
        const results = await Promise.allSettled(
          [1, 2].map((n) => store.put(alice, 'note', 'n1', { n }, { ifMatch: first.etag })),
        );
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.reason).toMatchObject({ name: 'ConflictError', reason: 'stale' });
        expect(await store.get(alice, 'note', 'n1')).toEqual(won[0]?.value);
      });

      it('refuses a delete with a stale etag and keeps the record', async () => {
        const first = await store.create(alice, 'note', 'n1', { n: 1 });
        const second = await store.put(alice, 'note', 'n1', { n: 2 });
        await expectConflict(store.delete(alice, 'note', 'n1', { ifMatch: first.etag }), 'stale');
        expect(await store.get(alice, 'note', 'n1')).toEqual(second);
        expect(await store.delete(alice, 'note', 'n1', { ifMatch: second.etag })).toBe(true);
        expect(await store.get(alice, 'note', 'n1')).toBeUndefined();
      });

      it('answers false for a conditional delete of a missing record', async () => {
        expect(await store.delete(alice, 'note', 'n1', { ifMatch: 'x' })).toBe(false);
      });

      it('returns content as JSON carries it, on write and on read alike', async () => {
        const written = await store.create(alice, 'note', 'n1', {
          at: new Date('2025-01-06T09:00:00.000Z'),
          gone: undefined,
          list: [1, 'two', null, { three: true }],
          text: 'zoë ✓ 🎉',
        });
        const expected = {
          at: '2025-01-06T09:00:00.000Z',
          list: [1, 'two', null, { three: true }],
          text: 'zoë ✓ 🎉',
        };
        expect(written.data).toEqual(expected);
        expect((await store.get(alice, 'note', 'n1'))?.data).toEqual(expected);
      });

      it('keeps kinds and ids that look alike apart', async () => {
        const keys: [string, string][] = [
          ['a', 'b-c'],
          ['a-b', 'c'],
          ['a', 'b'],
          ['a', 'b/c'],
          ['a', 'b\\c'],
          ['a', 'b?c'],
          ['a', 'b#c'],
          ['a', 'b%2Fc'],
          ['a', 'b c'],
          ['a', 'b:c'],
          ['a', 'b|c'],
          ['a', '["a","b"]'],
          ['a', 'ünï ✓ 🎉'],
          ['a', 'x'.repeat(200)],
        ];
        for (const [kind, id] of keys) await store.create(alice, kind, id, { kind, id });
        for (const [kind, id] of keys) {
          expect((await store.get(alice, kind, id))?.data).toEqual({ kind, id });
        }
        const listed = await store.list(alice, 'a', { limit: 100 });
        expect(idsOf(listed.items).sort()).toEqual(
          keys
            .filter(([kind]) => kind === 'a')
            .map(([, id]) => id)
            .sort(),
        );
      });
    });

    describe('input rules', () => {
      const badKinds = [
        ['empty', ''],
        ['upper case', 'Note'],
        ['a leading digit', '1note'],
        ['an underscore', 'no_te'],
        ['a space', 'no te'],
        ['a non-ASCII letter', 'nöte'],
        ['41 characters', 'n'.repeat(41)],
      ];
      const badIds = [
        ['empty', ''],
        ['201 characters', 'x'.repeat(201)],
        ['a line feed', 'a\nb'],
        ['a NUL', 'a\u0000b'],
        ['a DEL', 'a\u007fb'],
        ['a C1 control', 'a\u0085b'],
      ];

      it.each(badKinds)('refuses a kind (%s) everywhere', async (_label, kind) => {
        await expectInvalid(store.get(alice, kind, 'n1'));
        await expectInvalid(store.create(alice, kind, 'n1', {}));
        await expectInvalid(store.put(alice, kind, 'n1', {}));
        await expectInvalid(store.delete(alice, kind, 'n1'));
        await expectInvalid(store.list(alice, kind));
        await expectInvalid(store.listTenant(tenantScopeOf(alice), kind));
      });

      it.each(badIds)('refuses an id (%s) everywhere', async (_label, id) => {
        await expectInvalid(store.get(alice, 'note', id));
        await expectInvalid(store.create(alice, 'note', id, {}));
        await expectInvalid(store.put(alice, 'note', id, {}));
        await expectInvalid(store.delete(alice, 'note', id));
        expect(await store.exportUser(alice)).toEqual([]);
      });

      it('accepts the longest kind and sort key', async () => {
        const kind = `k${'0'.repeat(39)}`;
        const written = await store.put(alice, kind, 'n1', {}, { sortKey: 's'.repeat(200) });
        expect(await store.get(alice, kind, 'n1')).toEqual(written);
      });

      it('refuses a sort key over 200 characters', async () => {
        await expectInvalid(store.create(alice, 'note', 'n1', {}, { sortKey: 's'.repeat(201) }));
        await expectInvalid(store.put(alice, 'note', 'n1', {}, { sortKey: 's'.repeat(201) }));
        expect(await store.get(alice, 'note', 'n1')).toBeUndefined();
      });

      it('refuses content that is not JSON or larger than 512 KB', async () => {
        const circular: Record<string, unknown> = {};
        circular.self = circular;
        await expectInvalid(store.create(alice, 'note', 'n1', { n: BigInt(1) }));
        await expectInvalid(store.create(alice, 'note', 'n2', circular));
        await expectInvalid(store.create(alice, 'note', 'n3', undefined));
        await expectInvalid(store.put(alice, 'note', 'n4', { text: 'x'.repeat(600 * 1024) }));
        expect(await store.exportUser(alice)).toEqual([]);
        await store.put(alice, 'note', 'n5', { text: 'x'.repeat(400 * 1024) });
      });

      it('clamps page sizes to 1…100 and defaults to 20', async () => {
        await Promise.all(
          Array.from({ length: PAGE_LIMITS.max + 5 }, (_, i) =>
            store.create(alice, 'note', `n${String(i).padStart(3, '0')}`, { i }),
          ),
        );
        expect((await store.list(alice, 'note')).items).toHaveLength(PAGE_LIMITS.default);
        expect((await store.list(alice, 'note', { limit: 0 })).items).toHaveLength(1);
        expect((await store.list(alice, 'note', { limit: 2.7 })).items).toHaveLength(2);
        expect((await store.list(alice, 'note', { limit: 1000 })).items).toHaveLength(100);
        await expectInvalid(store.list(alice, 'note', { limit: Number.NaN }));
      });
    });

    describe('listings', () => {
      it('lists one kind of one partition, highest sortKey first, then by id', async () => {
        await store.create(alice, 'note', 'a', {}, { sortKey: '2025-01-01' });
        await store.create(alice, 'note', 'b', {}, { sortKey: '2025-03-01' });
        await store.create(alice, 'note', 'c', {}, { sortKey: '2025-02-01' });
        await store.create(alice, 'note', 'd', {}, { sortKey: '2025-02-01' });
        await store.create(alice, 'note', 'e', {});
        await store.create(alice, 'other', 'x', {}, { sortKey: '2025-09-01' });
        await store.create(bob, 'note', 'y', {}, { sortKey: '2025-09-01' });
        await store.create(tenantScopeOf(alice), 'note', 'z', {}, { sortKey: '2025-09-01' });

        const page = await store.list(alice, 'note');
        expect(idsOf(page.items)).toEqual(['b', 'd', 'c', 'a', 'e']);
        expect(page.nextCursor).toBeUndefined();
        expect(page.items.every((r) => r.tenantId === 't1' && r.userId === '29:abc')).toBe(true);
        expect((await store.list(alice, 'none')).items).toEqual([]);
      });

      it('pages through more than two pages without repeats or gaps', async () => {
        const created: StoredRecord<unknown>[] = [];
        for (let i = 0; i < 23; i += 1) {
          const id = `r${String(i).padStart(2, '0')}`;
          created.push(await store.create(alice, 'note', id, { i }, { sortKey: String(i % 4) }));
        }
        await store.create(bob, 'note', 'r99', {}, { sortKey: '1' });
        await store.create(alice, 'other', 'r98', {}, { sortKey: '1' });

        const { records, pages } = await listAll(
          (cursor) => store.list(alice, 'note', { limit: 5, cursor }),
          5,
        );
        expect(pages).toBe(5);
        expect(records).toEqual([...created].sort(listingOrder));
      });

      it('ends with no cursor when the last page is exactly full', async () => {
        for (const id of ['a', 'b', 'c', 'd']) await store.create(alice, 'note', id, {});
        const first = await store.list(alice, 'note', { limit: 2 });
        expect(idsOf(first.items)).toEqual(['d', 'c']);
        const second = await store.list(alice, 'note', { limit: 2, cursor: first.nextCursor });
        expect(idsOf(second.items)).toEqual(['b', 'a']);
        if (second.nextCursor !== undefined) {
          expect(await store.list(alice, 'note', { cursor: second.nextCursor })).toEqual({
            items: [],
          });
        }
      });

      it.each([
        'not a cursor',
        '!!!!',
        '',
        Buffer.from('{}').toString('base64url'),
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('nonsense').toString('base64url'),
        Buffer.from('{"s":1,"i":2,"c":3}').toString('base64url'),
        'x'.repeat(20_000),
      ])('refuses malformed cursor #%#', async (cursor) => {
        await store.create(alice, 'note', 'n1', {});
        await expectInvalid(store.list(alice, 'note', { cursor }));
        await expectInvalid(store.listTenant(tenantScopeOf(alice), 'note', { cursor }));
      });

      it('lists a kind across every user of one tenant, and of that tenant only', async () => {
        const carol = scope('t1', '29:abcd');
        const created: StoredRecord<unknown>[] = [];
        for (const who of [alice, bob, carol]) {
          for (let i = 0; i < 5; i += 1) {
            created.push(await store.create(who, 'note', `n${i}`, {}, { sortKey: String(i % 2) }));
          }
        }
        await store.create(alice, 'other', 'n9', {}, { sortKey: '9' });
        await store.create(scope('t10', '29:abc'), 'note', 'n1', {}, { sortKey: '9' });
        await store.create(scope('t', '129:abc'), 'note', 'n1', {}, { sortKey: '9' });
        await store.create(scope('t1:29', 'abc'), 'note', 'n1', {}, { sortKey: '9' });

        const { records, pages } = await listAll(
          (cursor) => store.listTenant(tenantScopeOf(alice), 'note', { limit: 4, cursor }),
          4,
        );
        expect(pages).toBe(4);
        expect(records).toEqual([...created].sort(listingOrder));
      });

      it('keeps the tenant partition apart from user partitions', async () => {
        const tenant = tenantScopeOf(alice);
        const settings = await store.put(tenant, 'settings', 'main', { enabled: true });
        const personal = await store.put(alice, 'settings', 'main', { enabled: false });
        expect(settings).toMatchObject({ tenantId: 't1', userId: TENANT_PARTITION });

        expect(await store.get(tenant, 'settings', 'main')).toEqual(settings);
        expect(await store.get(alice, 'settings', 'main')).toEqual(personal);
        expect((await store.list(tenant, 'settings')).items).toEqual([settings]);
        expect((await store.list(alice, 'settings')).items).toEqual([personal]);
        expect(await store.get(bob, 'settings', 'main')).toBeUndefined();
        expect(await store.exportUser(alice)).toEqual([personal]);

        expect(await store.deleteUser(alice)).toBe(1);
        expect(await store.get(tenant, 'settings', 'main')).toEqual(settings);
        expect(await store.delete(tenant, 'settings', 'main', { ifMatch: settings.etag })).toBe(
          true,
        );
      });
    });

    describe('users', () => {
      it("exports exactly the user's records, every kind", async () => {
        const mine = [
          await store.create(alice, 'note', 'n1', { n: 1 }, { sortKey: '1' }),
          await store.create(alice, 'note', 'n2', { n: 2 }, { sortKey: '2' }),
          await store.create(alice, 'reflection', 'r1', { r: 1 }),
          await store.create(alice, 'turn-state', 'ts', { t: 1 }),
        ];
        await store.create(bob, 'note', 'n1', {});
        await store.create(scope('t10', '29:abc'), 'note', 'n1', {});
        await store.create(tenantScopeOf(alice), 'note', 'n1', {});

        const exported = await store.exportUser(alice);
        expect(exported).toHaveLength(mine.length);
        expect(exported).toEqual(expect.arrayContaining(mine));
      });

      it("deletes all of the user's records and nothing else", async () => {
        for (let i = 0; i < 130; i += 1) {
          await store.create(alice, i % 2 ? 'note' : 'reflection', `r${i}`, { i });
        }
        const others = [
          await store.create(bob, 'note', 'r1', {}),
          await store.create(scope('t1', '29:abcd'), 'note', 'r1', {}),
          await store.create(scope('t10', '29:abc'), 'note', 'r1', {}),
          await store.create(scope('t1:29', 'abc'), 'note', 'r1', {}),
          await store.create(tenantScopeOf(alice), 'note', 'r1', {}),
        ];

        expect(await store.deleteUser(alice)).toBe(130);
        expect(await store.exportUser(alice)).toEqual([]);
        expect((await store.list(alice, 'note')).items).toEqual([]);
        for (const record of others) {
          const owner =
            record.userId === TENANT_PARTITION
              ? tenantScopeOf(alice)
              : scope(record.tenantId, record.userId);
          expect(await store.get(owner, record.kind, record.id)).toEqual(record);
        }
        expect(await store.deleteUser(alice)).toBe(0);
      });

      it('answers a ping', async () => {
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('isolation', () => {
      const intruders: [string, Scope][] = [
        ['another tenant, same user id, tenant id extending the victim’s', scope('t10', '29:abc')],
        ['another tenant whose ids concatenate to the same string', scope('t', '129:abc')],
        ['another tenant whose ids join with ":" to the same string', scope('t1:29', 'abc')],
        ['another user of the same tenant, id extending the victim’s', scope('t1', '29:abcd')],
        ['another user of the same tenant, id a prefix of the victim’s', scope('t1', '29')],
      ];

      it.each(intruders)(
        '%s cannot read, list, change, delete or export the victim’s records',
        async (_label, intruder) => {
          const victimTenant = tenantScopeOf(alice);
          const note = await store.create(
            alice,
            'note',
            'n1',
            { secret: 'victim' },
            { sortKey: '5' },
          );
          const reflection = await store.create(alice, 'reflection', 'r1', { secret: 'victim' });
          const settings = await store.put(victimTenant, 'settings', 'main', { secret: 'victim' });
          const otherTenant = intruder.tenantId !== alice.tenantId;
          const intruderTenant = tenantScopeOf(intruder);

          expect(await store.get(intruder, 'note', 'n1')).toBeUndefined();
          expect(
            await store.getMany(intruder, [
              { kind: 'note', id: 'n1' },
              { kind: 'reflection', id: 'r1' },
            ]),
          ).toEqual([undefined, undefined]);
          expect((await store.list(intruder, 'note')).items).toEqual([]);
          expect(await store.exportUser(intruder)).toEqual([]);
          if (otherTenant) {
            expect(await store.get(intruderTenant, 'settings', 'main')).toBeUndefined();
            expect((await store.list(intruderTenant, 'settings')).items).toEqual([]);
            expect((await store.listTenant(intruderTenant, 'note')).items).toEqual([]);
            expect(await store.delete(intruderTenant, 'settings', 'main')).toBe(false);
            await expectConflict(
              store.put(intruderTenant, 'settings', 'main', {}, { ifMatch: settings.etag }),
              'stale',
            );
          }

          expect(await store.delete(intruder, 'note', 'n1')).toBe(false);
          expect(await store.delete(intruder, 'note', 'n1', { ifMatch: note.etag })).toBe(false);
          expect(await store.deleteUser(intruder)).toBe(0);
          await expectConflict(
            store.put(intruder, 'note', 'n1', { secret: 'stolen' }, { ifMatch: note.etag }),
            'stale',
          );

          const own = await store.create(intruder, 'note', 'n1', { secret: 'intruder' });
          expect(own).toMatchObject({ tenantId: intruder.tenantId, userId: intruder.userId });
          await store.put(intruder, 'reflection', 'r1', { secret: 'intruder' });
          const exported = await store.exportUser(intruder);
          expect(exported.map((r) => [r.tenantId, r.userId, r.kind, r.data])).toEqual(
            expect.arrayContaining([
              [intruder.tenantId, intruder.userId, 'note', { secret: 'intruder' }],
              [intruder.tenantId, intruder.userId, 'reflection', { secret: 'intruder' }],
            ]),
          );
          expect(exported).toHaveLength(2);
          expect(await store.delete(intruder, 'note', 'n1', { ifMatch: own.etag })).toBe(true);
          expect(await store.deleteUser(intruder)).toBe(1);

          expect(await store.get(alice, 'note', 'n1')).toEqual(note);
          expect(await store.get(alice, 'reflection', 'r1')).toEqual(reflection);
          expect(await store.get(victimTenant, 'settings', 'main')).toEqual(settings);
          expect(await store.exportUser(alice)).toEqual(expect.arrayContaining([note, reflection]));
          expect(await store.exportUser(alice)).toHaveLength(2);
        },
      );

      it('a tenant listing never includes another tenant’s records', async () => {
        const mine = await store.create(alice, 'note', 'n1', {});
        for (const [, intruder] of intruders) await store.create(intruder, 'note', 'n1', {});
        const { items } = await store.listTenant(tenantScopeOf(scope('t10', 'x')), 'note');
        expect(items.map((r) => [r.tenantId, r.userId])).toEqual([['t10', '29:abc']]);
        const own = await store.listTenant(tenantScopeOf(alice), 'note');
        expect(own.items).toContainEqual(mine);
        expect(own.items.every((r) => r.tenantId === 't1')).toBe(true);
      });
    });
  });
}
