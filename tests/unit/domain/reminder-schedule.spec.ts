import fc from 'fast-check';
import {
  afterQuietHours,
  nextReminder,
  reminderVerdict,
  reminderWeekOf,
  scheduledReminder,
  skipWeek,
  snoozeReminder,
  withSending,
  withSent,
  withoutSending,
  type PlannedReminder,
  type ReminderFacts,
  type ReminderLog,
  type ReminderSettings,
} from '../../../src/domain/reminder-schedule';
import { addWeeks, localDateTimeOf, weekKeyOf, isoWeekday } from '../../../src/domain/week';

const BERLIN: ReminderSettings = {
  reminderDay: 5,
  reminderTime: '16:00',
  timeZone: 'Europe/Berlin',
  paused: false,
  quietHours: null,
};

function facts(
  settings: Partial<ReminderSettings> = {},
  log: ReminderLog = {},
  completed: string[] = [],
): ReminderFacts {
  return { settings: { ...BERLIN, ...settings }, log, completedWeeks: new Set(completed) };
}

const at = (iso: string) => new Date(iso);

function localOf(planned: PlannedReminder | undefined, timeZone: string) {
  if (!planned) throw new Error('expected a reminder');
  const local = localDateTimeOf(new Date(planned.at), timeZone);
  return {
    weekday: isoWeekday(local),
    time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
  };
}

describe('the weekly reminder', () => {
  it('is due on the chosen local day and time of the current week', () => {
    expect(nextReminder(facts(), at('2026-11-23T08:00:00Z'))).toEqual({
      at: '2026-11-27T15:00:00.000Z',
      week: '2026-W48',
      followUp: false,
    });
  });

  it('moves to next week once this week’s time has passed', () => {
    expect(nextReminder(facts(), at('2026-11-27T15:00:01Z'))?.at).toBe('2026-12-04T15:00:00.000Z');
  });

  it('may be due right now', () => {
    expect(nextReminder(facts(), at('2026-11-27T15:00:00Z'))?.at).toBe('2026-11-27T15:00:00.000Z');
  });

  it('keeps 16:00 local across the spring daylight-saving change (Berlin, 29 March 2026)', () => {
    const before = nextReminder(facts(), at('2026-03-23T00:00:00Z'));
    const after = nextReminder(facts(), at('2026-03-28T00:00:00Z'));
    expect(before).toMatchObject({ at: '2026-03-27T15:00:00.000Z', week: '2026-W13' });
    expect(after).toMatchObject({ at: '2026-04-03T14:00:00.000Z', week: '2026-W14' });
  });

  it('keeps 16:00 local across the autumn change (Berlin, 25 October 2026)', () => {
    expect(nextReminder(facts(), at('2026-10-19T00:00:00Z'))?.at).toBe('2026-10-23T14:00:00.000Z');
    expect(nextReminder(facts(), at('2026-10-24T00:00:00Z'))?.at).toBe('2026-10-30T15:00:00.000Z');
  });

  it('lands in the daylight-saving week itself on Sunday when the clocks change', () => {
    const sunday = { reminderDay: 7, reminderTime: '02:30' };
    // 02:30 does not exist on 29 March: it moves forward by the gap, to 03:30 CEST.
    expect(nextReminder(facts(sunday), at('2026-03-28T00:00:00Z'))?.at).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 25 October: the first one (still CEST) counts.
    expect(nextReminder(facts(sunday), at('2026-10-24T00:00:00Z'))?.at).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('follows the US change too (New York, 8 March 2026), a week apart by the calendar', () => {
    const ny = { timeZone: 'America/New_York' };
    const first = nextReminder(facts(ny), at('2026-03-02T12:00:00Z'));
    const second = nextReminder(facts(ny), at('2026-03-07T12:00:00Z'));
    expect(first?.at).toBe('2026-03-06T21:00:00.000Z');
    expect(second?.at).toBe('2026-03-13T20:00:00.000Z');
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBe(7 * 86_400_000 - 3_600_000);
  });

  it('uses the week of the person’s own time zone', () => {
    // Monday 00:30 in Auckland is still Sunday in UTC: a Monday reminder is this week’s.
    const monday = { reminderDay: 1, reminderTime: '09:00', timeZone: 'Pacific/Auckland' };
    const now = at('2026-11-22T11:30:00Z');
    expect(weekKeyOf(now, 'Pacific/Auckland')).toBe('2026-W48');
    expect(nextReminder(facts(monday), now)).toMatchObject({
      at: '2026-11-22T20:00:00.000Z',
      week: '2026-W48',
    });
  });

  it('is none while paused or stopped', () => {
    expect(nextReminder(facts({ paused: true }), at('2026-11-23T08:00:00Z'))).toBeUndefined();
    expect(
      nextReminder(facts({}, { stopped: 'uninstalled' }), at('2026-11-23T08:00:00Z')),
    ).toBeUndefined();
  });

  it('skips a week whose reflection is already completed', () => {
    expect(nextReminder(facts({}, {}, ['2026-W48']), at('2026-11-23T08:00:00Z'))?.week).toBe(
      '2026-W49',
    );
  });

  it('skips a week that already had its reminder', () => {
    const log: ReminderLog = { latest: { week: '2026-W48', sentAt: '2026-11-25T10:00:00Z' } };
    // Even when the person then moves the reminder to a later day of the same week.
    expect(nextReminder(facts({ reminderDay: 6 }, log), at('2026-11-25T11:00:00Z'))?.week).toBe(
      '2026-W49',
    );
  });

  it('keeps a reminder that is due but not yet sent', () => {
    const planned = scheduledReminder(BERLIN, '2026-W48');
    expect(nextReminder(facts({}, { next: planned }), at('2026-11-27T15:05:00Z'))).toEqual(planned);
  });
});

describe('the week a reminder belongs to', () => {
  it('is the person’s own week at that moment, to the minute', () => {
    // Sunday 23:59 and Monday 00:00 in Berlin (CET), twice to use the remembered answer.
    for (let i = 0; i < 2; i += 1) {
      expect(reminderWeekOf(at('2026-11-29T22:59:59Z'), 'Europe/Berlin')).toBe('2026-W48');
      expect(reminderWeekOf(at('2026-11-29T23:00:00Z'), 'Europe/Berlin')).toBe('2026-W49');
      expect(reminderWeekOf(at('2026-11-29T23:00:00Z'), 'UTC')).toBe('2026-W48');
    }
  });
});

describe('quiet hours', () => {
  it('push a reminder to their end on the same day', () => {
    const quiet = { quietHours: { start: '15:00', end: '17:30' } };
    expect(nextReminder(facts(quiet), at('2026-11-23T08:00:00Z'))?.at).toBe(
      '2026-11-27T16:30:00.000Z',
    );
  });

  it('push a reminder inside overnight quiet hours to the next morning', () => {
    const late = { reminderTime: '23:00', quietHours: { start: '22:00', end: '07:00' } };
    expect(nextReminder(facts(late), at('2026-11-23T08:00:00Z'))).toMatchObject({
      at: '2026-11-28T06:00:00.000Z',
      week: '2026-W48',
    });
  });

  it('leave a reminder outside them alone', () => {
    const instant = at('2026-11-27T15:00:00Z');
    expect(
      afterQuietHours(instant, { ...BERLIN, quietHours: { start: '22:00', end: '07:00' } }),
    ).toBe(instant);
    expect(
      afterQuietHours(instant, { ...BERLIN, quietHours: { start: '16:00', end: '16:00' } }),
    ).toBe(instant);
  });

  it('end on the wall clock of a daylight-saving day', () => {
    // Quiet until 07:00 on Sunday 29 March 2026: 07:00 CEST is 05:00 UTC.
    const settings = { ...BERLIN, quietHours: { start: '22:00', end: '07:00' } };
    expect(afterQuietHours(at('2026-03-28T22:30:00Z'), settings).toISOString()).toBe(
      '2026-03-29T05:00:00.000Z',
    );
  });

  it('carry a Sunday-night reminder into the new week, which it then belongs to', () => {
    const sunday = {
      reminderDay: 7,
      reminderTime: '23:00',
      quietHours: { start: '22:00', end: '07:00' },
    };
    const next = nextReminder(facts(sunday), at('2026-11-23T08:00:00Z'));
    // W47's Sunday 23:00 became Monday 23 Nov 07:00 (already past); W48's becomes Monday 30 Nov.
    expect(next).toMatchObject({ at: '2026-11-30T06:00:00.000Z', week: '2026-W49' });
  });
});

describe('what the sender checks before sending', () => {
  const planned = scheduledReminder(BERLIN, '2026-W48');
  const due = at('2026-11-27T15:01:00Z');

  it('sends a due reminder', () => {
    expect(reminderVerdict(facts(), planned, due)).toBe('send');
  });

  it.each<[string, ReminderFacts, Date, string]>([
    ['not yet', facts(), at('2026-11-27T14:59:00Z'), 'not-yet'],
    ['paused', facts({ paused: true }), due, 'paused'],
    ['stopped', facts({}, { stopped: 'unreachable' }), due, 'stopped'],
    ['reflected', facts({}, {}, ['2026-W48']), due, 'reflected'],
    ['too late: the week is over', facts(), at('2026-11-30T09:00:00Z'), 'week-over'],
    ['moved to another time', facts({ reminderTime: '17:00' }), due, 'rescheduled'],
    ['moved to another zone', facts({ timeZone: 'Europe/London' }), due, 'rescheduled'],
    [
      'already sent',
      facts({}, { latest: { week: '2026-W48', sentAt: '2026-11-27T15:00:00Z' } }),
      due,
      'already-sent',
    ],
  ])('holds back a reminder: %s', (_label, f, now, verdict) => {
    expect(reminderVerdict(f, planned, now)).toBe(verdict);
  });
});

describe('snooze, follow-up and skip', () => {
  const sentAt = '2026-11-27T15:00:00.000Z';
  const sent: ReminderLog = { latest: { week: '2026-W48', sentAt } };
  const pressAt = at('2026-11-27T15:10:00Z');

  it('snoozes once for an hour, and the follow-up becomes the next reminder', () => {
    const result = snoozeReminder(facts({}, sent), '2026-W48', pressAt);
    if (typeof result === 'string') throw new Error(result);
    expect(result.followUp).toEqual({
      at: '2026-11-27T16:10:00.000Z',
      week: '2026-W48',
      followUp: true,
    });
    const after = facts({}, result.log);
    expect(nextReminder(after, pressAt)).toEqual(result.followUp);
    expect(snoozeReminder(after, '2026-W48', pressAt)).toBe('already-snoozed');

    const followUpDue = at('2026-11-27T16:10:00Z');
    expect(reminderVerdict(after, result.followUp, followUpDue)).toBe('send');
    const done = facts({}, withSent(result.log, result.followUp, followUpDue));
    expect(reminderVerdict(done, result.followUp, followUpDue)).toBe('already-sent');
    expect(nextReminder(done, followUpDue)?.week).toBe('2026-W49');
  });

  it('respects quiet hours when the snooze ends', () => {
    const quiet = { quietHours: { start: '16:00', end: '18:00' } };
    const result = snoozeReminder(facts(quiet, sent), '2026-W48', pressAt);
    if (typeof result === 'string') throw new Error(result);
    expect(result.followUp.at).toBe('2026-11-27T17:00:00.000Z');
  });

  it('never snoozes past the end of the week', () => {
    const sunday: ReminderLog = { latest: { week: '2026-W48', sentAt: '2026-11-29T22:00:00Z' } };
    expect(snoozeReminder(facts({}, sunday), '2026-W48', at('2026-11-29T22:30:00Z'))).toBe(
      'too-late',
    );
    expect(snoozeReminder(facts({}, sunday), '2026-W48', at('2026-11-30T08:00:00Z'))).toBe(
      'week-over',
    );
  });

  it('refuses a card of another week, and a card when no reminder went out', () => {
    expect(snoozeReminder(facts({}, sent), '2026-W47', pressAt)).toBe('other-week');
    expect(snoozeReminder(facts(), '2026-W48', pressAt)).toBe('no-reminder');
    expect(skipWeek(facts({}, sent), '2026-W47', pressAt)).toBe('other-week');
    expect(skipWeek(facts({}, sent), '2026-W48', at('2026-11-30T09:00:00Z'))).toBe('week-over');
  });

  it('skips the week: no follow-up, and the next reminder is next week’s', () => {
    const snoozed = snoozeReminder(facts({}, sent), '2026-W48', pressAt);
    if (typeof snoozed === 'string') throw new Error(snoozed);
    const skipped = skipWeek(facts({}, snoozed.log), '2026-W48', pressAt);
    if (typeof skipped === 'string') throw new Error(skipped);
    expect(skipped.latest?.skippedAt).toBe(pressAt.toISOString());
    const after = facts({}, skipped);
    expect(reminderVerdict(after, snoozed.followUp, at('2026-11-27T16:10:00Z'))).toBe('skipped');
    expect(nextReminder(after, pressAt)?.week).toBe('2026-W49');
    expect(skipWeek(after, '2026-W48', pressAt)).toBe(skipped);
    expect(snoozeReminder(after, '2026-W48', pressAt)).toBe('skipped');
  });

  it('drops the owed follow-up once the reflection is done', () => {
    const snoozed = snoozeReminder(facts({}, sent), '2026-W48', pressAt);
    if (typeof snoozed === 'string') throw new Error(snoozed);
    expect(nextReminder(facts({}, snoozed.log, ['2026-W48']), pressAt)?.week).toBe('2026-W49');
  });
});

describe('the sending marker', () => {
  it('is set before a send and gone after it, sent or not', () => {
    const planned = scheduledReminder(BERLIN, '2026-W48');
    const marker = { key: 'k1', owner: 'a', reminder: planned, since: planned.at };
    const sending = withSending({ next: planned }, marker);
    expect(sending.sending).toEqual(marker);
    expect(withoutSending(sending)).toEqual({ next: planned });
    const sent = withSent(sending, planned, new Date(planned.at), true);
    expect(sent.sending).toBeUndefined();
    expect(sent.latest).toEqual({ week: '2026-W48', sentAt: planned.at, uncertain: true });
  });
});

describe('over many weeks (property)', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'America/Sao_Paulo',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'UTC',
  ];
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const settingsArb = fc.record({
    reminderDay: fc.integer({ min: 1, max: 7 }),
    reminderTime: hhmm,
    timeZone: fc.constantFrom(...zones),
    paused: fc.constant(false),
    quietHours: fc.option(fc.record({ start: hhmm, end: hhmm }), { nil: null }),
  });
  const startArb = fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
    .map((ms) => new Date(ms));

  it('sends exactly one reminder a week, every week, at the chosen local time', () => {
    fc.assert(
      fc.property(settingsArb, startArb, (settings, start) => {
        let log: ReminderLog = {};
        let now = start;
        const weeks: string[] = [];
        for (let i = 0; i < 56; i += 1) {
          const next = nextReminder({ settings, log, completedWeeks: new Set() }, now);
          if (!next) return false;
          expect(Date.parse(next.at)).toBeGreaterThanOrEqual(now.getTime());
          now = new Date(next.at);
          expect(reminderVerdict({ settings, log, completedWeeks: new Set() }, next, now)).toBe(
            'send',
          );
          if (!settings.quietHours) {
            const local = localOf(next, settings.timeZone);
            expect(local.weekday).toBe(settings.reminderDay);
            // Only a time skipped by a daylight-saving change may move (forward, by the gap).
            if (local.time !== settings.reminderTime) {
              expect(local.time > settings.reminderTime).toBe(true);
            }
          }
          weeks.push(next.week);
          log = withSent(log, next, now);
        }
        weeks.slice(1).forEach((week, i) => expect(week).toBe(addWeeks(weeks[i]!, 1)));
        return true;
      }),
      // Each run walks more than a year (both daylight-saving changes); time zone arithmetic
      // through Intl is slow enough that a few dozen runs are what CI can afford.
      { numRuns: 60 },
    );
  });

  it('never plans a reminder inside quiet hours', () => {
    fc.assert(
      fc.property(settingsArb, startArb, (settings, now) => {
        const next = nextReminder({ settings, log: {}, completedWeeks: new Set() }, now);
        if (!next || !settings.quietHours) return true;
        const later = afterQuietHours(new Date(next.at), settings);
        return later.toISOString() === next.at;
      }),
      { numRuns: 300 },
    );
  });
});
