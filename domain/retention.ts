// Retention of personal data after a group's term: a council keeps its groups' members' and candidates' phones,
// e-mails and birth dates for a number of months after the term ends (0: until the person asks). Pure.
import { addMonthsClamped, compareDates, type IsoDate } from './dates';

export const RETENTION_MONTHS_MAX = 600;

/** The last day the data is kept: the term's end plus `months` (a day past the month's end clamps to its last day). */
export function retainedUntil(termEnd: IsoDate, months: number): IsoDate {
  return addMonthsClamped(termEnd, months);
}

/**
 * Whether data kept `months` after a term that ended on `termEnd` is due for erasure on `on`: the term ended more
 * than `months` months before `on`. Never with months 0 (keep until asked) or with no term end (the group not created).
 */
export function retentionExpired(termEnd: IsoDate | null, months: number, on: IsoDate): boolean {
  if (termEnd === null || months <= 0) return false;
  return compareDates(retainedUntil(termEnd, months), on) < 0;
}
