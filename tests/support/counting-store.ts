/**
 * A {@link Store} that counts every call reaching the database it wraps, and where in Spotter's
 * code each call was made, for the round-trip benchmark.
 *
 * @remarks
 * Every method of the Store contract is one request to the database (one statement or
 * transaction on SQLite, one request on Cosmos DB), so a call is a round trip; `ping` and `close`
 * are not a user's work and are not counted. The caller is the first stack frame in `src/` or
 * `bot/` outside the store itself; run with `--enable-source-maps` to have TypeScript lines.
 */
import path from 'node:path';
import type { Store } from '../../src/store/store';

const ROOT = path.resolve(__dirname, '../..');
/** Deep enough to reach Spotter's code from inside the adapters and botbuilder. */
const STACK_DEPTH = 60;

/** One counted call. */
export interface StoreCall {
  /** The Store method. */
  readonly method: string;
  /** The partition it named: `tenant/user`, or the tenant alone for a tenant's own records. */
  readonly partition: string;
  /** The record kind it named (empty for whole-user calls). */
  readonly kind: string;
  /** `file:line` of Spotter's code that made it, relative to the repository. */
  readonly site: string;
  /** Every `src/`/`bot/` frame on the stack, innermost first, for attributing a call. */
  readonly frames: readonly string[];
}

function spotterFrames(stack: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const file = /\(?((?:\/|[A-Za-z]:\\)[^()]+?):(\d+):\d+\)?$/.exec(line.trim());
    if (!file) continue;
    const relative = path
      .relative(ROOT, file[1] as string)
      .split(path.sep)
      .join('/');
    if (!/^(src|bot)\//.test(relative) || relative.startsWith('src/store/')) continue;
    frames.push(`${relative}:${file[2]}`);
  }
  return frames;
}

/** A store that counts, and how to count with it. */
export interface CountingStore {
  /** Use this where Spotter takes a store. */
  readonly store: Store;
  /** Runs `action` and answers the store calls made until it settled. */
  count(action: () => Promise<unknown>): Promise<StoreCall[]>;
}

/** Methods that are not a user's work. */
const UNCOUNTED = new Set<PropertyKey>(['ping', 'close']);

/**
 * Wraps `inner` so that every method call is counted while {@link CountingStore.count} runs.
 *
 * @remarks
 * A proxy rather than a class listing the methods, so a method added to the Store contract later
 * (a batched read, say) is counted too, instead of slipping past the count.
 */
export function countingStore(inner: Store): CountingStore {
  let recorded: StoreCall[] | undefined;
  const note = (method: string, partition: unknown, kind: unknown) => {
    if (!recorded) return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = STACK_DEPTH;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    const frames = spotterFrames(stack);
    const { tenantId, userId } = (partition ?? {}) as { tenantId?: unknown; userId?: unknown };
    recorded.push({
      method,
      partition: [tenantId, userId].filter((part) => typeof part === 'string').join('/'),
      kind: typeof kind === 'string' ? kind : '',
      site: frames[0] ?? '(outside src/ and bot/)',
      frames,
    });
  };
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || UNCOUNTED.has(property)) return value;
      return (...args: unknown[]) => {
        note(String(property), args[0], args[1]);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    async count(action) {
      const calls: StoreCall[] = [];
      recorded = calls;
      try {
        await action();
      } finally {
        recorded = undefined;
      }
      return calls;
    },
  };
}
