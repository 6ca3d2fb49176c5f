/**
 * What every bot route needs: the store and a logger.
 */
import type { Logger } from '../src/logging/logger';
import type { AddressBook } from '../src/services/address-book';
import type { HelpRequestService } from '../src/services/help-request-service';
import type { ReminderPlanner } from '../src/scheduler/reminder-planner';
import type { OrgDefaultsService } from '../src/services/org-defaults-service';
import type { PracticeService } from '../src/services/practice-service';
import type { TeamsAppInstaller } from '../src/services/teams-app-installer';
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
  /**
   * The organization's defaults and switches (per person, with their group's override). Absent:
   * Spotter's own defaults, everything on.
   */
  readonly orgDefaults?: Pick<OrgDefaultsService, 'policy'>;
  /** E-mail addresses learnt by the Outlook pane; deleting a person's data removes theirs. */
  readonly addressBook?: Pick<AddressBook, 'forgetUser'>;
  /** Weekly reminders: snooze and skip from the card, start and stop on install and uninstall. */
  readonly reminders: Pick<
    ReminderPlanner,
    'snooze' | 'skip' | 'installed' | 'uninstalled' | 'ensurePlanned' | 'forgetUser'
  >;
  /**
   * Help requests: the use cases, and Spotter's self-install for colleagues (Graph) when
   * configured. Absent: the help-request routes are not registered.
   */
  readonly helpRequests?: {
    readonly service: HelpRequestService;
    readonly installer?: TeamsAppInstaller | undefined;
  };
}

/** Switches for features that other features link to. */
export interface BotFeatures {
  /** Help requests can be asked (so a reflection may offer "turn this into a help request"). */
  readonly helpRequests: boolean;
}
