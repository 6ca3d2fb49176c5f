/**
 * The contract's input limits, which the tab mirrors, are the limits the server enforces.
 */
import { INPUT_LIMITS, REP_KINDS } from '../../../src/api/contracts';
import { REFLECTION_LIMITS } from '../../../src/domain/reflection';
import { REP_KINDS as DOMAIN_REP_KINDS, REP_LIMITS } from '../../../src/domain/reps';
import { PAGE_LIMITS } from '../../../src/store/store';

it('mirrors the domain’s limits and rep kinds', () => {
  expect(INPUT_LIMITS).toMatchObject({
    people: REFLECTION_LIMITS.people,
    nameLength: REFLECTION_LIMITS.nameLength,
    holdingAlone: REFLECTION_LIMITS.holdingAlone,
    yesCount: REFLECTION_LIMITS.yesCount,
    repNote: REP_LIMITS.note,
    pageSize: PAGE_LIMITS.max,
  });
  expect(REP_KINDS).toEqual(DOMAIN_REP_KINDS);
});
