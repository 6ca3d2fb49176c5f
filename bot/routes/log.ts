/**
 * `log`: light reps in one tap (a card), or in one line (`log asked coffee with Sam`), with undo.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Scope } from '../../src/auth/scope';
import { challengeOf, personKeyOf } from '../../src/domain/challenges';
import type { PracticeWeek } from '../../src/domain/practice-week';
import { countReps, REP_KINDS, REP_LIMITS, type RepKind } from '../../src/domain/reps';
import { PracticeError } from '../../src/services/practice-service';
import type { ReadAhead } from '../../src/store/read-ahead';
import type { BotDependencies } from '../bot-context';
import type { AdaptiveCard, CardNotice } from '../cards/card-elements';
import { countsText, REPS_NOTE_INPUT, REPS_VERBS, repsCard } from '../cards/reps-card';
import { translate, type MessageKey } from '../i18n';
import type { OrgPolicy } from '../../src/domain/org-defaults';
import { offWords, policyOf } from '../org-policy';
import { readAheadOf, type ReadAheadPlans } from '../state/read-ahead-plans';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { personalScope } from './personal-scope';
import { cardMessage, registerCardAction, type CardReply } from './universal-action';

/** Words accepted for each kind after `log`. */
const KIND_WORDS: Record<string, RepKind> = {
  ask: 'asked',
  asked: 'asked',
  accept: 'accepted',
  accepted: 'accepted',
  thank: 'thanked',
  thanks: 'thanked',
  thanked: 'thanked',
};

/** What a rep command or button asks for. */
type RepRequest =
  | { readonly kind: 'log'; readonly rep: RepKind; readonly note: string }
  | { readonly kind: 'undo' }
  | { readonly kind: 'invalid'; readonly problem: MessageKey };

/** Reads `log <kind> [note]` or `log undo`; the text after `log`. */
export function repRequestOf(rest: string): RepRequest {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(rest.trim());
  const word = match?.[1]?.toLowerCase() ?? '';
  if (word === 'undo') return { kind: 'undo' };
  const rep = Object.hasOwn(KIND_WORDS, word) ? KIND_WORDS[word] : undefined;
  if (!rep) return { kind: 'invalid', problem: 'reps.invalid.kind' };
  const note = (match?.[2] ?? '').trim();
  if (note.length > REP_LIMITS.note) return { kind: 'invalid', problem: 'reps.invalid.note' };
  return { kind: 'log', rep, note };
}

/** The outcome of a rep request, in words, and the week after it. */
interface RepOutcome {
  readonly notice: CardNotice;
  /** The week as the request saved it. */
  readonly week?: PracticeWeek;
  /** The week as read when the request was refused, for the card to show. */
  readonly unchanged?: PracticeWeek;
}

/** Reads the person's week once and writes the change over that read. */
async function applyRepRequest(
  scope: Scope,
  locale: string | undefined,
  deps: BotDependencies,
  request: RepRequest,
  ahead?: ReadAhead,
): Promise<RepOutcome> {
  const attention = (key: MessageKey, limit: number, unchanged?: PracticeWeek): RepOutcome => ({
    notice: { text: translate(locale, key, { limit }), tone: 'attention' },
    ...(unchanged ? { unchanged } : {}),
  });
  if (request.kind === 'invalid') return attention(request.problem, REP_LIMITS.note);
  const read = await deps.practice.readCurrentWeek(scope, undefined, ahead);
  const { timeZone } = read.settings.value;
  const kindName = (kind: RepKind) => translate(locale, `reps.kind.${kind}`);
  try {
    if (request.kind === 'undo') {
      const { week, undone } = await deps.practice.undoLastRep(scope, timeZone, {
        current: read.week,
      });
      const text = translate(locale, 'reps.undone', { kind: kindName(undone.kind) });
      return { notice: { text, tone: 'good' }, week: week.value };
    }
    const { week } = await deps.practice.logRep(scope, timeZone, request.rep, {
      ...(request.note ? { note: request.note } : {}),
      current: read.week,
    });
    const text = translate(locale, 'reps.logged', { kind: kindName(request.rep) });
    return { notice: { text, tone: 'good' }, week: week.value };
  } catch (error) {
    if (!(error instanceof PracticeError)) throw error;
    return error.reason === 'too-many-reps'
      ? attention('reps.tooMany', REP_LIMITS.perWeek, read.week.value)
      : attention('reps.nothingToUndo', REP_LIMITS.note, read.week.value);
  }
}

/** The reps card, from the week the outcome names or else the week as read now. */
async function cardFor(
  scope: Scope,
  locale: string | undefined,
  deps: BotDependencies,
  { challengeSet }: OrgPolicy,
  outcome?: RepOutcome,
): Promise<AdaptiveCard> {
  const week =
    outcome?.week ?? outcome?.unchanged ?? (await deps.practice.readCurrentWeek(scope)).week.value;
  return repsCard(locale, {
    counts: countReps(week.reps),
    challenge: challengeOf(personKeyOf(scope), week.week, challengeSet),
    ...(outcome ? { notice: outcome.notice } : {}),
  });
}

const logDataSchema = z.object({
  kind: z.enum(REP_KINDS),
  [REPS_NOTE_INPUT]: z.string().max(4_000).optional(),
});

function replyOutOfChat(context: TurnContext): CardReply {
  return { text: translate(context.activity.locale, 'practice.personalOnly') };
}

/** Registers `log`, `log <kind> [note]`, `log undo` and the reps card's buttons. */
export function registerLog(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
  readAhead: ReadAheadPlans,
): void {
  app.message(/^\s*log(?:\s+([\s\S]*))?$/i, async (context) => {
    const locale = context.activity.locale;
    const scope = personalScope(context);
    if (!scope) {
      await context.sendActivity(translate(locale, 'practice.personalOnly'));
      return;
    }
    const policy = await policyOf(deps, scope);
    const off = offWords(policy, 'reps', locale);
    if (off) {
      await context.sendActivity(off);
      return;
    }
    const rest = /^\s*log\s*([\s\S]*)$/i.exec(context.activity.text ?? '')?.[1]?.trim() ?? '';
    if (!rest) {
      await context.sendActivity(cardMessage(await cardFor(scope, locale, deps, policy)));
      return;
    }
    const outcome = await applyRepRequest(scope, locale, deps, repRequestOf(rest));
    const counts = outcome.week ? [countsText(locale, countReps(outcome.week.reps))] : [];
    await context.sendActivity([outcome.notice.text, ...counts].join(' '));
  });

  for (const verb of Object.values(REPS_VERBS)) {
    readAhead.add(verb, () => deps.practice.currentWeekKeys());
  }
  registerCardAction(app, REPS_VERBS.log, async (context, _state, data) => {
    const scope = personalScope(context);
    if (!scope) return replyOutOfChat(context);
    const locale = context.activity.locale;
    const policy = await policyOf(deps, scope);
    const off = offWords(policy, 'reps', locale);
    if (off) return { text: off };
    const parsed = logDataSchema.safeParse(data);
    const request: RepRequest = !parsed.success
      ? { kind: 'invalid', problem: 'practice.badCard' }
      : repRequestOf(`${parsed.data.kind} ${parsed.data[REPS_NOTE_INPUT] ?? ''}`);
    const outcome = await applyRepRequest(scope, locale, deps, request, readAheadOf(context));
    return { card: await cardFor(scope, locale, deps, policy, outcome) };
  });
  registerCardAction(app, REPS_VERBS.undo, async (context) => {
    const scope = personalScope(context);
    if (!scope) return replyOutOfChat(context);
    const locale = context.activity.locale;
    const policy = await policyOf(deps, scope);
    const off = offWords(policy, 'reps', locale);
    if (off) return { text: off };
    const outcome = await applyRepRequest(
      scope,
      locale,
      deps,
      { kind: 'undo' },
      readAheadOf(context),
    );
    return { card: await cardFor(scope, locale, deps, policy, outcome) };
  });
}
