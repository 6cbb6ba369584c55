// The act procedure (4.3): delivery to the object with its response link and, for an act about another object, to
// the executive body with its own link; each party's receipt (or one prompt to staff for the object's); the object's
// response (4.3(3)) counted from the object's receipt and the executive report (4.3(4)) from the executive body's
// own, tracked as obligations; responses (late ones marked late, amendments as new events); and the end: both met,
// or closed by the chair after an escalation.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import { checkClose, checkReceipt, checkResponse } from '../../domain/act-checks';
import {
  DEFAULT_RECEIPT_PROMPT_WORKING_DAYS,
  obligationsOnReceipt,
  type ReceiptParty,
} from '../../domain/act-procedure';
import { calendarFromSlice } from '../../domain/calendar';
import { addDays, bishkekDateOf, compareDates, type IsoDate } from '../../domain/dates';
import { addWorkingDays, OBLIGATIONS } from '../../domain/deadlines';
import { describeProblems, type Problem } from '../../domain/problem';
import { bishkekHourEpochMs, DEFAULT_REMINDER_HOUR } from '../../domain/reminders';
import type { ObligationActivities } from '../obligation/activities-contract';
import { trackObligation, type ObligationTracker } from '../obligation/track-obligation';
import type { ActActivities } from './activities-contract';
import {
  actCalendarChangedSignal,
  actStateQuery,
  closeActUpdate,
  recordReceiptUpdate,
  recordResponseUpdate,
  type ActInput,
  type ActObligationKey,
  type ActResult,
  type ActState,
  type CloseActInput,
  type DeliveryResult,
  type IssuedActInfo,
  type Receipt,
  type ReceiptInput,
  type RecordedResponse,
  type ResponseInput,
} from './contract';

const retry = { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };
const { loadIssuedAct, deliverAct, deliverActToExecutiveBody, forwardResponse, promptReceipt, appendDomainEvents } =
  proxyActivities<ActActivities>({
    startToCloseTimeout: '1 minute',
    retry,
  });
const { loadCalendar } = proxyActivities<ObligationActivities>({ startToCloseTimeout: '1 minute', retry });

function refuse(problems: Problem[]): void {
  if (problems.length > 0)
    throw ApplicationFailure.create({
      type: 'ActRefused',
      message: describeProblems(problems),
      details: [problems],
      nonRetryable: true,
    });
}

/** Runs the procedure of one issued act until its obligations are met or the chair closes it. */
export async function actWorkflow(input: ActInput): Promise<ActResult> {
  const { actId, groupId, councilId } = input;
  const hour = input.reminderHour ?? DEFAULT_REMINDER_HOUR;
  const promptDays = input.receiptPromptWorkingDays ?? DEFAULT_RECEIPT_PROMPT_WORKING_DAYS;
  const stream = `act-${actId}`;
  const actor = `workflow:act/${actId}`;
  const trackers = new Map<ActObligationKey, ObligationTracker>();
  let act: IssuedActInfo | null = null;
  let delivery: DeliveryResult | null = null;
  let receipt: Receipt | null = null;
  let promptAt: number | null = null;
  let promptSent = false;
  let calendarStale = false;
  let closed: ActState['closed'] = null;
  const responses: RecordedResponse[] = [];
  // 4.3(4): the executive body's own track (its delivery and receipt) for acts about another object. Procedures
  // started before it existed keep one receipt for both obligations.
  const ownTrack = patched('executive-body-own-receipt');
  let executiveDelivery: DeliveryResult | null = null;
  let executiveReceipt: Receipt | null = null;
  const hasOwnTrack = () => ownTrack && act !== null && !act.isExecutiveBody;
  // 4.3(3): each answer of the object on its way to the executive body (the act ends once they are all sent).
  const forwards: Promise<void>[] = [];

  const nowIso = () => new Date(Date.now()).toISOString();
  const today = () => bishkekDateOf(Date.now());
  const state = (): ActState => ({
    actId,
    groupId,
    councilId,
    step: closed ? 'closed' : receipt ? 'awaiting-responses' : delivery ? 'awaiting-receipt' : 'delivering',
    today: today(),
    act,
    delivery,
    receipt,
    executiveBody: hasOwnTrack() ? { delivery: executiveDelivery, receipt: executiveReceipt } : null,
    receiptPrompt: { at: promptAt === null ? null : new Date(promptAt).toISOString(), sent: promptSent },
    responses: [...responses],
    obligations: [...trackers.values()].map((t) => t.state()),
    closed,
  });
  const append = (events: { type: string; payload: object; idempotencyKey: string }[]) =>
    appendDomainEvents({
      stream,
      actor,
      events: events.map((e) => ({ ...e, occurredAt: nowIso() })) as Parameters<typeof appendDomainEvents>[0]['events'],
    });
  const key = (what: string) => `act:${actId}:${what}`;
  // The answer's day is the one it was given (a paper answer may be entered later): noon that day, or now when today.
  const submittedAt = (on: IsoDate) => (on === today() ? nowIso() : new Date(bishkekHourEpochMs(on, 12)).toISOString());

  setHandler(actStateQuery, state);
  setHandler(actCalendarChangedSignal, () => {
    calendarStale = true;
    for (const t of trackers.values()) if (t.isOpen()) t.calendarChanged();
  });

  // 4.3: the count starts on receipt; each obligation with its ladder to its party and one escalation. With the
  // executive body's own track, each party's receipt opens what that party owes.
  setHandler(
    recordReceiptUpdate,
    async (req: ReceiptInput) => {
      const party: ReceiptParty = hasOwnTrack() && req.party === 'executive-body' ? 'executive-body' : 'object';
      const earlier = party === 'executive-body' ? executiveReceipt : receipt;
      if (earlier) return earlier; // a second receipt changes nothing
      const received: Receipt = {
        receivedOn: req.receivedOn,
        via: req.via,
        ...(party === 'executive-body' ? { party } : {}),
        recordedAt: nowIso(),
      };
      if (party === 'executive-body') executiveReceipt = received;
      else receipt = received;
      await append([
        party === 'executive-body'
          ? {
              type: 'act.received',
              idempotencyKey: key('received:executive-body'),
              payload: { actId, receivedOn: received.receivedOn, via: received.via, party },
            }
          : {
              type: 'act.received',
              idempotencyKey: key('received'),
              payload: { actId, receivedOn: received.receivedOn, via: received.via },
            },
      ]);
      for (const o of obligationsOnReceipt(act!.obligations, party, hasOwnTrack())) {
        trackers.set(
          o.key,
          trackObligation({
            obligationId: `${actId}/${o.key}`,
            groupId,
            councilId,
            actId,
            key: o.key,
            clause: OBLIGATIONS[o.key].clause,
            party: o.party,
            anchor: received.receivedOn,
            ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
          }),
        );
      }
      return received;
    },
    { validator: (req: ReceiptInput) => refuse(checkReceipt(state(), req)) },
  );

  // 4.3: late responses are accepted and marked late; the same submission is a no-op; another one amends.
  setHandler(
    recordResponseUpdate,
    async (req: ResponseInput) => {
      const same = responses.find(
        (r) => r.submissionKey === req.submissionKey && r.obligationKey === req.obligationKey,
      );
      if (same) return same;
      if (patched('response-after-obligation-recorded')) {
        // An answer may come right behind the receipt, while the receipt's handler is still recording it: wait until
        // the obligation is tracked and its row recorded, which the response's row refers to.
        await condition(() => trackers.get(req.obligationKey)?.opened() === true);
      }
      const tracker = trackers.get(req.obligationKey)!;
      await condition(() => tracker.state().due !== null);
      const previous = responses.filter((r) => r.obligationKey === req.obligationKey).at(-1);
      const response: RecordedResponse = {
        responseId: `${actId}/${req.obligationKey}/response-${responses.filter((r) => r.obligationKey === req.obligationKey).length + 1}`,
        obligationKey: req.obligationKey,
        obligationId: tracker.obligationId,
        respondedOn: req.respondedOn,
        late: compareDates(req.respondedOn, tracker.state().due!) > 0,
        submissionKey: req.submissionKey,
        supersedes: previous?.responseId ?? null,
      };
      responses.push(response);
      tracker.fulfil(req.respondedOn);
      const party = act!.obligations.find((o) => o.key === req.obligationKey)!.party;
      await append([
        {
          type: 'response.recorded',
          idempotencyKey: key(`response:${req.obligationKey}:${req.submissionKey}`),
          payload: {
            responseId: response.responseId,
            actId,
            obligationId: response.obligationId,
            kind: req.obligationKey,
            submittedAt: submittedAt(req.respondedOn),
            late: response.late,
            body: req.text.trim(),
            responder: party,
            supersedes: response.supersedes,
          },
        },
      ]);
      // 4.3(3): the object informs the executive body (copy to the group): its answer is mailed on, then recorded.
      if (req.obligationKey === 'object-response' && patched('forward-object-response'))
        forwards.push(
          forwardResponse({
            actId,
            responseId: response.responseId,
            respondedOn: req.respondedOn,
            late: response.late,
            text: req.text.trim(),
          }).then(({ to }) =>
            append([
              {
                type: 'response.forwarded',
                idempotencyKey: key(`forwarded:${response.responseId}`),
                payload: { actId, responseId: response.responseId, to, forwardedAt: nowIso() },
              },
            ]).then(() => undefined),
          ),
        );
      return response;
    },
    { validator: (req: ResponseInput) => refuse(checkResponse(state(), req)) },
  );

  setHandler(
    closeActUpdate,
    (req: CloseActInput) => {
      closed = { on: req.on, by: 'chair', reason: req.reason.trim() };
      return closed;
    },
    { validator: (req: CloseActInput) => refuse(checkClose(state(), req)) },
  );

  act = await loadIssuedAct({ actId });
  delivery = await deliverAct({ actId });
  if (hasOwnTrack()) executiveDelivery = await deliverActToExecutiveBody({ actId });

  // Without a receipt after N working days, staff are prompted once (at the reminder hour of the next working day).
  while (!receipt && !closed && !promptSent) {
    calendarStale = false;
    const issuedOn = act.issuedOn;
    const calendar = calendarFromSlice(await loadCalendar({ from: issuedOn, to: addDays(issuedOn, 120), councilId }));
    const expectedBy = addWorkingDays(calendar, issuedOn, promptDays);
    promptAt = bishkekHourEpochMs(addWorkingDays(calendar, issuedOn, promptDays + 1), hour);
    const wait = promptAt - Date.now();
    if (wait > 0 && (await condition(() => receipt !== null || closed !== null || calendarStale, wait))) continue;
    await promptReceipt({ actId, issuedOn, expectedBy });
    promptSent = true;
  }

  // Every obligation the act opens is tracked (with the own track, after both receipts) and none is open.
  const allMet = () =>
    receipt !== null && trackers.size === act.obligations.length && [...trackers.values()].every((t) => !t.isOpen());
  await condition(() => (closed !== null || allMet()) && allHandlersFinished());
  await Promise.all(forwards);
  if (!closed) {
    await Promise.all([...trackers.values()].map((t) => t.done));
    const lastOn = responses
      .map((r) => r.respondedOn)
      .sort()
      .at(-1)!;
    closed = { on: lastOn, by: 'obligations-met', reason: null };
  }
  const end = closed;
  // Closed by the chair: the obligations still open close with the act (the pending list stops showing them).
  const stillOpen = [...trackers.entries()].filter(([, t]) => t.isOpen());
  await append([
    ...stillOpen.map(([k, t]) => ({
      type: 'obligation.status-changed',
      idempotencyKey: key(`closed:${k}`),
      payload: {
        obligationId: t.obligationId,
        status: 'closed',
        reason: `act closed by the chair on ${end.on}: ${end.reason ?? ''}`,
      },
    })),
    { type: 'act.closed', idempotencyKey: key('closed'), payload: { actId, reason: end.reason } },
  ]);
  return { actId, ...end, obligations: [...trackers.values()].map((t) => t.state()) };
}
