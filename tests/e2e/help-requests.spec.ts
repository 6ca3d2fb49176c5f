/**
 * Help requests end to end through Microsoft's Agents Playground, with two users: Alex (the
 * playground's own user) and Sam (a second user, through custom activities and invokes posted to
 * the bot with the playground as its connector). Then the compose-box command, cross-tenant and
 * cross-user attempts on real request ids, and a fuzz of every action payload.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { escapeCardText } from '../../bot/cards/card-text';
import { ASK_FOR_HELP_COMMAND } from '../../bot/routes/message-extension';
import { HELP_REQUEST_VERBS } from '../../bot/routes/help-request-actions';
import { HELP_REQUEST_INPUT, HELP_REQUEST_VERB } from '../../bot/cards/help-request-verbs';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { HELP_REQUEST_KIND } from '../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { countReps } from '../../src/domain/reps';
import {
  HELP_STATS_RECORD,
  type HelpRequestRecord,
  type HelpStats,
} from '../../src/services/help-request-service';
import { expectFriendlyAnswer, FUZZ_RUNS } from '../support/bot-fuzz';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { DirectBotClient } from '../support/direct-bot-client';
import { freePort } from '../support/free-port';
import { PlaygroundClient, type StreamEvent } from '../support/playground-client';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(300_000);

const TENANT = 'a0000000-0000-4000-8000-000000000001';
const OTHER_TENANT = 'b0000000-0000-4000-8000-000000000002';
const ALEX = {
  id: 'user-alex',
  name: 'Alex Rivera',
  aadObjectId: 'a0000000-0000-4000-8000-000000000011',
};
const SAM = {
  id: 'user-sam',
  name: 'Sam Okafor',
  aadObjectId: 'a0000000-0000-4000-8000-000000000012',
};
const PRIYA = {
  id: 'user-priya',
  name: 'Priya Nair',
  aadObjectId: 'a0000000-0000-4000-8000-000000000013',
};
const GROUP_CHAT = 'spotter-group-chat';
type Person = typeof ALEX;
type Card = Record<string, unknown>;

let spotter: TestSpotter;
let playground: RunningPlayground;
let client: PlaygroundClient;
let chatId: string;
let template: Record<string, unknown>;

function scopeOf(tid: string, oid: string): Scope {
  const scope = scopeFromClaims({ tid, oid });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

const alexScope = () => scopeOf(TENANT, ALEX.aadObjectId);
const samScope = () => scopeOf(TENANT, SAM.aadObjectId);

function messageIdOf(event: StreamEvent): string {
  const id = (event.message as { messageId?: string } | undefined)?.messageId;
  if (!id) throw new Error('event without message id');
  return id;
}

function cardIn(event: StreamEvent): Card | undefined {
  const attachment = event.message?.attachments?.[0] as { content?: Card } | undefined;
  return attachment?.content;
}

/** Every TextBlock text and button title of a card, sub-cards included. */
function textOf(card: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'TextBlock') texts.push(String(record['text']));
      if (typeof record['title'] === 'string') texts.push(record['title']);
      for (const [key, child] of Object.entries(record)) if (key !== 'fallback') visit(child);
    }
  };
  visit(card);
  return texts.join('\n');
}

/** Verbs of a card's buttons (refresh and fallbacks left out). */
function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'Action.Execute' && key !== 'action')
        verbs.push(String(record['verb']));
      for (const [childKey, child] of Object.entries(record)) {
        if (childKey !== 'fallback') visit(child, childKey);
      }
    }
  };
  visit(card);
  return verbs;
}

/** A message from someone other than the playground's user, through custom activities. */
async function sayAs(person: Person, text: string, tenantId = TENANT): Promise<void> {
  const conversation = template['conversation'] as Record<string, unknown>;
  await client.sendCustomActivity({
    ...template,
    id: randomUUID(),
    type: 'message',
    text,
    locale: 'en-US',
    from: person,
    conversation: { ...conversation, tenantId },
    channelData: { tenant: { id: tenantId } },
  });
}

/** Alex presses an Action.Execute button through the playground; the invoke answer's body. */
async function alexPresses(verb: string, data: Record<string, unknown>, replyToId: string) {
  const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data } },
      from: { id: ALEX.id },
      conversation: { id: chatId },
      replyToId,
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { type: string; value: unknown };
}

interface InvokeOptions {
  readonly tenantId?: string;
  readonly conversationId?: string;
  readonly conversationType?: string;
  readonly name?: string;
  readonly value?: unknown;
}

/**
 * Someone presses a button: the invoke goes straight to the bot with the playground as its
 * connector, so the answer comes back here and everything the bot sends shows in the chat.
 */
async function presses(
  person: Person,
  verb: string,
  data: Record<string, unknown>,
  replyToId: string,
  options: InvokeOptions = {},
): Promise<{ status: number; body: { type?: string; value?: unknown } }> {
  const tenantId = options.tenantId ?? TENANT;
  const conversation = template['conversation'] as Record<string, unknown>;
  const response = await fetch(`${spotter.baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...template,
      id: randomUUID(),
      type: 'invoke',
      name: options.name ?? 'adaptiveCard/action',
      locale: 'en-US',
      from: person,
      replyToId,
      conversation: {
        ...conversation,
        id: options.conversationId ?? conversation['id'],
        conversationType: options.conversationType ?? conversation['conversationType'],
        tenantId,
      },
      channelData: { tenant: { id: tenantId } },
      value: options.value ?? { action: { type: 'Action.Execute', verb, data } },
    }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as object) : {} };
}

async function repsOf(scope: Scope) {
  const weeks = await spotter.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND);
  return countReps(weeks.items.flatMap((week) => week.data.reps));
}

async function requestRecord(id: string) {
  return spotter.store.get<HelpRequestRecord>(alexScope(), HELP_REQUEST_KIND, id);
}

const IN_A_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Alex opens the form with `ask` and sends it; the request, Sam's card and Alex's card. */
async function alexAsks(what: string, helper: Person = SAM) {
  let from = client.received().length;
  await client.say(chatId, 'ask', ALEX.id);
  const form = await client.waitFor(
    (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes('Ask for a hand'),
    { from },
  );
  const formCard = cardIn(form);
  const formId = (formCard?.['actions'] as Array<{ data: { formId: string } }>)[0]?.data.formId;
  from = client.received().length;
  const answer = await alexPresses(
    HELP_REQUEST_VERB.create,
    {
      formId,
      [HELP_REQUEST_INPUT.colleague]: helper.aadObjectId,
      [HELP_REQUEST_INPUT.what]: what,
      [HELP_REQUEST_INPUT.byWhen]: IN_A_WEEK,
      [HELP_REQUEST_INPUT.weight]: 'medium',
    },
    messageIdOf(form),
  );
  const helperCard = await client.waitFor(
    (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes(escapeCardText(what)),
    { from },
  );
  const askerCard = await client.waitFor(
    (e) => e.action === 'updateMessage' && messageIdOf(e) === messageIdOf(form),
    { from },
  );
  const data = (cardIn(helperCard)?.['refresh'] as { action: { data: Record<string, string> } })
    .action.data;
  return {
    answer,
    requestId: String(data['requestId']),
    data,
    helperCardId: messageIdOf(helperCard),
    helperCard: cardIn(helperCard),
    askerCardId: messageIdOf(form),
    askerCard: cardIn(askerCard),
  };
}

/** The latest version of a message: its last update, or the message itself. */
function latest(messageId: string): Card | undefined {
  const events = client.received().filter((e) => {
    const id = (e.message as { messageId?: string } | undefined)?.messageId;
    return id === messageId;
  });
  return cardIn(events[events.length - 1] as StreamEvent);
}

beforeAll(async () => {
  // Room for every scenario's asks to the same colleague on one day (the default is 3).
  spotter = await startSpotter({
    HELP_REQUESTS_PER_PAIR_PER_DAY: '10',
    HELP_REQUESTS_PER_DAY: '20',
  });
  playground = await startPlayground({
    port: await freePort(),
    botEndpoint: `${spotter.baseUrl}/api/messages`,
  });
  client = await PlaygroundClient.connect(playground.url);
  chatId = (await client.config()).personalChatId;
  template = await client.activityTemplate(chatId);
  // Everyone meets Spotter first: that is how it learns to reach them.
  await client.install(chatId);
  for (const person of [SAM, PRIYA]) {
    const from = client.received().length;
    await sayAs(person, 'help');
    await client.waitFor((e) => /what you can say/i.test(e.message?.text ?? ''), { from });
  }
});

afterAll(async () => {
  client?.close();
  await playground?.stop();
  await spotter?.stop();
});

describe('asking and answering in chat', () => {
  it('ask → card arrives → helper accepts → asker marks done and thanks; both cards and counts', async () => {
    const asked = await alexAsks('Ten minutes on my quarterly plan');
    expect(textOf(asked.answer.value)).toContain('Sent to Sam Okafor');
    expect(verbsOf(asked.helperCard)).toEqual([
      HELP_REQUEST_VERB.accept,
      HELP_REQUEST_VERB.decline,
      HELP_REQUEST_VERB.redirect,
    ]);
    expect(verbsOf(asked.askerCard)).toEqual([HELP_REQUEST_VERB.cancel]);
    expect(asked.helperCard?.['refresh']).toMatchObject({ userIds: [ALEX.id, SAM.id] });

    // Sam accepts on his card.
    let from = client.received().length;
    const accepted = await presses(SAM, HELP_REQUEST_VERB.accept, asked.data, asked.helperCardId);
    expect(accepted.status).toBe(200);
    expect(textOf(accepted.body.value)).toContain("Thank you! I've told Alex Rivera.");
    await client.waitFor(
      (e) => /Sam Okafor can help with “Ten minutes/.test(e.message?.text ?? ''),
      { from },
    );
    await client.waitFor(
      (e) => e.action === 'updateMessage' && messageIdOf(e) === asked.askerCardId,
      { from },
    );
    await client.waitFor(
      (e) => e.action === 'updateMessage' && messageIdOf(e) === asked.helperCardId,
      { from },
    );
    expect(verbsOf(latest(asked.askerCardId))).toEqual([
      HELP_REQUEST_VERB.done,
      HELP_REQUEST_VERB.thank,
      HELP_REQUEST_VERB.cancel,
    ]);
    expect(textOf(latest(asked.helperCardId))).toContain('Sam Okafor can help.');
    expect(verbsOf(latest(asked.helperCardId))).toEqual([]);

    // Alex marks it done, then says thanks with a note.
    from = client.received().length;
    const done = await alexPresses(HELP_REQUEST_VERB.done, asked.data, asked.askerCardId);
    expect(textOf(done.value)).toContain('Marked done');
    await client.waitFor((e) => /Alex Rivera marked “Ten minutes/.test(e.message?.text ?? ''), {
      from,
    });
    from = client.received().length;
    const thanked = await alexPresses(
      HELP_REQUEST_VERB.thank,
      { ...asked.data, [HELP_REQUEST_INPUT.note]: 'You made it *easy*' },
      asked.askerCardId,
    );
    expect(textOf(thanked.value)).toContain('Thanks sent to Sam Okafor.');
    const thanksCard = await client.waitFor(
      (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes('says thank you'),
      { from },
    );
    expect(textOf(cardIn(thanksCard))).toContain('You made it \\*easy\\*');
    await client.waitFor(
      (e) =>
        e.action === 'updateMessage' &&
        messageIdOf(e) === asked.helperCardId &&
        textOf(cardIn(e)).includes('Alex Rivera said thank you.'),
      { from },
    );
    expect(textOf(latest(asked.askerCardId))).toContain('Done. Sam Okafor helped.');
    expect(verbsOf(latest(asked.askerCardId))).toEqual([]);

    expect(await repsOf(alexScope())).toEqual({ asked: 1, accepted: 1, thanked: 1 });
    expect(await repsOf(samScope())).toEqual({ asked: 0, accepted: 0, thanked: 0 });
    const stats = await spotter.store.get<HelpStats>(
      samScope(),
      HELP_STATS_RECORD.kind,
      HELP_STATS_RECORD.id,
    );
    expect(stats?.data).toEqual({ helped: 1, thanksReceived: 1 });

    // A double click on accept changes nothing and shows where the request stands.
    const again = await presses(SAM, HELP_REQUEST_VERB.accept, asked.data, asked.helperCardId);
    expect(textOf(again.body.value)).toContain('This request has moved on');
    expect(await repsOf(alexScope())).toEqual({ asked: 1, accepted: 1, thanked: 1 });
  });

  it('declines with a reason, and the helper can stop requests from this asker', async () => {
    const asked = await alexAsks('Cover my Friday stand-up');
    let from = client.received().length;
    const declined = await presses(
      SAM,
      HELP_REQUEST_VERB.decline,
      {
        ...asked.data,
        [HELP_REQUEST_INPUT.reason]: 'Out until Friday',
        [HELP_REQUEST_INPUT.mute]: 'true',
      },
      asked.helperCardId,
    );
    expect(textOf(declined.body.value)).toContain(
      "Alex Rivera can't send you requests through Spotter now",
    );
    expect(verbsOf(declined.body.value)).toEqual([HELP_REQUEST_VERB.unmute]);
    await client.waitFor(
      (e) =>
        /can't help with “Cover my Friday stand\\-up” this time: “Out until Friday”/.test(
          e.message?.text ?? '',
        ),
      { from },
    );
    await client.waitFor(
      (e) =>
        e.action === 'updateMessage' &&
        messageIdOf(e) === asked.askerCardId &&
        textOf(cardIn(e)).includes("Sam Okafor can't this time: “Out until Friday”"),
      { from },
    );
    expect(await repsOf(alexScope())).toMatchObject({ asked: 2 });

    // Muted: the next ask is kindly refused.
    from = client.received().length;
    await client.say(chatId, 'ask', ALEX.id);
    const form = await client.waitFor(
      (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes('Ask for a hand'),
      { from },
    );
    const refused = await alexPresses(
      HELP_REQUEST_VERB.create,
      { [HELP_REQUEST_INPUT.colleague]: SAM.aadObjectId, [HELP_REQUEST_INPUT.what]: 'one more' },
      messageIdOf(form),
    );
    expect(textOf(refused.value)).toContain("Sam Okafor isn't taking requests through Spotter");

    const unmuted = await presses(SAM, HELP_REQUEST_VERB.unmute, asked.data, asked.helperCardId);
    expect(textOf(unmuted.body.value)).toContain('Alex Rivera can ask you through Spotter again.');
  });

  it('suggests someone, and the asker asks them in one click', async () => {
    const asked = await alexAsks('Proofread the launch post');
    let from = client.received().length;
    const redirected = await presses(
      SAM,
      HELP_REQUEST_VERB.redirect,
      { ...asked.data, [HELP_REQUEST_INPUT.suggestPicked]: PRIYA.aadObjectId },
      asked.helperCardId,
    );
    expect(textOf(redirected.body.value)).toContain('Thanks for pointing the way');
    await client.waitFor(
      (e) => /Sam Okafor suggests asking Priya Nair about “Proofread/.test(e.message?.text ?? ''),
      { from },
    );
    const askerCard = await client.waitFor(
      (e) => e.action === 'updateMessage' && messageIdOf(e) === asked.askerCardId,
      { from },
    );
    expect(textOf(cardIn(askerCard))).toContain('Sam Okafor suggests asking Priya Nair.');
    const askPriya = (cardIn(askerCard)?.['actions'] as Array<Record<string, unknown>>).find(
      (action) => action['verb'] === HELP_REQUEST_VERB.compose,
    );
    expect(askPriya?.['title']).toBe('Ask Priya Nair');

    from = client.received().length;
    const opened = await alexPresses(
      HELP_REQUEST_VERB.compose,
      askPriya?.['data'] as Record<string, unknown>,
      asked.askerCardId,
    );
    expect(opened.value).toBe("Here's a request with your words in it.");
    const form = await client.waitFor(
      (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes('Ask for a hand'),
      { from },
    );
    const json = JSON.stringify(cardIn(form));
    expect(json).toContain(`"value":"${PRIYA.aadObjectId}"`);
    expect(json).toContain('"title":"Priya Nair"');
    expect(json).toContain('Proofread the launch post');
  });

  it('cancels, and tells the helper', async () => {
    const asked = await alexAsks('Pair on the flaky test');
    const from = client.received().length;
    const cancelled = await alexPresses(HELP_REQUEST_VERB.cancel, asked.data, asked.askerCardId);
    expect(textOf(cancelled.value)).toContain("Cancelled. I've told Sam Okafor.");
    await client.waitFor(
      (e) => /doesn't need help with “Pair on the flaky test” any more/.test(e.message?.text ?? ''),
      { from },
    );
    const late = await presses(SAM, HELP_REQUEST_VERB.accept, asked.data, asked.helperCardId);
    expect(textOf(late.body.value)).toContain("Alex Rivera doesn't need this any more.");
    expect(verbsOf(late.body.value)).toEqual([]);
  });

  it('tells the asker plainly when the colleague has no Spotter, and offers the compose box', async () => {
    const from = client.received().length;
    await client.say(chatId, 'ask', ALEX.id);
    const form = await client.waitFor(
      (e) => e.action === 'createMessage' && textOf(cardIn(e)).includes('Ask for a hand'),
      { from },
    );
    const answer = await alexPresses(
      HELP_REQUEST_VERB.create,
      {
        [HELP_REQUEST_INPUT.colleague]: 'a0000000-0000-4000-8000-000000000016',
        [HELP_REQUEST_INPUT.what]: 'Lend me your projector',
      },
      messageIdOf(form),
    );
    expect(textOf(answer.value)).toMatch(/doesn't have Spotter yet.*Ask for help/s);
    expect(JSON.stringify(answer.value)).toContain('Lend me your projector');
  });
});

describe('the compose box', () => {
  it('fetchTask gives the form; submitAction gives the card; posted in a chat it works like the bot’s', async () => {
    const invoke = async (name: string, value: unknown) => {
      const response = await fetch(`${playground.url}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          value,
          from: { id: ALEX.id },
          conversation: { id: GROUP_CHAT },
        }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };
    const fetched = (await invoke('composeExtension/fetchTask', {
      commandId: ASK_FOR_HELP_COMMAND,
      commandContext: 'compose',
    })) as { task: { type: string; value: { title: string; card: { content: Card } } } };
    expect(fetched.task.type).toBe('continue');
    expect(fetched.task.value.title).toBe('Ask for help');
    const form = fetched.task.value.card.content;
    const submit = (form['actions'] as Array<{ type: string; data: Record<string, string> }>)[0];
    expect(submit?.type).toBe('Action.Submit');

    const problem = (await invoke('composeExtension/submitAction', {
      commandId: ASK_FOR_HELP_COMMAND,
      data: { ...submit?.data, [HELP_REQUEST_INPUT.what]: 'Sketch the diagram' },
    })) as { task: { value: { card: { content: Card } } } };
    expect(textOf(problem.task.value.card.content)).toContain('Pick a colleague');

    const inserted = (await invoke('composeExtension/submitAction', {
      commandId: ASK_FOR_HELP_COMMAND,
      data: {
        ...submit?.data,
        [HELP_REQUEST_INPUT.colleague]: SAM.aadObjectId,
        [HELP_REQUEST_INPUT.what]: 'Sketch the diagram',
        [HELP_REQUEST_INPUT.weight]: 'heavy',
      },
    })) as {
      composeExtension: {
        type: string;
        attachments: Array<{ contentType: string; content: Card }>;
      };
    };
    expect(inserted.composeExtension.type).toBe('result');
    const card = inserted.composeExtension.attachments[0]?.content;
    expect(textOf(card)).toContain('Alex Rivera asks Sam Okafor for a hand');
    expect(verbsOf(card)).toEqual([]);
    const refresh = card?.['refresh'] as {
      userIds: string[];
      action: { data: Record<string, string> };
    };
    expect(refresh.userIds).toEqual([ALEX.id, SAM.id]);
    const data = refresh.action.data;
    const requestId = String(data['requestId']);

    // Posted in the group chat: each side's refresh gives their own buttons, others the status.
    const posted = `me-card-${randomUUID()}`;
    const group = { conversationId: GROUP_CHAT, conversationType: 'groupChat' };
    const samView = await presses(SAM, HELP_REQUEST_VERB.refresh, data, posted, group);
    expect(verbsOf(samView.body.value)).toEqual([
      HELP_REQUEST_VERB.accept,
      HELP_REQUEST_VERB.decline,
      HELP_REQUEST_VERB.redirect,
    ]);
    const alexView = await presses(ALEX, HELP_REQUEST_VERB.refresh, data, posted, group);
    expect(verbsOf(alexView.body.value)).toEqual([HELP_REQUEST_VERB.cancel]);
    const priyaView = await presses(PRIYA, HELP_REQUEST_VERB.refresh, data, posted, group);
    expect(textOf(priyaView.body.value)).toContain('Waiting for Sam Okafor');
    expect(verbsOf(priyaView.body.value)).toEqual([]);

    const from = client.received().length;
    const accepted = await presses(SAM, HELP_REQUEST_VERB.accept, data, posted, group);
    expect(textOf(accepted.body.value)).toContain('Sam Okafor can help.');
    await client.waitFor((e) => /Sam Okafor can help with “Sketch/.test(e.message?.text ?? ''), {
      from,
    });
    const record = await requestRecord(requestId);
    expect(record?.data.request.status).toBe('accepted');
    expect(record?.data.cards).toEqual([
      expect.objectContaining({ view: 'chat', activityId: posted }),
    ]);

    // An older client's Action.Submit on the inserted card arrives as onCardButtonClicked.
    const clicked = await presses(ALEX, '', {}, posted, {
      ...group,
      name: 'composeExtension/onCardButtonClicked',
      value: { ...data, verb: HELP_REQUEST_VERB.done },
    });
    expect(clicked.status).toBe(200);
    expect((await requestRecord(requestId))?.data.request.status).toBe('done');
  });
});

describe('cross-tenant and cross-user attempts on a real request', () => {
  it('change nothing and reveal nothing', async () => {
    const asked = await alexAsks('Share the budget sheet');
    const before = await requestRecord(asked.requestId);
    const unknown = { requestId: randomUUID(), askerId: ALEX.aadObjectId };
    const verbs = [
      HELP_REQUEST_VERB.refresh,
      HELP_REQUEST_VERB.accept,
      HELP_REQUEST_VERB.decline,
      HELP_REQUEST_VERB.redirect,
      HELP_REQUEST_VERB.cancel,
      HELP_REQUEST_VERB.done,
      HELP_REQUEST_VERB.thank,
      HELP_REQUEST_VERB.unmute,
    ];
    const intruders: Array<[string, Person, string]> = [
      ['Sam in another tenant', SAM, OTHER_TENANT],
      ['Alex in another tenant', ALEX, OTHER_TENANT],
      ['Priya, not part of it', PRIYA, TENANT],
    ];
    const from = client.received().length;
    for (const [, person, tenantId] of intruders) {
      for (const verb of verbs) {
        const data = {
          ...asked.data,
          [HELP_REQUEST_INPUT.reason]: 'x',
          [HELP_REQUEST_INPUT.note]: 'x',
          [HELP_REQUEST_INPUT.suggestName]: 'Mallory',
        };
        const real = await presses(person, verb, data, asked.helperCardId, { tenantId });
        const made = await presses(person, verb, { ...data, ...unknown }, asked.helperCardId, {
          tenantId,
        });
        expect(real.status).toBe(200);
        expect(real.body).toEqual(made.body);
        const shown = JSON.stringify(real.body);
        expect(shown).not.toContain('Share the budget');
        expect(shown).not.toContain('Alex Rivera');
        expect(shown).not.toContain('Sam Okafor');
      }
    }
    expect(await requestRecord(asked.requestId)).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.received().slice(from)).toEqual([]);
    expect(await spotter.store.exportUser(scopeOf(OTHER_TENANT, SAM.aadObjectId))).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ kind: HELP_REQUEST_KIND })]),
    );
  });
});

describe('fuzz of every action payload', () => {
  const base = () => spotter.baseUrl;
  /** A value of the right shape now and then, anything JSON otherwise. */
  const either = <T>(good: fc.Arbitrary<T>) => fc.oneof(good, fc.string(), fc.jsonValue());
  /** Text of any length up to `max` (fast-check's default size would keep it short). */
  const text = (max: number) =>
    fc.oneof(
      fc.string({ maxLength: 20, unit: 'grapheme' }),
      fc.string({ maxLength: max, unit: 'grapheme', size: 'max' }),
    );
  // The fuzz's own connector, so that what the bot sends (deliveries, updates, messages to the
  // other side) is answered at once and never reaches the playground.
  let connector: ConnectorStandIn;
  const realIds: string[] = [];

  /** Sends an activity as `who`, with the stand-in as connector. */
  const send = (who: DirectBotClient, fields: Record<string, unknown>) =>
    who.send(who.activity({ serviceUrl: connector.serviceUrl, ...fields }));
  const execute = (who: DirectBotClient, verb: string, data: unknown) =>
    send(who, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: randomUUID(),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });

  beforeAll(async () => {
    connector = await ConnectorStandIn.start({
      tenantLimit: { limit: 1_000_000, windowMs: 1_000 },
      conversationLimits: [],
      tenantOf: (conversationId) => conversationId,
    });
    // Requests in a fuzz tenant (through the compose box), and a helper Spotter can reach.
    const asker = new DirectBotClient(base(), { tenantId: 'fuzz-tenant-a', userId: 'fuzz-user-1' });
    const helper = new DirectBotClient(base(), {
      tenantId: 'fuzz-tenant-a',
      userId: 'fuzz-user-2',
    });
    await send(helper, { type: 'message', text: 'help' });
    for (let i = 0; i < 3; i += 1) {
      const answer = await send(asker, {
        type: 'invoke',
        name: 'composeExtension/submitAction',
        value: {
          commandId: ASK_FOR_HELP_COMMAND,
          data: { formId: randomUUID(), colleague: 'fuzz-user-2', what: `fuzz ${i}` },
        },
      });
      const id = /"requestId":"([0-9a-f-]{36})"/.exec(JSON.stringify(answer.invoke ?? {}))?.[1];
      if (id) realIds.push(id);
    }
    expect(realIds).toHaveLength(3);
  });

  afterAll(async () => {
    await connector?.stop();
  });

  const requestId = () => either(fc.oneof(fc.constantFrom(...realIds), fc.uuid()));
  const people = () =>
    fc
      .record({
        tenantId: fc.constantFrom('fuzz-tenant-a', 'fuzz-tenant-b'),
        userId: fc.constantFrom('fuzz-user-1', 'fuzz-user-2', 'fuzz-user-3'),
        locale: fc.constantFrom('en-US', 'de-DE', 'xx'),
        conversationType: fc.constantFrom('personal', 'groupChat'),
      })
      .map((user) => new DirectBotClient(base(), user));
  const actionData = () =>
    fc.oneof(
      fc.record(
        {
          requestId: requestId(),
          askerId: either(fc.constantFrom('fuzz-user-1', 'fuzz-user-2', '__proto__')),
          formId: either(fc.uuid()),
          colleague: either(fc.constantFrom('fuzz-user-1', 'fuzz-user-2', 'fuzz-user-9', ',,')),
          colleagueName: either(text(300)),
          colleagueAddress: either(fc.emailAddress()),
          what: either(text(700)),
          byWhen: either(
            fc
              .date({
                noInvalidDate: true,
                min: new Date('2020-01-01'),
                max: new Date('2030-01-01'),
              })
              .map((d) => d.toISOString().slice(0, 10)),
          ),
          weight: either(fc.constantFrom('light', 'medium', 'heavy')),
          reason: either(text(1_500)),
          mute: either(fc.constantFrom('true', 'false')),
          suggestPicked: either(fc.constantFrom('fuzz-user-1', 'fuzz-user-2', 'fuzz-user-3')),
          suggestName: either(text(500)),
          note: either(text(2_500)),
        },
        { requiredKeys: [] },
      ),
      fc.jsonValue(),
    );

  it.each([...HELP_REQUEST_VERBS])(
    'Action.Execute %s: a friendly answer, never a 5xx',
    async (verb) => {
      await fc.assert(
        fc.asyncProperty(people(), actionData(), async (who, data) => {
          expectFriendlyAnswer(await execute(who, verb, data));
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
  );

  it('Action.Submit fallbacks of every verb: a friendly answer, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        people(),
        fc.constantFrom(...HELP_REQUEST_VERBS),
        actionData(),
        async (who, verb, data) => {
          const value = data && typeof data === 'object' && !Array.isArray(data) ? data : {};
          const answer = await send(who, {
            type: 'message',
            value: { ...value, verb },
            replyToId: randomUUID(),
          });
          expectFriendlyAnswer(answer);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it.each([
    'composeExtension/fetchTask',
    'composeExtension/submitAction',
    'composeExtension/onCardButtonClicked',
  ])('%s: a friendly answer, never a 5xx', async (name) => {
    await fc.assert(
      fc.asyncProperty(people(), actionData(), async (who, data) => {
        const value =
          name === 'composeExtension/onCardButtonClicked'
            ? data
            : { commandId: ASK_FOR_HELP_COMMAND, data };
        expectFriendlyAnswer(await send(who, { type: 'invoke', name, value }));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('is still healthy afterwards', async () => {
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });
});
