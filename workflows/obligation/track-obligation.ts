// One statutory obligation tracked inside any workflow, as a concurrent coroutine: its due date on the
// working-day calendar, an updatable timer for its reminder ladder, one escalation, and a (possibly late)
// fulfilment. A procedure such as the formation or an act runs several side by side.
import { condition, proxyActivities } from '@temporalio/workflow';
import { calendarFromSlice, type Calendar } from '../../domain/calendar';
import { addDays, compareDates, endOfDayBishkek, type IsoDate } from '../../domain/dates';
import { computeDeadline } from '../../domain/deadlines';
import type { CalendarKind } from '../../domain/object-calendar';
import {
  DEFAULT_REMINDER_HOUR,
  dueRungs,
  reminderLadder,
  rungsPassedOver,
  type ReminderRung,
  type RungName,
} from '../../domain/reminders';
import type { ObligationActivities, ObligationNoticeInput } from './activities-contract';
import type { ObligationInput, ObligationResult, ObligationState, RungStatus } from './contract';

const { loadCalendar, sendReminder, escalate, recordObligationEvent } = proxyActivities<ObligationActivities>({
  startToCloseTimeout: '1 minute',
  // Infrastructure errors (mail server, database) retry until they pass; business refusals are non-retryable.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Calendar data is loaded for whole years; a year and a bit past the anchor covers every ladder. */
const CALENDAR_SPAN_DAYS = 400;

export interface TrackedObligation extends ObligationInput {
  /**
   * The first day reminders may fall on; rungs dated earlier are dropped. Defaults to the anchor. An obligation
   * counted back from a later event (5.3.3: N working days before the meeting) starts its ladder when it opens.
   */
  ladderStart?: IsoDate;
  /** The council whose own calendar corrections apply (loadCalendar overlays them on the national data). */
  councilId?: string;
  /** The reminder rungs (working days before the due day); absent, DEFAULT_RUNGS. [] leaves only the escalation. */
  rungs?: readonly number[];
}

export interface ObligationTracker {
  readonly obligationId: string;
  /** Records the fulfilment (the first report wins); the tracker stops its timer and completes `done`. */
  fulfil(on: IsoDate): void;
  /** The working-day calendar changed: the tracker reloads it and recomputes the due date and the unsent rungs. */
  calendarChanged(): void;
  /** True until the fulfilment is recorded. */
  isOpen(): boolean;
  /** True once the obligation's 'opened' fact is recorded (its row exists: a response may refer to it). */
  opened(): boolean;
  state(): ObligationState;
  /** The working-day calendar of the last load (undefined until the first load completes). */
  calendar(): Calendar | undefined;
  /** Resolves once the fulfilment has been recorded. */
  readonly done: Promise<ObligationResult>;
}

/**
 * Starts tracking an obligation. Call it from workflow code (it schedules activities and timers at once);
 * it keeps running beside the caller until fulfilled. After the escalation it waits, with no timer, for a
 * late fulfilment or a calendar change.
 */
export function trackObligation(spec: TrackedObligation): ObligationTracker {
  const hour = spec.reminderHour ?? DEFAULT_REMINDER_HOUR;
  const start = spec.ladderStart ?? spec.anchor;
  const status = new Map<RungName, RungStatus>();
  let calendar: Calendar | undefined;
  let due: IsoDate | undefined;
  let ladder: ReminderRung[] = [];
  let calendarLoads = 0;
  let calendarKind: CalendarKind | undefined;
  let calendarStale = false;
  let fulfilledOn: IsoDate | undefined;
  let openedRecorded = false;

  const nowIso = () => new Date(Date.now()).toISOString();
  const notice = (): ObligationNoticeInput => ({
    obligationId: spec.obligationId,
    key: spec.key,
    clause: spec.clause,
    party: spec.party,
    anchor: spec.anchor,
    due: due!,
    dueInstant: endOfDayBishkek(due!),
  });

  const state = (): ObligationState => ({
    obligationId: spec.obligationId,
    key: spec.key,
    clause: spec.clause,
    party: spec.party,
    anchor: spec.anchor,
    due: due ?? null,
    dueInstant: due ? endOfDayBishkek(due) : null,
    ladder: ladder.map((r) => ({ rung: r.rung, date: r.date, at: r.instant, status: status.get(r.rung) ?? 'pending' })),
    fulfilled: fulfilledOn && due ? { on: fulfilledOn, late: compareDates(fulfilledOn, due) > 0 } : null,
    escalated: status.get('escalation') === 'sent',
    calendarLoads,
    ...(calendarKind === undefined ? {} : { calendarKind }),
  });

  async function plan(): Promise<void> {
    calendarStale = false;
    const from = compareDates(start, spec.anchor) < 0 ? start : spec.anchor;
    const to = addDays(spec.due ?? spec.anchor, CALENDAR_SPAN_DAYS);
    // 4.2: an object's obligation is counted on that object's calendar (with or without the Cabinet's transfers).
    const byParty = spec.party.startsWith('object:') ? { party: spec.party } : {};
    const slice = await loadCalendar(
      spec.councilId === undefined ? { from, to, ...byParty } : { from, to, councilId: spec.councilId, ...byParty },
    );
    calendarLoads++;
    if (slice.calendarKind !== undefined) calendarKind = slice.calendarKind;
    calendar = calendarFromSlice(slice);
    due = spec.due ?? computeDeadline(spec.key, spec.anchor, calendar).due;
    ladder = reminderLadder(due, calendar, { hour, start, ...(spec.rungs === undefined ? {} : { rungs: spec.rungs }) });
  }

  async function run(): Promise<ObligationResult> {
    await plan();
    await recordObligationEvent({
      obligationId: spec.obligationId,
      type: 'opened',
      at: nowIso(),
      due: due!,
      dueInstant: endOfDayBishkek(due!),
      groupId: spec.groupId,
      actId: spec.actId ?? null,
      key: spec.key,
      clause: spec.clause,
      party: spec.party,
      anchor: spec.anchor,
    });
    openedRecorded = true;
    // An obligation opened late passes over the rungs already behind it, except the latest one and the escalation.
    for (const r of ladder) {
      if (rungsPassedOver(ladder, Date.now()).includes(r)) {
        status.set(r.rung, 'skipped');
        await recordObligationEvent({
          obligationId: spec.obligationId,
          type: 'rung-skipped',
          at: nowIso(),
          rung: r.rung,
          due: due!,
        });
      }
    }

    while (fulfilledOn === undefined) {
      if (calendarStale) {
        const before = due!;
        await plan();
        if (due !== before)
          await recordObligationEvent({
            obligationId: spec.obligationId,
            type: 'due-changed',
            at: nowIso(),
            from: before,
            to: due!,
          });
        continue;
      }
      const [next] = dueRungs(ladder, Date.now(), new Set(status.keys()));
      if (!next) {
        const coming = ladder.find((r) => !status.has(r.rung));
        // The updatable timer until the next rung (none after the escalation): a fulfilment or a calendar change
        // cancels it and the loop plans again.
        if (coming) await condition(() => fulfilledOn !== undefined || calendarStale, coming.epochMs - Date.now());
        else await condition(() => fulfilledOn !== undefined || calendarStale);
        continue;
      }
      if (next.rung === 'escalation') {
        await escalate(notice());
        status.set(next.rung, 'sent');
        await recordObligationEvent({ obligationId: spec.obligationId, type: 'escalated', at: nowIso(), due: due! });
      } else {
        await sendReminder({ ...notice(), rung: next.rung, workingDaysBefore: Number(next.rung.slice('due-'.length)) });
        status.set(next.rung, 'sent');
        await recordObligationEvent({
          obligationId: spec.obligationId,
          type: 'reminder-sent',
          at: nowIso(),
          rung: next.rung,
          due: due!,
        });
      }
    }

    const late = compareDates(fulfilledOn, due!) > 0;
    await recordObligationEvent({
      obligationId: spec.obligationId,
      type: 'fulfilled',
      at: nowIso(),
      on: fulfilledOn,
      due: due!,
      late,
    });
    return {
      obligationId: spec.obligationId,
      due: due!,
      fulfilledOn,
      late,
      remindersSent: ladder.filter((r) => r.rung !== 'escalation' && status.get(r.rung) === 'sent').map((r) => r.rung),
      escalated: status.get('escalation') === 'sent',
    };
  }

  const done = run();
  return {
    obligationId: spec.obligationId,
    fulfil(on) {
      fulfilledOn ??= on; // a second report of the same fulfilment changes nothing
    },
    calendarChanged() {
      calendarStale = true;
    },
    isOpen: () => fulfilledOn === undefined,
    opened: () => openedRecorded,
    state,
    calendar: () => calendar,
    done,
  };
}
