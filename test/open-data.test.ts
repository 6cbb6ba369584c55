// Open data (issue 15 point 4) on a real Postgres database through the app: a group's acts and information requests as
// CSV files, read back with csv-parse. The records are built through the event store as the workflows record them.
// "Today" is Monday 6 April 2026. The acts (municipal objects, the Cabinet's calendar):
//   2026-001 received 2 March: the school's answer due 16 March, answered 13 March (on time); the executive body's
//            report due 1 April, reported 3 April (late);
//   2026-002 received 2 March: the water utility's answer due 16 March, never answered (unanswered); its report pending;
//   2026-003 issued 3 April, not yet received: no count started;
//   a draft, never listed.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/build-app';
import type { App } from '../api/app-types';
import { loadConfig } from '../config/config';
import { draftAct, parseActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { streams, type NewEvent } from '../db/events';
import { openGroup } from '../db/groups';
import { registerObject } from '../db/objects';
import { record } from '../db/record';
import { recordWrittenRequest } from '../db/requests';
import { requestStream } from '../db/requests-events';
import { answerOutcome, OPEN_DATASETS } from '../domain/open-data';
import { createTestDatabase, type TestDatabase } from './support/pg';
import { recordSampleHistory } from './support/db-sample-history';

const NOW = Date.parse('2026-04-06T04:00:00Z'); // Monday 6 April 2026, 10:00 in Bishkek
const at = (date: string) => new Date(`${date}T04:00:00Z`);

let t: TestDatabase;
let app: App;
let groupId: string;
let otherGroupId: string;
const acts: Record<string, string> = {};

async function append(stream: string, ...events: NewEvent[]): Promise<void> {
  await record(t.db, { stream, actor: 'test', events });
}

async function issued(key: string, objectId: string, number: string, on: string, kind: string, name: string) {
  const draft = await draftAct(
    t.db,
    { groupId, objectId, draft: parseActDraft({ subject: `Текшерүү ${key}` }) },
    'test',
  );
  acts[key] = draft.id;
  await append(streams.act(draft.id), {
    type: 'act.issued',
    payload: {
      actId: draft.id,
      number,
      issuedOn: on,
      content: { subject: `Текшерүү ${key}`, object: { kind, name }, recommendations: ['Графикти жарыялоо'] },
    },
    occurredAt: at(on),
  });
}

const opened = (actKey: string, id: string, key: 'object-response' | 'executive-report', anchor: string, due: string) =>
  append(streams.act(acts[actKey]!), {
    type: 'obligation.opened',
    payload: {
      obligationId: id,
      groupId,
      actId: acts[actKey]!,
      key,
      clause: '4.3',
      party: 'p',
      anchorDate: anchor,
      dueDate: due,
    },
    occurredAt: at(anchor),
  });

const responded = (
  actKey: string,
  id: string,
  obligationId: string,
  kind: 'object-response' | 'executive-report',
  on: string,
  late: boolean,
) =>
  append(streams.act(acts[actKey]!), {
    type: 'response.recorded',
    payload: {
      responseId: id,
      actId: acts[actKey]!,
      obligationId,
      kind,
      submittedAt: at(on).toISOString(),
      late,
      body: 'Чаралар көрүлдү; Иванов И. И., тел. +996 700 123 456',
      responder: 'object',
      supersedes: null,
    },
    occurredAt: at(on),
  });

beforeAll(async () => {
  t = await createTestDatabase();
  const councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
  otherGroupId = await openGroup(t.db, { councilId }, 'test');
  const object = async (kind: 'municipal_institution' | 'municipal_enterprise', ky: string, ru: string) =>
    (await registerObject(t.db, { councilId, kind, name: { ky, ru }, emails: ['info@aksuu.kg'] }, 'test')).id;
  const school = await object('municipal_institution', 'Мектеп', 'Школа');
  const water = await object('municipal_enterprise', 'Суу чарба', 'Водоканал');

  await issued('a1', school, '2026-001', '2026-02-27', 'municipal_institution', 'Мектеп');
  await append(streams.act(acts.a1!), {
    type: 'act.received',
    payload: { actId: acts.a1!, receivedOn: '2026-03-02', via: 'link' },
  });
  await opened('a1', 'O1', 'object-response', '2026-03-02', '2026-03-16');
  await opened('a1', 'R1', 'executive-report', '2026-03-02', '2026-04-01');
  await responded('a1', 'resp-1', 'O1', 'object-response', '2026-03-13', false);
  await responded('a1', 'resp-2', 'R1', 'executive-report', '2026-04-03', true);

  await issued('a2', water, '2026-002', '2026-02-27', 'municipal_enterprise', 'Суу чарба, "Таза суу"');
  await append(streams.act(acts.a2!), {
    type: 'act.received',
    payload: { actId: acts.a2!, receivedOn: '2026-03-02', via: 'staff' },
  });
  await opened('a2', 'O2', 'object-response', '2026-03-02', '2026-03-16');
  await opened('a2', 'R2', 'executive-report', '2026-03-02', '2026-04-10');

  await issued('a3', school, '2026-003', '2026-04-03', 'municipal_institution', 'Мектеп');
  await draftAct(t.db, { groupId, objectId: school, draft: parseActDraft({ subject: 'Долбоор' }) }, 'test');
  await draftAct(
    t.db,
    { groupId: otherGroupId, objectId: school, draft: parseActDraft({ subject: 'Башка топ' }) },
    'test',
  );

  // Requests: one answered late, one refused, one never answered, one not yet due.
  const request = async (subject: string, sentOn: string, events: (id: string) => NewEvent[]) => {
    const r = await recordWrittenRequest(
      t.db,
      { groupId, councilId, objectId: school, subject, purpose: 'План', reference: null, actId: null, sentOn },
      'test',
    );
    await append(requestStream(r.id), ...events(r.id));
  };
  await request('Бюджеттин аткарылышы', '2026-03-02', (id) => [
    {
      type: 'request.received',
      payload: { requestId: id, receivedOn: '2026-03-02', via: 'link', dueDate: '2026-03-16' },
    },
    { type: 'request.answered', payload: { requestId: id, on: '2026-03-18', text: 'Тиркелди', late: true } },
  ]);
  await request('Келишимдер', '2026-03-03', (id) => [
    {
      type: 'request.received',
      payload: { requestId: id, receivedOn: '2026-03-03', via: 'staff', dueDate: '2026-03-17' },
    },
    { type: 'request.refused', payload: { requestId: id, on: '2026-03-05', ground: 'state-secret', text: 'Жабык' } },
  ]);
  await request('Сметалар', '2026-03-04', (id) => [
    {
      type: 'request.received',
      payload: { requestId: id, receivedOn: '2026-03-04', via: 'link', dueDate: '2026-03-18' },
    },
  ]);
  await request('Кезек', '2026-04-03', (id) => [
    {
      type: 'request.received',
      payload: { requestId: id, receivedOn: '2026-04-03', via: 'link', dueDate: '2026-04-17' },
    },
  ]);

  app = buildApp({ db: t.db, config: loadConfig({}), clock: () => NOW });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const csvOf = async (path: string) => {
  const res = await app.inject({ method: 'GET', url: path });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w-]+\.csv"$/);
  expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // the BOM: spreadsheets read UTF-8
  return { text: res.payload, rows: parse<Record<string, string>>(res.payload, { bom: true, columns: true }) };
};

describe('answerOutcome', () => {
  it.each([
    [{ due: '2026-03-16', answeredOn: '2026-03-16', late: false }, 'answered-on-time'],
    [{ due: '2026-03-16', answeredOn: '2026-03-17', late: true }, 'answered-late'],
    // The procedure's own verdict wins (a recount may have moved the due date after the answer was recorded).
    [{ due: '2026-03-16', answeredOn: '2026-03-17', late: false }, 'answered-on-time'],
    [{ due: '2026-03-16', answeredOn: '2026-03-17', late: null }, 'answered-late'],
    [{ due: '2026-04-06', answeredOn: null, late: null }, 'pending'], // due today: not yet late
    [{ due: '2026-04-03', answeredOn: null, late: null }, 'unanswered'],
    [{ due: null, answeredOn: null, late: null }, 'not-started'],
  ] as const)('%o → %s', (answer, outcome) => {
    expect(answerOutcome(answer, '2026-04-06')).toBe(outcome);
  });
});

describe('open data files', () => {
  it('acts.csv: the issued acts with the outcome of each statutory answer, oldest first, no drafts and no other group', async () => {
    const { rows } = await csvOf(`/api/groups/${groupId}/data/acts.csv`);
    expect(Object.keys(rows[0]!)).toEqual(OPEN_DATASETS[0]!.columns.map((c) => c.name));
    expect(rows).toEqual([
      {
        act_number: '2026-001',
        issued_on: '2026-02-27',
        object_name: 'Мектеп',
        object_kind: 'municipal_institution',
        subject: 'Текшерүү a1',
        status: 'received',
        received_on: '2026-03-02',
        object_answer_due: '2026-03-16',
        object_answered_on: '2026-03-13',
        object_answer: 'answered-on-time',
        executive_report_due: '2026-04-01',
        executive_reported_on: '2026-04-03',
        executive_report: 'answered-late',
      },
      {
        act_number: '2026-002',
        issued_on: '2026-02-27',
        object_name: 'Суу чарба, "Таза суу"',
        object_kind: 'municipal_enterprise',
        subject: 'Текшерүү a2',
        status: 'received',
        received_on: '2026-03-02',
        object_answer_due: '2026-03-16',
        object_answered_on: '',
        object_answer: 'unanswered',
        executive_report_due: '2026-04-10',
        executive_reported_on: '',
        executive_report: 'pending',
      },
      {
        act_number: '2026-003',
        issued_on: '2026-04-03',
        object_name: 'Мектеп',
        object_kind: 'municipal_institution',
        subject: 'Текшерүү a3',
        status: 'issued',
        received_on: '',
        object_answer_due: '',
        object_answered_on: '',
        object_answer: 'not-started',
        executive_report_due: '',
        executive_reported_on: '',
        executive_report: 'not-started',
      },
    ]);
  });

  it('no personal data: the answers’ texts (with a phone and a name) are not in the file', async () => {
    const { text } = await csvOf(`/api/groups/${groupId}/data/acts.csv`);
    expect(text).not.toContain('+996');
    expect(text).not.toContain('Иванов');
    expect(text).not.toContain('info@aksuu.kg');
  });

  it('requests.csv: answered late, refused, unanswered, pending, oldest first', async () => {
    const { rows } = await csvOf(`/api/groups/${groupId}/data/requests.csv`);
    expect(rows.map((r) => [r.subject, r.object_name, r.sent_on, r.due, r.outcome_on, r.outcome])).toEqual([
      ['Бюджеттин аткарылышы', 'Мектеп / Школа', '2026-03-02', '2026-03-16', '2026-03-18', 'answered-late'],
      ['Келишимдер', 'Мектеп / Школа', '2026-03-03', '2026-03-17', '2026-03-05', 'refused'],
      ['Сметалар', 'Мектеп / Школа', '2026-03-04', '2026-03-18', '', 'unanswered'],
      ['Кезек', 'Мектеп / Школа', '2026-04-03', '2026-04-17', '', 'pending'],
    ]);
  });

  it('a group without records: a header row only', async () => {
    const acts = await csvOf(`/api/groups/${otherGroupId}/data/acts.csv`);
    expect(acts.rows).toEqual([]);
    expect(acts.text.replace('\ufeff', '').trim()).toBe(OPEN_DATASETS[0]!.columns.map((c) => c.name).join(','));
  });

  it('an unknown file or group is a 404', async () => {
    for (const url of [
      `/groups/${groupId}/data/people.csv`,
      `/groups/${groupId}/data/acts`,
      '/groups/nope/data/acts.csv',
    ])
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
  });

  it('the page lists the files with what each column holds, in the visitor’s language; the acts page links to it', async () => {
    const ru = await app.inject({ method: 'GET', url: `/groups/${groupId}/data?lang=ru` });
    expect(ru.statusCode).toBe(200);
    expect(ru.payload).toContain('Открытые данные');
    expect(ru.payload).toContain(`href="/api/groups/${groupId}/data/acts.csv"`);
    expect(ru.payload).toContain(`href="/api/groups/${groupId}/data/requests.csv"`);
    expect(ru.payload).toContain('Срок ответа объекта (4.3(3))');
    const ky = await app.inject({ method: 'GET', url: `/groups/${groupId}/data?lang=ky` });
    expect(ky.payload).toContain('Ачык маалыматтар');
    const actsPage = await app.inject({ method: 'GET', url: `/groups/${groupId}/acts?lang=en` });
    expect(actsPage.payload).toContain(`href="/groups/${groupId}/data?lang=en"`);
  });

  it('plan-items.csv, reports.csv and council-decisions.csv: the approved plan, the submitted reports, the council’s decisions', async () => {
    const sample = await recordSampleHistory(t.db, '-open');
    const plan = await csvOf(`/api/groups/${sample.groupId}/data/plan-items.csv`);
    expect(
      plan.rows.map((r) => [r.subject, r.period_from, r.method, r.state, r.acts_linked, r.requests_linked]),
    ).toEqual([
      ['Water supply', '2027-01-10', 'site_visit', 'done', '1', '1'],
      ['Budget', '2027-03-01', 'document_analysis', 'planned', '0', '0'],
    ]);
    expect(plan.rows[0]).toMatchObject({ approved_on: '2027-01-10', decision_number: '3' });
    const reports = await csvOf(`/api/groups/${sample.groupId}/data/reports.csv`);
    expect(reports.rows).toEqual([
      {
        period: '2026',
        due: '2027-01-20',
        submitted_on: '2027-01-19',
        meetings_held: '1',
        meetings_quorate: '1',
        acts_issued: '0',
        object_answers_on_time: '0',
        object_answers_late: '0',
        object_answers_missing: '0',
        requests_sent: '0',
      },
      {
        period: '2026-H2',
        due: '2027-01-20',
        submitted_on: '2027-01-18',
        meetings_held: '1',
        meetings_quorate: '1',
        acts_issued: '0',
        object_answers_on_time: '0',
        object_answers_late: '0',
        object_answers_missing: '0',
        requests_sent: '0',
      },
    ]);
    const decisions = await csvOf(`/api/groups/${sample.groupId}/data/council-decisions.csv`);
    // The acts' decisions, then the reports' (8.1): the column `subject` says which.
    expect(decisions.text.split('\n')[0]).toMatch(/^\uFEFF?subject,act_number,report_period,recommendation,/);
    expect(decisions.rows).toEqual([
      {
        subject: 'act',
        act_number: '1/2027',
        report_period: '',
        recommendation: '1',
        recommendation_text: 'Fix the leak',
        session_on: '2027-02-20',
        agenda_item: '4',
        decision: 'partly-accepted',
        text: 'the budget allows half',
      },
      {
        subject: 'report',
        act_number: '',
        report_period: '2026',
        recommendation: '1',
        recommendation_text: 'Publish the water schedule',
        session_on: '2027-02-20',
        agenda_item: '5',
        decision: 'accepted',
        text: '',
      },
    ]);
    // No personal data: the sample's members have phones, e-mails and birth dates.
    for (const file of [plan, reports, decisions]) {
      expect(file.text).not.toMatch(/\+996|@example\.kg|1985-03-14/);
    }
  });
});
