/**
 * The person's data rights in chat: `export` hands over everything Spotter keeps about them;
 * `delete my data` deletes it all after a confirmation on a card.
 *
 * @remarks
 * Teams' file-consent flow cannot be simulated locally and adds a round trip, so the export is
 * JSON in code blocks right in the chat (split into parts below Teams' message size). It is the
 * same bundle the tab's download hands out (`data-rights-service`), bot turn state left out.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { deleteAll, exportAll, toJson } from '../../src/services/data-rights-service';
import type { BotDependencies } from '../bot-context';
import { confirmDeleteCard, DELETE_VERBS } from '../cards/confirm-delete-card';
import { translate } from '../i18n';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { personalScope } from './personal-scope';
import { cardMessage, registerCardAction, type CardReply } from './universal-action';

/**
 * `context.turnState` key set once a turn has deleted the person's data, so hooks that run after
 * the route (`afterTurn`) can leave the emptied partition alone.
 */
export const USER_DATA_DELETED = 'spotter.userDataDeleted';

/** Characters of JSON per chat message, well below Teams' limit of about 28 KB. */
export const EXPORT_PART_SIZE = 20_000;

/**
 * JSON text cut into parts of at most `size` characters, at line ends where possible.
 *
 * @remarks
 * Backticks (only ever inside strings) are written as `\u0060`, which is the same JSON but can
 * never close the code block around it.
 */
export function exportParts(json: string, size = EXPORT_PART_SIZE): string[] {
  const safe = json.trimEnd().replace(/`/g, '\\u0060');
  const parts: string[] = [];
  let part = '';
  for (const line of safe.split('\n')) {
    for (let start = 0; start < Math.max(line.length, 1); start += size) {
      const piece = line.slice(start, start + size);
      if (part.length > 0 && part.length + 1 + piece.length > size) {
        parts.push(part);
        part = '';
      }
      part = part.length > 0 ? `${part}\n${piece}` : piece;
    }
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

async function sendExport(context: TurnContext, scope: Scope, deps: BotDependencies) {
  const locale = context.activity.locale;
  const parts = exportParts(toJson(await exportAll(deps.store, scope, deps.now())));
  for (const [index, part] of parts.entries()) {
    const heading =
      parts.length > 1
        ? [translate(locale, 'data.export.part', { part: index + 1, parts: parts.length })]
        : [];
    const intro = index === 0 ? [translate(locale, 'data.export.intro')] : [];
    await context.sendActivity([...intro, ...heading, `\`\`\`json\n${part}\n\`\`\``].join('\n\n'));
  }
}

function outOfChat(context: TurnContext): CardReply {
  return { text: translate(context.activity.locale, 'practice.personalOnly') };
}

/** Registers `export`, `delete my data` and the confirmation card's buttons. */
export function registerDataRights(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
): void {
  app.message(/^\s*export\s*$/i, async (context) => {
    const scope = personalScope(context);
    if (!scope) {
      await context.sendActivity(translate(context.activity.locale, 'practice.personalOnly'));
      return;
    }
    await sendExport(context, scope, deps);
  });

  app.message(/^\s*delete\s+my\s+data\s*$/i, async (context) => {
    const locale = context.activity.locale;
    if (!personalScope(context)) {
      await context.sendActivity(translate(locale, 'practice.personalOnly'));
      return;
    }
    await context.sendActivity(cardMessage(confirmDeleteCard(locale, 'ask')));
  });

  registerCardAction(app, DELETE_VERBS.confirm, async (context, state) => {
    const scope = personalScope(context);
    if (!scope) return outOfChat(context);
    const deleted = await deleteAll(deps.store, scope, [
      deps.reminders,
      ...(deps.helpRequests ? [deps.helpRequests.service] : []),
      ...(deps.addressBook ? [deps.addressBook] : []),
    ]);
    context.turnState.set(USER_DATA_DELETED, true);
    // Turn state went with everything else; keep this turn from writing it back.
    state.deleteConversationState();
    state.deleteUserState();
    deps.logger.info(
      { tenantId: scope.tenantId, correlationId: context.activity.id, deleted },
      'user data deleted',
    );
    return { card: confirmDeleteCard(context.activity.locale, 'deleted') };
  });

  registerCardAction(app, DELETE_VERBS.cancel, async (context) => {
    if (!personalScope(context)) return outOfChat(context);
    return { card: confirmDeleteCard(context.activity.locale, 'kept') };
  });
}
