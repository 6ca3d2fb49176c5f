/**
 * The group-of-five rule for admin figures.
 */
import fc from 'fast-check';
import {
  MIN_GROUP_SIZE,
  privateFigure,
  weeklyAggregates,
  type RequestFact,
  type WeekFact,
} from '../../../src/domain/privacy';

function people(count: number): WeekFact[] {
  return Array.from({ length: count }, (_, index) => ({
    userId: `user-${index}`,
    practised: true,
    reflectionCompleted: true,
  }));
}

function requests(askers: number, helpers: number, count: number): RequestFact[] {
  return Array.from({ length: count }, (_, index) => ({
    askerId: `user-${index % askers}`,
    helperId: `helper-${index % helpers}`,
    accepted: true,
    thanked: true,
  }));
}

describe('privateFigure', () => {
  it('hides a figure from fewer than five people and shows one from five', () => {
    expect(privateFigure(12, 4)).toBe('fewer-than-5');
    expect(privateFigure(12, 5)).toBe(12);
  });

  it('never shows a figure of fewer than five people', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (value, group) => {
        const figure = privateFigure(value, group);
        return group < MIN_GROUP_SIZE ? figure === 'fewer-than-5' : figure === value;
      }),
    );
  });
});

describe('weeklyAggregates', () => {
  it('hides every figure of four people', () => {
    expect(weeklyAggregates(people(4), requests(4, 4, 9))).toEqual({
      activePeople: 'fewer-than-5',
      reflectionsCompleted: 'fewer-than-5',
      requestsSent: 'fewer-than-5',
      requestsAccepted: 'fewer-than-5',
      thanks: 'fewer-than-5',
    });
  });

  it('shows the figures of five people', () => {
    expect(weeklyAggregates(people(5), requests(5, 5, 7))).toEqual({
      activePeople: 5,
      reflectionsCompleted: 5,
      requestsSent: 7,
      requestsAccepted: 7,
      thanks: 7,
    });
  });

  it('hides request figures unless five askers and five helpers stand behind them', () => {
    const figures = weeklyAggregates(people(5), requests(6, 4, 8));
    expect(figures.requestsSent).toBe('fewer-than-5');
    expect(figures.activePeople).toBe(6);
  });

  it('counts a person once however many weeks or requests they have', () => {
    const twice = [...people(5), ...people(5)];
    expect(weeklyAggregates(twice, []).activePeople).toBe(5);
    expect(weeklyAggregates(twice, []).reflectionsCompleted).toBe(10);
  });

  it('counts only practised weeks as active and completed reflections as completed', () => {
    const idle = people(6).map((week) => ({
      ...week,
      practised: false,
      reflectionCompleted: false,
    }));
    expect(weeklyAggregates(idle, [])).toMatchObject({
      activePeople: 'fewer-than-5',
      reflectionsCompleted: 'fewer-than-5',
    });
  });
});
