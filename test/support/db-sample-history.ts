// A small but complete group history touching every projection table, recorded through the real event store.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { streams, type NewEvent, type PersonData } from '../../db/events';
import { requestStream } from '../../db/requests-events';
import { reportStream } from '../../db/report-events';
import { record } from '../../db/record';

const at = (iso: string) => new Date(iso);

export const person = (
  fullName: string,
  sex: 'M' | 'F',
  birthDate: string,
  phone: string | null,
  email: string | null,
): PersonData => ({
  fullName,
  sex,
  birthDate,
  workplace: null,
  village: 'Терек-Суу',
  phone,
  email,
});

/** Records the history; returns the ids used. */
export async function recordSampleHistory(
  db: Kysely<Database>,
  suffix = '',
): Promise<{ councilId: string; groupId: string }> {
  const councilId = `c${suffix}`;
  const groupId = `g${suffix}`;
  const actor = 'test';
  const rec = (stream: string, events: NewEvent[]) => record(db, { stream, events, actor });

  await rec(streams.council(councilId), [
    {
      type: 'council.registered',
      payload: {
        councilId,
        name: { ky: 'Кетмен-Дөбө', ru: 'Кетмен-Дёбё' },
        website: 'https://example.kg',
        timeZone: 'Asia/Bishkek',
        email: 'kenesh@example.kg',
      },
      occurredAt: at('2026-10-01T04:00:00Z'),
    },
  ]);
  await rec(streams.group(groupId), [
    {
      type: 'group.opened',
      payload: { groupId, councilId, councilFormedOn: '2026-10-01' },
      occurredAt: at('2026-10-02T04:00:00Z'),
    },
    {
      type: 'gathering.protocol-recorded',
      payload: {
        groupId,
        protocolId: `pr1${suffix}`,
        heldOn: '2026-10-20',
        protocolRef: '№ 1',
        place: 'Терек-Суу',
        participants: 41,
      },
    },
    {
      type: 'candidate.nominated',
      payload: {
        groupId,
        candidateId: `cand1${suffix}`,
        nominationId: `n1${suffix}`,
        personId: `p1${suffix}`,
        person: person('Асанова Айгүл', 'F', '1985-03-14', '+996700123456', 'aigul@example.kg'),
        category: 'citizen',
        nominatedOn: '2026-10-20',
        source: 'community_gathering',
        protocolId: `pr1${suffix}`,
        votes: 30,
      },
    },
    {
      type: 'candidate.nominated',
      payload: {
        groupId,
        candidateId: `cand2${suffix}`,
        nominationId: `n2${suffix}`,
        personId: `p2${suffix}`,
        person: person('Токтогулов Бакыт', 'M', '1979', '+996555987654', null),
        category: 'municipal_employee',
        nominatedOn: '2026-10-15',
        source: 'executive_head',
        protocolId: null,
        votes: null,
      },
    },
    {
      type: 'candidate.nominated',
      payload: {
        groupId,
        candidateId: `cand3${suffix}`,
        nominationId: `n3${suffix}`,
        personId: `p3${suffix}`,
        person: person('Жумабаев Нурлан', 'M', '1990-07', null, null),
        category: 'deputy',
        nominatedOn: '2026-10-16',
        source: 'council_chair',
        protocolId: null,
        votes: null,
      },
    },
    {
      type: 'candidate.withdrawn',
      payload: { groupId, candidateId: `cand3${suffix}`, reason: 'conflict of interest (6.2)' },
    },
    {
      type: 'group.created',
      payload: { groupId, createdOn: '2026-11-02', resolutionNumber: '12/3', termEnd: '2030-11-02' },
    },
    {
      type: 'member.added',
      payload: {
        groupId,
        membershipId: `m1${suffix}`,
        personId: `p1${suffix}`,
        person: person('Асанова Айгүл', 'F', '1985-03-14', '+996700123456', 'aigul@example.kg'),
        category: 'citizen',
        role: 'member',
        joinedOn: '2026-11-02',
      },
    },
    { type: 'candidate.appointed', payload: { groupId, candidateId: `cand1${suffix}`, membershipId: `m1${suffix}` } },
    {
      type: 'member.added',
      payload: {
        groupId,
        membershipId: `m2${suffix}`,
        personId: `p2${suffix}`,
        person: person('Токтогулов Бакыт', 'M', '1979', '+996555987654', null),
        category: 'municipal_employee',
        role: 'member',
        joinedOn: '2026-11-02',
      },
    },
    { type: 'member.role-changed', payload: { groupId, membershipId: `m1${suffix}`, role: 'chair' } },
    {
      type: 'member.removed',
      payload: { groupId, membershipId: `m2${suffix}`, leftOn: '2026-12-01', reason: 'moved away' },
    },
    {
      type: 'meeting.scheduled',
      payload: {
        meetingId: `mt1${suffix}`,
        groupId,
        kind: 'first',
        date: '2026-11-10',
        time: '10:00',
        place: 'Айыл өкмөтү',
      },
    },
    {
      type: 'meeting.scheduled',
      payload: {
        meetingId: `mt1${suffix}`,
        groupId,
        kind: 'first',
        date: '2026-11-12',
        time: '11:00',
        place: 'Айыл өкмөтү',
      },
    },
    { type: 'meeting.held', payload: { meetingId: `mt1${suffix}`, heldOn: '2026-11-12', present: 9 } },
    {
      type: 'meeting.scheduled',
      payload: { meetingId: `mt2${suffix}`, groupId, kind: 'regular', date: '2027-02-10', time: null, place: null },
    },
    { type: 'meeting.cancelled', payload: { meetingId: `mt2${suffix}`, reason: 'no quorum' } },
    {
      type: 'notice.published',
      payload: {
        noticeId: `nt1${suffix}`,
        councilId,
        groupId,
        kind: 'group-created',
        text: { ky: 'Топ түзүлдү', ru: 'Группа создана' },
        channels: ['website', 'notice_board'],
        publishedAt: '2026-11-05T06:00:00.000Z',
      },
    },
    { type: 'group.status-changed', payload: { groupId, status: 'active', reason: 'chair elected (5.4.6)' } },
    // The term procedure (5.3.1, 7.2): its start, a meeting moved, held with quorum, its minutes and a decision, a
    // cadence warning and a reminder, and the end.
    {
      type: 'term.started',
      payload: { groupId, councilId, termStart: '2026-11-02', termEnd: '2030-11-02' },
    },
    {
      type: 'meeting.scheduled',
      payload: {
        meetingId: `mt3${suffix}`,
        groupId,
        kind: 'regular',
        date: '2027-03-10',
        time: '10:00',
        place: 'Айыл өкмөтү',
        agenda: 'Иш планы',
      },
    },
    {
      type: 'meeting.moved',
      payload: {
        meetingId: `mt3${suffix}`,
        groupId,
        date: '2027-03-12',
        time: '11:00',
        place: 'Мектеп',
        reason: null,
      },
    },
    {
      type: 'meeting.attendance-recorded',
      payload: {
        meetingId: `mt3${suffix}`,
        groupId,
        heldOn: '2027-03-12',
        presentMembershipIds: [`m1${suffix}`],
        total: 1,
        required: 1,
        quorate: true,
      },
    },
    {
      type: 'meeting.minutes-recorded',
      payload: { meetingId: `mt3${suffix}`, groupId, date: '2027-03-12', text: 'Протокол № 2', file: null },
    },
    {
      type: 'meeting.decision-recorded',
      payload: {
        meetingId: `mt3${suffix}`,
        groupId,
        decisionId: `dc1${suffix}`,
        text: 'Иш планы бекитилди',
        votesFor: 1,
        votesAgainst: 0,
        votesAbstained: 0,
        taken: true,
        because: 'majority',
      },
    },
    {
      type: 'term.cadence-warned',
      payload: {
        groupId,
        year: 2027,
        quarter: 2,
        on: '2027-06-25',
        reading: 'at-least-once-per-quarter',
        state: 'no-meeting-yet',
        meetings: 0,
      },
    },
    {
      type: 'term.reminder-sent',
      payload: { groupId, key: 'three-months', on: '2030-08-02', termEnd: '2030-11-02' },
    },
    { type: 'term.ended', payload: { groupId, termEnd: '2030-11-02' } },
  ]);
  await rec(streams.object(`o1${suffix}`), [
    {
      type: 'object.registered',
      payload: {
        objectId: `o1${suffix}`,
        councilId,
        name: 'Суу чарба',
        kind: 'municipal_enterprise',
        contacts: ['water@example.kg', 'boss@example.kg'],
      },
    },
  ]);
  await rec(streams.object(`o2${suffix}`), [
    {
      type: 'object.registered',
      payload: {
        objectId: `o2${suffix}`,
        councilId,
        name: 'Айыл өкмөтү',
        kind: 'executive_body',
        contacts: ['ao@example.kg'],
      },
    },
  ]);
  const act = `a1${suffix}`;
  await rec(streams.act(act), [
    {
      type: 'act.drafted',
      payload: { actId: act, groupId, objectId: `o1${suffix}`, title: 'Water supply', content: { purpose: 'check' } },
    },
    {
      type: 'act.annex-attached',
      payload: {
        actId: act,
        annex: {
          annexId: `ax1${suffix}`,
          fileName: 'protocol.pdf',
          mediaType: 'application/pdf',
          sizeBytes: 12345,
          storageKey: 'annex/ax1',
        },
      },
    },
    {
      type: 'act.issued',
      payload: {
        actId: act,
        number: '1/2027',
        issuedOn: '2027-01-15',
        content: {
          purpose: 'check',
          findings: [{ kind: 'fact', text: 'leak', method: null }],
          recommendations: ['Fix the leak'],
        },
      },
    },
    { type: 'act.received', payload: { actId: act, receivedOn: '2027-01-16', via: 'link' } },
    {
      type: 'obligation.opened',
      payload: {
        obligationId: `ob1${suffix}`,
        groupId,
        actId: act,
        key: 'object-response',
        clause: '4.3',
        party: `object:o1${suffix}`,
        anchorDate: '2027-01-16',
        dueDate: '2027-01-30',
      },
    },
    {
      type: 'obligation.opened',
      payload: {
        obligationId: `ob2${suffix}`,
        groupId,
        actId: act,
        key: 'executive-report',
        clause: '4.3',
        party: 'executive_body',
        anchorDate: '2027-01-16',
        dueDate: '2027-02-15',
      },
    },
    {
      type: 'obligation.reminder-sent',
      payload: { obligationId: `ob1${suffix}`, rung: '3-before', recipients: ['water@example.kg'] },
    },
    {
      type: 'obligation.due-date-changed',
      payload: { obligationId: `ob1${suffix}`, dueDate: '2027-02-01', reason: 'calendar changed' },
    },
    {
      type: 'obligation.reminder-sent',
      payload: { obligationId: `ob1${suffix}`, rung: 'on-the-day', recipients: ['water@example.kg'] },
    },
    {
      type: 'obligation.status-changed',
      payload: { obligationId: `ob1${suffix}`, status: 'escalated', reason: 'overdue' },
    },
    {
      type: 'response.recorded',
      payload: {
        responseId: `r1${suffix}`,
        actId: act,
        obligationId: `ob1${suffix}`,
        kind: 'object-response',
        submittedAt: '2027-02-03T05:00:00.000Z',
        late: true,
        body: 'We will fix it',
        responder: 'water@example.kg',
        supersedes: null,
      },
    },
    {
      type: 'response.recorded',
      payload: {
        responseId: `r2${suffix}`,
        actId: act,
        obligationId: `ob1${suffix}`,
        kind: 'object-response',
        submittedAt: '2027-02-04T05:00:00.000Z',
        late: true,
        body: 'Amended',
        responder: 'water@example.kg',
        supersedes: `r1${suffix}`,
      },
    },
    { type: 'obligation.status-changed', payload: { obligationId: `ob1${suffix}`, status: 'met', reason: null } },
    { type: 'act.closed', payload: { actId: act, reason: 'both obligations met' } },
  ]);
  await rec(streams.calendar(null), [
    {
      type: 'calendar.entry-set',
      payload: {
        councilId: null,
        date: '2027-03-10',
        entryType: 'day-off',
        name: { ky: 'Орозо айт', ru: 'Орозо айт' },
        status: 'estimated',
      },
    },
    {
      type: 'calendar.entry-set',
      payload: {
        councilId: null,
        date: '2027-03-10',
        entryType: 'day-off',
        name: { ky: 'Орозо айт', ru: 'Орозо айт' },
        status: 'confirmed',
      },
    },
    {
      type: 'calendar.entry-set',
      payload: {
        councilId: null,
        date: '2027-05-17',
        entryType: 'day-off',
        name: { ky: 'Курман айт', ru: 'Курман айт' },
        status: 'estimated',
      },
    },
    { type: 'calendar.entry-removed', payload: { councilId: null, date: '2027-05-17' } },
  ]);
  // An information request (7.3.2(1)) to the first object: received, extended once, answered.
  const requestId = `r1${suffix}`;
  await rec(requestStream(requestId), [
    {
      type: 'request.written',
      payload: {
        requestId,
        groupId,
        councilId,
        objectId: `o1${suffix}`,
        subject: 'Budget of the water supply',
        purpose: 'to check the plan item',
        reference: null,
        actId: null,
        calendarKind: 'with-transfers',
        sentOn: '2027-01-11',
      },
    },
    { type: 'request.received', payload: { requestId, receivedOn: '2027-01-12', via: 'staff', dueDate: '2027-01-26' } },
    {
      type: 'request.extended',
      payload: { requestId, on: '2027-01-20', dueDate: '2027-02-05', reason: 'the accounts are in the district' },
    },
    {
      type: 'request.answered',
      payload: { requestId, on: '2027-02-03', text: 'The budget is attached.', late: false },
    },
  ]);
  // The group's work plan (7.3.1): an item, the executive body's proposal taken, linked to the act and the request.
  const planId = `plan1${suffix}`;
  await rec(`plan-${planId}`, [
    { type: 'plan.drafted', payload: { planId, groupId, councilId, title: '2027' } },
    {
      type: 'plan.item-added',
      payload: {
        planId,
        itemId: `pi1${suffix}`,
        proposalId: null,
        objectId: `o1${suffix}`,
        subject: 'Water supply',
        from: '2027-01-10',
        to: '2027-02-10',
        method: 'site_visit',
      },
    },
    {
      type: 'plan.sent',
      payload: {
        planId,
        executiveBodyId: `o2${suffix}`,
        proposalsUntil: '2027-01-08',
        generation: 1,
        sentOn: '2027-01-04',
      },
    },
    {
      type: 'plan.proposal-made',
      payload: {
        planId,
        proposalId: `pp1${suffix}`,
        objectId: `o2${suffix}`,
        subject: 'Budget',
        from: '2027-03-01',
        to: '2027-03-31',
        method: 'document_analysis',
        note: '',
        proposedOn: '2027-01-05',
      },
    },
    {
      type: 'plan.item-added',
      payload: {
        planId,
        itemId: `pi2${suffix}`,
        proposalId: `pp1${suffix}`,
        objectId: `o2${suffix}`,
        subject: 'Budget',
        from: '2027-03-01',
        to: '2027-03-31',
        method: 'document_analysis',
      },
    },
    { type: 'plan.submitted', payload: { planId, submittedOn: '2027-01-09' } },
    {
      type: 'plan.approved',
      payload: { planId, sessionOn: '2027-01-10', decisionNumber: '3', text: 'Approved', noticeId: null },
    },
    { type: 'plan.item-state-changed', payload: { planId, itemId: `pi1${suffix}`, state: 'done', reason: null } },
    { type: 'plan.item-linked', payload: { planId, itemId: `pi1${suffix}`, actId: act, requestId: null } },
    { type: 'plan.item-linked', payload: { planId, itemId: `pi1${suffix}`, actId: null, requestId } },
  ]);
  // The council's answer to the act's recommendation (issue 15 point 3) and its own periods.
  await rec(streams.act(act), [
    {
      type: 'act.council-considered',
      payload: {
        considerationId: `cons1${suffix}`,
        actId: act,
        groupId,
        sessionOn: '2027-02-20',
        agendaItem: '4',
        decisions: [{ recommendation: 1, decision: 'partly-accepted', text: 'the budget allows half' }],
      },
    },
  ]);
  await rec(streams.council(councilId), [
    { type: 'council.consideration-days-set', payload: { councilId, days: 45 } },
    { type: 'council.report-due-days-set', payload: { councilId, days: 20 } },
  ]);
  // A summary report (issue 15 point 2): drafted, edited, submitted with its counts frozen.
  const reportId = `rep1${suffix}`;
  const texts = { events: 'two meetings', results: 'one act', conclusions: 'answers late' };
  await rec(reportStream(reportId), [
    {
      type: 'report.drafted',
      payload: {
        reportId,
        groupId,
        councilId,
        period: '2026-H2',
        start: '2026-07-01',
        end: '2026-12-31',
        due: '2027-01-20',
      },
    },
    { type: 'report.edited', payload: { reportId, texts } },
    {
      type: 'report.submitted',
      payload: {
        reportId,
        submittedOn: '2027-01-18',
        texts,
        facts: {
          period: { start: '2026-07-01', end: '2026-12-31' },
          meetings: { held: 1, quorate: 1, notQuorate: 0, cancelled: 0 },
          acts: { issued: 0, byObject: [] },
          objectAnswers: { 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
          executiveReports: { 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
          requests: { 'answered-on-time': 0, 'answered-late': 0, refused: 0, unanswered: 0, pending: 0 },
          countedOn: '2027-01-18',
        },
        noticeId: null,
      },
    },
  ]);
  // The yearly report with a recommendation to the council, and the council's decision on it (issue 15 point 3).
  const yearReportId = `rep2${suffix}`;
  const yearTexts = { ...texts, recommendations: ['Publish the water schedule'] };
  await rec(reportStream(yearReportId), [
    {
      type: 'report.drafted',
      payload: {
        reportId: yearReportId,
        groupId,
        councilId,
        period: '2026',
        start: '2026-01-01',
        end: '2026-12-31',
        due: '2027-01-20',
      },
    },
    {
      type: 'report.submitted',
      payload: {
        reportId: yearReportId,
        submittedOn: '2027-01-19',
        texts: yearTexts,
        facts: {
          period: { start: '2026-01-01', end: '2026-12-31' },
          meetings: { held: 1, quorate: 1, notQuorate: 0, cancelled: 0 },
          acts: { issued: 0, byObject: [] },
          objectAnswers: { 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
          executiveReports: { 'answered-on-time': 0, 'answered-late': 0, unanswered: 0, pending: 0, 'not-started': 0 },
          requests: { 'answered-on-time': 0, 'answered-late': 0, refused: 0, unanswered: 0, pending: 0 },
          countedOn: '2027-01-19',
        },
        noticeId: null,
      },
    },
    {
      type: 'report.council-considered',
      payload: {
        considerationId: `rc1${suffix}`,
        reportId: yearReportId,
        groupId,
        sessionOn: '2027-02-20',
        agendaItem: '5',
        decisions: [{ recommendation: 1, decision: 'accepted', text: '' }],
      },
    },
  ]);
  // An earlier group taken on from its resolution (issue 13 point 1), its composition's finding kept.
  const adopted = `ga${suffix}`;
  await rec(streams.group(adopted), [
    { type: 'group.opened', payload: { groupId: adopted, councilId, councilFormedOn: null } },
    {
      type: 'group.adopted',
      payload: {
        groupId: adopted,
        resolutionNumber: '83',
        decidedOn: '2025-11-14',
        publishedOn: '2025-11-19',
        termStart: '2025-11-19',
        termEnd: '2029-11-19',
        chairMembershipId: null,
        members: 13,
        findings: [
          {
            code: 'municipal-employees-count',
            clause: '5.2.3(1)',
            severity: 'violation',
            message: {
              ky: 'муниципалдык кызматчылар: 2',
              ru: 'муниципальные служащие: 2',
              en: 'municipal employees: 2',
            },
          },
        ],
      },
    },
  ]);
  // A conflict of interest (6.3-6.4): declared by a member, the removal recorded.
  await rec(streams.group(groupId), [
    {
      type: 'conflict.declared',
      payload: {
        groupId,
        declarationId: `coi1${suffix}`,
        membershipId: `m1${suffix}`,
        personId: `p1${suffix}`,
        accountId: null,
        objectId: `o1${suffix}`,
        matter: null,
        text: 'my brother runs the water utility',
        file: null,
        declaredOn: '2027-02-01',
      },
    },
    {
      type: 'conflict.removal-recorded',
      payload: {
        groupId,
        removalId: `rm1${suffix}`,
        declarationId: `coi1${suffix}`,
        from: '2027-02-02',
        to: '2027-06-30',
        reason: '6.4',
        recordedOn: '2027-02-02',
      },
    },
  ]);
  await rec(streams.calendar(councilId), [
    {
      type: 'calendar.entry-set',
      payload: {
        councilId,
        date: '2027-03-10',
        entryType: 'working-day',
        name: { ky: 'Иш күнү', ru: 'Рабочий день' },
        status: 'confirmed',
      },
    },
  ]);
  return { councilId, groupId };
}
