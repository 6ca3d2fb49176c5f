/**
 * `ask`: asking a colleague for a hand from the 1:1 chat with Spotter.
 *
 * @remarks
 * `ask` (optionally followed by what is needed) and the reflection summary's "turn this into a
 * help request" (`help-request.compose`) open the ask form. Sending it creates the request and
 * delivers the card to the colleague's 1:1 chat with Spotter, through the conversation reference
 * of their profile; the form turns into the asker's own copy of the card. A colleague without
 * Spotter gets it installed through Graph when that is configured; otherwise the asker is told
 * plainly and pointed to the compose box, where the same card can go straight into their chat.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isValidScopeId, type Scope } from '../../src/auth/scope';
import { dayKeyOf, WEIGHTS, type DraftProblem, type Weight } from '../../src/domain/help-request';
import type { UserProfile } from '../../src/domain/profile';
import type { CreateResult, HelpRequestService } from '../../src/services/help-request-service';
import type { BotDependencies } from '../bot-context';
import { askFormCard, type AskFormValues } from '../cards/ask-form-card';
import { escapeCardText } from '../cards/card-text';
import { helpRequestCard } from '../cards/help-request-card';
import { HELP_REQUEST_VERB } from '../cards/help-request-verbs';
import {
  cardActivity,
  referenceOf,
  refreshUserIdsOf,
  type HelpRequestMessenger,
} from '../help-request-messenger';
import { deliveryFor, teamsUserIdOf } from '../help-request-delivery';
import { translate, type MessageKey } from '../i18n';
import { switchedOff } from '../org-policy';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { scopeOfTurn } from '../turn-scope';
import {
  localeOf,
  type HelpReply,
  type HelpVerbRouter,
  type HelpVerbTurn,
} from './help-request-router';

/** `ask`, optionally followed by what is needed. */
export const ASK_COMMAND = /^\s*ask(?:\s+([\s\S]*))?$/i;

/** The help-request parts of the bot's dependencies. */
export type HelpRequestDependencies = NonNullable<BotDependencies['helpRequests']>;

const text = z.string().optional().catch(undefined);

/** The ask form's data as sent; anything of the wrong type counts as not filled in. */
const askFormSchema = z.object({
  formId: z.string().uuid().optional().catch(undefined),
  colleague: z.string().max(2000).optional().catch(undefined),
  colleagueName: z.string().max(500).optional().catch(undefined),
  colleagueAddress: z.string().max(1000).optional().catch(undefined),
  what: text,
  byWhen: z.string().max(40).optional().catch(undefined),
  weight: z.enum(WEIGHTS).optional().catch(undefined),
});

/** The ask form, read. */
export interface AskForm {
  /** The form's id (a fresh one when the form sent none). */
  readonly formId: string;
  /** The colleague picked (Entra object id), when valid. */
  readonly colleagueId?: string | undefined;
  /** Their name, when the form knew it (a suggestion). */
  readonly colleagueName?: string | undefined;
  /** The e-mail address or UPN typed. */
  readonly colleagueAddress?: string | undefined;
  /** What. */
  readonly what: string;
  /** By when. */
  readonly byWhen?: string | undefined;
  /** How heavy. */
  readonly weight: Weight;
}

/** Reads the ask form's data; never throws. */
export function readAskForm(data: unknown): AskForm {
  const parsed = askFormSchema.safeParse(data ?? {});
  const form = parsed.success ? parsed.data : {};
  const picked = form.colleague
    ?.split(',')
    .map((id) => id.trim())
    .find((id) => id.length > 0);
  const address = form.colleagueAddress?.trim();
  return {
    formId: form.formId ?? randomUUID(),
    colleagueId: isValidScopeId(picked) ? picked : undefined,
    colleagueName: form.colleagueName?.trim() || undefined,
    colleagueAddress: address ? address : undefined,
    what: form.what ?? '',
    byWhen: form.byWhen?.trim() || undefined,
    weight: form.weight ?? 'light',
  };
}

/** The form's values, to show it again after a problem. */
export function formValuesOf(form: AskForm, colleague?: ResolvedColleague): AskFormValues {
  const id = colleague?.userId ?? form.colleagueId;
  const name = colleague?.name ?? form.colleagueName;
  return {
    formId: form.formId,
    ...(id ? { colleague: { id, name: name ?? id } } : {}),
    colleagueAddress: form.colleagueAddress,
    what: form.what,
    byWhen: form.byWhen,
    weight: form.weight,
  };
}

/** A colleague, found. */
export interface ResolvedColleague {
  /** Entra object id. */
  readonly userId: string;
  /** Display name, when known. */
  readonly name?: string | undefined;
  /** Teams user id (`29:…`), when known. */
  readonly teamsUserId?: string | undefined;
  /** Their Spotter profile (how to reach them), when they have Spotter. */
  readonly profile?: UserProfile | undefined;
}

const ADDRESS = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

/**
 * Finds the colleague of an ask form: the person picked, or the one behind an e-mail address
 * or UPN. Teams' roster answers for members of the conversation the form was sent from (a chat
 * with the colleague, through the compose box); Spotter's own profiles answer for anyone who
 * has Spotter. Returns the message key of the problem when there is no one to ask.
 */
export async function resolveColleague(
  context: TurnContext,
  scope: Scope,
  service: HelpRequestService,
  form: AskForm,
): Promise<ResolvedColleague | 'ask.problem.noColleague' | 'ask.problem.colleagueNotFound'> {
  let userId = form.colleagueId;
  let member: Member | undefined;
  if (!userId) {
    const address = form.colleagueAddress;
    if (!address) return 'ask.problem.noColleague';
    member = ADDRESS.test(address) ? await memberOf(context, address) : undefined;
    if (!member?.aadObjectId || !isValidScopeId(member.aadObjectId))
      return 'ask.problem.colleagueNotFound';
    userId = member.aadObjectId;
  }
  const profile = await service.colleagueProfile(scope, userId);
  if (!member && !profile) member = await memberOf(context, userId);
  return {
    userId,
    name: profile?.displayName || member?.name || form.colleagueName,
    teamsUserId: member?.id ?? teamsUserIdOf(profile),
    profile,
  };
}

interface Member {
  readonly id?: string;
  readonly aadObjectId?: string;
  readonly name?: string;
}

/**
 * Longest wait for Teams' roster, in milliseconds.
 *
 * @remarks
 * The roster answers fast or not at all (a colleague outside the conversation is a 404), but the
 * SDK retries a connector that does not answer, and a card action must be answered within about
 * five seconds.
 */
const ROSTER_TIMEOUT_MS = 2_000;

async function memberOf(context: TurnContext, id: string): Promise<Member | undefined> {
  if (context.activity.channelId !== 'msteams') return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      TeamsInfo.getMember(context, id),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(resolve, ROSTER_TIMEOUT_MS, undefined);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

const DRAFT_PROBLEM_KEYS: Record<DraftProblem, MessageKey> = {
  'what-missing': 'ask.problem.whatMissing',
  'what-too-long': 'ask.problem.whatTooLong',
  'by-when-invalid': 'ask.problem.byWhenInvalid',
  'by-when-past': 'ask.problem.byWhenPast',
  'by-when-too-far': 'ask.problem.byWhenTooFar',
  'link-invalid': 'ask.problem.linkInvalid',
  'asking-yourself': 'ask.problem.yourself',
};

/** The kind words for a request that was not created (`name` escaped); undefined when it was. */
export function createProblemText(
  locale: string,
  result: CreateResult,
  name: string,
  service: HelpRequestService,
): string | undefined {
  switch (result.kind) {
    case 'created':
    case 'existing':
      return undefined;
    case 'invalid':
      return result.problems
        .map((problem) => translate(locale, DRAFT_PROBLEM_KEYS[problem]))
        .join(' ');
    case 'limited':
      return result.limit === 'daily-limit'
        ? translate(locale, 'ask.problem.dailyLimit', { limit: service.limits.perDay })
        : translate(locale, 'ask.problem.pairLimit', { name, limit: service.limits.perPairPerDay });
    case 'muted':
      return translate(locale, 'ask.problem.muted', { name });
    case 'unknown-colleague':
      return translate(locale, 'ask.problem.noColleague');
    case 'undeliverable':
      return translate(locale, 'ask.problem.undeliverable', { name });
    case 'switched-off':
      return translate(locale, 'feature.off.helpRequests');
  }
}

/** The asker's "today", for the earliest date the form offers. */
async function todayOf(deps: BotDependencies, scope: Scope): Promise<string> {
  const settings = await deps.practice.settings(scope);
  return dayKeyOf(deps.now(), settings.value.timeZone);
}

/** Registers `ask` and the ask form's verbs. */
export function registerAsk(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
  help: HelpRequestDependencies,
  router: HelpVerbRouter,
  messenger: HelpRequestMessenger,
): void {
  const service = help.service;

  app.message(
    async (context) =>
      context.activity.type === 'message' &&
      context.activity.conversation?.conversationType === 'personal' &&
      ASK_COMMAND.test(context.activity.text ?? ''),
    async (context) => {
      const scope = scopeOfTurn(context);
      if (!scope) return;
      const off = await switchedOff(deps, scope, 'helpRequests', localeOf(context));
      if (off) {
        await context.sendActivity(off);
        return;
      }
      const what = ASK_COMMAND.exec(context.activity.text ?? '')?.[1]?.trim();
      const card = askFormCard(
        localeOf(context),
        { formId: randomUUID(), ...(what ? { what } : {}) },
        { mode: 'chat', today: await todayOf(deps, scope) },
      );
      await context.sendActivity(cardActivity(card));
    },
  );

  router.add(HELP_REQUEST_VERB.compose, async ({ context, scope, data, locale }) => {
    const form = readAskForm(data);
    const card = askFormCard(
      locale,
      formValuesOf({ ...form, formId: randomUUID(), byWhen: undefined }),
      { mode: 'chat', today: await todayOf(deps, scope) },
    );
    if (context.activity.conversation?.conversationType === 'personal') {
      await context.sendActivity(cardActivity(card));
      return { text: translate(locale, 'ask.compose.opened') };
    }
    // Pressed on a card in a shared chat: the form goes to the presser's own chat with Spotter.
    const own = await service.colleagueProfile(scope, scope.userId);
    if (!own) return { text: translate(locale, 'ask.compose.noChat') };
    await messenger.sendTo(own.conversationReference, cardActivity(card), scope);
    return { text: translate(locale, 'ask.compose.opened') };
  });

  router.add(HELP_REQUEST_VERB.create, (turn) => create(turn, deps, help, messenger));
}

async function create(
  { context, scope, data, locale }: HelpVerbTurn,
  deps: BotDependencies,
  help: HelpRequestDependencies,
  messenger: HelpRequestMessenger,
): Promise<HelpReply> {
  const service = help.service;
  const form = readAskForm(data);
  const today = await todayOf(deps, scope);
  const again = (notice: string, colleague?: ResolvedColleague): HelpReply => ({
    card: askFormCard(locale, formValuesOf(form, colleague), {
      mode: 'chat',
      today,
      notice: { text: notice, tone: 'attention' },
    }),
  });

  const colleague = await resolveColleague(context, scope, service, form);
  if (typeof colleague === 'string') {
    return again(
      translate(locale, colleague, { address: escapeCardText(form.colleagueAddress ?? '') }),
    );
  }
  const name = escapeCardText(
    colleague.name || form.colleagueAddress || translate(locale, 'ask.card.someone'),
  );
  const deliver = await deliveryFor(messenger, help.installer, scope, colleague, {
    reference: referenceOf(context),
    locale,
  });
  if (!deliver && colleague.userId !== scope.userId) {
    return again(translate(locale, 'ask.problem.notInstalled', { name }), colleague);
  }

  const result = await service.create(
    scope,
    {
      formId: form.formId,
      helperUserId: colleague.userId,
      helperName: colleague.name ?? '',
      askerName: await askerNameOf(context, scope, service),
      askerTeamsUserId: context.activity.from?.id,
      helperTeamsUserId: colleague.teamsUserId,
      what: form.what,
      byWhen: form.byWhen,
      weight: form.weight,
    },
    deliver,
  );
  const problem = createProblemText(locale, result, name, service);
  if (problem !== undefined || (result.kind !== 'created' && result.kind !== 'existing')) {
    return again(problem ?? translate(locale, 'ask.problem.badForm'), colleague);
  }

  const view = {
    request: result.view.request,
    viewer: 'asker' as const,
    refreshUserIds: refreshUserIdsOf(result.view.teamsUserIds),
  };
  const replyTo = context.activity.replyToId;
  if (replyTo) {
    // The form's message becomes the asker's copy of the card, updated with every change.
    await service.noteCard(scope, view.request.id, {
      card: { view: 'asker', conversation: referenceOf(context), activityId: replyTo, locale },
    });
    try {
      await context.updateActivity(cardActivity(helpRequestCard(locale, view), replyTo));
    } catch (error) {
      // The answer below still shows the card; the next change or refresh updates the message.
      deps.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown', tenantId: scope.tenantId },
        'ask form not turned into the card',
      );
    }
  }
  return {
    card: helpRequestCard(locale, {
      ...view,
      notice: { text: translate(locale, 'ask.sent', { name }), tone: 'good' },
    }),
  };
}

/** The asker's name as Teams sends it, else as Spotter knows it from their profile. */
export async function askerNameOf(
  context: TurnContext,
  scope: Scope,
  service: HelpRequestService,
): Promise<string> {
  const sent = context.activity.from?.name;
  if (sent) return sent;
  return (await service.colleagueProfile(scope, scope.userId))?.displayName ?? '';
}
