/**
 * Random activities for the bot: text in every shape, the fields Teams fills in (sender,
 * recipient, conversation, tenant, locale) missing or odd, and every kind of invoke.
 *
 * @remarks
 * The arbitraries build on {@link DirectBotClient.activity}, so a case is a real Teams activity
 * with some of its parts bent. A field set to `undefined` is left out of the JSON.
 */
import fc from 'fast-check';
import type { DirectBotClient } from '../direct-bot-client';

/** The largest text the bot endpoint accepts (a longer one is refused with a 400). */
const MAX_TEXT = 28_000;

/** Text of every kind: short, unicode, control characters, markup, empty, huge. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ maxLength: 300, unit: 'grapheme' }),
  fc.string({ maxLength: 2_000, unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u200b\ufeff',
    '<at>Spotter</at> ',
    '**[x](javascript:alert(1))** ${x} {{name}} <script>',
    '\ud800',
    '𝔰𝔭𝔬𝔱𝔱𝔢𝔯 👩🏽‍🤝‍👨🏿',
  ),
  fc
    .tuple(fc.integer({ min: MAX_TEXT - 10, max: MAX_TEXT + 10 }), fc.constantFrom('a', 'ß', '😀'))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length))),
);

/** A text that one of `patterns` matches, in random letter case, sometimes with junk after it. */
export function commandText(patterns: readonly RegExp[]): fc.Arbitrary<string> {
  // fast-check cannot generate for the `i` flag: generate lower case, then vary the case.
  const matching = patterns.map((pattern) =>
    fc
      .tuple(
        fc.stringMatching(new RegExp(pattern.source, pattern.flags.replace(/[igmy]/g, ''))),
        fc.infiniteStream(fc.boolean()),
      )
      .map(([text, upper]) =>
        [...text].map((c) => (upper.next().value ? c.toUpperCase() : c)).join(''),
      ),
  );
  return fc.oneof(...matching);
}

/** Client locales: real ones, malformed ones and anything at all. */
export const locale: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom('en-US', 'de-DE', 'de', 'fr-FR', 'EN-us', 'zh-Hans-CN', 'xx', '', undefined),
  fc.constantFrom('../../etc/passwd', '__proto__', 'constructor', 'en-US-u-ca-xx', 'de_DE.UTF-8'),
  fc.string({ maxLength: 40 }),
);

/** Conversation types: Teams' three and junk. */
const conversationType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom('personal', 'groupChat', 'channel', '', undefined),
  fc.string({ maxLength: 20 }),
);

const anyId = fc.oneof(
  fc.constantFrom('', ' ', 'fuzz-tenant-a', 'fuzz-tenant-b', 'fuzz-user-1', '29:fuzz-user-2'),
  fc.string({ maxLength: 200 }),
  fc.uuid(),
);
const json = fc.jsonValue({ maxDepth: 3 });
const absentOr = <T>(value: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), value);

/** Each field Teams fills in, missing, swapped, of the wrong type or mismatched. */
const BENT_FIELDS = {
  from: absentOr(
    fc.oneof(
      fc.record({ id: anyId, aadObjectId: absentOr(anyId), name: absentOr(junkText) }),
      json,
    ),
  ),
  recipient: absentOr(fc.oneof(fc.record({ id: anyId, name: absentOr(junkText) }), json)),
  conversation: absentOr(
    fc.oneof(
      fc.record(
        { id: anyId, tenantId: absentOr(anyId), conversationType, isGroup: json },
        { requiredKeys: ['id'] },
      ),
      json,
    ),
  ),
  channelData: absentOr(
    fc.oneof(
      fc.record({ tenant: fc.oneof(fc.record({ id: anyId }), json) }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 10 }), json, { maxKeys: 4 }),
      json,
    ),
  ),
  locale,
  localTimezone: absentOr(fc.oneof(fc.constantFrom('Mars/Olympus', 'UTC', '+25:00'), junkText)),
  timestamp: absentOr(fc.oneof(fc.date({ noInvalidDate: false }).map(String), junkText)),
  channelId: fc.constantFrom('msteams', 'emulator', 'webchat', '', 'x'.repeat(65)),
  serviceUrl: fc.constantFrom('http://127.0.0.1:9/_connector', 'not a url', 'file:///etc/passwd'),
  entities: absentOr(fc.oneof(fc.array(json, { maxLength: 3 }), json)),
  attachments: absentOr(fc.oneof(fc.array(json, { maxLength: 3 }), json)),
  value: absentOr(json),
  replyToId: absentOr(fc.oneof(anyId, json)),
  id: absentOr(fc.oneof(anyId, fc.constant('x'.repeat(600)))),
};

/**
 * Overrides of the fields Teams fills in: mostly one field bent (so the rest of the activity is
 * valid and the bent field reaches the bot), sometimes several at once.
 */
export const oddFields: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.oneof(
      ...Object.entries(BENT_FIELDS).map(([key, value]) => value.map((bent) => ({ [key]: bent }))),
    ),
  },
  { weight: 1, arbitrary: fc.record(BENT_FIELDS, { requiredKeys: [] }) },
);

/** Data a card might send: one of `examples` bent a little, a record of `keys`, or any JSON. */
export function cardData(
  examples: readonly Record<string, unknown>[],
  keys: readonly string[],
): fc.Arbitrary<unknown> {
  const value = fc.oneof(junkText, json, fc.uuid(), fc.constantFrom('true', 'false', '2026-W48'));
  const exampleKeys = [...new Set(examples.flatMap((example) => Object.keys(example)))];
  const bent =
    exampleKeys.length === 0
      ? []
      : [
          fc
            .tuple(
              fc.constantFrom(...examples),
              fc.dictionary(fc.constantFrom(...exampleKeys), value, {
                maxKeys: 3,
              }),
            )
            .map(([example, changes]) => ({ ...example, ...changes })),
        ];
  const records =
    keys.length === 0 ? [] : [fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 })];
  return fc.oneof(...bent, ...records, json);
}

/** An `adaptiveCard/action` invoke value: usually well formed, sometimes bent out of shape. */
export function executeValue(verb: fc.Arbitrary<string>, data: fc.Arbitrary<unknown>) {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        action: fc.record({ type: fc.constant('Action.Execute'), verb, data }),
        trigger: fc.constantFrom('manual', 'automatic'),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        { action: fc.oneof(json, fc.record({ type: json, verb: json, data: json })) },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: json },
  );
}

/** Builds `client`'s activity with `fields`, then applies `odd` on top. */
export function activityOf(
  client: DirectBotClient,
  fields: Record<string, unknown>,
  odd: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...client.activity(fields), ...odd };
}
