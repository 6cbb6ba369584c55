// Which working-day calendar an object's deadlines are counted on. The Cabinet's transfers of days off (2026: 8 and
// 9 January off, Saturdays 7 February and 25 April worked) bind state and municipal bodies; a procurement supplier or
// consultant and a public organisation keep the Labour Code calendar (its fixed holidays and the movable feasts)
// unless staff mark the object as following the transfers (REGULATION.md, "Working days"; 4.2 for the kinds).
import type { MonitoredObjectKind } from './act';
import { createCalendar, type Calendar, type CalendarEntry } from './calendar';
import type { Localized } from './i18n';

/** 'with-transfers': the Labour Code plus the Cabinet's transfers; 'labour-code': without the transfers. */
export type CalendarKind = 'with-transfers' | 'labour-code';
export const CALENDAR_KINDS: readonly CalendarKind[] = ['with-transfers', 'labour-code'];

export const CALENDAR_KIND_NAMES: Readonly<Record<CalendarKind, Localized>> = {
  'with-transfers': {
    ky: 'Министрлер Кабинетинин которуулары менен жумуш күндөрүнүн календары',
    ru: 'календарь рабочих дней с переносами Кабинета Министров',
    en: "working-day calendar with the Cabinet's transfers",
  },
  'labour-code': {
    ky: 'Эмгек кодекси боюнча жумуш күндөрүнүн календары (которуусуз)',
    ru: 'календарь рабочих дней по Трудовому кодексу (без переносов)',
    en: 'Labour Code working-day calendar (without transfers)',
  },
};

/** The staff's mark on an object not bound by the transfers (the registration form's checkbox). */
export const FOLLOWS_TRANSFERS_LABEL: Localized = {
  ky: 'Бул объект Министрлер Кабинетинин которууларын сактайт (мамлекеттик же муниципалдык эмес болсо да)',
  ru: 'Этот объект следует переносам Кабинета Министров (хотя не является государственным или муниципальным)',
  en: "This object follows the Cabinet's transfers (though it is not a state or municipal body)",
};

/** 4.2: the kinds bound by the Cabinet's transfers (state and municipal bodies). */
const BOUND_BY_TRANSFERS: Readonly<Record<MonitoredObjectKind, boolean>> = {
  executive_body: true,
  municipal_enterprise: true,
  municipal_institution: true,
  procurement_supplier: false,
  procurement_consultant: false,
  public_organisation: false,
};

/** The calendar an object's counts use: its kind's, or the transfers' when staff marked it as following them. */
export function calendarKindOf(kind: MonitoredObjectKind, followsTransfers = false): CalendarKind {
  return BOUND_BY_TRANSFERS[kind] || followsTransfers ? 'with-transfers' : 'labour-code';
}

export function isCalendarKind(value: string): value is CalendarKind {
  return (CALENDAR_KINDS as readonly string[]).includes(value);
}

const MOVABLE_FEAST = /орозо|курман|oroz|kurman/i;

/**
 * Whether a calendar entry is a Cabinet transfer: every worked weekend day, and every day off that is not one of the
 * Labour Code's movable feasts (Orozo Ait, Kurman Ait, recognised by their names).
 */
export function isCabinetTransfer(entry: CalendarEntry): boolean {
  if (entry.type === 'working-day') return true;
  return !MOVABLE_FEAST.test(entry.name.ky) && !MOVABLE_FEAST.test(entry.name.ru);
}

/** The entries a calendar of this kind keeps: all of them with the transfers, the movable feasts only without. */
export function entriesForKind(entries: readonly CalendarEntry[], kind: CalendarKind): CalendarEntry[] {
  return kind === 'with-transfers' ? [...entries] : entries.filter((e) => !isCabinetTransfer(e));
}

/** The calendar of this kind built from a calendar's entries (the fixed Labour Code holidays apply to both). */
export function calendarOfKind(calendar: Calendar, kind: CalendarKind): Calendar {
  return kind === 'with-transfers' ? calendar : createCalendar(entriesForKind(calendar.entries, kind));
}
