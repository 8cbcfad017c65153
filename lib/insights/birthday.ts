import { DAY_MS } from './types';

/** A calendar date (month 1..12). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Month and day of a birthday written 'MM-DD' (or 'YYYY-MM-DD'); undefined when not a real date. */
export function parseBirthday(birthday: string | undefined): { month: number; day: number } | undefined {
  if (typeof birthday !== 'string') return undefined;
  const m = /^(?:\d{4}-)?(\d{1,2})-(\d{1,2})$/.exec(birthday.trim());
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return undefined;
  return { month, day };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The day a birthday falls on in a year: 02-29 is celebrated on 03-01 in a common year. */
function occurrence(year: number, month: number, day: number): CalendarDate {
  if (month === 2 && day === 29 && !isLeap(year)) return { year, month: 3, day: 1 };
  return { year, month, day };
}

/**
 * The next time the birthday comes round, today included, in the local calendar of `now` (the
 * browser's time zone: the shop's people see their own dates).
 */
export function nextBirthday(birthday: string | undefined, now: number): CalendarDate | undefined {
  const b = parseBirthday(birthday);
  if (!b || !Number.isFinite(now)) return undefined;
  const today = new Date(now);
  const y = today.getFullYear();
  const todayKey = (today.getMonth() + 1) * 100 + today.getDate();
  const thisYear = occurrence(y, b.month, b.day);
  return thisYear.month * 100 + thisYear.day >= todayKey ? thisYear : occurrence(y + 1, b.month, b.day);
}

/**
 * Whole calendar days until the next birthday: 0 on the day, 364 or 365 the day after.
 * Handles the year wrap and 02-29 in common years (→ 03-01). Undefined for no or a bad birthday.
 */
export function daysUntilBirthday(birthday: string | undefined, now: number): number | undefined {
  const next = nextBirthday(birthday, now);
  if (!next) return undefined;
  const today = new Date(now);
  const from = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const to = Date.UTC(next.year, next.month - 1, next.day);
  return Math.round((to - from) / DAY_MS);
}
