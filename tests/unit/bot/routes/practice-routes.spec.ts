import { exportParts } from '../../../../bot/routes/data-rights';
import { repRequestOf } from '../../../../bot/routes/log';
import { confirmationOf, settingsFromForm } from '../../../../bot/routes/settings';
import { formOfSettings } from '../../../../bot/cards/settings-card';
import { defaultSettings } from '../../../../src/domain/settings';

describe('log commands', () => {
  it('reads a kind, its synonyms and an optional note', () => {
    expect(repRequestOf('asked')).toEqual({ kind: 'log', rep: 'asked', note: '' });
    expect(repRequestOf('Thanks  Sam for the review ')).toEqual({
      kind: 'log',
      rep: 'thanked',
      note: 'Sam for the review',
    });
    expect(repRequestOf('accept')).toMatchObject({ rep: 'accepted' });
    expect(repRequestOf('UNDO')).toEqual({ kind: 'undo' });
  });

  it('answers unknown kinds and long notes with a hint', () => {
    expect(repRequestOf('lifted')).toEqual({ kind: 'invalid', problem: 'reps.invalid.kind' });
    expect(repRequestOf('constructor')).toEqual({ kind: 'invalid', problem: 'reps.invalid.kind' });
    expect(repRequestOf(`asked ${'n'.repeat(281)}`)).toEqual({
      kind: 'invalid',
      problem: 'reps.invalid.note',
    });
  });
});

describe('settings form', () => {
  const previous = { ...defaultSettings('Europe/Berlin'), language: 'de' as const };
  const form = formOfSettings(previous);

  it('turns a valid form into settings, keeping the language', () => {
    expect(
      settingsFromForm(
        { ...form, reminderDay: '2', quietStart: '21:00', quietEnd: '06:30' },
        previous,
      ),
    ).toEqual({
      settings: { ...previous, reminderDay: 2, quietHours: { start: '21:00', end: '06:30' } },
    });
  });

  it('names the first problem and saves nothing', () => {
    const problem = (change: object) => settingsFromForm({ ...form, ...change }, previous);
    expect(problem({ reminderDay: '8' })).toEqual({ problem: 'settings.invalid.day' });
    expect(problem({ reminderTime: '25:00' })).toEqual({ problem: 'settings.invalid.time' });
    expect(problem({ timeZone: 'Mars/Olympus' })).toEqual({ problem: 'settings.invalid.zone' });
    expect(problem({ quietStart: '22:00' })).toEqual({ problem: 'settings.invalid.quiet' });
    expect(problem({ quietStart: '22:00', quietEnd: '22:00' })).toEqual({
      problem: 'settings.invalid.quiet',
    });
  });

  it('confirms in words', () => {
    expect(
      confirmationOf('en', { ...previous, quietHours: { start: '22:00', end: '07:00' } }),
    ).toBe("Saved. I'll remind you on Fridays at 16:00 (Europe/Berlin). Quiet hours: 22:00–07:00.");
    expect(confirmationOf('en', { ...previous, paused: true })).toMatch(/paused/);
  });
});

describe('export in chat', () => {
  it('splits long JSON into parts that join back to the same JSON, with no backticks', () => {
    const document = {
      notes: Array.from({ length: 200 }, (_, i) => `note ${i} \`\`\` ${'z'.repeat(50)}`),
    };
    const parts = exportParts(JSON.stringify(document, null, 2), 1_000);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((part) => part.length <= 1_000 && !part.includes('`'))).toBe(true);
    expect(JSON.parse(parts.join('\n'))).toEqual(document);
  });

  it('cuts a line longer than a part, and keeps a short export whole', () => {
    const long = { text: 'w'.repeat(2_500) };
    const parts = exportParts(JSON.stringify(long, null, 2), 1_000);
    expect(parts.length).toBe(4);
    expect(JSON.parse(parts.join(''))).toEqual(long);
    expect(exportParts('{\n  "a": 1\n}\n')).toEqual(['{\n  "a": 1\n}']);
  });
});
