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
import { compositionOn, recordDeparture } from '../../procedures/term/membership';
import { actorOf, pageError } from '../acts/common';
import type { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { termOf } from '../meetings/view';
import { procedureDeps } from '../procedure-deps';
import { Strict } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, type PageRequest } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';

const MANAGERS = ['chair', 'staff'] as const;
const Id = Type.String({ minLength: 1, maxLength: 200 });
const Params = Strict({ groupId: Id });
const Query = Strict({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 30 })),
});
const S = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const DepartureForm = Strict({ _csrf: S(200), membershipId: S(200), leftOn: S(20), reason: S(40), note: S(2000) });

export const membershipPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/membership`;

type Words = { ky: string; ru: string; en: string };
const w = (lang: Lang, words: Words) => words[lang];
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
  submit: { ky: 'Каттоо', ru: 'Записать', en: 'Record' },
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
  noTerm: {
    ky: 'Топтун мөөнөтүнүн жол-жобосу иштебей турат.',
    ru: 'Процедура срока полномочий группы не запущена или недоступна.',
    en: "The group's term procedure is not running or not reachable.",
  },
} satisfies Record<string, Words>;

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
    body = html`${queryString(request, 'done') === 'left' ? html`<p class="ok" role="status">${w(lang, T.recorded)}</p>` : ''}
${error ? errorBox(page, error) : ''}
${term.chairVacantSince ? html`<div class="notice" role="status"><p>${w(lang, T.chairVacant)} (${dmy(term.chairVacantSince)})</p></div>` : ''}
<h2>${w(lang, T.members)} (${term.members.length})</h2>${list(members)}
<h2>${w(lang, T.departures)}</h2>${list(departures)}
<h2>${w(lang, T.vacancies)}</h2>${list(vacancies)}
<h2>${w(lang, T.composition)}</h2><ul>${arithmetic}</ul>${findings.length ? html`<ul>${findings}</ul>` : ''}
${
  term.status === 'active'
    ? html`<section aria-labelledby="leave"><h2 id="leave">${w(lang, T.record)}</h2>
<form method="post" action="${membershipPath(groupId)}/departure?lang=${lang}">
${csrfField(page)}
<label for="membershipId">${w(lang, T.member)}</label>
<select id="membershipId" name="membershipId" required>${term.members.map((m) => html`<option value="${m.membershipId}"${v('membershipId') === m.membershipId ? html` selected` : ''}>${m.fullName}</option>`)}</select>
<label for="leftOn">${w(lang, T.leftOn)}</label>
<input id="leftOn" name="leftOn" type="date" required max="${today}" value="${v('leftOn')}">
<label for="reason">${w(lang, T.reason)}</label>
<select id="reason" name="reason">${DEPARTURE_REASONS.map((r) => html`<option value="${r}"${v('reason') === r ? html` selected` : ''}>${w(lang, REASON_WORDS[r])}</option>`)}</select>
<label for="note">${w(lang, T.note)}</label>
<textarea id="note" name="note" rows="2" maxlength="2000">${v('note')}</textarea>
<button type="submit">${w(lang, T.submit)}</button>
</form></section>`
    : ''
}`;
  }
  return sendPage(reply, page, status, layout(page, w(lang, T.title), body));
}

export function termMembershipPages(app: App, deps: AppDeps): void {
  const managers = { config: { access: MANAGERS, page: true }, preValidation: requireRole(deps.db, MANAGERS) };

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
}
