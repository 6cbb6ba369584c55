// The information request procedure (7.3.2(1), Law No. 217 of 29.12.2023): delivery with a signed link, the receipt
// (a deliberate click or a paper receipt recorded by staff), the answer due 10 working days after receipt on the
// object's own calendar (4.2), one extension by up to 10 working days, the answer or a refusal citing its ground,
// reminders before each due date and one escalation to the council.
import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { calendarFromSlice, type Calendar } from '../../domain/calendar';
import { addDays, bishkekDateOf, compareDates, endOfDayBishkek, type IsoDate } from '../../domain/dates';
import type { CalendarKind } from '../../domain/object-calendar';
import type { Problem } from '../../domain/problem';
import { reminderLadder, type ReminderRung, type RungName } from '../../domain/reminders';
import {
  checkRequestAnswer,
  checkRequestExtension,
  checkRequestReceipt,
  checkRequestRefusal,
  describeRequestProblems,
  REQUEST_CLAUSE,
  requestFirstDue,
  type RequestStage,
} from '../../domain/request';
import { problem } from '../../domain/problem';
import type { ObligationActivities, ObligationNoticeInput } from '../obligation/activities-contract';
import type { RequestActivities } from './activities-contract';
import {
  answerRequestUpdate,
  extendRequestUpdate,
  recordRequestReceiptUpdate,
  refuseRequestUpdate,
  requestCalendarChangedSignal,
  requestStateQuery,
  type AnswerRequestInput,
  type ExtendRequestInput,
  type RefuseRequestInput,
  type RequestDelivery,
  type RequestInfo,
  type RequestInput,
  type RequestReceiptInput,
  type RequestResult,
  type RequestState,
} from './contract';

const retry = { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };
const { loadInformationRequest, deliverInformationRequest, appendDomainEvents } = proxyActivities<RequestActivities>({
  startToCloseTimeout: '1 minute',
  retry,
});
const { loadCalendar, sendReminder, escalate, recordObligationEvent } = proxyActivities<ObligationActivities>({
  startToCloseTimeout: '1 minute',
  retry,
});

/** Calendar data is loaded for whole years; a year and a bit past the receipt covers both periods. */
const CALENDAR_SPAN_DAYS = 400;

function refuse(problems: Problem[]): void {
  if (problems.length > 0)
    throw ApplicationFailure.create({
      type: 'RequestRefused',
      message: describeRequestProblems(problems),
      details: [problems],
      nonRetryable: true,
    });
}

/** Runs one information request until it is answered or refused. */
export async function requestWorkflow(input: RequestInput): Promise<RequestResult> {
  const { requestId, groupId, councilId } = input;
  const hour = input.reminderHour ?? 9;
  const stream = `request-${requestId}`;
  const actor = `workflow:request/${requestId}`;
  let info: RequestInfo | null = null;
  let delivery: RequestDelivery | null = null;
  let receipt: RequestState['receipt'] = null;
  let calendar: Calendar | undefined;
  let calendarKind: CalendarKind | null = null;
  let calendarStale = false;
  let firstDue: IsoDate | null = null;
  let extension: RequestState['extension'] = null;
  let outcome: RequestState['outcome'] = null;
  let obligationId: string | null = null;
  let ladder: ReminderRung[] = [];
  const status = new Map<RungName, 'sent' | 'skipped'>();
  let escalated = false;
  let dueChanges = 0;

  const nowIso = () => new Date(Date.now()).toISOString();
  const today = () => bishkekDateOf(Date.now());
  const due = (): IsoDate | null => extension?.newDue ?? firstDue;
  const stage = (): RequestStage => ({
    sentOn: info?.sentOn ?? today(),
    receivedOn: firstDue === null ? null : receipt!.receivedOn,
    firstDue,
    extension,
    outcome,
  });
  const state = (): RequestState => ({
    requestId,
    groupId,
    step: outcome ? outcome.kind : firstDue !== null ? 'awaiting-answer' : delivery ? 'awaiting-receipt' : 'delivering',
    today: today(),
    info,
    delivery,
    receipt,
    calendarKind,
    firstDue,
    due: due(),
    extension,
    outcome,
    obligationId,
    ladder: ladder.map((r) => ({ rung: r.rung, date: r.date, at: r.instant, status: status.get(r.rung) ?? 'pending' })),
    escalated,
  });
  const append = (events: { type: string; payload: object; idempotencyKey: string }[], on = stream) =>
    appendDomainEvents({
      stream: on,
      actor,
      events: events.map((e) => ({ ...e, occurredAt: nowIso() })) as Parameters<typeof appendDomainEvents>[0]['events'],
    });
  const key = (what: string) => `request:${requestId}:${what}`;
  const result = (): RequestResult => ({ ...outcome!, requestId, due: due()! });

  setHandler(requestStateQuery, state);
  setHandler(requestCalendarChangedSignal, () => {
    calendarStale = true;
  });

  setHandler(
    recordRequestReceiptUpdate,
    async (req: RequestReceiptInput) => {
      if (!receipt) receipt = { receivedOn: req.receivedOn, via: req.via, recordedAt: nowIso() };
      // The caller sees the receipt once the count has started (its due date recorded).
      await condition(() => firstDue !== null);
      return receipt;
    },
    {
      validator: (req: RequestReceiptInput) => {
        if (receipt) return; // a second receipt changes nothing
        const problems = checkRequestReceipt(stage(), req.receivedOn, today());
        if (req.via !== 'link' && req.via !== 'staff')
          problems.push(
            problem('invalid-via', 'via', null, {
              ky: 'Алуу жолу: link же staff.',
              ru: 'Способ получения: link или staff.',
              en: 'The receipt is recorded via "link" or "staff".',
            }),
          );
        refuse(problems);
      },
    },
  );

  setHandler(
    extendRequestUpdate,
    async (req: ExtendRequestInput) => {
      extension = { on: req.on, newDue: req.newDue, reason: req.reason.trim() };
      await append([
        {
          type: 'request.extended',
          idempotencyKey: key('extended'),
          payload: { requestId, on: req.on, dueDate: req.newDue, reason: extension.reason },
        },
      ]);
      return extension;
    },
    { validator: (req: ExtendRequestInput) => refuse(checkRequestExtension(stage(), req, calendar!, today())) },
  );

  async function finish(kind: 'answered' | 'refused', req: AnswerRequestInput | RefuseRequestInput) {
    const late = compareDates(req.on, due()!) > 0;
    outcome =
      kind === 'refused'
        ? { kind, on: req.on, late, ground: (req as RefuseRequestInput).ground }
        : { kind, on: req.on, late };
    await append([
      kind === 'answered'
        ? {
            type: 'request.answered',
            idempotencyKey: key('outcome'),
            payload: { requestId, on: req.on, text: req.text.trim(), late },
          }
        : {
            type: 'request.refused',
            idempotencyKey: key('outcome'),
            payload: { requestId, on: req.on, ground: (req as RefuseRequestInput).ground, text: req.text.trim() },
          },
    ]);
    return result();
  }

  setHandler(answerRequestUpdate, (req: AnswerRequestInput) => finish('answered', req), {
    validator: (req: AnswerRequestInput) => refuse(checkRequestAnswer(stage(), req, today())),
  });
  setHandler(refuseRequestUpdate, (req: RefuseRequestInput) => finish('refused', req), {
    validator: (req: RefuseRequestInput) => refuse(checkRequestRefusal(stage(), req, today())),
  });

  info = await loadInformationRequest({ requestId });
  delivery = await deliverInformationRequest({ requestId });
  await condition(() => receipt !== null);
  const receivedOn = receipt!.receivedOn;
  const party = `object:${info.objectId}`;

  async function loadObjectCalendar(): Promise<Calendar> {
    calendarStale = false;
    const slice = await loadCalendar({
      from: receivedOn,
      to: addDays(receivedOn, CALENDAR_SPAN_DAYS),
      councilId,
      party,
    });
    calendarKind = slice.calendarKind ?? 'with-transfers';
    return calendarFromSlice(slice);
  }

  // Law No. 217: 10 working days of receipt, on the object's calendar (4.2).
  calendar = await loadObjectCalendar();
  const firstDueOn = requestFirstDue(calendar, receivedOn);
  await append([
    {
      type: 'request.received',
      idempotencyKey: key('received'),
      payload: { requestId, receivedOn, via: receipt!.via, dueDate: firstDueOn },
    },
  ]);
  firstDue = firstDueOn;

  let period: 'first' | 'extended' | null = null;
  const notice = (): ObligationNoticeInput => ({
    obligationId: obligationId!,
    key: 'information-request',
    clause: REQUEST_CLAUSE,
    party,
    anchor: receivedOn,
    due: due()!,
    dueInstant: endOfDayBishkek(due()!),
  });

  /** Opens the obligation of the current period (its row on the pending list) and plans its reminder ladder. */
  async function openPeriod(which: 'first' | 'extended'): Promise<void> {
    const previous = obligationId;
    period = which;
    obligationId = which === 'first' ? `${requestId}/answer` : `${requestId}/answer-extended`;
    status.clear();
    const start = which === 'first' ? receivedOn : extension!.on;
    ladder = reminderLadder(due()!, calendar!, { hour, start });
    await recordObligationEvent({
      obligationId,
      type: 'opened',
      at: nowIso(),
      due: due()!,
      dueInstant: endOfDayBishkek(due()!),
      groupId,
      actId: null,
      key: 'information-request',
      clause: REQUEST_CLAUSE,
      party,
      anchor: start,
    });
    if (previous !== null)
      await append(
        [
          {
            type: 'obligation.status-changed',
            idempotencyKey: `obligation-closed:${previous}`,
            payload: { obligationId: previous, status: 'closed', reason: `extended to ${extension!.newDue}` },
          },
        ],
        `group-${groupId}`,
      );
    // Rungs already behind (a receipt recorded late) are passed over, except the latest one and the escalation.
    const now = Date.now();
    for (const [i, r] of ladder.entries())
      if (r.rung !== 'escalation' && r.epochMs <= now && ladder.slice(i + 1).some((later) => later.epochMs <= now))
        status.set(r.rung, 'skipped');
  }

  await openPeriod('first');
  while (outcome === null) {
    if (extension !== null && period === 'first') {
      await openPeriod('extended');
      continue;
    }
    if (calendarStale) {
      calendar = await loadObjectCalendar();
      if (period === 'first') {
        const before: IsoDate = firstDue;
        firstDue = requestFirstDue(calendar, receivedOn);
        if (firstDue !== before) {
          await append([
            {
              type: 'request.due-changed',
              idempotencyKey: key(`due-changed:${++dueChanges}`),
              payload: {
                requestId,
                dueDate: firstDue,
                reason: `the working-day calendar changed: due ${before} -> ${firstDue}`,
              },
            },
          ]);
          await recordObligationEvent({
            obligationId: obligationId!,
            type: 'due-changed',
            at: nowIso(),
            from: before,
            to: firstDue,
          });
        }
      }
      const start = period === 'first' ? receivedOn : extension!.on;
      ladder = reminderLadder(due()!, calendar, { hour, start });
      continue;
    }
    const next = ladder.find((r) => !status.has(r.rung));
    const interrupted = () => outcome !== null || calendarStale || (extension !== null && period === 'first');
    if (!next) {
      await condition(interrupted);
      continue;
    }
    const wait = next.epochMs - Date.now();
    if (wait > 0) {
      await condition(interrupted, wait);
      continue;
    }
    if (next.rung === 'escalation') {
      // One escalation to the council when the (possibly extended) due date has passed.
      await escalate(notice());
      status.set(next.rung, 'sent');
      escalated = true;
      await recordObligationEvent({ obligationId: obligationId!, type: 'escalated', at: nowIso(), due: due()! });
      await append([
        { type: 'request.escalated', idempotencyKey: key('escalated'), payload: { requestId, dueDate: due()! } },
      ]);
    } else {
      await sendReminder({ ...notice(), rung: next.rung, workingDaysBefore: Number(next.rung.slice('due-'.length)) });
      status.set(next.rung, 'sent');
      await recordObligationEvent({
        obligationId: obligationId!,
        type: 'reminder-sent',
        at: nowIso(),
        rung: next.rung,
        due: due()!,
      });
    }
  }

  const end = outcome as NonNullable<RequestState['outcome']>;
  await recordObligationEvent({
    obligationId: obligationId!,
    type: 'fulfilled',
    at: nowIso(),
    on: end.on,
    due: due()!,
    late: end.late,
  });
  await condition(allHandlersFinished);
  return result();
}
