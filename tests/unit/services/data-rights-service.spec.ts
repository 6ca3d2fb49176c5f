/**
 * The export formats: JSON as stored, and CSV with one row per reflection, rep and setting,
 * quoted by RFC 4180 and defused against spreadsheet formulas.
 */
import fc from 'fast-check';
import type { PracticeWeek } from '../../../src/domain/practice-week';
import { defaultSettings } from '../../../src/domain/settings';
import {
  CSV_COLUMNS,
  csvCell,
  EXPORT_FORMAT,
  toCsv,
  toJson,
  type ExportBundle,
} from '../../../src/services/data-rights-service';
import { parseCsv, parseCsvRecords } from '../../support/csv';

const week48: PracticeWeek = {
  week: '2026-W48',
  timeZone: 'Europe/Berlin',
  reflection: {
    helpedBy: [{ name: 'Sam' }, { id: 'abc-123', name: 'Dana, "D" Ortiz' }],
    yesCount: 3,
    holdingAlone: 'The budget review,\nstill alone with it',
    connected: [{ name: 'Lee' }],
    completedAt: '2026-11-27T16:05:00.000Z',
  },
  reps: [
    { id: 'r1', kind: 'asked', at: '2026-11-23T09:00:00.000Z', source: 'logged' },
    {
      id: 'r2',
      kind: 'thanked',
      note: '=HYPERLINK("http://evil.example")',
      at: '2026-11-24T09:00:00.000Z',
      source: 'help-request',
    },
  ],
};

const week47: PracticeWeek = {
  week: '2026-W47',
  timeZone: 'Europe/Berlin',
  reflection: { helpedBy: [], yesCount: null, holdingAlone: '', connected: [] },
  reps: [],
};

const bundle: ExportBundle = {
  format: EXPORT_FORMAT.name,
  version: EXPORT_FORMAT.version,
  exportedAt: '2026-11-28T10:00:00.000Z',
  tenantId: 't1',
  userId: 'u1',
  records: [
    { kind: 'profile', id: 'me', updatedAt: '2026-11-01T00:00:00.000Z', data: { locale: 'de' } },
    {
      kind: 'settings',
      id: 'me',
      updatedAt: '2026-11-02T00:00:00.000Z',
      data: { ...defaultSettings('Europe/Berlin'), quietHours: { start: '22:00', end: '07:00' } },
    },
    { kind: 'week', id: week48.week, updatedAt: '2026-11-27T16:05:00.000Z', data: week48 },
    { kind: 'week', id: week47.week, updatedAt: '2026-11-20T16:05:00.000Z', data: week47 },
  ],
};

describe('toJson', () => {
  it('is the bundle itself, readable back unchanged', () => {
    const json = toJson(bundle);
    expect(json.endsWith('\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(bundle);
  });
});

describe('toCsv', () => {
  const csv = toCsv(bundle);
  const rows = parseCsvRecords(csv);

  it('starts with the documented header and ends every line with CRLF', () => {
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\r')).toBe(false);
  });

  it('has one row per reflection, per rep and per setting, weeks newest first', () => {
    expect(rows.map((row) => `${row['record']}:${row['week']}`)).toEqual([
      'reflection:2026-W48',
      'rep:2026-W48',
      'rep:2026-W48',
      'reflection:2026-W47',
      ...Object.keys(defaultSettings('UTC')).map(() => 'setting:'),
    ]);
  });

  it('writes the reflection in its columns, with names joined and text kept whole', () => {
    expect(rows[0]).toEqual({
      record: 'reflection',
      week: '2026-W48',
      at: '2026-11-27T16:05:00.000Z',
      helped_by: 'Sam; Dana, "D" Ortiz',
      yes_count: '3',
      holding_alone: 'The budget review,\nstill alone with it',
      connected: 'Lee',
      rep_kind: '',
      rep_note: '',
      rep_source: '',
      setting: '',
      value: '',
    });
    expect(rows[3]).toMatchObject({ record: 'reflection', at: '', yes_count: '', helped_by: '' });
  });

  it('writes reps and settings in theirs', () => {
    expect(rows[1]).toMatchObject({ rep_kind: 'asked', rep_note: '', rep_source: 'logged' });
    expect(rows[2]).toMatchObject({
      rep_kind: 'thanked',
      rep_note: `'=HYPERLINK("http://evil.example")`,
      rep_source: 'help-request',
    });
    const settings = Object.fromEntries(
      rows
        .filter((row) => row['record'] === 'setting')
        .map((row) => [row['setting'], row['value']]),
    );
    expect(settings).toEqual({
      reminderDay: '5',
      reminderTime: '16:00',
      timeZone: 'Europe/Berlin',
      paused: 'false',
      quietHours: '{"start":"22:00","end":"07:00"}',
      language: 'null',
    });
  });

  it('is just the header for an empty bundle', () => {
    expect(toCsv({ ...bundle, records: [] })).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('csvCell', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+49 30 1234', "'+49 30 1234"],
    ['-10', "'-10"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\rstart', `"'\rstart"`],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=a,"b"', `"'=a,""b"""`],
  ])('writes %j as %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('leaves absent values empty', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
  });

  it('reads back as the text, never as a formula, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cell = csvCell(text);
        const parsed = parseCsv(`${cell},x\r\n`)[0]?.[0] ?? '';
        expect(/^[=+\-@\t\r]/.test(parsed)).toBe(false);
        expect(parsed === text || parsed === `'${text}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
