/**
 * What the scheduler's integration tests share: a SQLite database in a temporary folder that
 * several sender instances open on their own connections (as separate processes would), the
 * connector stand-in, a clock the test moves, and people seeded the way the bot would record them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpotterAdapter } from '../../../bot/spotter-adapter';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PROFILE_RECORD, type UserProfile } from '../../../src/domain/profile';
import { REMINDER_RECORD, type ReminderLog } from '../../../src/domain/reminder-schedule';
import { defaultSettings, type UserSettings } from '../../../src/domain/settings';
import { createLogger } from '../../../src/logging/logger';
import type { ReminderDelivery } from '../../../src/scheduler/reminder-delivery';
import { ReminderPlanner } from '../../../src/scheduler/reminder-planner';
import { ReminderRunner } from '../../../src/scheduler/reminder-runner';
import { AdapterReminderDelivery } from '../../../src/scheduler/reminder-sender';
import type { RetryPolicy } from '../../../src/scheduler/retry-policy';
import { SendLimiter } from '../../../src/scheduler/send-limiter';
import { PracticeService } from '../../../src/services/practice-service';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { ConnectorStandIn, type StandInOptions } from '../../support/connector-stand-in';

/** Thrown by a simulated dead process. */
export class Crash extends Error {}

/** A store whose every call fails once `kill()` is called: the store of a process that died. */
export function mortal(store: Store): { store: Store; kill(): void } {
  let dead = false;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (dead) return Promise.reject(new Crash('the process died'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, kill: () => (dead = true) };
}

/** The scope of test ids. */
export function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error(`bad test ids ${tenantId}/${userId}`);
  return scope;
}

/** Options of a sender instance. */
export interface InstanceOptions {
  /** Its store connection. @default a new connection */
  readonly store?: Store;
  /** How it posts. @default botbuilder's adapter to the stand-in */
  readonly delivery?: ReminderDelivery;
  /** Name in leases and markers. */
  readonly instanceId: string;
  /** Randomness (shard order, jitter). @default Math.random */
  readonly random?: () => number;
  /** Retries. @default 6 attempts, 20–200 ms backoff */
  readonly retry?: Partial<RetryPolicy>;
  /** Pacing. @default Teams' limits */
  readonly limiter?: SendLimiter;
  /** Entries read ahead of the senders. @default the runner's */
  readonly readAhead?: number;
}

/** One person as seeded. */
export interface SeededPerson {
  /** Their scope. */
  readonly scope: Scope;
  /** Their 1:1 conversation at the stand-in. */
  readonly conversationId: string;
}

/** The shared set-up of a scheduler test file. */
export class SchedulerFixture {
  /** The clock every planner and sender reads; tests move it. */
  clock: Date;
  /** The lease time of every sender. */
  readonly leaseTtlMs = 30_000;
  /** A silent logger. */
  readonly logger = createLogger('silent');
  /** The first connection (seeding and checks). */
  readonly store: SqliteStore;
  /** The planner on the first connection. */
  readonly planner: ReminderPlanner;
  /** The practice service on the first connection, telling the planner about changes. */
  readonly practice: PracticeService;
  /** Posts through botbuilder's real adapter and connector client. */
  readonly delivery = new AdapterReminderDelivery(new SpotterAdapter({}), '');
  private readonly connections: SqliteStore[] = [];
  private readonly runners: ReminderRunner[] = [];

  private constructor(
    private readonly directory: string,
    /** The connector stand-in. */
    readonly standIn: ConnectorStandIn,
    start: Date,
  ) {
    this.clock = start;
    this.store = this.connect();
    const now = () => this.clock;
    this.planner = this.plannerOn(this.store);
    this.practice = new PracticeService(this.store, now, this.planner);
  }

  /** Starts the stand-in and opens a fresh database. */
  static async start(start: Date, standIn: StandInOptions = {}): Promise<SchedulerFixture> {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-scheduler-'));
    return new SchedulerFixture(directory, await ConnectorStandIn.start(standIn), start);
  }

  /** Another connection to the same database. */
  connect(): SqliteStore {
    const store = SqliteStore.open(path.join(this.directory, 'spotter.db'));
    this.connections.push(store);
    return store;
  }

  /** A planner on a connection, reading the fixture's clock. */
  plannerOn(store: Store): ReminderPlanner {
    const now = () => this.clock;
    return new ReminderPlanner({
      store,
      now,
      logger: this.logger,
      practice: new PracticeService(store, now),
    });
  }

  /** A sender instance, as a separate process would run it. */
  instance(options: InstanceOptions): ReminderRunner {
    const store = options.store ?? this.connect();
    const runner = new ReminderRunner({
      store,
      planner: this.plannerOn(store),
      delivery: options.delivery ?? this.delivery,
      logger: this.logger,
      clock: () => this.clock,
      instanceId: options.instanceId,
      leaseTtlMs: this.leaseTtlMs,
      limiter: options.limiter ?? new SendLimiter(),
      retry: {
        maxAttempts: 6,
        baseDelayMs: 20,
        maxDelayMs: 200,
        defaultRetryAfterMs: 1000,
        ...options.retry,
      },
      tenantConcurrency: 8,
      ...(options.readAhead === undefined ? {} : { readAhead: options.readAhead }),
      random: options.random ?? Math.random,
    });
    this.runners.push(runner);
    return runner;
  }

  /**
   * Seeds a person as the bot would: a profile with a conversation reference at the stand-in
   * (unless `tabOnly`), saved settings, and their reminders planned through the planner.
   */
  async person(
    tenantId: string,
    userId: string,
    settings: Partial<UserSettings> & { timeZone: string },
    options: { tabOnly?: boolean } = {},
  ): Promise<SeededPerson> {
    const scope = scopeOf(tenantId, userId);
    const conversationId = this.standIn.conversation(tenantId);
    if (!options.tabOnly) {
      const profile: UserProfile = {
        displayName: `Person ${userId}`,
        givenName: 'Person',
        locale: 'en-US',
        timeZone: settings.timeZone,
        conversationReference: this.standIn.referenceFor(tenantId, userId, conversationId),
        firstSeenAt: this.clock.toISOString(),
      };
      await this.store.put(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
      await this.planner.installed(scope);
    }
    await this.practice.saveSettings(scope, { ...defaultSettings(settings.timeZone), ...settings });
    return { scope, conversationId };
  }

  /** A person's reminder log. */
  async log(scope: Scope): Promise<ReminderLog | undefined> {
    return (await this.store.get<ReminderLog>(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id))
      ?.data;
  }

  /** Stops every sender, the stand-in, and removes the database. */
  async stop(): Promise<void> {
    for (const runner of this.runners) await runner.stop().catch(() => undefined);
    await this.standIn.stop();
    for (const store of this.connections) await store.close();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
