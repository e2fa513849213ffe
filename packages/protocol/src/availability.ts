import * as v from 'valibot';
import type { BusinessHours } from './config';

/** Whether people are there to answer, and when a reply can be expected. */
export const AvailabilitySchema = v.object({
  status: v.picklist(['online', 'away', 'offline']),
  /** Expected reply time in minutes (null when unknown). */
  expectedReplyMinutes: v.nullable(v.number()),
  /** When business hours next open, if currently closed. */
  nextOpenAt: v.nullable(v.string()),
});
export type Availability = v.InferOutput<typeof AvailabilitySchema>;

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 86_400_000;

/** One formatter per time zone: creating an `Intl.DateTimeFormat` costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of `at` in `timeZone`, as milliseconds of a UTC date with the same fields. */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The weekday, date and minutes past midnight of `at` in `timeZone`. */
function localParts(
  at: Date,
  timeZone: string,
): { day: (typeof DAYS)[number]; date: string; minutes: number } {
  const wall = new Date(wallClock(at.getTime(), timeZone));
  return {
    day: DAYS[wall.getUTCDay()]!,
    date: wall.toISOString().slice(0, 10),
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}

/**
 * The instant when the wall clock in `timeZone` shows `wall` (UTC fields). Two passes settle the offset across a
 * daylight-saving change; a time skipped by the change lands just after the gap.
 */
function instantOf(wall: number, timeZone: string): number {
  let at = wall - (wallClock(wall, timeZone) - wall);
  at = wall - (wallClock(at, timeZone) - at);
  return at;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Are the business hours open at `at`? No hours configured means always open. */
export function isOpen(hours: BusinessHours | undefined, at: Date = new Date()): boolean {
  if (!hours) return true;
  const { day, date, minutes } = localParts(at, hours.timeZone);
  if (hours.holidays?.includes(date)) return false;
  return (hours.week[day] ?? []).some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to));
}

/**
 * The next moment (within 14 days) when business hours open, or null if never. Computed directly from the
 * opening times of the coming days in the site's time zone (no stepping through the week).
 */
export function nextOpening(hours: BusinessHours | undefined, at: Date = new Date()): Date | null {
  if (!hours || isOpen(hours, at)) return null;
  const { timeZone } = hours;
  const now = at.getTime();
  const wall = wallClock(now, timeZone);
  const midnight = wall - (wall % DAY_MS);
  for (let k = 0; k <= 14; k++) {
    const day = new Date(midnight + k * DAY_MS);
    if (hours.holidays?.includes(day.toISOString().slice(0, 10))) continue;
    const starts = (hours.week[DAYS[day.getUTCDay()]!] ?? [])
      .filter(([from, to]) => toMinutes(from) < toMinutes(to))
      .map(([from]) => instantOf(day.getTime() + toMinutes(from) * 60_000, timeZone))
      .filter((t) => t > now)
      .sort((a, b) => a - b);
    if (starts[0] !== undefined && starts[0] - now <= 14 * DAY_MS) return new Date(starts[0]);
  }
  return null;
}
