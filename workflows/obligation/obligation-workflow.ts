// One statutory obligation: its due date on the working-day calendar, its reminder ladder and one escalation.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { calendarFromSlice, type Calendar } from '../../domain/calendar';
import { addDays, compareDates, endOfDayBishkek, type IsoDate } from '../../domain/dates';
import { computeDeadline } from '../../domain/deadlines';
import type { ObligationActivities, ObligationNoticeInput } from './activities-contract';
import {
  calendarChangedSignal,
  fulfilledSignal,
  obligationStateQuery,
  type ObligationInput,
  type ObligationResult,
  type ObligationState,
  type RungStatus,
} from './contract';
import { reminderLadder, type ReminderRung, type RungName } from '../../domain/reminders';

const { loadCalendar, sendReminder, escalate, recordObligationEvent } = proxyActivities<ObligationActivities>({
  startToCloseTimeout: '1 minute',
  // Infrastructure errors (mail server, database) retry until they pass; business refusals are non-retryable.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Calendar data is loaded for whole years; a year and a bit past the anchor covers every ladder. */
const CALENDAR_SPAN_DAYS = 400;

/** Runs one obligation until it is fulfilled; after the escalation it keeps waiting for a (late) fulfilment. */
export async function obligationWorkflow(input: ObligationInput): Promise<ObligationResult> {
  const hour = input.reminderHour ?? 9;
  const status = new Map<RungName, RungStatus>();
  let calendar: Calendar | undefined;
  let due: IsoDate | undefined;
  let ladder: ReminderRung[] = [];
  let calendarLoads = 0;
  let calendarStale = false;
  let fulfilledOn: IsoDate | undefined;

  const nowIso = () => new Date(Date.now()).toISOString();
  const notice = (): ObligationNoticeInput => ({
    obligationId: input.obligationId,
    key: input.key,
    clause: input.clause,
    party: input.party,
    anchor: input.anchor,
    due: due!,
    dueInstant: endOfDayBishkek(due!),
  });

  setHandler(fulfilledSignal, ({ on }) => {
    fulfilledOn ??= on; // a second report of the same fulfilment changes nothing
  });
  setHandler(calendarChangedSignal, () => {
    calendarStale = true;
  });
  setHandler(obligationStateQuery, (): ObligationState => ({
    obligationId: input.obligationId,
    key: input.key,
    clause: input.clause,
    party: input.party,
    anchor: input.anchor,
    due: due ?? null,
    dueInstant: due ? endOfDayBishkek(due) : null,
    ladder: ladder.map((r) => ({ rung: r.rung, date: r.date, at: r.instant, status: status.get(r.rung) ?? 'pending' })),
    fulfilled: fulfilledOn && due ? { on: fulfilledOn, late: compareDates(fulfilledOn, due) > 0 } : null,
    escalated: status.get('escalation') === 'sent',
    calendarLoads,
  }));

  async function plan(): Promise<void> {
    calendarStale = false;
    const slice = await loadCalendar({ from: input.anchor, to: addDays(input.due ?? input.anchor, CALENDAR_SPAN_DAYS) });
    calendarLoads++;
    calendar = calendarFromSlice(slice);
    due = input.due ?? computeDeadline(input.key, input.anchor, calendar).due;
    ladder = reminderLadder(due, calendar, { hour, start: input.anchor });
  }

  await plan();
  await recordObligationEvent({ obligationId: input.obligationId, type: 'opened', at: nowIso(), due: due!, dueInstant: endOfDayBishkek(due!) });
  // Rungs already behind the start (an obligation opened late) are skipped, except the escalation.
  for (const [i, r] of ladder.entries()) {
    if (r.rung !== 'escalation' && r.epochMs <= Date.now() && ladder.slice(i + 1).some((later) => later.epochMs <= Date.now())) {
      status.set(r.rung, 'skipped');
      await recordObligationEvent({ obligationId: input.obligationId, type: 'rung-skipped', at: nowIso(), rung: r.rung, due: due! });
    }
  }

  while (fulfilledOn === undefined) {
    if (calendarStale) {
      const before = due!;
      await plan();
      if (due !== before) await recordObligationEvent({ obligationId: input.obligationId, type: 'due-changed', at: nowIso(), from: before, to: due! });
      continue;
    }
    const next = ladder.find((r) => !status.has(r.rung));
    if (!next) {
      // Escalated: wait for a late fulfilment or another calendar change, with no timer.
      await condition(() => fulfilledOn !== undefined || calendarStale);
      continue;
    }
    const wait = next.epochMs - Date.now();
    if (wait > 0) {
      await condition(() => fulfilledOn !== undefined || calendarStale, wait);
      continue;
    }
    if (next.rung === 'escalation') {
      await escalate(notice());
      status.set(next.rung, 'sent');
      await recordObligationEvent({ obligationId: input.obligationId, type: 'escalated', at: nowIso(), due: due! });
    } else {
      await sendReminder({ ...notice(), rung: next.rung, workingDaysBefore: Number(next.rung.slice('due-'.length)) });
      status.set(next.rung, 'sent');
      await recordObligationEvent({ obligationId: input.obligationId, type: 'reminder-sent', at: nowIso(), rung: next.rung, due: due! });
    }
  }

  const late = compareDates(fulfilledOn, due!) > 0;
  await recordObligationEvent({ obligationId: input.obligationId, type: 'fulfilled', at: nowIso(), on: fulfilledOn, due: due!, late });
  return {
    obligationId: input.obligationId,
    due: due!,
    fulfilledOn,
    late,
    remindersSent: ladder.filter((r) => r.rung !== 'escalation' && status.get(r.rung) === 'sent').map((r) => r.rung),
    escalated: status.get('escalation') === 'sent',
  };
}

