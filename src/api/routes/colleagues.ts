/**
 * `GET /colleagues?q&address`: whom the Outlook pane offers to ask — Spotter users of the
 * caller's own organization only.
 *
 * @remarks
 * Spotter keeps no directory, so the pane offers what Spotter knows: the mail's sender when
 * their address belongs to a Spotter user of the caller's tenant (see `AddressBook`), and the
 * people the caller named with a directory id in reflections or asked or helped before. Only
 * people who have a Spotter profile are offered, since only they can get the card. Every lookup
 * goes through the caller's scope, so no other tenant's people can show up. Opening the pane is
 * also when Spotter learns the caller's own address from their token, so colleagues can find
 * them the same way.
 */
import { z } from 'zod';
import type { HelpRequestService } from '../../services/help-request-service';
import { notFound, type ApiContext, type ApiResult } from '../api-route';
import { INPUT_LIMITS, type ColleagueDto, type ColleaguesResponse } from '../contracts';
import { requireFeature } from '../feature-switch';
import { parseQuery } from '../validation';
import { foldText } from '../views/history-search';
import { supportNetwork } from '../views/support-network';
import { weeksOnRecord } from '../views/weeks-on-record';

/** Most colleagues answered. */
export const MAX_COLLEAGUES = 20;

/** Most people from the caller's history checked for a profile in one call. */
const MAX_CANDIDATES = 60;

/** Requests of each box looked at for people asked or helped before. */
const RECENT_REQUESTS = 50;

const querySchema = z.object({
  q: z.string().max(INPUT_LIMITS.colleagueSearch).optional(),
  address: z.string().max(320).optional(),
});

/** Answers with the colleagues to offer, the sender first. */
export async function getColleagues(context: ApiContext): Promise<ApiResult> {
  const { scope, caller, services } = context;
  const help = services.helpRequests;
  // Offered only for asking: without help requests the route is absent, or off like them.
  if (!help) throw notFound();
  await requireFeature(context, 'helpRequests');
  const query = parseQuery(querySchema, context.query);
  const book = services.addressBook;
  if (book && caller.address) await book.remember(scope, caller.address);

  const words = foldText(query.q ?? '')
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const matches = (name: string) => words.every((word) => foldText(name).includes(word));

  const people: ColleagueDto[] = [];
  const sender = query.address && book ? await book.find(scope, query.address) : undefined;
  if (sender && sender.userId !== scope.userId && matches(sender.profile.displayName)) {
    people.push({ id: sender.userId, name: sender.profile.displayName, source: 'sender' });
  }
  const skip = new Set([scope.userId, ...(sender ? [sender.userId] : [])]);
  const candidates = new Map<string, string>();
  for (const person of await knownPeople(context, help)) {
    if (!skip.has(person.id) && !candidates.has(person.id)) candidates.set(person.id, person.name);
  }
  const known = await Promise.all(
    [...candidates].slice(0, MAX_CANDIDATES).map(async ([id, name]) => {
      const profile = await help.colleagueProfile(scope, id);
      return profile ? { id, name: profile.displayName || name } : undefined;
    }),
  );
  for (const person of known) {
    if (person && matches(person.name)) people.push({ ...person, source: 'known' });
  }
  const body: ColleaguesResponse = { people: people.slice(0, MAX_COLLEAGUES) };
  return { body };
}

/** People with a user id from the caller's reflections and help requests, most recent first. */
async function knownPeople(
  context: ApiContext,
  help: HelpRequestService,
): Promise<Array<{ id: string; name: string }>> {
  const { scope, services } = context;
  const network = supportNetwork(await weeksOnRecord(services.practice, scope)).people.flatMap(
    (person) =>
      person.key.startsWith('id:') ? [{ id: person.key.slice(3), name: person.name }] : [],
  );
  const [sent, received] = await Promise.all([
    help.listSent(scope, { limit: RECENT_REQUESTS }),
    help.listReceived(scope, { limit: RECENT_REQUESTS }),
  ]);
  return [
    ...network,
    ...sent.items.map(({ request }) => ({ id: request.helper.userId, name: request.helper.name })),
    ...received.items.map(({ request }) => ({
      id: request.asker.userId,
      name: request.asker.name,
    })),
  ];
}
