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

/** The weekday, date and minutes past midnight of `at` in `timeZone`. */
function localParts(
  at: Date,
  timeZone: string,
): { day: (typeof DAYS)[number]; date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = get('weekday').toLowerCase().slice(0, 3) as (typeof DAYS)[number];
  return {
    day,
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Are the business hours open at `at`? No hours configured means always open. */
export function isOpen(hours: BusinessHours | undefined, at: Date = new Date()): boolean {
  if (!hours) return true;
  const { day, date, minutes } = localParts(at, hours.timeZone);
  if (hours.holidays?.includes(date)) return false;
  return (hours.week[day] ?? []).some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to));
}

/** The next moment (to the minute, within 14 days) when business hours open, or null if never. */
export function nextOpening(hours: BusinessHours | undefined, at: Date = new Date()): Date | null {
  if (!hours || isOpen(hours, at)) return null;
  // Step in 15-minute increments: cheap, DST-safe, and precise enough for "we reply from 9:00".
  const step = 15 * 60_000;
  const start = Math.ceil(at.getTime() / step) * step;
  for (let t = start; t < at.getTime() + 14 * 86_400_000; t += step) {
    if (isOpen(hours, new Date(t))) return new Date(t);
  }
  return null;
}
