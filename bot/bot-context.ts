/**
 * What every bot route needs: the store and a logger.
 */
import type { Logger } from '../src/logging/logger';
import type { PracticeService } from '../src/services/practice-service';
import type { Store } from '../src/store/store';

/** Dependencies handed to each route at registration. */
export interface BotDependencies {
  /** Where records and turn state live. */
  readonly store: Store;
  /** Root logger; routes add tenant and correlation ids. */
  readonly logger: Logger;
  /** Clock, replaceable in tests. @default () => new Date() */
  readonly now: () => Date;
  /** The weekly practice: settings, reflections, reps, streak. */
  readonly practice: PracticeService;
  /** Features that are switched on. */
  readonly features: BotFeatures;
}

/** Switches for features that other features link to. */
export interface BotFeatures {
  /** Help requests can be asked (so a reflection may offer "turn this into a help request"). */
  readonly helpRequests: boolean;
}
