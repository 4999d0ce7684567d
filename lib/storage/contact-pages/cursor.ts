// A DBCore cursor over pairs already in iteration order (directory.ts): what Dexie's collections walk for filters,
// `anyOf` and `each`. It behaves as an IndexedDB cursor does for them: start() runs the callback once per position,
// the callback moves it with continue / continue(key) / continuePrimaryKey / advance, and stop or the end resolves.
import Dexie from 'dexie';
import type { DBCoreCursor, DBCoreTransaction } from 'dexie';
import { compareKeys, compareStrings } from './keys';

/**
 * Where a value cursor's rows come from. Pages are read a window at a time as the cursor gets there (a walk that
 * stops after 20 rows reads the pages of those, not of the whole range), and a row is parsed only when read.
 */
export interface RowSource {
  /** Whether position i's page is loaded. */
  ready(i: number): boolean;
  /** Loads the pages of the positions from i on (a window). */
  load(i: number): Promise<void>;
  /** Whether the row at i is there (a writer may have moved it out of this transaction's sight: it is skipped). */
  has(i: number): boolean;
  value(i: number): unknown;
}

export function arrayCursor(trans: DBCoreTransaction, keys: unknown[], pks: string[], rows: RowSource | null, reverse: boolean): DBCoreCursor {
  const n = pks.length;
  const dir = reverse ? -1 : 1;
  let pos = 0;
  let move: (() => void) | null = null;
  let stopped = false;
  let running = false;
  let resume: (() => void) | null = null;
  let valuePos = -1;
  let value: unknown;
  /** The first position after `pos` whose key is at or past `key` in iteration order (keys are sorted that way). */
  const seek = (key: unknown) => {
    let lo = pos + 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dir * compareKeys(keys[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    pos = lo;
  };

  const notStarted = () => {
    throw new Error('Cursor not started');
  };
  const cursor = {
    trans,
    done: false,
    get key() {
      return keys[pos];
    },
    get primaryKey() {
      return pks[pos];
    },
    get value() {
      if (valuePos !== pos) {
        value = rows?.value(pos);
        valuePos = pos;
      }
      return value;
    },
    continue: notStarted as (key?: unknown) => void,
    continuePrimaryKey: notStarted as (key: unknown, primaryKey: unknown) => void,
    advance: notStarted as (count: number) => void,
    stop: notStarted as (value?: unknown) => void,
    fail: ((error: Error) => {
      throw error;
    }) as (error: Error) => void,
    next(): Promise<DBCoreCursor> {
      let gotOne = 1;
      return cursor.start(() => (gotOne-- ? cursor.continue() : cursor.stop())).then(() => cursor as unknown as DBCoreCursor);
    },
    start(callback: () => void): Promise<unknown> {
      return new Dexie.Promise((resolve, reject) => {
        stopped = false;
        const finish = (value?: unknown) => {
          stopped = true;
          resolve(value);
        };
        cursor.stop = finish;
        cursor.fail = (error: Error) => {
          stopped = true;
          reject(error);
        };
        const request = (step: () => void) => {
          move = step;
          if (!running && resume) resume();
        };
        cursor.continue = (key?: unknown) =>
          request(() => {
            if (key === undefined) pos++;
            else seek(key);
          });
        cursor.continuePrimaryKey = (key: unknown, primaryKey: unknown) =>
          request(() => {
            pos++;
            while (pos < n) {
              const c = dir * compareKeys(keys[pos], key) || dir * compareStrings(pks[pos]!, primaryKey as string);
              if (c >= 0) break;
              pos++;
            }
          });
        cursor.advance = (count: number) => request(() => (pos += count));
        const run = () => {
          resume = null;
          running = true;
          try {
            while (!stopped) {
              if (move) {
                const step = move;
                move = null;
                step();
              }
              if (pos >= n) {
                cursor.done = true;
                finish();
                return;
              }
              if (rows && !rows.ready(pos)) {
                rows.load(pos).then(run, (error: unknown) => {
                  stopped = true;
                  reject(error);
                });
                return;
              }
              if (rows && !rows.has(pos)) {
                pos++;
                continue;
              }
              callback();
              if (stopped) return;
              // Not moved yet: moved later, outside the callback, it runs again then.
              if (!move) {
                resume = () => void Dexie.Promise.resolve().then(run);
                return;
              }
            }
          } catch (error) {
            stopped = true;
            reject(error);
          } finally {
            running = false;
          }
        };
        run();
      });
    },
  };
  return cursor as unknown as DBCoreCursor;
}
