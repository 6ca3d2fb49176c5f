/**
 * Checks a card with Microsoft's official Adaptive Cards renderer (`adaptivecards` 3.0.6): parse
 * warnings and `validateProperties()` failures, as a list of plain messages.
 *
 * @remarks
 * The renderer predates Teams' dynamic typeahead: a people picker (`Input.ChoiceSet` whose
 * `choices.data` is a `Data.Query` on `graph.microsoft.com/users`) legitimately has no static
 * choices, so that one message is not counted for such a choice set.
 */
// The package's `lib/` entry does not load in Node; its browser bundle does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: Array<{ message: string }> };
  };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(index: number): { message: string };
  };
};

const NO_CHOICES = 'An Input.ChoiceSet must have at least one choice defined.';

function hasDynamicChoiceSetOnly(card: unknown): boolean {
  const choiceSets: Array<Record<string, unknown>> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'Input.ChoiceSet') choiceSets.push(record);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  const empty = choiceSets.filter(
    (set) => !Array.isArray(set['choices']) || set['choices'].length === 0,
  );
  return (
    empty.length > 0 &&
    empty.every(
      (set) => (set['choices.data'] as { type?: string } | undefined)?.type === 'Data.Query',
    )
  );
}

/** Every problem the official renderer finds in a card; an empty list means the card is valid. */
export function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  parsed.parse(card, context);
  const problems = Array.from(
    { length: context.eventCount },
    (_, i) => context.getEventAt(i).message,
  );
  const excused = hasDynamicChoiceSetOnly(card);
  for (const event of parsed.validateProperties().validationEvents) {
    if (!(excused && event.message === NO_CHOICES)) problems.push(event.message);
  }
  const version = (card as { version?: unknown } | null)?.version;
  if (version !== '1.5') problems.push(`card version is ${String(version)}, expected 1.5`);
  return problems;
}
