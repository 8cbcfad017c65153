import { describe, expect, it } from 'vitest';
import { daysUntilBirthday, nextBirthday, parseBirthday } from '@/lib/insights/birthday';
import { daysUntilBirthday as fromActions } from '@/lib/insights/actions';

/** Noon local time: birthdays follow the browser's calendar. */
const on = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();

describe('daysUntilBirthday', () => {
  it('is 0 on the day, from the first to the last minute', () => {
    expect(daysUntilBirthday('01-15', on(2026, 1, 15))).toBe(0);
    expect(daysUntilBirthday('01-15', on(2026, 1, 15, 0))).toBe(0);
    expect(daysUntilBirthday('01-15', new Date(2026, 0, 15, 23, 59).getTime())).toBe(0);
  });
  it('counts calendar days ahead', () => {
    expect(daysUntilBirthday('01-16', on(2026, 1, 15))).toBe(1);
    expect(daysUntilBirthday('02-14', on(2026, 1, 15))).toBe(30);
  });
  it('wraps to next year once passed', () => {
    expect(daysUntilBirthday('01-14', on(2026, 1, 15))).toBe(364);
    expect(daysUntilBirthday('01-01', on(2026, 12, 31))).toBe(1);
    expect(daysUntilBirthday('12-31', on(2026, 12, 31))).toBe(0);
    expect(daysUntilBirthday('03-14', on(2027, 3, 15))).toBe(365); // to 2028-03-14, across 2028-02-29
  });
  it('02-29 falls on 03-01 in common years, on 02-29 in leap years', () => {
    expect(daysUntilBirthday('02-29', on(2026, 2, 20))).toBe(9); // → 2026-03-01
    expect(daysUntilBirthday('02-29', on(2026, 3, 1))).toBe(0);
    expect(daysUntilBirthday('02-29', on(2028, 2, 20))).toBe(9); // → 2028-02-29
    expect(daysUntilBirthday('02-29', on(2028, 2, 29))).toBe(0);
    expect(daysUntilBirthday('02-29', on(2028, 3, 1))).toBe(365); // → 2029-03-01
    expect(daysUntilBirthday('02-29', on(2027, 3, 2))).toBe(364); // → 2028-02-29
  });
  it('accepts YYYY-MM-DD and single digits', () => {
    expect(daysUntilBirthday('1990-01-20', on(2026, 1, 15))).toBe(5);
    expect(daysUntilBirthday('1-20', on(2026, 1, 15))).toBe(5);
    expect(daysUntilBirthday(' 01-20 ', on(2026, 1, 15))).toBe(5);
  });
  it('is undefined for no or a bad birthday', () => {
    for (const bad of [undefined, '', 'abc', '13-01', '00-10', '02-30', '04-31', '01-00', '0115', '01/15']) {
      expect(daysUntilBirthday(bad, on(2026, 1, 15)), String(bad)).toBeUndefined();
    }
    expect(daysUntilBirthday('01-15', NaN)).toBeUndefined();
  });
  it('is the same function actions.ts exports', () => {
    expect(fromActions).toBe(daysUntilBirthday);
  });
});

describe('nextBirthday / parseBirthday', () => {
  it('gives the date of the coming birthday', () => {
    expect(nextBirthday('03-05', on(2026, 3, 6))).toEqual({ year: 2027, month: 3, day: 5 });
    expect(nextBirthday('02-29', on(2026, 1, 1))).toEqual({ year: 2026, month: 3, day: 1 });
    expect(parseBirthday('02-29')).toEqual({ month: 2, day: 29 });
    expect(parseBirthday('02-30')).toBeUndefined();
  });
});
