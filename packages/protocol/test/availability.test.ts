import { type BusinessHours, isOpen, nextOpening } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';

const weekdays = (from: string, to: string): BusinessHours['week'] => ({
  mon: [[from, to]],
  tue: [[from, to]],
  wed: [[from, to]],
  thu: [[from, to]],
  fri: [[from, to]],
});

describe('next opening of business hours', () => {
  it('on a Tuesday before 8:00 it is the same day at 8:00, to the minute', () => {
    const hours: BusinessHours = {
      timeZone: 'Europe/Prague',
      week: weekdays('08:00', '16:00'),
      holidays: [],
    };
    // Tuesday 2026-12-01 06:07 in Prague (UTC+1).
    expect(nextOpening(hours, new Date('2026-12-01T05:07:00Z'))?.toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    // Odd minutes are kept (no 15-minute grid): opening at 08:10.
    const odd: BusinessHours = { ...hours, week: weekdays('08:10', '16:00') };
    expect(nextOpening(odd, new Date('2026-12-01T05:07:00Z'))?.toISOString()).toBe(
      '2026-12-01T07:10:00.000Z',
    );
  });

  it('after closing it is the next working day; Friday evening is Monday; holidays are skipped', () => {
    const hours: BusinessHours = {
      timeZone: 'America/New_York',
      week: weekdays('09:00', '17:00'),
      holidays: ['2026-12-07'],
    };
    // Tuesday 2026-12-01 18:00 in New York (UTC-5) → Wednesday 09:00.
    expect(nextOpening(hours, new Date('2026-12-01T23:00:00Z'))?.toISOString()).toBe(
      '2026-12-02T14:00:00.000Z',
    );
    // Friday 2026-12-04 17:30 → Monday 12-07 is a holiday → Tuesday 12-08 09:00.
    expect(nextOpening(hours, new Date('2026-12-04T22:30:00Z'))?.toISOString()).toBe(
      '2026-12-08T14:00:00.000Z',
    );
  });

  it('uses the site time zone across UTC midnight (Tokyo opens while UTC is still on the day before)', () => {
    const hours: BusinessHours = { timeZone: 'Asia/Tokyo', week: weekdays('09:00', '18:00'), holidays: [] };
    // Monday 2026-11-30 20:00 UTC is Tuesday 05:00 in Tokyo → Tuesday 09:00 Tokyo = Tuesday 00:00 UTC.
    expect(nextOpening(hours, new Date('2026-11-30T20:00:00Z'))?.toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    );
  });

  it('is right across a daylight-saving change', () => {
    const hours: BusinessHours = {
      timeZone: 'Europe/Prague',
      week: weekdays('08:00', '16:00'),
      holidays: [],
    };
    // Friday 2027-03-26 17:00 CET; Sunday 03-28 clocks go forward; Monday 08:00 is CEST (UTC+2).
    expect(nextOpening(hours, new Date('2027-03-26T16:00:00Z'))?.toISOString()).toBe(
      '2027-03-29T06:00:00.000Z',
    );
    // Friday 2026-10-23 17:00 CEST; Sunday 10-25 back to CET; Monday 08:00 is UTC+1.
    expect(nextOpening(hours, new Date('2026-10-23T15:00:00Z'))?.toISOString()).toBe(
      '2026-10-26T07:00:00.000Z',
    );
  });

  it('is null when open, when no day ever opens, and beyond 14 days', () => {
    const hours: BusinessHours = { timeZone: 'UTC', week: weekdays('00:00', '23:59'), holidays: [] };
    expect(nextOpening(hours, new Date('2026-12-01T10:00:00Z'))).toBeNull();
    expect(
      nextOpening({ timeZone: 'UTC', week: {}, holidays: [] }, new Date('2026-12-01T10:00:00Z')),
    ).toBeNull();
    const dates = Array.from({ length: 20 }, (_, i) =>
      new Date(Date.UTC(2026, 11, 1 + i)).toISOString().slice(0, 10),
    );
    expect(nextOpening({ ...hours, holidays: dates }, new Date('2026-12-01T10:00:00Z'))).toBeNull();
    expect(isOpen(hours, new Date('2026-12-05T10:00:00Z'))).toBe(false);
  });

  it('creates one date formatter per time zone, not one per step or call', () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      const hours: BusinessHours = {
        timeZone: 'Pacific/Auckland',
        week: { mon: [['08:00', '09:00']] },
        holidays: [],
      };
      for (let day = 1; day <= 20; day++) nextOpening(hours, new Date(Date.UTC(2026, 11, day, 12)));
      expect(made).toBe(1);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
