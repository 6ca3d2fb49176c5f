import { SHARD_COUNT, shardOf, SlotIndex, slotStartOf } from '../../../src/scheduler/slot-index';

describe('time slots', () => {
  it.each([
    ['2026-11-27T15:00:00.000Z', '2026-11-27T15:00:00.000Z'],
    ['2026-11-27T15:14:59.999Z', '2026-11-27T15:00:00.000Z'],
    ['2026-11-27T15:15:00.000Z', '2026-11-27T15:15:00.000Z'],
    ['2026-11-27T05:30:00.000Z', '2026-11-27T05:30:00.000Z'],
  ])('puts %s in the slot starting %s', (instant, slot) => {
    expect(slotStartOf(new Date(instant)).toISOString()).toBe(slot);
  });

  it('knows when two instants share a slot', () => {
    expect(SlotIndex.sameSlot('2026-11-27T15:00:00Z', '2026-11-27T15:14:00Z')).toBe(true);
    expect(SlotIndex.sameSlot('2026-11-27T15:00:00Z', '2026-11-27T15:15:00Z')).toBe(false);
  });
});

describe('shards', () => {
  it('puts a tenant always in the same shard, and spreads tenants over all of them', () => {
    const tenant = 'a0000000-0000-4000-8000-000000000001';
    expect(shardOf(tenant)).toBe(shardOf(tenant));
    const used = new Set(
      Array.from({ length: 200 }, (_, i) => shardOf(`tenant-${i}`)).filter(
        (shard) => shard >= 0 && shard < SHARD_COUNT,
      ),
    );
    expect(used.size).toBe(SHARD_COUNT);
  });
});
