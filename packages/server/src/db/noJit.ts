import type { Database, Sql } from './database';

/**
 * How many reporting statements run at once per database handle (of its pool's 10 connections), whatever the number
 * of views being computed: chat traffic keeps the rest of the pool however many managers open heavy views.
 */
export const REPORTING_CONNECTIONS = 3;

/** A counting semaphore: `run` waits for a free slot. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/** Leads each reporting statement, so operators (and the pool test) tell them apart in `pg_stat_activity`. */
export const REPORTING_TAG = '/* frontdesk:reporting */';

const slots = new WeakMap<Database, Slots>();

/**
 * `db` for reporting statements: on PostgreSQL each statement runs in a short transaction of its own with JIT
 * compilation off and room to sort in memory, at most {@link REPORTING_CONNECTIONS} at once per database handle.
 * The planner's cost estimates of correlated subqueries over ~100k rows cross the JIT threshold, and compiling then
 * took ~700 ms of a 30 ms statement; a year's sort spilled to disk with the default `work_mem`. Without the cap one
 * view (up to 9 statements side by side) could hold nearly the whole pool. PGlite (and an open transaction): as is.
 */
export function reportingSql(db: Sql | Database): Sql {
  return reportingSqlIn(db).sql;
}

/**
 * {@link reportingSql}, with the statements' session time zone set to `timeZone` on PostgreSQL (`local` true): a
 * timestamp's local fields (`date_part('hour', created_at)`) then come from the zone looked up once per statement,
 * where `created_at at time zone 'Europe/Prague'` parses and looks the name up again on every row. Only for IANA
 * names (`Area/City`): for a name that is also an abbreviation (`CET`), `at time zone` means the abbreviation's fixed
 * offset and the session zone the zone file, so such names (and PGlite) keep `at time zone` (`local` false).
 */
export function reportingSqlIn(db: Sql | Database, timeZone?: string): { sql: Sql; local: boolean } {
  if (!('kind' in db) || db.kind !== 'postgres') return { sql: db, local: false };
  const cap = slots.get(db) ?? new Slots(REPORTING_CONNECTIONS);
  slots.set(db, cap);
  const local = timeZone?.includes('/') ?? false;
  const zone = local ? ", set_config('timezone', $1, true)" : '';
  const sql: Sql = {
    query: (text, params) =>
      cap.run(() =>
        db.transaction(async (tx) => {
          await tx.query(
            `${REPORTING_TAG} select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)${zone}`,
            local ? [timeZone] : [],
          );
          return tx.query(`${REPORTING_TAG} ${text}`, params);
        }),
      ),
  };
  return { sql, local };
}
