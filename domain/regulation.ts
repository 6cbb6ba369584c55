// Every number the regulation sets, once, with its clause: the periods of 4.3, 5.3 and 5.4 (counted by
// deadlines.ts), the size, age and shares of the composition in 5.2.1 and 5.2.3 (checked by composition.ts), the
// quorum of 7.2.3 and the majority of 5.4.4 and 5.4.6 (meeting.ts). Also the periods of Law No. 217 on access to
// information, which the information request follows.

/** A share of the group or of the votes as a fraction, so that every limit stays exact in integer arithmetic. */
export type Share = { readonly numerator: number; readonly denominator: number };

// Periods.

/** 4.3(3): the monitored object informs the executive body within 10 working days of receiving an act. */
export const OBJECT_RESPONSE_WORKING_DAYS = 10;
/** 4.3(4): the executive body informs the council within 30 calendar days of receiving an act. */
export const EXECUTIVE_REPORT_CALENDAR_DAYS = 30;
/** 5.3.1: the group's term of office is 4 years from its creation. */
export const TERM_YEARS = 4;
/** 5.3.2: the first meeting is held within 10 working days of the group's creation. */
export const FIRST_MEETING_WORKING_DAYS = 10;
/** 5.3.3: the creation notice is published at least 3 working days before the first meeting. */
export const CREATION_NOTICE_WORKING_DAYS_BEFORE = 3;
/** 5.4.1: the formation notice is published within 1 month of the council's own formation. */
export const FORMATION_NOTICE_MONTHS = 1;
/** 5.4.2, 5.4.3: the executive head's candidates and the deputies follow within 15 working days of that notice. */
export const NOMINATION_WORKING_DAYS = 15;
/** Law No. 217 of 29.12.2023: a request for information is answered within 10 working days of its receipt. */
export const INFORMATION_REQUEST_WORKING_DAYS = 10;
/** Law No. 217 of 29.12.2023: once, by up to 10 working days, with written reasoned notice. */
export const INFORMATION_REQUEST_EXTENSION_WORKING_DAYS = 10;

/** 7.2.2: the chair is warned about the quarter's cadence this many working days before the quarter ends. */
export const CADENCE_WARNING_WORKING_DAYS_BEFORE = 3;
/** 5.3.1: the chair and the council are reminded 3 months and 1 month before the term ends. */
export const TERM_END_REMINDER_MONTHS_BEFORE = [3, 1] as const;

// The composition (5.2).

/** 5.2.1: at least 5 members. */
export const MIN_GROUP_SIZE = 5;
/** 5.2.1: at most 15 members. */
export const MAX_GROUP_SIZE = 15;
/** 5.2.1: members are aged 18 or over. */
export const MIN_MEMBER_AGE = 18;
/** 5.2.3(1): at least 1/4 of the members are municipal employees of the executive body. */
export const MUNICIPAL_EMPLOYEES_SHARE: Share = { numerator: 1, denominator: 4 };
/** 5.2.3(2): 1/4 of the members are council deputies. */
export const DEPUTIES_SHARE: Share = { numerator: 1, denominator: 4 };
/** 5.2.3(3): at least half of the members are citizens and representatives of their associations. */
export const CITIZENS_SHARE: Share = { numerator: 1, denominator: 2 };
/** 5.2.3: persons of one sex must not exceed 70% of the members. */
export const ONE_SEX_MAX_SHARE: Share = { numerator: 7, denominator: 10 };

// Meetings and votes.

/** 7.2.3: a meeting is competent when more than half of all members are present. */
export const QUORUM_SHARE: Share = { numerator: 1, denominator: 2 };
/** 5.4.4, 5.4.6: a majority is more than half (of the gathering's participants, of the members present). */
export const MAJORITY_SHARE: Share = { numerator: 1, denominator: 2 };

/** ⌊n × share⌋: the largest whole number not above the share of n. */
export function shareFloor(n: number, share: Share): number {
  return Math.floor((n * share.numerator) / share.denominator);
}

/** ⌈n × share⌉: the smallest whole number not below the share of n. */
export function shareCeil(n: number, share: Share): number {
  return Math.ceil((n * share.numerator) / share.denominator);
}

/** Whether `count` is more than the share of `of` (integer arithmetic: count × denominator > of × numerator). */
export function exceedsShare(count: number, of: number, share: Share): boolean {
  return count * share.denominator > of * share.numerator;
}

/** The share as a percentage, for texts ("70%"). */
export function sharePercent(share: Share): number {
  return (share.numerator * 100) / share.denominator;
}
