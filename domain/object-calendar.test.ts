import { describe, expect, it } from 'vitest';
import { MONITORED_OBJECT_KINDS, type MonitoredObjectKind } from './act';
import { shippedCalendar } from './calendar';
import { computeDeadline } from './deadlines';
import { calendarKindOf, calendarOfKind, isCabinetTransfer, type CalendarKind } from './object-calendar';

const shipped = shippedCalendar();
const dueFor = (kind: MonitoredObjectKind, key: string, from: string, followsTransfers = false) =>
  computeDeadline(key, from, calendarOfKind(shipped, calendarKindOf(kind, followsTransfers))).due;

// Expected dates counted by hand on the 2026 wall calendar (1 January 2026 = Thursday); literals, not computed.
describe('which calendar an object counts on (4.2 kinds; Cabinet transfers bind state and municipal bodies)', () => {
  it.each<[MonitoredObjectKind, boolean, CalendarKind]>([
    ['executive_body', false, 'with-transfers'],
    ['municipal_enterprise', false, 'with-transfers'],
    ['municipal_institution', false, 'with-transfers'],
    ['procurement_supplier', false, 'labour-code'],
    ['procurement_consultant', false, 'labour-code'],
    ['public_organisation', false, 'labour-code'],
    ['procurement_supplier', true, 'with-transfers'],
    ['public_organisation', true, 'with-transfers'],
    ['municipal_institution', true, 'with-transfers'],
  ])('%s (marked as following the transfers: %s) counts on the %s calendar', (kind, follows, expected) => {
    expect(calendarKindOf(kind, follows)).toBe(expected);
  });

  it('every kind of 4.2 has a calendar', () => {
    for (const kind of Object.keys(MONITORED_OBJECT_KINDS) as MonitoredObjectKind[])
      expect(['with-transfers', 'labour-code']).toContain(calendarKindOf(kind));
  });
});

describe('counts on each calendar', () => {
  it.each<[string, MonitoredObjectKind, string, string, string]>([
    ['object-response', 'municipal_institution', '2026-04-24', '2026-05-15', 'the worked Saturday 25 April counts'],
    ['object-response', 'procurement_supplier', '2026-04-24', '2026-05-18', 'Saturday 25 April is a day off'],
    ['object-response', 'executive_body', '2026-04-24', '2026-05-15', 'the worked Saturday 25 April counts'],
    ['information-request', 'municipal_enterprise', '2026-01-05', '2026-01-23', '8 and 9 January are days off'],
    ['information-request', 'public_organisation', '2026-01-05', '2026-01-21', '8 and 9 January are worked'],
    ['information-request', 'procurement_consultant', '2026-03-18', '2026-04-02', 'Orozo Ait 20 March stays off'],
    ['information-request', 'municipal_institution', '2026-03-18', '2026-04-02', 'Orozo Ait 20 March is off'],
  ])('%s for a %s from %s is due %s (%s)', (key, kind, from, due) => {
    expect(dueFor(kind, key, from)).toBe(due);
  });

  it('a procurement supplier marked as following the transfers counts as a municipal body', () => {
    expect(dueFor('procurement_supplier', 'object-response', '2026-04-24', true)).toBe('2026-05-15');
  });
});

describe('what a Cabinet transfer is', () => {
  it('the transfers are taken out of the Labour Code calendar; the movable feasts and fixed holidays stay', () => {
    const labour = calendarOfKind(shipped, 'labour-code');
    expect(labour.isWorkingDay('2026-01-08')).toBe(true);
    expect(labour.isWorkingDay('2026-01-09')).toBe(true);
    expect(labour.isWorkingDay('2026-02-07')).toBe(false);
    expect(labour.isWorkingDay('2026-04-25')).toBe(false);
    expect(labour.isWorkingDay('2026-03-20')).toBe(false); // Orozo Ait
    expect(labour.isWorkingDay('2026-01-07')).toBe(false); // a fixed holiday
    expect(labour.yearData(2026)).toBe('estimated'); // the estimated Kurman Ait remains
  });

  it('a worked weekend day and a Cabinet day off are transfers; Orozo Ait and Kurman Ait are not', () => {
    const kinds = shipped.entries.filter((e) => e.date.startsWith('2026')).map((e) => [e.date, isCabinetTransfer(e)]);
    expect(kinds).toEqual([
      ['2026-01-08', true],
      ['2026-01-09', true],
      ['2026-02-07', true],
      ['2026-03-20', false],
      ['2026-04-25', true],
      ['2026-05-27', false],
    ]);
  });
});
