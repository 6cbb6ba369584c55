// The formation of a group (5.4, 5.3): notice, nominations, gathering, composition check, council decision, first
// meeting and the chair's election. Each deadline is an obligation tracked beside the procedure (track-obligation.ts).
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { createCalendar, type Calendar } from '../../domain/calendar';
import { bishkekDateOf, type IsoDate } from '../../domain/dates';
import { computeDeadline, OBLIGATIONS, type ObligationKey } from '../../domain/deadlines';
import {
  chairCandidate,
  checkAddCandidate,
  checkApproveDeputyMembers,
  checkMoveFirstMeeting,
  checkPublishCreationNotice,
  checkPublishFormationNotice,
  checkRecordCouncilDecision,
  checkRecordFirstMeeting,
  checkRecordGatheringProtocol,
  checkRemoveCandidate,
  checkReplaceCandidate,
  checkScheduleFirstMeeting,
  checkSubmitStaffCandidates,
  compositionOf,
  decisionViolations,
  electedByGathering,
  namedChair,
  personToMember,
  type CheckContext,
} from '../../domain/formation-checks';
import { describeProblems, type Problem } from '../../domain/problem';
import { nameKey, type BirthDate } from '../../domain/roster';
import { trackObligation, type ObligationTracker } from '../obligation/track-obligation';
import { termWorkflowId, type TermInput } from '../term/contract';
import type { FormationActivities } from './activities-contract';
import {
  addCandidateUpdate,
  approveDeputyMembersUpdate,
  DEFAULT_FORMATION_PARTIES,
  formationCalendarChangedSignal,
  formationStateQuery,
  moveFirstMeetingUpdate,
  publishCreationNoticeUpdate,
  publishFormationNoticeUpdate,
  recordCouncilDecisionUpdate,
  recordFirstMeetingUpdate,
  recordGatheringProtocolUpdate,
  removeCandidateUpdate,
  replaceCandidateUpdate,
  scheduleFirstMeetingUpdate,
  submitStaffCandidatesUpdate,
  type AddCandidateInput,
  type Candidate,
  type CouncilDecisionInput,
  type DeputyMembersInput,
  type FirstMeetingInput,
  type GatheringInput,
  type MoveFirstMeetingInput,
  type RemoveCandidateInput,
  type ReplaceCandidateInput,
  type ScheduleFirstMeetingInput,
  type StaffCandidatesInput,
  type FormationInput,
  type FormationResult,
  type FormationState,
  type NominationSource,
  type PersonInput,
  type PublishedNotice,
  type PublishNoticeInput,
} from './contract';
import { creationNoticeText, formationNoticeText } from './notice-texts';

const { appendDomainEvents, publishNotice } = proxyActivities<FormationActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const SOURCE_OF = {
  municipal_employee: 'executive_head',
  deputy: 'council_chair',
  citizen: 'community_gathering',
} as const satisfies Record<Candidate['category'], NominationSource>;

/** A refused update: the problems travel as details, the message names each field and rule. */
function refuse(problems: Problem[]): void {
  if (problems.length > 0)
    throw ApplicationFailure.create({
      type: 'FormationRefused',
      message: describeProblems(problems),
      details: [problems],
      nonRetryable: true,
    });
}

function birthDateText(b: BirthDate): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return b.month === undefined
    ? String(b.year)
    : b.day === undefined
      ? `${b.year}-${p(b.month)}`
      : `${b.year}-${p(b.month)}-${p(b.day)}`;
}

/** Runs the formation of `input.groupId` from the council's formation date to the first meeting; then hands over. */
export async function formationWorkflow(input: FormationInput): Promise<FormationResult> {
  const { groupId, councilId } = input;
  const parties = { ...DEFAULT_FORMATION_PARTIES, ...input.parties };
  const stream = `group-${groupId}`;
  const actor = `workflow:formation/${groupId}`;
  // By obligation key; a first meeting moved (5.3.3) opens a further creation notice under 'creation-notice-<n>'.
  const trackers = new Map<string, ObligationTracker>();
  let seq = 0;
  let result: FormationResult | undefined;

  const nowIso = () => new Date(Date.now()).toISOString();
  const today = () => bishkekDateOf(Date.now());
  const s: Omit<FormationState, 'composition' | 'obligations' | 'today'> = {
    councilId,
    groupId,
    formedOn: input.formedOn,
    step: 'formation-notice',
    formationNotice: null,
    staffCandidatesOn: null,
    deputyMembersOn: null,
    protocols: [],
    candidates: [],
    decision: null,
    meeting: null,
    creationNotice: null,
    earlierMeetings: [],
    firstMeeting: null,
  };
  const calendar = (): Calendar | undefined =>
    [...trackers.values()]
      .map((t) => t.calendar())
      .filter((c) => c !== undefined)
      .at(-1);
  const state = (): FormationState => ({
    ...s,
    today: today(),
    composition: compositionOf(s.candidates, s.decision?.decidedOn ?? today()),
    obligations: [...trackers.values()].map((t) => t.state()),
  });
  const ctx = (): CheckContext => ({ today: today(), calendar: calendar() });

  const open = (
    key: ObligationKey,
    anchor: IsoDate,
    party: string,
    ladderStart?: IsoDate,
    id: string = key,
  ): ObligationTracker => {
    const tracker = trackObligation({
      obligationId: `${groupId}/${id}`,
      groupId,
      councilId,
      key,
      clause: OBLIGATIONS[key].clause,
      party,
      anchor,
      ...(ladderStart === undefined ? {} : { ladderStart }),
      ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
    });
    trackers.set(id, tracker);
    return tracker;
  };
  const dueOf = async (tracker: ObligationTracker): Promise<IsoDate> => {
    await condition(() => tracker.state().due !== null);
    return tracker.state().due!;
  };
  const append = (events: { type: string; payload: object; idempotencyKey: string }[]) =>
    appendDomainEvents({
      stream,
      actor,
      events: events.map((e) => ({ ...e, occurredAt: nowIso() })) as Parameters<typeof appendDomainEvents>[0]['events'],
    });
  const key = (what: string) => `formation:${groupId}:${what}`;

  const nominate = (
    person: PersonInput,
    category: Candidate['category'],
    nominatedOn: IsoDate,
    extra: { protocolId?: string | null; votes?: number | null } = {},
  ): Candidate => {
    const { member } = personToMember(person, category, 'person', today());
    seq += 1;
    const candidate: Candidate = {
      candidateId: `${groupId}/candidate-${seq}`,
      ...member!,
      source: SOURCE_OF[category],
      nominatedOn,
      protocolId: extra.protocolId ?? null,
      votes: extra.votes ?? null,
    };
    s.candidates.push(candidate);
    return candidate;
  };
  const nominatedEvent = (c: Candidate) => ({
    type: 'candidate.nominated',
    idempotencyKey: key(`nominated:${c.candidateId}`),
    payload: {
      groupId,
      candidateId: c.candidateId,
      nominationId: `${c.candidateId}/nomination`,
      personId: personIdOf(c),
      person: {
        fullName: c.fullName,
        sex: c.sex,
        birthDate: birthDateText(c.birthDate),
        workplace: c.workplace,
        village: c.village,
        phone: c.phone,
        email: c.email,
      },
      category: c.category,
      nominatedOn: c.nominatedOn,
      source: c.source,
      protocolId: c.protocolId,
      votes: c.votes,
    },
  });
  const withdraw = (candidateId: string, reason: string) => {
    s.candidates = s.candidates.filter((c) => c.candidateId !== candidateId);
    return {
      type: 'candidate.withdrawn',
      idempotencyKey: key(`withdrawn:${candidateId}`),
      payload: { groupId, candidateId, reason },
    };
  };

  async function publish(
    kind: 'formation-notice' | 'creation-notice',
    req: PublishNoticeInput,
    text: { ky: string; ru: string },
    noticeId = `${kind}-${groupId}`,
  ): Promise<PublishedNotice> {
    const notice: PublishedNotice = {
      noticeId,
      publishedOn: req.publishedOn,
      channels: [...new Set(req.channels)],
      text: req.text ?? text,
    };
    await publishNotice({
      noticeKey: notice.noticeId,
      councilId,
      groupId,
      kind,
      text: notice.text,
      channels: notice.channels,
      publishedAt: nowIso(),
    });
    return notice;
  }

  // 5.4.1 is tracked before any handler is set: an update sent with the start runs as soon as its handler is set.
  open('formation-notice', input.formedOn, parties.executiveBody);

  setHandler(formationStateQuery, state);
  setHandler(formationCalendarChangedSignal, () => {
    for (const t of trackers.values()) if (t.isOpen()) t.calendarChanged();
  });

  // 5.4.1: the notice's date starts the periods of 5.4.2 and 5.4.3, which run in parallel.
  setHandler(
    publishFormationNoticeUpdate,
    async (req) => {
      s.step = 'nominations';
      s.formationNotice = {
        noticeId: `formation-notice-${groupId}`,
        publishedOn: req.publishedOn,
        channels: req.channels,
        text: req.text ?? formationNoticeText(input.formedOn),
      };
      trackers.get('formation-notice')!.fulfil(req.publishedOn);
      open('staff-candidates', req.publishedOn, parties.executiveHead);
      open('deputy-members', req.publishedOn, parties.councilChair);
      s.formationNotice = await publish('formation-notice', req, formationNoticeText(input.formedOn));
      return s.formationNotice;
    },
    { validator: (req: PublishNoticeInput) => refuse(checkPublishFormationNotice(state(), req, ctx())) },
  );

  // 5.4.2 and 5.4.3: the two lists, each fulfilling its obligation on the day it was given.
  setHandler(
    submitStaffCandidatesUpdate,
    async (req) => {
      s.staffCandidatesOn = req.submittedOn;
      const added = req.candidates.map((p) => nominate(p, 'municipal_employee', req.submittedOn));
      trackers.get('staff-candidates')?.fulfil(req.submittedOn);
      await append(added.map(nominatedEvent));
      return added;
    },
    { validator: (req: StaffCandidatesInput) => refuse(checkSubmitStaffCandidates(state(), req, ctx())) },
  );
  setHandler(
    approveDeputyMembersUpdate,
    async (req) => {
      s.deputyMembersOn = req.approvedOn;
      const added = req.deputies.map((p) => nominate(p, 'deputy', req.approvedOn));
      trackers.get('deputy-members')?.fulfil(req.approvedOn);
      await append(added.map(nominatedEvent));
      return added;
    },
    { validator: (req: DeputyMembersInput) => refuse(checkApproveDeputyMembers(state(), req, ctx())) },
  );

  // 5.4.4: every name voted on is in the protocol; those with a majority of participants' votes become candidates.
  setHandler(
    recordGatheringProtocolUpdate,
    async (req) => {
      const protocolId = `${groupId}/gathering-${s.protocols.length + 1}`;
      const results = req.candidates.map((c) => ({
        fullName: c.fullName.trim(),
        votes: c.votes,
        elected: electedByGathering(c.votes, req.participants),
      }));
      const protocol = {
        protocolId,
        heldOn: req.heldOn,
        protocolRef: req.protocolRef.trim(),
        place: req.place ?? null,
        participants: req.participants,
        results,
      };
      s.protocols.push(protocol);
      const elected = req.candidates
        .filter((c) => electedByGathering(c.votes, req.participants))
        .map((c) => nominate(c, 'citizen', req.heldOn, { protocolId, votes: c.votes }));
      await append([
        {
          type: 'gathering.protocol-recorded',
          idempotencyKey: key(`protocol:${protocolId}`),
          payload: {
            groupId,
            protocolId,
            heldOn: protocol.heldOn,
            protocolRef: protocol.protocolRef,
            place: protocol.place,
            participants: protocol.participants,
          },
        },
        ...elected.map(nominatedEvent),
      ]);
      return protocol;
    },
    { validator: (req: GatheringInput) => refuse(checkRecordGatheringProtocol(state(), req, ctx())) },
  );

  // Fixing the composition before 5.4.5: add, remove, replace.
  const nominateOne = (req: AddCandidateInput) => {
    if (req.category !== 'citizen') return nominate(req.person, req.category, req.nominatedOn);
    const protocol = s.protocols.find((p) => p.protocolId === req.protocolId)!;
    const votes = protocol.results.find((r) => nameKey(r.fullName) === nameKey(req.person.fullName))!.votes;
    return nominate(req.person, req.category, req.nominatedOn, { protocolId: protocol.protocolId, votes });
  };
  setHandler(
    addCandidateUpdate,
    async (req) => {
      const c = nominateOne(req);
      await append([nominatedEvent(c)]);
      return c;
    },
    { validator: (req: AddCandidateInput) => refuse(checkAddCandidate(state(), req, ctx())) },
  );
  setHandler(
    removeCandidateUpdate,
    async (req) => {
      await append([withdraw(req.candidateId, req.reason.trim())]);
    },
    { validator: (req: RemoveCandidateInput) => refuse(checkRemoveCandidate(state(), req)) },
  );
  setHandler(
    replaceCandidateUpdate,
    async (req) => {
      const out = withdraw(req.candidateId, req.reason.trim());
      const c = nominateOne(req);
      await append([out, nominatedEvent(c)]);
      return c;
    },
    { validator: (req: ReplaceCandidateInput) => refuse(checkReplaceCandidate(state(), req, ctx())) },
  );

  // 5.4.5: the decision creates the group and appoints the candidates; 5.3.1 term; 5.3.2 first meeting due.
  // Recorded as the council adopted it: the composition's violations of 5.2 are recorded with it, never refused,
  // and a chair the resolution names is recorded as named (procedures that began before this record neither).
  setHandler(
    recordCouncilDecisionUpdate,
    async (req) => {
      const asAdopted = patched('council-decision-as-adopted');
      const termEnd = computeDeadline('term-end', req.decidedOn, calendar() ?? createCalendar([])).due;
      const named = asAdopted ? namedChair(state(), req.chair) : undefined;
      const chair = named ? { candidateId: named.candidateId, fullName: named.fullName } : null;
      const violations = asAdopted ? decisionViolations(s.candidates, req.decidedOn, chair?.fullName) : [];
      s.decision = {
        decidedOn: req.decidedOn,
        resolutionNumber: req.resolutionNumber.trim(),
        termEnd,
        ...(asAdopted ? { violations, chair } : {}),
      };
      s.step = 'first-meeting-scheduling';
      await append([
        {
          type: 'group.created',
          idempotencyKey: key('created'),
          payload: {
            groupId,
            createdOn: req.decidedOn,
            resolutionNumber: s.decision.resolutionNumber,
            termEnd,
            ...(asAdopted ? { violations, chairNamed: chair?.fullName ?? null } : {}),
          },
        },
        ...s.candidates.flatMap((c) => [
          {
            type: 'member.added',
            idempotencyKey: key(`member:${c.candidateId}`),
            payload: {
              groupId,
              membershipId: membershipIdOf(c),
              personId: personIdOf(c),
              person: nominatedEvent(c).payload.person,
              category: c.category,
              role: 'member',
              joinedOn: req.decidedOn,
            },
          },
          {
            type: 'candidate.appointed',
            idempotencyKey: key(`appointed:${c.candidateId}`),
            payload: { groupId, candidateId: c.candidateId, membershipId: membershipIdOf(c) },
          },
        ]),
        ...(named
          ? [
              {
                type: 'member.role-changed',
                idempotencyKey: key('chair-named'),
                payload: { groupId, membershipId: membershipIdOf(named), role: 'chair' },
              },
            ]
          : []),
      ]);
      const firstMeetingDue = await dueOf(open('first-meeting', req.decidedOn, parties.executiveBody));
      return asAdopted
        ? { termEnd, firstMeetingDue, violations, chair: chair?.fullName ?? null }
        : { termEnd, firstMeetingDue };
    },
    { validator: (req: CouncilDecisionInput) => refuse(checkRecordCouncilDecision(state(), req, ctx())) },
  );

  // 5.3.2 date, time, place; 5.3.3 the creation notice is due some working days before it.
  setHandler(
    scheduleFirstMeetingUpdate,
    async (req) => {
      const { warnings } = checkScheduleFirstMeeting(state(), req, ctx());
      const meetingId = `${groupId}/meeting-1`;
      s.meeting = { meetingId, date: req.date, time: req.time, place: req.place.trim(), warnings };
      s.step = 'creation-notice';
      await append([
        {
          type: 'meeting.scheduled',
          idempotencyKey: key('meeting-scheduled'),
          payload: { meetingId, groupId, kind: 'first', date: req.date, time: req.time, place: s.meeting.place },
        },
      ]);
      const creationNoticeDue = await dueOf(open('creation-notice', req.date, parties.executiveBody, today()));
      return { meetingId, creationNoticeDue, warnings };
    },
    { validator: (req: ScheduleFirstMeetingInput) => refuse(checkScheduleFirstMeeting(state(), req, ctx()).problems) },
  );

  // 5.3.3, 5.3.2, 7.2.3: the first meeting moved before it is held, or held without quorum and a new one set. The
  // earlier meeting is kept with its notice; a new notice is owed N working days before the new date.
  setHandler(
    moveFirstMeetingUpdate,
    async (req) => {
      patched('move-first-meeting');
      const { warnings, late } = checkMoveFirstMeeting(state(), req, ctx());
      const old = s.meeting!;
      const wq = req.withoutQuorum ?? null;
      const reason = typeof req.reason === 'string' && req.reason.trim() !== '' ? req.reason.trim() : null;
      s.earlierMeetings = [
        ...(s.earlierMeetings ?? []),
        {
          meetingId: old.meetingId,
          date: old.date,
          time: old.time,
          place: old.place,
          notice: s.creationNotice,
          outcome: wq
            ? { kind: 'no-quorum', heldOn: wq.heldOn, present: wq.present, total: s.candidates.length }
            : { kind: 'moved', on: today(), reason },
        },
      ];
      const n = s.earlierMeetings.length + 1;
      const meetingId = `${groupId}/meeting-${n}`;
      const place = req.place.trim();
      s.meeting = { meetingId, date: req.date, time: req.time, place, warnings, late };
      s.creationNotice = null;
      s.step = 'creation-notice';
      await append([
        wq
          ? {
              type: 'meeting.held',
              idempotencyKey: key(`meeting-held:${old.meetingId}`),
              payload: { meetingId: old.meetingId, heldOn: wq.heldOn, present: wq.present },
            }
          : {
              type: 'meeting.cancelled',
              idempotencyKey: key(`meeting-moved:${old.meetingId}`),
              payload: {
                meetingId: old.meetingId,
                reason: `5.3.3: moved to ${req.date} ${req.time}, ${place}${reason ? ` (${reason})` : ''}`,
              },
            },
        {
          type: 'meeting.scheduled',
          idempotencyKey: key(`meeting-scheduled:${meetingId}`),
          payload: { meetingId, groupId, kind: 'first', date: req.date, time: req.time, place },
        },
      ]);
      const tracker = open('creation-notice', req.date, parties.executiveBody, today(), `creation-notice-${n}`);
      return { meetingId, creationNoticeDue: await dueOf(tracker), warnings, late };
    },
    {
      validator: (req: MoveFirstMeetingInput) => refuse(checkMoveFirstMeeting(state(), req, ctx()).problems),
    },
  );

  // 5.3.3 and 5.4.7: the resolution, the composition (names and categories only) and the meeting's details.
  setHandler(
    publishCreationNoticeUpdate,
    async (req) => {
      const text = creationNoticeText({ ...s.decision!, members: s.candidates, meeting: s.meeting! });
      const n = (s.earlierMeetings ?? []).length + 1;
      const noticeId = n === 1 ? `creation-notice-${groupId}` : `creation-notice-${groupId}-${n}`;
      s.creationNotice = {
        noticeId,
        publishedOn: req.publishedOn,
        channels: req.channels,
        text: req.text ?? text,
      };
      s.step = 'first-meeting';
      // After a move (5.3.3) a notice for an earlier date may still be open: this notice is the one it was owed.
      for (const t of trackers.values())
        if (t.state().key === 'creation-notice' && t.isOpen()) t.fulfil(req.publishedOn);
      s.creationNotice = await publish('creation-notice', req, text, noticeId);
      return s.creationNotice;
    },
    { validator: (req: PublishNoticeInput) => refuse(checkPublishCreationNotice(state(), req, ctx())) },
  );

  // 5.4.6: quorum (7.2.3) and the chair's election; the group becomes active and is handed over to its term.
  setHandler(
    recordFirstMeetingUpdate,
    async (req) => {
      const named = s.decision?.chair ?? null;
      const chair = named
        ? s.candidates.find((c) => c.candidateId === named.candidateId)!
        : chairCandidate(state(), req.chairElection)!;
      const votesFor = req.chairElection?.votesFor ?? null;
      const votesAgainst = req.chairElection?.votesAgainst ?? null;
      const abstained = req.chairElection?.abstained ?? null;
      s.firstMeeting = {
        heldOn: req.heldOn,
        present: req.present,
        chair: { candidateId: chair.candidateId, fullName: chair.fullName, votesFor, votesAgainst, abstained },
      };
      s.step = 'handed-over';
      trackers.get('first-meeting')!.fulfil(req.heldOn);
      const d = s.decision!;
      const vote = `open vote of ${req.present} present: ${votesFor} for, ${votesAgainst} against, ${abstained} abstained`;
      const how = named
        ? `5.4.5: ${chair.fullName} named chair by the council's decision ${d.resolutionNumber}; first meeting held on ${req.heldOn} with ${req.present} present`
        : `5.4.6: ${chair.fullName} elected chair at the first meeting on ${req.heldOn} (${vote})`;
      await append([
        {
          type: 'meeting.held',
          idempotencyKey: key(
            s.meeting!.meetingId.endsWith('/meeting-1') ? 'meeting-held' : `meeting-held:${s.meeting!.meetingId}`,
          ),
          payload: { meetingId: s.meeting!.meetingId, heldOn: req.heldOn, present: req.present },
        },
        ...(named
          ? []
          : [
              {
                type: 'member.role-changed',
                idempotencyKey: key('chair-elected'),
                payload: { groupId, membershipId: membershipIdOf(chair), role: 'chair' },
              },
            ]),
        {
          type: 'group.status-changed',
          idempotencyKey: key('active'),
          payload: {
            groupId,
            status: 'active',
            reason: `${how}; handed over to the term ending ${d.termEnd} (5.3.1)`,
          },
        },
      ]);
      result = {
        groupId,
        createdOn: d.decidedOn,
        resolutionNumber: d.resolutionNumber,
        termEnd: d.termEnd,
        chair: chair.fullName,
        members: s.candidates.length,
        firstMeetingOn: req.heldOn,
      };
      return result;
    },
    { validator: (req: FirstMeetingInput) => refuse(checkRecordFirstMeeting(state(), req, ctx())) },
  );

  await condition(() => result !== undefined && allHandlersFinished());
  // The hand-over: the group's term procedure (5.3.1) starts, once per group (its workflow id is the group's).
  if (patched('hand-over-to-term')) await handOverToTerm();
  // Every obligation was fulfilled on the way; wait until each has recorded it.
  await Promise.all([...trackers.values()].map((t) => t.done));
  return result!;

  /** Starts termWorkflow as a child that outlives the formation; one already started for the group is the same. */
  async function handOverToTerm(): Promise<void> {
    const d = s.decision!;
    const chairId = s.firstMeeting!.chair.candidateId;
    const args: TermInput = {
      groupId,
      councilId,
      termStart: d.decidedOn,
      termEnd: d.termEnd,
      members: s.candidates.map((c) => ({
        membershipId: membershipIdOf(c),
        fullName: c.fullName,
        category: c.category,
      })),
      chairMembershipId: chairId.replace('/candidate-', '/member-'),
      ...(input.reminderHour === undefined ? {} : { reminderHour: input.reminderHour }),
    };
    try {
      await startChild('termWorkflow', {
        workflowId: termWorkflowId(groupId),
        args: [args],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
}

function personIdOf(c: Candidate): string {
  return c.candidateId.replace('/candidate-', '/person-');
}

function membershipIdOf(c: Candidate): string {
  return c.candidateId.replace('/candidate-', '/member-');
}
