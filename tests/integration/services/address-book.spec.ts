/**
 * The Outlook pane's address book on the SQLite store: an address finds its owner only within
 * the owner's tenant, a changed address drops the old entry, and deleting a person's data leaves
 * no entry pointing at them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { PROFILE_RECORD, type UserProfile } from '../../../src/domain/profile';
import { ADDRESS_KIND, AddressBook } from '../../../src/services/address-book';
import { deleteAll } from '../../../src/services/data-rights-service';
import { SqliteStore } from '../../../src/store/sqlite-store';

function scope(tid: string, oid: string): Scope {
  const minted = scopeFromClaims({ tid, oid });
  if (!minted) throw new Error('bad test scope');
  return minted;
}

const alice = scope('tenant-a', 'user-1');
const bob = scope('tenant-a', 'user-2');
const eve = scope('tenant-b', 'user-9');

let dir: string;
let store: SqliteStore;
let book: AddressBook;

async function giveProfile(who: Scope, displayName: string): Promise<void> {
  const profile: UserProfile = {
    displayName,
    givenName: displayName.split(' ')[0] ?? displayName,
    locale: 'en-US',
    conversationReference: {},
    firstSeenAt: '2026-11-26T12:00:00Z',
  };
  await store.put(who, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spotter-address-'));
  store = SqliteStore.open(join(dir, 'spotter.db'));
  book = new AddressBook(store);
  await giveProfile(alice, 'Alice Doe');
  await giveProfile(eve, 'Eve Other');
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

it('finds a colleague by address, in any letter case, only within their tenant', async () => {
  await book.remember(alice, 'Alice@Contoso.example');
  expect((await book.find(bob, ' alice@contoso.example '))?.userId).toBe('user-1');
  expect(await book.find(eve, 'alice@contoso.example')).toBeUndefined();
});

it('drops the entry of a previous address when the address changes', async () => {
  await book.remember(alice, 'alice@old.example');
  await book.remember(alice, 'alice@new.example');
  expect(await book.find(bob, 'alice@old.example')).toBeUndefined();
  expect((await book.find(bob, 'alice@new.example'))?.userId).toBe('user-1');
  expect((await store.list(tenantScopeOf(alice), ADDRESS_KIND)).items).toHaveLength(1);
});

it("leaves no entry pointing at a person once their data is deleted, and keeps others'", async () => {
  await book.remember(alice, 'alice@contoso.example');
  await book.remember(eve, 'alice@contoso.example');
  await deleteAll(store, alice, [book]);
  expect((await store.list(tenantScopeOf(alice), ADDRESS_KIND)).items).toHaveLength(0);
  expect(await book.find(bob, 'alice@contoso.example')).toBeUndefined();
  expect((await book.find(scope('tenant-b', 'user-8'), 'alice@contoso.example'))?.userId).toBe(
    'user-9',
  );
});

it('does not remove an address that has since become someone else’s', async () => {
  await giveProfile(bob, 'Bob Roe');
  await book.remember(alice, 'shared@contoso.example');
  await book.remember(bob, 'shared@contoso.example');
  await book.forgetUser(alice);
  expect((await book.find(alice, 'shared@contoso.example'))?.userId).toBe('user-2');
});
