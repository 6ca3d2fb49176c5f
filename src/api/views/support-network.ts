/**
 * The support network: the people a person's reflections name, how often and when last.
 *
 * @remarks
 * A person named with a directory id is one entry under that id, whatever the spelling; a
 * typed name joins the entry whose name folds to the same text (the id'd one if there is
 * exactly one such, else a name-only entry). Counts are weeks, not mentions: naming someone
 * twice in one week counts once.
 */
import type { PracticeWeek } from '../../domain/practice-week';
import type { Person } from '../../domain/reflection';
import type { NetworkPerson, PeopleResponse } from '../contracts';
import { foldText } from './history-search';
import { weekSpan } from './week-view';

/** Most people returned. */
export const MAX_PEOPLE = 200;

interface Entry {
  key: string;
  name: string;
  helped: Set<string>;
  connected: Set<string>;
  lastWeek: string;
}

/** The support network from weeks given newest first. */
export function supportNetwork(weeks: readonly PracticeWeek[]): PeopleResponse {
  const entries = new Map<string, Entry>();
  const idsByName = new Map<string, Set<string>>();
  for (const week of weeks) {
    for (const person of [
      ...(week.reflection?.helpedBy ?? []),
      ...(week.reflection?.connected ?? []),
    ]) {
      if (!person.id) continue;
      const folded = foldText(person.name);
      idsByName.set(folded, (idsByName.get(folded) ?? new Set()).add(person.id));
    }
  }
  const keyOf = (person: Person): string => {
    if (person.id) return `id:${person.id}`;
    const folded = foldText(person.name);
    const ids = idsByName.get(folded);
    return ids?.size === 1 ? `id:${[...ids][0]}` : `name:${folded}`;
  };
  const note = (person: Person, week: string, role: 'helped' | 'connected') => {
    const key = keyOf(person);
    let entry = entries.get(key);
    if (!entry) {
      // Weeks come newest first, so the first spelling met is the latest one.
      entry = { key, name: person.name, helped: new Set(), connected: new Set(), lastWeek: week };
      entries.set(key, entry);
    }
    entry[role].add(week);
    if (week > entry.lastWeek) entry.lastWeek = week;
  };
  for (const week of weeks) {
    for (const person of week.reflection?.helpedBy ?? []) note(person, week.week, 'helped');
    for (const person of week.reflection?.connected ?? []) note(person, week.week, 'connected');
  }
  const people: NetworkPerson[] = [...entries.values()]
    .map((entry) => ({
      key: entry.key,
      name: entry.name,
      helped: entry.helped.size,
      connected: entry.connected.size,
      lastWeek: entry.lastWeek,
      lastSeenOn: weekSpan(entry.lastWeek).startsOn,
    }))
    .sort(
      (a, b) =>
        b.lastWeek.localeCompare(a.lastWeek) ||
        b.helped + b.connected - (a.helped + a.connected) ||
        a.name.localeCompare(b.name),
    );
  return { people: people.slice(0, MAX_PEOPLE), truncated: people.length > MAX_PEOPLE };
}
