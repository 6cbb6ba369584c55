// Year data shipped with the product: the movable feasts and the Cabinet's transfers that the fixed
// rules of the Labour Code cannot know (REGULATION.md, "Context from outside the seed").
// Staff correct or extend it with a calendar file; a later entry for the same date wins.
import type { CalendarEntry } from '../calendar';

const orozoAit = { ky: 'Орозо айт', ru: 'Орозо айт' };
const kurmanAit = { ky: 'Курман айт', ru: 'Курман айт' };
const cabinetDayOff = {
  ky: 'Министрлер Кабинетинин токтому боюнча дем алыш күн',
  ru: 'Выходной день по постановлению Кабинета Министров',
};
const cabinetWorkedSaturday = {
  ky: 'Министрлер Кабинетинин токтому боюнча жумуш күнү (которулган ишемби)',
  ru: 'Рабочий день по постановлению Кабинета Министров (перенесённая суббота)',
};

/** Known data for 2025-2026 and estimates for 2027 (Islamic-calendar estimates, not yet declared). */
export const KNOWN_CALENDAR_ENTRIES: readonly CalendarEntry[] = [
  // 2025: both feasts declared; Orozo Ait fell on a Sunday and, since 2025, is not moved.
  { date: '2025-03-30', type: 'day-off', name: orozoAit, status: 'confirmed' },
  { date: '2025-06-06', type: 'day-off', name: kurmanAit, status: 'confirmed' },
  // 2026: Cabinet decree moves 8-9 January off, worked on Saturdays 7 February and 25 April.
  { date: '2026-01-08', type: 'day-off', name: cabinetDayOff, status: 'confirmed' },
  { date: '2026-01-09', type: 'day-off', name: cabinetDayOff, status: 'confirmed' },
  { date: '2026-02-07', type: 'working-day', name: cabinetWorkedSaturday, status: 'confirmed' },
  { date: '2026-03-20', type: 'day-off', name: orozoAit, status: 'confirmed' },
  { date: '2026-04-25', type: 'working-day', name: cabinetWorkedSaturday, status: 'confirmed' },
  // Announced in Kazakhstan; not yet confirmed for Kyrgyzstan.
  { date: '2026-05-27', type: 'day-off', name: kurmanAit, status: 'estimated' },
  // 2027: approximate dates from the Islamic calendar; to be replaced when declared.
  { date: '2027-03-10', type: 'day-off', name: orozoAit, status: 'estimated' },
  { date: '2027-05-16', type: 'day-off', name: kurmanAit, status: 'estimated' },
];
