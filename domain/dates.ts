// Civil dates as 'YYYY-MM-DD' strings, with arithmetic on whole days. No clock reads, no time zones
// beyond the one fixed offset of Asia/Bishkek (UTC+6, no daylight saving since 2005).
import { DomainError } from './domain-error';

/** A civil date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export const BISHKEK_UTC_OFFSET_MINUTES = 6 * 60;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a civil date (proleptic Gregorian). */
export function toEpochDay(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new DomainError('invalid-date', `"${date}" is not a date in the form YYYY-MM-DD`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whether text is a real calendar date in the form YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Parses YYYY-MM-DD, refusing impossible dates; `field` names the input in the error. */
export function parseIsoDate(text: string, field = 'date'): IsoDate {
  if (!isIsoDate(text)) {
    throw new DomainError('invalid-date', `${field}: "${text}" is not a real date in the form YYYY-MM-DD`, { field });
  }
  return text;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Adds calendar months; a day past the target month's end clamps to its last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** The last instant of a civil day in Asia/Bishkek, as an ISO timestamp in UTC. */
export function endOfDayBishkek(date: IsoDate): string {
  return new Date((toEpochDay(date) + 1) * MS_PER_DAY - BISHKEK_UTC_OFFSET_MINUTES * 60_000 - 1).toISOString();
}

/** The civil date in Asia/Bishkek at an instant given as epoch milliseconds. */
export function bishkekDateOf(epochMs: number): IsoDate {
  return fromEpochDay(Math.floor((epochMs + BISHKEK_UTC_OFFSET_MINUTES * 60_000) / MS_PER_DAY));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
