/**
 * Assembles the weekly reminders: the planner that keeps each person's next reminder and the
 * time-slot index current, and the runner that delivers due reminders through the bot adapter.
 */
import type { CloudAdapterBase } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { PracticeService, type SettingsDefaults } from '../services/practice-service';
import type { Store } from '../store/store';
import { ReminderPlanner } from './reminder-planner';
import { ReminderRunner } from './reminder-runner';
import { AdapterReminderDelivery } from './reminder-sender';

/** The planner and the runner of weekly reminders. */
export interface ReminderScheduler {
  /** Keeps plans and the index current (observer of the practice service, bot routes). */
  readonly planner: ReminderPlanner;
  /** Delivers due reminders (`start` in the server, `runOnce` in tests). */
  readonly runner: ReminderRunner;
}

/** Options of {@link createReminderScheduler}. */
export interface ReminderSchedulerOptions {
  /** Where records live. */
  readonly store: Store;
  /** The clock. */
  readonly now: () => Date;
  /** Logger. */
  readonly logger: Logger;
  /** The bot adapter that posts proactive messages. */
  readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>;
  /** The bot's Microsoft App Id ('' when authentication is off). */
  readonly botAppId: string;
  /** The organization's reminder defaults, for people who have not set their own. */
  readonly settingsDefaults?: SettingsDefaults;
}

/** Builds the reminder planner and runner. */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { store, now, logger } = options;
  // The planner only reads the practice; it gets its own service so that it is not its own
  // observer.
  const planner = new ReminderPlanner({
    store,
    now,
    logger,
    practice: new PracticeService(store, now, undefined, options.settingsDefaults),
  });
  const runner = new ReminderRunner({
    store,
    planner,
    delivery: new AdapterReminderDelivery(options.adapter, options.botAppId),
    logger,
    clock: now,
  });
  return { planner, runner };
}
