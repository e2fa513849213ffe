/**
 * Exact percentiles from sorted arrays, as SQL expressions: what PostgreSQL's `percentile_cont` computes, without
 * sorting the values again. A view by period sorts each period's values once (`array_agg(x order by x)`, about as
 * costly as the period's `percentile_cont`); the periods' percentiles are read from those arrays, and the whole
 * range's from the same arrays, by sorting only the values near the answer instead of the range's 100,000.
 */

/** A fraction as a float8 literal (the value `percentile_cont(array[0.5, 0.9])` is given). */
const float = (f: number) => `${f}::float8`;

/**
 * `percentile_cont(f)` of a sorted array without nulls (`arr`, an SQL expression), by the same arithmetic:
 * position p = f·(n − 1); the value at floor(p) when p is whole, else lo + (p − floor(p))·(hi − lo) in float8.
 * Null for an empty or null array.
 */
export function quantileOfSorted(arr: string, f: number): string {
  const pos = `(${float(f)} * (cardinality(${arr}) - 1)::float8)`;
  const lo = `${arr}[floor(${pos})::int + 1]`;
  const hi = `${arr}[ceil(${pos})::int + 1]`;
  return `case when coalesce(cardinality(${arr}), 0) = 0 then null
    when floor(${pos}) = ceil(${pos}) then ${lo}
    else ${lo} + ((${pos} - floor(${pos})) * (${hi} - ${lo})) end`;
}

/** How far either side of the fraction the periods' values bound the window: wider sorts more, narrower misses more. */
const MARGIN = 0.02;

/**
 * `percentile_cont(f)` of all the values of the sorted arrays `col` of the rows of `from` (each sorted, no nulls),
 * as a scalar subquery. The answer's neighbours lie between the lowest period's value at f − 2 % and the highest
 * period's at f + 2 % (`lo`, `hi`): the statement counts the values ≤ lo (a binary search per array,
 * `width_bucket`), sorts the values in (lo, hi] (array slices), and reads the two neighbours at their rank there.
 * When a neighbour is outside the window (periods very unlike each other), it sorts them all: the answer is always
 * PostgreSQL's own, only the time differs. (`offset 0` keeps the window a subquery computed once, not copied into
 * each use.)
 */
export function quantileOfSortedArrays(from: string, col: string, f: number): string {
  const rank = (r: string) => `w.win[(${r} - w.below)::int + 1]`;
  return `(select case when w.n = 0 then null
      when w.below <= w.r1 and w.r2 < w.below + coalesce(cardinality(w.win), 0) then
        case when w.r1 = w.r2 then ${rank('w.r1')}
        else ${rank('w.r1')} + ((w.pos - w.r1) * (${rank('w.r2')} - ${rank('w.r1')})) end
      else (select percentile_cont(${float(f)}) within group (order by v) from ${from} a, unnest(a.${col}) v) end
    from (select t.n, t.pos, floor(t.pos) as r1, ceil(t.pos) as r2,
        (select coalesce(sum(width_bucket(t.lo, a.${col})), 0) from ${from} a) as below,
        (select array_agg(v order by v) from ${from} a,
           unnest(a.${col}[width_bucket(t.lo, a.${col}) + 1 : width_bucket(t.hi, a.${col})]) v) as win
      from (select coalesce(sum(cardinality(a.${col})), 0)::float8 as n,
          ${float(f)} * (coalesce(sum(cardinality(a.${col})), 0) - 1)::float8 as pos,
          min(a.${col}[floor(${float(Math.max(0, f - MARGIN))} * (cardinality(a.${col}) - 1))::int + 1]) as lo,
          max(a.${col}[ceil(${float(Math.min(1, f + MARGIN))} * (cardinality(a.${col}) - 1))::int + 1]) as hi
        from ${from} a) t offset 0) w)`;
}
