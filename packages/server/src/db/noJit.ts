import type { Database, Sql } from './database';

/**
 * `db` for reporting statements: on PostgreSQL each statement runs in a short transaction of its own with JIT
 * compilation off and room to sort in memory. The planner's cost estimates of correlated subqueries over ~100k rows
 * cross the JIT threshold, and compiling then took ~700 ms of a 30 ms statement; a year's sort spilled to disk with
 * the default `work_mem`. Statements still run side by side on the pool. PGlite (and an open transaction): as is.
 */
export function reportingSql(db: Sql | Database): Sql {
  if (!('kind' in db) || db.kind !== 'postgres') return db;
  return {
    query: (text, params) =>
      db.transaction(async (tx) => {
        await tx.query('set local jit = off');
        await tx.query("set local work_mem = '32MB'");
        return tx.query(text, params);
      }),
  };
}
