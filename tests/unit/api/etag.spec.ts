/**
 * Entity tags: any store etag round-trips through `ETag` and `If-Match`; anything but one strong
 * tag is a 400.
 */
import fc from 'fast-check';
import { ApiProblem } from '../../../src/api/api-route';
import { formatEtag, parseIfMatch } from '../../../src/api/etag';

it('round-trips any store etag, quotes included, as a valid strong tag', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 100 }), (etag) => {
      const header = formatEtag(etag);
      expect(header).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(parseIfMatch(header)).toBe(etag);
    }),
    { numRuns: 1000 },
  );
  expect(parseIfMatch(` ${formatEtag('"0000-cosmos"')} `)).toBe('"0000-cosmos"');
});

it('leaves a missing header alone', () => {
  expect(parseIfMatch(undefined)).toBeUndefined();
});

it.each(['', '*', 'W/"abc"', '"a", "b"', 'abc', '"a b"', `"${'a'.repeat(201)}"`])(
  'refuses %j with a 400 problem',
  (header) => {
    expect(() => parseIfMatch(header)).toThrow(ApiProblem);
    try {
      parseIfMatch(header);
    } catch (error) {
      expect((error as ApiProblem).status).toBe(400);
    }
  },
);
