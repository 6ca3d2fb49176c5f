/**
 * The weekly reminder's day and time fields, as Settings and the org defaults both offer them.
 */
import { Field, Input, Select } from '@fluentui/react-components';
import { weekdayName } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';

/** The ISO weekdays, Monday (1) to Sunday (7). */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A whole time of day as a time input gives it, `HH:MM`. */
export const TIME_OF_DAY = /^\d{2}:\d{2}$/;

/** A `<select>`'s options for the seven weekdays, named in the tab's language. */
export function WeekdayOptions() {
  const { language } = useI18n();
  return (
    <>
      {WEEKDAYS.map((weekday) => (
        <option key={weekday} value={weekday}>
          {weekdayName(language, weekday)}
        </option>
      ))}
    </>
  );
}

/** Props of `ReminderFields`. */
export interface ReminderFieldsProps {
  /** The reminder's ISO weekday. */
  readonly day: number;
  /** The reminder's time, `HH:MM`. */
  readonly time: string;
  /** The day field's label. */
  readonly dayLabel: string;
  /** The time field's label. */
  readonly timeLabel: string;
  /** Runs with a newly chosen day. */
  readonly onDay: (day: number) => void;
  /** Runs with a newly typed time, only once it is a whole `HH:MM`. */
  readonly onTime: (time: string) => void;
}

/**
 * The reminder's day and time, side by side in the caller's row.
 *
 * @remarks
 * A half-typed time is not passed on, so the draft always holds a time the server accepts.
 */
export function ReminderFields({
  day,
  time,
  dayLabel,
  timeLabel,
  onDay,
  onTime,
}: ReminderFieldsProps) {
  return (
    <>
      <Field label={dayLabel}>
        <Select value={String(day)} onChange={(_event, data) => onDay(Number(data.value))}>
          <WeekdayOptions />
        </Select>
      </Field>
      <Field label={timeLabel}>
        <Input
          type="time"
          required
          value={time}
          onChange={(_event, data) => {
            if (TIME_OF_DAY.test(data.value)) onTime(data.value);
          }}
        />
      </Field>
    </>
  );
}
