/**
 * The world the cross-tenant and cross-user matrices run in: one server with two served
 * tenants, and for each case an owner with real data, the callers who must not reach it, and a
 * snapshot of everything that is the owner's.
 *
 * @remarks
 * Each case gets a world of its own (fresh users, a fresh secret), so one case's writes can
 * neither hide nor fake another's leak. The snapshot reads the SQLite file directly, not through
 * the store: it must see every record of the tenant, of any kind, including kinds added after
 * this was written.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { formatEtag } from '../../../src/api/etag';
import { ADMIN_APP_ROLE } from '../../../src/auth/admin';
import { scopeFromClaims, SYSTEM_TENANT, type Scope } from '../../../src/auth/scope';
import { REMINDER_RECORD, type ReminderLog } from '../../../src/domain/reminder-schedule';
import { HelpRequestService } from '../../../src/services/help-request-service';
import { PracticeService } from '../../../src/services/practice-service';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { DirectBotClient } from '../../support/direct-bot-client';
import { seedWeeks } from '../../support/practice-seed';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

/** The owner's tenant. */
export const TENANT_A = 'a7000000-0000-4000-8000-000000000001';
/** Another served tenant, where a user has the owner's very user id. */
const TENANT_B = 'b7000000-0000-4000-8000-000000000001';
/** The server's clock: a Thursday of ISO week 2026-W48. */
const NOW = new Date('2026-11-26T12:00:00Z');
/** The current week at {@link NOW}. */
export const THIS_WEEK = '2026-W48';
/** A finished week of the owner's history. */
export const PAST_WEEK = '2026-W46';

/** The owner's time zone; nobody else has it. */
const OWNER_TIME_ZONE = 'Pacific/Chatham';

/** Who calls: the owner, or one of the two who must not reach the owner's data. */
export type Caller = 'owner' | 'otherTenant' | 'otherUser';

/** The callers who are not the owner, with what each stands for. */
export const NON_OWNERS: ReadonlyArray<readonly [Exclude<Caller, 'owner'>, string]> = [
  ['otherTenant', 'a user of another tenant with the same user id (an admin there)'],
  ['otherUser', 'another user of the same tenant (not an admin)'],
];

/** A running server and its issuer. */
export interface SecurityServer {
  /** The server. */
  readonly spotter: TestSpotter;
  /** The token issuer both tenants' tokens come from. */
  readonly issuer: TokenIssuer;
  /** The help-request service over the server's store, to seed requests. */
  readonly helpRequests: HelpRequestService;
  /** The SQLite file the server writes. */
  readonly databaseFile: string;
  /** Where the bot's messages to people go (their conversation references point here). */
  readonly connector: ConnectorStandIn;
  /** Stops everything and removes the database. */
  stop(): Promise<void>;
}

/** Starts the server for the matrices: tenants A and B served, the clock at {@link NOW}. */
export async function startSecurityServer(): Promise<SecurityServer> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-security-'));
  const databaseFile = path.join(directory, 'spotter.db');
  const issuer = await startTokenIssuer({ tenantId: TENANT_A });
  // DirectBotClient's conversation ids are `a:<tenant>:<user>:<type>`.
  const connector = await ConnectorStandIn.start({ tenantOf: (id) => id.split(':')[1] });
  const spotter = await startSpotter(
    {
      ...issuer.env,
      AAD_APP_CLIENT_ID: 'spotter-client-id',
      ALLOWED_TENANT_IDS: `${TENANT_A},${TENANT_B}`,
      SQLITE_PATH: databaseFile,
    },
    { now: () => NOW },
  );
  const helpRequests = new HelpRequestService(
    spotter.store,
    new PracticeService(spotter.store, () => NOW),
    { now: () => NOW },
  );
  return {
    spotter,
    issuer,
    helpRequests,
    databaseFile,
    connector,
    async stop() {
      await spotter.stop();
      await issuer.stop();
      await connector.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** One owner with real data, and everyone around them. */
export interface World {
  /** Text that appears only in the owner's data. */
  readonly secret: string;
  /** The owner's time zone, which nobody else in these tests has. */
  readonly timeZone: string;
  /** The owner's display name (a secret to other tenants; colleagues may see it). */
  readonly ownerName: string;
  /** The owner's e-mail address, learnt from their token. */
  readonly ownerAddress: string;
  /** The owner: an admin of tenant A with reflections, reps, settings and a help request. */
  readonly owner: Scope;
  /** The colleague the owner asked for help. */
  readonly helper: Scope;
  /** Another user of tenant A. */
  readonly stranger: Scope;
  /** A colleague the stranger may ask, so their asking leaves the owner's records alone. */
  readonly strangersColleague: Scope;
  /** The owner's help request to the helper. */
  readonly requestId: string;
  /** The id of the form the request was sent from (an `Idempotency-Key` to replay). */
  readonly requestFormId: string;
  /** The months of reflections tenant A keeps, as the owner (an admin) set them. */
  readonly retentionMonths: number;
  /** Tenant A's defaults without the owner's group override: a valid body with no secret. */
  readonly plainOrgDefaults: Record<string, unknown>;
  /** The `ETag`s of the owner's current week, settings, request and organization defaults. */
  readonly etags: {
    readonly week: string;
    readonly settings: string;
    readonly request: string;
    readonly orgDefaults: string;
  };
}

/** A user id of world `n` for a role. */
function userId(n: number, role: number): string {
  return `a7000000-0000-4000-8${role}00-${String(n).padStart(12, '0')}`;
}

/** A scope for test ids. */
function scopeOf(tenantId: string, oid: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid });
  if (!scope) throw new Error(`not a valid scope: ${tenantId} ${oid}`);
  return scope;
}

/** The claims of a caller's token in a world. */
function claimsOf(world: Pick<World, 'owner' | 'stranger' | 'ownerAddress'>, caller: Caller) {
  switch (caller) {
    case 'owner':
      return { oid: world.owner.userId, roles: [ADMIN_APP_ROLE], email: world.ownerAddress };
    case 'otherTenant':
      // The owner's object id and address, in tenant B, with B's admin role: the strongest
      // look-alike another organization can field.
      return {
        tid: TENANT_B,
        oid: world.owner.userId,
        roles: [ADMIN_APP_ROLE],
        email: world.ownerAddress,
      };
    case 'otherUser':
      return { oid: world.stranger.userId, email: `stranger-${world.stranger.userId}@a.example` };
  }
}

/** The tab API as a caller of a world. */
export async function apiOf(
  server: SecurityServer,
  world: Pick<World, 'owner' | 'stranger' | 'ownerAddress'>,
  caller: Caller,
): Promise<TabApi> {
  const token = await server.issuer.sign(claimsOf(world, caller));
  return apiAs(server.spotter.baseUrl, `Bearer ${token}`);
}

/** The bot as a caller of a world, in their own 1:1 chat. */
export function botOf(server: SecurityServer, world: World, caller: Caller): DirectBotClient {
  const user =
    caller === 'owner'
      ? { tenantId: TENANT_A, userId: world.owner.userId, name: world.ownerName }
      : caller === 'otherTenant'
        ? { tenantId: TENANT_B, userId: world.owner.userId, name: 'Bea Elsewhere' }
        : { tenantId: TENANT_A, userId: world.stranger.userId, name: 'Stan Stranger' };
  return new DirectBotClient(server.spotter.baseUrl, {
    ...user,
    timeZone: 'UTC',
    serviceUrl: server.connector.serviceUrl,
  });
}

/**
 * Builds world `n`: the owner (with a profile, six weeks of reflections and reps, this week's
 * draft, settings, a help request to the helper, the organization's retention and defaults) and
 * the people around them. Everything of the owner's carries the world's secret.
 */
export async function seedWorld(server: SecurityServer, n: number): Promise<World> {
  // Letters and digits only, so no markdown escaping in a card can hide it from a search.
  const secret = `Secret${n}Q${randomUUID()
    .slice(0, 8)
    .replace(/[^a-z0-9]/g, '')}`;
  const owner = scopeOf(TENANT_A, userId(n, 1));
  const helper = scopeOf(TENANT_A, userId(n, 2));
  const stranger = scopeOf(TENANT_A, userId(n, 3));
  const strangersColleague = scopeOf(TENANT_A, userId(n, 4));
  const ownerName = `Ottilie Owner${n}`;
  const ownerAddress = `ottilie.owner${n}@a.example`;
  const base = { owner, stranger, ownerAddress };

  // Profiles (and conversation references) come from talking to the bot, as in Teams.
  const people: Array<[Scope, string]> = [
    [owner, ownerName],
    [helper, `Hana Helper${n}`],
    [stranger, 'Stan Stranger'],
    [strangersColleague, `Cleo Colleague${n}`],
  ];
  for (const [scope, name] of people) {
    const hello = await new DirectBotClient(server.spotter.baseUrl, {
      tenantId: scope.tenantId,
      userId: scope.userId,
      name,
      serviceUrl: server.connector.serviceUrl,
    }).say('help');
    if (hello.status !== 200) throw new Error(`bot answered ${hello.status}`);
  }

  await seedWeeks(server.spotter.store, owner, THIS_WEEK, 6, (week, index) => ({
    week,
    timeZone: 'UTC',
    reflection: {
      helpedBy: [{ id: helper.userId, name: `Hana Helper${n}` }, { name: `${secret} friend` }],
      yesCount: index,
      holdingAlone: `${secret} worry ${index}`,
      connected: [],
      ...(index === 0 ? {} : { completedAt: '2026-11-20T15:00:00.000Z' }),
    },
    reps: [
      {
        id: randomUUID(),
        kind: 'asked',
        note: secret,
        at: '2026-11-24T09:00:00.000Z',
        source: 'logged',
      },
    ],
  }));

  const owners = await apiOf(server, base, 'owner');
  const settings = await owners.put('/settings', {
    reminderDay: 3,
    reminderTime: '10:00',
    timeZone: OWNER_TIME_ZONE,
    paused: false,
    quietHours: null,
    language: 'en',
  });
  // Opening the pane is how Spotter learns the owner's address.
  const colleagues = await owners.get('/colleagues');
  const retentionMonths = 12 + (n % 10);
  const retention = await owners.put('/admin/retention', { months: retentionMonths });
  const current = await owners.get<Record<string, unknown>>('/admin/org-defaults');
  const defaults = await owners.put(
    '/admin/org-defaults',
    {
      ...current.body,
      groups: [
        {
          groupId: randomUUID(),
          label: `${secret} group`,
          reminderDay: 2,
        },
      ],
    },
    current.headers.get('etag') ? { 'if-match': current.headers.get('etag') as string } : {},
  );
  const requestFormId = randomUUID();
  const created = await server.helpRequests.create(owner, {
    formId: requestFormId,
    helperUserId: helper.userId,
    helperName: `Hana Helper${n}`,
    askerName: ownerName,
    what: `${secret} request`,
    weight: 'light',
  });
  if (created.kind !== 'created') throw new Error(`help request not created: ${created.kind}`);
  // As if this week's reminder had gone out, so its buttons have something to act on.
  const log = await server.spotter.store.get<ReminderLog>(
    owner,
    REMINDER_RECORD.kind,
    REMINDER_RECORD.id,
  );
  await server.spotter.store.put<ReminderLog>(owner, REMINDER_RECORD.kind, REMINDER_RECORD.id, {
    ...log?.data,
    latest: { week: THIS_WEEK, sentAt: '2026-11-26T09:00:00.000Z' },
  });
  // Read last: asking counted a rep in the owner's week.
  const week = await owners.get('/week');
  for (const [name, answer] of Object.entries({
    settings,
    week,
    colleagues,
    retention,
    defaults,
  })) {
    if (answer.status !== 200) throw new Error(`seeding ${name}: ${answer.status} ${answer.text}`);
  }

  return {
    secret,
    timeZone: OWNER_TIME_ZONE,
    ownerName,
    ownerAddress,
    owner,
    helper,
    stranger,
    strangersColleague,
    requestId: created.view.request.id,
    requestFormId,
    retentionMonths,
    plainOrgDefaults: { ...current.body, groups: [] },
    etags: {
      week: week.headers.get('etag') ?? '',
      settings: settings.headers.get('etag') ?? '',
      request: formatEtag(created.view.etag),
      orgDefaults: defaults.headers.get('etag') ?? '',
    },
  };
}

/** One stored row, as the snapshot compares it. */
interface Row {
  readonly tenant_id: string;
  readonly user_id: string;
  readonly kind: string;
  readonly id: string;
  readonly data: string;
  readonly etag: string;
}

/**
 * Everything stored for tenant A, and Spotter's own index entries about the owner: what no
 * caller but the owner (and the tenant's admins) may change.
 */
export function tenantRecords(server: SecurityServer, world: World): Row[] {
  const database = new Database(server.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return database
      .prepare(
        `SELECT tenant_id, user_id, kind, id, data, etag FROM records
         WHERE tenant_id = @tenant
            OR (tenant_id = @system AND instr(data, @tenant) > 0 AND instr(data, @owner) > 0)
         ORDER BY tenant_id, user_id, kind, id`,
      )
      .all({ tenant: TENANT_A, system: SYSTEM_TENANT, owner: world.owner.userId }) as Row[];
  } finally {
    database.close();
  }
}

const keyOf = (row: Row) => `${row.tenant_id}|${row.user_id}|${row.kind}|${row.id}`;

/**
 * Checks that a caller left the owner's side alone: another tenant may not have added, changed
 * or removed anything of tenant A; another user of tenant A may have written their own records
 * (and legitimately new ones elsewhere, such as their address or the inbox of a colleague they
 * asked), but nothing that existed may change or go, and nothing may appear in the owner's
 * partition.
 */
export function expectOwnerSideKept(
  before: readonly Row[],
  after: readonly Row[],
  world: World,
  caller: Exclude<Caller, 'owner'>,
): void {
  if (caller === 'otherTenant') {
    expect(after).toEqual(before);
    return;
  }
  const own = (row: Row) => row.tenant_id === TENANT_A && row.user_id === world.stranger.userId;
  const existed = new Set(before.filter((row) => !own(row)).map(keyOf));
  const owners = (row: Row) => row.tenant_id === TENANT_A && row.user_id === world.owner.userId;
  expect(after.filter((row) => !own(row) && (existed.has(keyOf(row)) || owners(row)))).toEqual(
    before.filter((row) => !own(row)),
  );
}

/** What a caller must not see of the owner's in any answer. */
export function secretsFor(world: World, caller: Exclude<Caller, 'owner'>): string[] {
  // A colleague in the same tenant may know the owner's name and address; nobody but the owner
  // may see what the owner wrote.
  return caller === 'otherTenant'
    ? [world.secret, world.ownerName, world.ownerAddress, TENANT_A, world.requestId]
    : [world.secret, world.requestId];
}
