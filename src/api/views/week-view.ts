/**
 * Weeks of practice as the API shows them: stored records turned into the contract's shapes,
 * field by field, so nothing the store holds beyond the contract ever reaches a client.
 */
import type { PracticeWeek } from '../../domain/practice-week';
import type { Person, Reflection } from '../../domain/reflection';
import { countReps, totalReps, type Rep } from '../../domain/reps';
import { addDays, mondayOf, type LocalDate, type WeekKey } from '../../domain/week';
import type {
  PersonDto,
  ReflectionDto,
  RepCountsDto,
  RepDto,
  WeekResponse,
  WeekSpan,
} from '../contracts';

function isoDate(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** A week with its Monday and Sunday. */
export function weekSpan(week: WeekKey): WeekSpan {
  const monday = mondayOf(week);
  return { week, startsOn: isoDate(monday), endsOn: isoDate(addDays(monday, 6)) };
}

/** Reps counted by kind, with the total. */
export function repCounts(reps: readonly Rep[]): RepCountsDto {
  const counts = countReps(reps);
  return { ...counts, total: totalReps(counts) };
}

function personDto(person: Person): PersonDto {
  return person.id ? { id: person.id, name: person.name } : { name: person.name };
}

/** A stored reflection in the contract's shape. */
export function reflectionDto(reflection: Reflection): ReflectionDto {
  return {
    helpedBy: reflection.helpedBy.map(personDto),
    yesCount: reflection.yesCount,
    holdingAlone: reflection.holdingAlone,
    connected: reflection.connected.map(personDto),
    ...(reflection.completedAt ? { completedAt: reflection.completedAt } : {}),
  };
}

/** A stored rep in the contract's shape. */
export function repDto(rep: Rep): RepDto {
  return {
    id: rep.id,
    kind: rep.kind,
    ...(rep.note ? { note: rep.note } : {}),
    at: rep.at,
    source: rep.source,
  };
}

/** A week of practice; `currentWeek` decides whether it can still change. */
export function weekView(week: PracticeWeek, currentWeek: WeekKey): WeekResponse {
  const current = week.week === currentWeek;
  return {
    ...weekSpan(week.week),
    timeZone: week.timeZone,
    current,
    reflection: week.reflection ? reflectionDto(week.reflection) : null,
    reps: week.reps.map(repDto),
    counts: repCounts(week.reps),
    canUndo: current && week.reps.some((rep) => rep.source === 'logged'),
  };
}
