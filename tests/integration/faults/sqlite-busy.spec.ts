/**
 * SQLite locked by another process: a second connection in a child process holds the write
 * lock (`BEGIN IMMEDIATE`) on the server's database file. A write waits for it while it is
 * released within the busy timeout; held beyond, the chat user hears "try again", the tab API
 * answers a 503 problem with `Retry-After`, and nothing is half-written.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_AUTHORIZATION, type ProblemDetails } from '../../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { DEV_IDENTITY } from '../../../src/config/config';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { translate } from '../../../bot/i18n';
import { DirectBotClient, textsOf } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs } from '../../support/tab-api';

jest.setTimeout(120_000);

const TENANT = 'f2000000-0000-4000-8000-000000000001';
const devScope = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId }) as Scope;

/**
 * Another process's connection: takes the write lock, says `locked`, and commits when told
 * (`release` on stdin) or, with `holdMs`, by itself after that long.
 */
const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
const release = () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); };
const holdMs = Number(process.argv[2]);
if (holdMs > 0) setTimeout(release, holdMs);
process.stdin.on('data', release);
`;

interface LockHolder {
  /** Commits and ends the holder; resolves once the lock is gone. */
  release(): Promise<void>;
  /** Resolves when the holder has released by itself. */
  readonly released: Promise<void>;
}

function lineFrom(child: ChildProcessWithoutNullStreams, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.split('\n').includes(line)) resolve();
    });
    child.once('exit', () => (seen.split('\n').includes(line) ? resolve() : reject()));
  });
}

async function holdLock(file: string, holdMs = 0): Promise<LockHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER, file, String(holdMs)], {
    cwd: path.resolve(__dirname, '../../..'),
  });
  const released = lineFrom(child, 'released');
  released.catch(() => undefined);
  await lineFrom(child, 'locked');
  return {
    released,
    release() {
      child.stdin.write('release\n');
      return released;
    },
  };
}

let directory: string;
let database: string;
/** Waits up to 20 s for a lock. */
let patient: TestSpotter;
/** Gives up on a lock after 300 ms. */
let hasty: TestSpotter;

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-busy-'));
  database = path.join(directory, 'spotter.db');
  patient = await startSpotter({ SQLITE_PATH: database, SQLITE_BUSY_TIMEOUT_MS: '20000' });
  hasty = await startSpotter({ SQLITE_PATH: database, SQLITE_BUSY_TIMEOUT_MS: '300' });
});

afterAll(async () => {
  await hasty?.stop();
  await patient?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

async function weeksOf(scope: Scope): Promise<PracticeWeek[]> {
  return (await patient.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND)).items.map(
    (record) => record.data,
  );
}

it('waits for a lock released within the busy timeout, then writes', async () => {
  const api = apiAs(patient.baseUrl, DEV_AUTHORIZATION);
  const before = (await weeksOf(devScope)).flatMap((week) => week.reps).length;
  const holder = await holdLock(database, 500);

  const answer = await api.post('/week/reps', { kind: 'asked', note: 'behind a lock' });

  // The holder committed first: the write really waited for it.
  await holder.released;
  expect(answer.status).toBe(201);
  expect((await weeksOf(devScope)).flatMap((week) => week.reps)).toHaveLength(before + 1);
});

it('held beyond the busy timeout: 503 problem with Retry-After, chat "try again", nothing written', async () => {
  const api = apiAs(hasty.baseUrl, DEV_AUTHORIZATION);
  const userId = randomUUID();
  const chat = new DirectBotClient(hasty.baseUrl, { tenantId: TENANT, userId, locale: 'de-DE' });
  const weeksBefore = await weeksOf(devScope);
  const holder = await holdLock(database);

  try {
    const rep = await api.post<ProblemDetails>('/week/reps', { kind: 'thanked' });
    expect(rep.status).toBe(503);
    expect(rep.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(rep.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(rep.body).toMatchObject({ status: 503, title: 'Service unavailable' });

    const said = await chat.say('log asked for a second pair of eyes');
    expect(textsOf(said)).toBe(translate('de-DE', 'error.storeBusy'));
  } finally {
    await holder.release();
  }

  expect(await weeksOf(devScope)).toEqual(weeksBefore);
  const chatScope = scopeFromClaims({ tid: TENANT, oid: userId }) as Scope;
  expect(await weeksOf(chatScope)).toEqual([]);
  // Once the lock is gone the same request goes through.
  expect((await api.post('/week/reps', { kind: 'thanked' })).status).toBe(201);
});
