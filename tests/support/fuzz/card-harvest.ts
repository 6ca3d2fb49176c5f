/**
 * What the bot's own cards send back: the data of every button and the ids of every input,
 * gathered from the cards the bot answers with, so card actions are fuzzed with realistic data.
 */
import type { DirectAnswer } from '../direct-bot-client';

/** Button data by verb, and input ids, seen on the bot's cards. */
export interface CardHarvest {
  /** Each verb's button data as the cards carry it (without the verb). */
  readonly examples: Map<string, Record<string, unknown>[]>;
  /** Ids of every input on the cards: the keys clients add to the data. */
  readonly inputIds: Set<string>;
}

/** An empty harvest, to fill with {@link harvestCards}. */
export function emptyHarvest(): CardHarvest {
  return { examples: new Map(), inputIds: new Set() };
}

/** Adds the buttons and inputs of every card in `answer` to `harvest`. */
export function harvestCards(harvest: CardHarvest, answer: DirectAnswer): void {
  const cards: unknown[] = answer.replies.flatMap((reply) =>
    (reply.attachments ?? []).map((attachment) => attachment.content),
  );
  if (answer.invoke?.type === 'application/vnd.microsoft.card.adaptive') {
    cards.push(answer.invoke.value);
  }
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const type = element['type'];
    if (typeof type === 'string' && type.startsWith('Input.') && typeof element['id'] === 'string')
      harvest.inputIds.add(element['id']);
    if (type === 'Action.Execute' && typeof element['verb'] === 'string')
      remember(harvest, element['verb'], element['data']);
    Object.values(element).forEach(visit);
  };
  cards.forEach(visit);
}

function remember(harvest: CardHarvest, verb: string, data: unknown): void {
  const record =
    data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'verb'));
  const known = harvest.examples.get(verb) ?? [];
  if (known.length < 20 && !known.some((k) => JSON.stringify(k) === JSON.stringify(rest)))
    known.push(rest);
  harvest.examples.set(verb, known);
}
