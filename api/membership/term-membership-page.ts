// The group's membership over its term (5.4.8), a staff and chair page: the current members, who left (day, reason),
// the open vacancies with their route and due day, the chair's vacancy (5.4.6), the composition with its arithmetic
// (5.2), and the form to record a departure. Texts in Kyrgyz, Russian and English; a refusal re-renders the page with
// the fields and clauses named (400), nothing written.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import {
  CATEGORY_WORDS,
  DEPARTURE_REASONS,
  NOMINATION_CLAUSE,
  REASON_WORDS,
  type DepartureReason,
} from '../../domain/term-membership';
import { bishkekDateOf } from '../../domain/dates';
import {
  addMembersByDecision,
  appointReplacement,
  compositionOn,
  electChair,
  nominateReplacement,
  recordDeparture,
} from '../../procedures/term/membership';
import type { TermNomination, TermVacancy } from '../../workflows/term/contract';
import { actorOf, pageError } from '../acts/common';
import type { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { termOf } from '../meetings/view';
import { procedureDeps } from '../procedure-deps';
import { Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { labelledInput, labelledSelect, labelledTextarea, option, postForm } from '../ui/form-fields';
import { formText, PageDoneQuery } from '../ui/form-schema';
import { layout, type PageRequest } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { ADDITION_WORDS, AdditionForm, additionForm } from './addition-form';
import { compositionCureNote } from './composition-cure-view';

const MANAGERS = ['chair', 'staff'] as const;
const STAFF = ['staff'] as const;
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Params = Strict({ groupId: Id });
const Query = PageDoneQuery;
const S = formText;
const VacancyParams = Strict({ groupId: Id, vacancyId: Id });
const NominationForm = Strict({
  _csrf: S(200),
  fullName: S(200),
  category: S(40),
  kind: S(40),
  ref: S(500),
  date: S(20),
  participants: S(6),
  votesFor: S(6),
});
const AppointmentForm = Strict({
  _csrf: S(200),
  decisionNumber: S(100),
  decisionDate: S(20),
  fullName: S(200),
  sex: S(2),
  birthDate: S(10),
  village: S(200),
  phone: S(40),
  email: S(200),
});
const ChairForm = Strict({ _csrf: S(200), meetingId: S(200), membershipId: S(200), votesFor: S(6) });
const DepartureForm = Strict({ _csrf: S(200), membershipId: S(200), leftOn: S(20), reason: S(40), note: S(2000) });

export const membershipPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/membership`;

type Words = { ky: string; ru: string; en: string };
const w = (lang: Lang, words: Words) => words[lang];
// The person's fields and the submit button read as on the addition form (the same words for the same fields).
const T = {
  title: {
    ky: 'Топтун курамы мөөнөт ичинде (5.4.8)',
    ru: 'Состав группы в течение срока (5.4.8)',
    en: "The group's membership over its term (5.4.8)",
  },
  members: { ky: 'Азыркы мүчөлөр', ru: 'Текущие члены', en: 'Current members' },
  departures: { ky: 'Чыгып кеткендер', ru: 'Выбывшие', en: 'Members who left' },
  vacancies: { ky: 'Бош орундар', ru: 'Вакансии', en: 'Vacancies' },
  none: { ky: 'Жок.', ru: 'Нет.', en: 'None.' },
  chairVacant: {
    ky: 'Төраганын орду бош: кворуму бар кийинки жыйналыш жергиликтүү коомдоштуктун мүчөлөрүнөн жаңы төраганы шайлайт (5.4.6).',
    ru: 'Должность председателя вакантна: следующее правомочное заседание избирает нового председателя из представителей местного сообщества (5.4.6).',
    en: 'The chair is vacant: the next quorate meeting elects a new chair from the citizen members (5.4.6).',
  },
  composition: { ky: 'Курамдын текшерүүсү (5.2)', ru: 'Проверка состава (5.2)', en: 'Composition check (5.2)' },
  record: { ky: 'Мүчөнүн чыгышын каттоо', ru: 'Записать выбытие члена', en: 'Record that a member left' },
  member: { ky: 'Мүчө', ru: 'Член группы', en: 'Member' },
  leftOn: { ky: 'Чыккан күнү', ru: 'Дата выбытия', en: 'Left on' },
  reason: { ky: 'Себеби', ru: 'Причина', en: 'Reason' },
  note: {
    ky: 'Кошумча (башка себеп үчүн милдеттүү)',
    ru: 'Пояснение (обязательно для «другой причины»)',
    en: 'Note (required for "other")',
  },
  submit: ADDITION_WORDS.submit,
  recorded: {
    ky: 'Катталды. Ушул күндөн тартып кворум азыраак мүчөдөн эсептелет; бош орун ачылды.',
    ru: 'Записано. С этого дня кворум считается от меньшего числа членов; открыта вакансия.',
    en: 'Recorded. From that day the quorum counts the smaller membership; a vacancy is open.',
  },
  route: { ky: 'Жол-жобосу', ru: 'Порядок', en: 'Route' },
  dueBy: { ky: 'мөөнөтү', ru: 'срок', en: 'due by' },
  nominated: { ky: 'көрсөтүлдү', ru: 'выдвинут(а)', en: 'nominated' },
  late: { ky: 'кечиккен', ru: 'с опозданием', en: 'late' },
  filled: { ky: 'дайындалды', ru: 'назначен(а)', en: 'appointed' },
  stepDone: { ky: 'Катталды.', ru: 'Записано.', en: 'Recorded.' },
  nominate: { ky: 'Талапкерди каттоо', ru: 'Записать выдвижение', en: 'Record the nomination' },
  appoint: { ky: 'Кеңештин чечимин каттоо', ru: 'Записать решение кенеша', en: "Record the council's decision" },
  elect: {
    ky: 'Жаңы төраганы шайлоо (5.4.6)',
    ru: 'Избрание нового председателя (5.4.6)',
    en: 'Elect a new chair (5.4.6)',
  },
  fullName: ADDITION_WORDS.fullName,
  source: { ky: 'Ким көрсөттү', ru: 'Кто выдвинул', en: 'Named by' },
  ref: { ky: 'Документ (буйрук, протокол)', ru: 'Документ (распоряжение, протокол)', en: 'Document (order, protocol)' },
  date: { ky: 'Күнү', ru: 'Дата', en: 'Date' },
  participants: {
    ky: 'Коомдоштуктун жыйынынын катышуучулары',
    ru: 'Участников собрания местного сообщества',
    en: "Gathering's participants",
  },
  votesFor: { ky: 'Жактап добуш', ru: 'Голосов «за»', en: 'Votes for' },
  number: { ky: 'Чечимдин номери', ru: 'Номер решения', en: 'Decision number' },
  sex: ADDITION_WORDS.sex,
  birthDate: ADDITION_WORDS.birthDate,
  village: ADDITION_WORDS.village,
  phone: { ky: 'Телефону', ru: 'Телефон', en: 'Phone' },
  email: { ky: 'Эл. почтасы', ru: 'Эл. почта', en: 'E-mail' },
  meeting: { ky: 'Кворуму бар жыйналыш', ru: 'Правомочное заседание', en: 'Quorate meeting' },
  noTerm: {
    ky: 'Топтун мөөнөтүнүн жол-жобосу иштебей турат.',
    ru: 'Процедура срока полномочий группы не запущена или недоступна.',
    en: "The group's term procedure is not running or not reachable.",
  },
} satisfies Record<string, Words>;

const SOURCES: Record<TermVacancy['category'], TermNomination['source']['kind']> = {
  municipal_employee: 'executive-head',
  deputy: 'council-chair',
  citizen: 'community-gathering',
};

const input = (lang: Lang, name: string, label: Words, type = 'text', required = true): Html =>
  labelledInput(w(lang, label), name, type, { required });

function vacancyForm(page: PageRequest, groupId: string, x: TermVacancy): Html {
  const lang = page.lang;
  const path = `${membershipPath(groupId)}/vacancies/${encodeURIComponent(x.vacancyId)}`;
  if (!x.nomination)
    return html`<section><h2>${w(lang, T.nominate)}: ${w(lang, CATEGORY_WORDS[x.category])} (${NOMINATION_CLAUSE[x.category]})</h2>
${postForm(
  page,
  `${path}/nomination?lang=${lang}`,
  html`<input type="hidden" name="category" value="${x.category}"><input type="hidden" name="kind" value="${SOURCES[x.category]}">
${input(lang, 'fullName', T.fullName)}${input(lang, 'ref', T.ref)}${input(lang, 'date', T.date, 'date')}
${x.category === 'citizen' ? html`${input(lang, 'participants', T.participants, 'number')}${input(lang, 'votesFor', T.votesFor, 'number')}` : ''}`,
  w(lang, T.submit),
)}</section>`;
  return html`<section><h2>${w(lang, T.appoint)}: ${x.nomination.fullName}</h2>
${postForm(
  page,
  `${path}/appointment?lang=${lang}`,
  html`<input type="hidden" name="fullName" value="${x.nomination.fullName}">
${input(lang, 'decisionNumber', T.number)}${input(lang, 'decisionDate', T.date, 'date')}${input(lang, 'sex', T.sex)}
${input(lang, 'birthDate', T.birthDate, 'text', false)}${input(lang, 'village', T.village, 'text', false)}
${input(lang, 'phone', T.phone, 'tel', false)}${input(lang, 'email', T.email, 'email', false)}`,
  w(lang, T.submit),
)}</section>`;
}

function chairForm(page: PageRequest, groupId: string, term: NonNullable<Awaited<ReturnType<typeof termOf>>>): Html {
  const lang = page.lang;
  const held = term.meetings.filter((m) => m.attendance?.quorate);
  const citizens = term.members.filter((m) => m.category === 'citizen');
  const meetings = held.map((m) => option(m.meetingId, dmy(m.date)));
  const members = citizens.map((m) => option(m.membershipId, m.fullName));
  return html`<section><h2>${w(lang, T.elect)}</h2>
${postForm(
  page,
  `${membershipPath(groupId)}/chair?lang=${lang}`,
  html`${labelledSelect(w(lang, T.meeting), 'meetingId', meetings, { required: true })}
${labelledSelect(w(lang, T.member), 'membershipId', members, { id: 'chairId', required: true })}
${input(lang, 'votesFor', T.votesFor, 'number')}`,
  w(lang, T.submit),
)}</section>`;
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  groupId: string,
  status: number,
  error: AppError | null,
  typed: Record<string, string> = {},
): Promise<FastifyReply> {
  const page: PageRequest = pageRequest(request, membershipPath(groupId));
  const lang = page.lang;
  const term = await termOf(deps, groupId);
  const today = bishkekDateOf(procedureDeps(deps, request.log).now());
  const v = (k: string) => typed[k] ?? '';
  let body: Html;
  if (!term) body = html`<div class="notice" role="status"><p>${w(lang, T.noTerm)}</p></div>`;
  else {
    const composition = await compositionOn(deps.db, groupId, today);
    // Issue 14 point 3: the decision as adopted with its violations, cured or not, and what the council does about it.
    const cure = await compositionCureNote(deps.db, groupId, lang, today, { staff: true, link: false });
    const members = term.members.map(
      (m) =>
        html`<li>${m.fullName} — ${w(lang, CATEGORY_WORDS[m.category])}${m.membershipId === term.chairMembershipId ? html` <strong>(${lang === 'en' ? 'chair' : lang === 'ru' ? 'председатель' : 'төрага'})</strong>` : ''}${term.joinedOn[m.membershipId] ? ` (${dmy(term.joinedOn[m.membershipId]!)})` : ''}</li>`,
    );
    const departures = term.departures.map(
      (d) =>
        html`<li>${d.fullName} — ${w(lang, CATEGORY_WORDS[d.category])}, ${dmy(d.leftOn)}: ${w(lang, REASON_WORDS[d.reason])}${d.note ? ` (${d.note})` : ''}</li>`,
    );
    const vacancies = term.vacancies.map((x) => {
      const left = term.departures.find((d) => d.membershipId === x.vacancyId);
      const state = x.filled
        ? html`${w(lang, T.filled)}: ${x.filled.fullName} (№${x.filled.decisionNumber}, ${dmy(x.filled.decisionDate)})`
        : x.nomination
          ? html`${w(lang, T.nominated)}: ${x.nomination.fullName} (${x.nomination.source.ref}, ${dmy(x.nomination.source.date)})${x.nomination.late ? html` — ${w(lang, T.late)}` : ''}`
          : html`${w(lang, T.route)}: ${NOMINATION_CLAUSE[x.category]}, 5.4.8${x.nominateBy ? html`; ${w(lang, T.dueBy)} ${dmy(x.nominateBy)}` : ''}`;
      return html`<li>${w(lang, CATEGORY_WORDS[x.category])} (${left?.fullName ?? x.vacancyId}, ${dmy(x.openedOn)}) — ${state}</li>`;
    });
    const arithmetic = composition.arithmetic.map((a) => html`<li>${a.holds ? '✓' : '✗'} ${a.text[lang]}</li>`);
    const findings = composition.findings.map(
      (f) => html`<li>${f.clause ? `${f.clause}: ` : ''}${f.message[lang]}</li>`,
    );
    const list = (items: Html[]) => (items.length ? html`<ul>${items}</ul>` : html`<p>${w(lang, T.none)}</p>`);
    const done = queryString(request, 'done');
    body = html`${done === 'left' ? html`<p class="ok" role="status">${w(lang, T.recorded)}</p>` : ''}
${done === 'step' ? html`<p class="ok" role="status">${w(lang, T.stepDone)}</p>` : ''}
${error ? errorBox(page, error) : ''}
${term.chairVacantSince ? html`<div class="notice" role="status"><p>${w(lang, T.chairVacant)} (${dmy(term.chairVacantSince)})</p></div>` : ''}
<h2>${w(lang, T.members)} (${term.members.length})</h2>${list(members)}
<h2>${w(lang, T.departures)}</h2>${list(departures)}
<h2>${w(lang, T.vacancies)}</h2>${list(vacancies)}
<h2>${w(lang, T.composition)}</h2><ul>${arithmetic}</ul>${findings.length ? html`<ul>${findings}</ul>` : ''}
${cure}
${
  term.status === 'active'
    ? html`<section aria-labelledby="leave"><h2 id="leave">${w(lang, T.record)}</h2>
${postForm(
  page,
  `${membershipPath(groupId)}/departure?lang=${lang}`,
  html`${labelledSelect(
    w(lang, T.member),
    'membershipId',
    term.members.map((m) => option(m.membershipId, m.fullName, v('membershipId') === m.membershipId)),
    { required: true },
  )}
${labelledInput(w(lang, T.leftOn), 'leftOn', 'date', { attrs: html` max="${today}"`, required: true, value: v('leftOn') })}
${labelledSelect(
  w(lang, T.reason),
  'reason',
  DEPARTURE_REASONS.map((r) => option(r, w(lang, REASON_WORDS[r]), v('reason') === r)),
)}
${labelledTextarea(w(lang, T.note), 'note', 2, { attrs: html` maxlength="2000"`, value: v('note') })}`,
  w(lang, T.submit),
)}</section>
${term.vacancies.filter((x) => x.filled === null).map((x) => vacancyForm(page, groupId, x))}
${term.chairVacantSince ? chairForm(page, groupId, term) : ''}
${additionForm(page, `${membershipPath(groupId)}/additions`)}`
    : ''
}`;
  }
  return sendPage(reply, page, status, layout(page, w(lang, T.title), body));
}

export function termMembershipPages(app: App, deps: AppDeps): void {
  const managers = { config: { access: MANAGERS, page: true }, preValidation: requireRole(deps.db, MANAGERS) };
  const staff = { config: { access: STAFF, page: true }, preValidation: requireRole(deps.db, STAFF) };

  app.get(
    '/manage/groups/:groupId/membership',
    { schema: { hide: true, params: Params, querystring: Query }, ...managers },
    (request, reply) => render(request, reply, deps, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/membership/departure',
    { schema: { hide: true, params: Params, querystring: Query, body: DepartureForm }, ...managers },
    async (request, reply) => {
      const { groupId } = request.params;
      const b = request.body;
      const typed = {
        membershipId: (b.membershipId ?? '').trim(),
        leftOn: (b.leftOn ?? '').trim(),
        reason: (b.reason ?? '').trim(),
        note: (b.note ?? '').trim(),
      };
      try {
        await recordDeparture(procedureDeps(deps, request.log), {
          groupId,
          membershipId: typed.membershipId,
          leftOn: typed.leftOn,
          reason: typed.reason as DepartureReason,
          note: typed.note || null,
          actor: actorOf(request),
        });
      } catch (error) {
        const e = pageError(error);
        if (!e) throw error;
        return render(request, reply, deps, groupId, e.code === 'engine-unavailable' ? 503 : 400, e, typed);
      }
      return reply.redirect(`${membershipPath(groupId)}?lang=${pageRequest(request, '').lang}&done=left`, 303);
    },
  );

  /** Runs a step; a refusal re-renders the page (400/503) with nothing written, else redirects back. */
  async function step(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    run: () => Promise<unknown>,
  ): Promise<FastifyReply> {
    try {
      await run();
    } catch (error) {
      const e = pageError(error);
      if (!e) throw error;
      return render(request, reply, deps, groupId, e.code === 'engine-unavailable' ? 503 : 400, e);
    }
    return reply.redirect(`${membershipPath(groupId)}?lang=${pageRequest(request, '').lang}&done=step`, 303);
  }
  const int = (v: string | undefined) => (/^\d{1,6}$/.test((v ?? '').trim()) ? Number((v ?? '').trim()) : null);
  const text = (v: string | undefined) => (v ?? '').trim();
  type Typed = Partial<Record<string, string>>;
  /** Who named the member, from the nomination's fields (5.4.2-5.4.4). */
  const sourceOf = (kind: TermNomination['source']['kind'], b: Typed) => ({
    kind,
    ref: text(b.ref),
    date: text(b.date),
    participants: int(b.participants),
    votesFor: int(b.votesFor),
  });
  /** The person the council's decision makes a member, from the form's fields. */
  const personOf = (b: Typed) => ({
    fullName: text(b.fullName),
    sex: text(b.sex).toUpperCase() as 'M',
    birthDate: text(b.birthDate) || null,
    village: text(b.village) || null,
  });

  app.post(
    '/manage/groups/:groupId/membership/vacancies/:vacancyId/nomination',
    { schema: { hide: true, params: VacancyParams, querystring: Query, body: NominationForm }, ...staff },
    (request, reply) => {
      const { groupId, vacancyId } = request.params;
      const b = request.body;
      return step(request, reply, groupId, () =>
        nominateReplacement(procedureDeps(deps, request.log), {
          groupId,
          vacancyId,
          nominee: { fullName: text(b.fullName), category: text(b.category) as TermVacancy['category'] },
          source: sourceOf(text(b.kind) as TermNomination['source']['kind'], b),
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/membership/vacancies/:vacancyId/appointment',
    { schema: { hide: true, params: VacancyParams, querystring: Query, body: AppointmentForm }, ...staff },
    (request, reply) => {
      const { groupId, vacancyId } = request.params;
      const b = request.body;
      return step(request, reply, groupId, () =>
        appointReplacement(procedureDeps(deps, request.log), {
          groupId,
          vacancyId,
          decisionNumber: text(b.decisionNumber),
          decisionDate: text(b.decisionDate),
          person: { ...personOf(b), phone: text(b.phone) || null, email: text(b.email) || null },
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/membership/additions',
    { schema: { hide: true, params: Params, querystring: Query, body: AdditionForm }, ...staff },
    (request, reply) => {
      const { groupId } = request.params;
      const b = request.body;
      const category = text(b.category) as TermVacancy['category'];
      return step(request, reply, groupId, () =>
        addMembersByDecision(procedureDeps(deps, request.log), {
          groupId,
          decisionNumber: text(b.decisionNumber),
          decisionDate: text(b.decisionDate),
          members: [
            {
              category,
              source: sourceOf(SOURCES[category] ?? ('' as TermNomination['source']['kind']), b),
              person: personOf(b),
            },
          ],
          actor: actorOf(request),
        }),
      );
    },
  );

  app.post(
    '/manage/groups/:groupId/membership/chair',
    { schema: { hide: true, params: Params, querystring: Query, body: ChairForm }, ...managers },
    (request, reply) => {
      const { groupId } = request.params;
      const b = request.body;
      return step(request, reply, groupId, () =>
        electChair(procedureDeps(deps, request.log), {
          groupId,
          meetingId: text(b.meetingId),
          membershipId: text(b.membershipId),
          votesFor: int(b.votesFor) ?? -1,
          actor: actorOf(request),
        }),
      );
    },
  );
}
