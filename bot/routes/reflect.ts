/**
 * `reflect`: this week's reflection, on a card or as a conversation, and the summary after it.
 *
 * @remarks
 * `reflect` sends the card (pre-filled when answers exist, so a second `reflect` edits); its
 * "Answer in chat instead" button, or `reflect in chat`, starts the turn-by-turn conversation.
 * Both write the same week record through the practice service, each answer as it arrives.
 * While a conversation runs, a `beforeTurn` hook takes every text message as the next answer,
 * so the dialogue needs no route of its own and survives restarts through persisted turn state.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { colleagueScope, type Scope } from '../../src/auth/scope';
import { challengeOf, personKeyOf } from '../../src/domain/challenges';
import { PROFILE_RECORD, type UserProfile } from '../../src/domain/profile';
import {
  EMPTY_REFLECTION,
  hasAnyAnswer,
  REFLECTION_LIMITS,
  type Reflection,
  type ReflectionAnswers,
} from '../../src/domain/reflection';
import type { PracticeWeek } from '../../src/domain/practice-week';
import { countReps } from '../../src/domain/reps';
import { addWeeks, isWeekKey, type WeekKey } from '../../src/domain/week';
import { PracticeError, type WeekRead } from '../../src/services/practice-service';
import type { BotDependencies } from '../bot-context';
import type { CardNotice } from '../cards/card-elements';
import {
  formOfReflection,
  REFLECTION_VERBS,
  reflectionCard,
  type ReflectionForm,
} from '../cards/reflection-card';
import { readReflectionCard, type CardProblem } from '../cards/reflection-card-data';
import { summaryCard } from '../cards/summary-card';
import {
  answerStep,
  readReflectionDialog,
  startReflectionDialog,
} from '../dialogs/reflection-dialog';
import { persistTurnStateNow } from '../dialogs/persist-turn-state';
import { promptMessage } from '../dialogs/reflection-prompt';
import { translate } from '../i18n';
import { policyOf } from '../org-policy';
import { readAheadOf, type ReadAheadPlans } from '../state/read-ahead-plans';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { personalScope } from './personal-scope';
import { cardMessage, registerCardAction, type CardReply } from './universal-action';

/** Where the person stands this week: their scope, time zone, week and reflection. */
interface ReflectionContext {
  readonly scope: Scope;
  readonly timeZone: string;
  readonly week: WeekKey;
  readonly reflection: Reflection;
  readonly locale: string | undefined;
  /** The records read for this turn, handed on so the turn reads them once. */
  readonly read: WeekRead;
}

/**
 * Reads where the person stands, starting from `cardWeek` (the week a card says it is for,
 * unchecked) when there is one; the current week is what counts.
 */
async function reflectionContext(
  context: TurnContext,
  scope: Scope,
  deps: BotDependencies,
  cardWeek?: unknown,
): Promise<ReflectionContext> {
  const read = await deps.practice.readCurrentWeek(
    scope,
    isWeekKey(cardWeek) ? cardWeek : undefined,
    readAheadOf(context),
  );
  return {
    scope,
    timeZone: read.settings.value.timeZone,
    week: read.week.value.week,
    reflection: read.week.value.reflection ?? EMPTY_REFLECTION,
    locale: context.activity.locale,
    read,
  };
}

function hasAnswers(reflection: Reflection): boolean {
  return reflection.completedAt !== undefined || hasAnyAnswer(reflection);
}

function formCard(at: ReflectionContext, form?: ReflectionForm, notice?: CardNotice) {
  return reflectionCard(at.locale, {
    week: at.week,
    form: form ?? formOfReflection(at.reflection),
    editing: hasAnswers(at.reflection),
    ...(notice ? { notice } : {}),
  });
}

/** The summary of the person's week after a reflection, from the week as just saved. */
async function summaryOf(at: ReflectionContext, deps: BotDependencies, saved: PracticeWeek) {
  const [streak, policy] = await Promise.all([
    deps.practice.streakWith(at.scope, at.timeZone, at.read, saved),
    policyOf(deps, at.scope),
  ]);
  const what = (saved.reflection ?? EMPTY_REFLECTION).holdingAlone.trim();
  const offerRequest = deps.features.helpRequests && policy.features.helpRequests;
  return summaryCard(at.locale, {
    week: at.week,
    counts: countReps(saved.reps),
    streak,
    nextChallenge: challengeOf(personKeyOf(at.scope), addWeeks(at.week, 1), policy.challengeSet),
    ...(offerRequest && what ? { helpRequestWhat: what } : {}),
  });
}

/**
 * Opens this week's reflection: sends the card, pre-filled with any answers so far.
 *
 * @remarks
 * The weekly reminder's Start button calls this too. A conversation left over from a week that
 * has ended is dropped on the way.
 */
export async function startReflection(
  context: TurnContext,
  state: SpotterTurnState,
  deps: BotDependencies,
): Promise<void> {
  const scope = personalScope(context);
  if (!scope) {
    await context.sendActivity(translate(context.activity.locale, 'practice.personalOnly'));
    return;
  }
  const at = await reflectionContext(context, scope, deps);
  const dialog = readReflectionDialog(state.conversation.dialog);
  if (dialog && dialog.week !== at.week) delete state.conversation.dialog;
  await context.sendActivity(cardMessage(formCard(at)));
}

/** Starts the conversation at the first prompt and asks it. */
async function startConversation(
  context: TurnContext,
  state: SpotterTurnState,
  at: ReflectionContext,
): Promise<void> {
  const dialog = startReflectionDialog(at.week);
  state.conversation.dialog = { ...dialog };
  await persistTurnStateNow(context, state);
  const opening = translate(at.locale, 'reflect.chat.start');
  await context.sendActivity(`${opening}\n\n${promptMessage(at.locale, dialog, at.reflection)}`);
}

/** `reflect` or `reflect in chat`, in any case. */
const REFLECT_COMMAND = /^\s*reflect(?:\s+in\s+chat)?\s*$/i;

/** Continues a running conversation with a text message; false when the message was consumed. */
async function continueConversation(
  context: TurnContext,
  state: SpotterTurnState,
  deps: BotDependencies,
): Promise<boolean> {
  const text = context.activity.text;
  if (context.activity.type !== 'message' || typeof text !== 'string' || !text.trim()) return true;
  const dialog = readReflectionDialog(state.conversation.dialog);
  const scope = personalScope(context);
  if (!dialog || !scope) return true;
  const at = await reflectionContext(context, scope, deps);
  if (dialog.week !== at.week) {
    delete state.conversation.dialog;
    return true;
  }
  // `reflect` and `reflect in chat` keep working mid-conversation (card, or a fresh start).
  if (REFLECT_COMMAND.test(text)) return true;

  const turn = answerStep(dialog, at.reflection, text);
  const locale = at.locale;
  try {
    switch (turn.kind) {
      case 'cancel':
        delete state.conversation.dialog;
        await persistTurnStateNow(context, state);
        await context.sendActivity(translate(locale, 'reflect.chat.cancelled'));
        break;
      case 'retry':
        await context.sendActivity(translate(locale, turn.problem, turn.values));
        break;
      case 'ask': {
        const reflection = turn.answers
          ? reflectionOf(await saveAnswers(at, deps, turn.answers, false))
          : at.reflection;
        state.conversation.dialog = { ...turn.dialog };
        await persistTurnStateNow(context, state);
        await context.sendActivity(promptMessage(locale, turn.dialog, reflection));
        break;
      }
      case 'finish': {
        const saved = await saveAnswers(at, deps, turn.answers, true);
        delete state.conversation.dialog;
        await persistTurnStateNow(context, state);
        await context.sendActivity(cardMessage(await summaryOf(at, deps, saved)));
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof PracticeError && error.reason === 'week-closed')) throw error;
    delete state.conversation.dialog;
    await persistTurnStateNow(context, state);
    await context.sendActivity(translate(locale, 'reflect.weekClosed'));
  }
  return false;
}

/** Saves over the week as this turn read it; answers the week as saved. */
async function saveAnswers(
  at: ReflectionContext,
  deps: BotDependencies,
  answers: ReflectionAnswers,
  complete: boolean,
): Promise<PracticeWeek> {
  const saved = await deps.practice.saveReflection(at.scope, at.timeZone, at.week, answers, {
    complete,
    current: at.read.week,
  });
  return saved.value;
}

function reflectionOf(week: PracticeWeek): Reflection {
  return week.reflection ?? EMPTY_REFLECTION;
}

/** The name to keep for a person picked in the directory, best known first. */
async function nameOfPicked(
  at: ReflectionContext,
  deps: BotDependencies,
  id: string,
): Promise<string> {
  const known = [...at.reflection.helpedBy, ...at.reflection.connected].find((p) => p.id === id);
  if (known) return known.name;
  // A colleague who uses Spotter has a profile in the same tenant; nothing else of theirs is read.
  const colleague = colleagueScope(at.scope, id);
  const profile = colleague
    ? await deps.store.get<UserProfile>(colleague, PROFILE_RECORD.kind, PROFILE_RECORD.id)
    : undefined;
  const name = profile?.data.displayName.trim().slice(0, REFLECTION_LIMITS.nameLength);
  return name || translate(at.locale, 'reflect.person.unnamed');
}

/** Saves the card's answers: `complete` answers the summary, otherwise the card with "saved". */
async function saveFromCard(
  context: TurnContext,
  state: SpotterTurnState,
  deps: BotDependencies,
  rawData: Readonly<Record<string, unknown>>,
  complete: boolean,
): Promise<CardReply> {
  const scope = personalScope(context);
  if (!scope) return { text: translate(context.activity.locale, 'practice.personalOnly') };
  const at = await reflectionContext(context, scope, deps, rawData['week']);
  const reading = await readReflectionCard(rawData, (id) => nameOfPicked(at, deps, id));
  if (reading.week !== undefined && reading.week !== at.week) {
    return { card: formCard(at, undefined, attention(at, { key: 'reflect.staleCard' })) };
  }
  if (reading.kind === 'problem') {
    return { card: formCard(at, reading.form, attention(at, reading.problem)) };
  }
  try {
    const week = await saveAnswers(at, deps, reading.answers, complete);
    if (readReflectionDialog(state.conversation.dialog)) {
      delete state.conversation.dialog;
      await persistTurnStateNow(context, state);
    }
    if (complete) return { card: await summaryOf(at, deps, week) };
    const saved = { ...at, reflection: reflectionOf(week) };
    return {
      card: formCard(saved, undefined, {
        text: translate(at.locale, 'reflect.saved.draft'),
        tone: 'good',
      }),
    };
  } catch (error) {
    if (error instanceof PracticeError && error.reason === 'week-closed') {
      return { text: translate(at.locale, 'reflect.weekClosed') };
    }
    throw error;
  }
}

function attention(at: ReflectionContext, problem: CardProblem): CardNotice {
  return { text: translate(at.locale, problem.key, problem.values), tone: 'attention' };
}

/** Registers `reflect`, `reflect in chat`, the reflection card's verbs and the conversation. */
export function registerReflect(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
  readAhead: ReadAheadPlans,
): void {
  app.turn('beforeTurn', (context, state) => continueConversation(context, state, deps));

  app.message(/^\s*reflect\s+in\s+chat\s*$/i, async (context, state) => {
    const scope = personalScope(context);
    if (!scope) {
      await context.sendActivity(translate(context.activity.locale, 'practice.personalOnly'));
      return;
    }
    await startConversation(context, state, await reflectionContext(context, scope, deps));
  });
  app.message(/^\s*reflect\s*$/i, (context, state) => startReflection(context, state, deps));

  registerCardAction(app, REFLECTION_VERBS.save, (context, state, data) =>
    saveFromCard(context, state, deps, data, true),
  );
  registerCardAction(app, REFLECTION_VERBS.draft, (context, state, data) =>
    saveFromCard(context, state, deps, data, false),
  );
  registerCardAction(app, REFLECTION_VERBS.open, async (context) => {
    const scope = personalScope(context);
    if (!scope) return { text: translate(context.activity.locale, 'practice.personalOnly') };
    return { card: formCard(await reflectionContext(context, scope, deps)) };
  });
  for (const verb of Object.values(REFLECTION_VERBS)) {
    readAhead.add(verb, (data) =>
      deps.practice.currentWeekKeys(isWeekKey(data['week']) ? data['week'] : undefined),
    );
  }
  registerCardAction(app, REFLECTION_VERBS.chat, async (context, state) => {
    const scope = personalScope(context);
    if (!scope) return { text: translate(context.activity.locale, 'practice.personalOnly') };
    const at = await reflectionContext(context, scope, deps);
    await startConversation(context, state, at);
    return { text: translate(at.locale, 'reflect.chat.moved') };
  });
}
