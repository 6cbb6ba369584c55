// The persons of a group as staff of every council see them, and the erasure of a person's phone, e-mail and birth
// date from the web (staff of every council only):
//   GET  /manage/groups/:groupId/persons                       members and candidates, whether their data is erased
//   GET  /manage/groups/:groupId/persons/:personId/erase       the form: the reason
//   POST /manage/groups/:groupId/persons/:personId/erase       without confirm=yes: the confirmation page (the reason
//                                                              checked, nothing written); with it: the erasure, then
//                                                              back to the list (303)
// A refused reason comes back as the form with the reason's problem (400); an unknown person is a 404 and a person
// erased already a 409, each naming the field and the rule; nothing is written then.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import { listGroupPersons, type GroupPerson } from '../../db/person-erasure';
import { bishkekDateOf } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { toAppError } from '../error-handler';
import { msg } from '../ui/messages';
import { checkReason, erasePersonForRequest, personsApiRoutes, REASON_MAX, unknownPerson } from './erase';
import { actorOf } from '../acts/common';
import { requireStaffOfEveryCouncil } from '../councils/input';
import { Strict } from '../schemas';
import { councilRetentionPages } from '../councils/retention-page';
import { errorBox } from '../ui/error-page';
import { html } from '../ui/html';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';

export const groupPersonsPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/persons`;
const erasePath = (groupId: string, personId: string) =>
  `${groupPersonsPath(groupId)}/${encodeURIComponent(personId)}/erase`;

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const GroupParams = Strict({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
const PersonParams = Strict({
  groupId: Type.String({ minLength: 1, maxLength: 200 }),
  personId: Type.String({ minLength: 1, maxLength: 200 }),
});
const ListQuery = Strict({ lang: Text(10), done: Text(20), person: Text(200) });
const PageQuery = Strict({ lang: Text(10) });
const EraseForm = Strict({
  _csrf: Text(200),
  reason: Text(REASON_MAX * 4),
  confirm: Type.Optional(Type.Enum(['yes'])),
});

async function groupOr404(deps: AppDeps, groupId: string) {
  const group = await findGroupById(deps.db, groupId);
  if (!group) throw new AppError('group-not-found', `group ${groupId} does not exist`);
  return group;
}

async function personOf(deps: AppDeps, groupId: string, personId: string): Promise<GroupPerson> {
  const person = (await listGroupPersons(deps.db, groupId)).find((p) => p.personId === personId);
  if (!person) throw unknownPerson(personId);
  return person;
}

function erasedNote(page: PageRequest, person: GroupPerson): AppError {
  const date = person.dataErasedAt ? dmy(bishkekDateOf(person.dataErasedAt.getTime())) : '';
  return new AppError('conflict', `person ${person.personId} is erased already`, {
    problems: [
      {
        code: 'already-erased',
        field: 'personId',
        clause: null,
        message: {
          ky: msg('ky', 'erase.problem.alreadyErased', { name: person.fullName, date }),
          ru: msg('ru', 'erase.problem.alreadyErased', { name: person.fullName, date }),
          en: msg('en', 'erase.problem.alreadyErased', { name: person.fullName, date }),
        },
      },
    ],
  });
}

function formPage(
  request: FastifyRequest,
  reply: FastifyReply,
  groupId: string,
  person: GroupPerson,
  status: number,
  reason: string,
  error: AppError | null,
): FastifyReply {
  const page = pageRequest(request, erasePath(groupId, person.personId));
  const lang = page.lang;
  const invalid = error ? html` aria-invalid="true"` : '';
  const body = html`<p><a href="${groupPersonsPath(groupId)}?lang=${lang}">${msg(lang, 'persons.title')}</a></p>
${error ? errorBox(page, error) : ''}
<p class="notice">${msg(lang, 'erase.explain')}</p>
<form method="post" action="${erasePath(groupId, person.personId)}?lang=${lang}">
${csrfField(page)}
<label for="reason">${msg(lang, 'erase.reason')} (${msg(lang, 'form.required')})</label>
<textarea id="reason" name="reason" required maxlength="${String(REASON_MAX)}" rows="3" aria-describedby="reason-hint"${invalid}>${reason}</textarea>
<span class="muted" id="reason-hint">${msg(lang, 'erase.reasonHint')}</span>
<button type="submit">${msg(lang, 'erase.continue')}</button>
<a href="${groupPersonsPath(groupId)}?lang=${lang}">${msg(lang, 'erase.cancel')}</a>
</form>`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'erase.title', { name: person.fullName }), body));
}

function confirmPage(
  request: FastifyRequest,
  reply: FastifyReply,
  groupId: string,
  person: GroupPerson,
  reason: string,
): FastifyReply {
  const page = pageRequest(request, erasePath(groupId, person.personId));
  const lang = page.lang;
  const body = html`<p class="notice">${msg(lang, 'erase.explain')}</p>
<p>${msg(lang, 'erase.confirmText', { name: person.fullName, reason })}</p>
<form method="post" action="${erasePath(groupId, person.personId)}?lang=${lang}">
${csrfField(page)}
<input type="hidden" name="reason" value="${reason}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">${msg(lang, 'erase.confirm')}</button>
<a href="${groupPersonsPath(groupId)}?lang=${lang}">${msg(lang, 'erase.cancel')}</a>
</form>`;
  return sendPage(reply, page, 200, layout(page, msg(lang, 'erase.title', { name: person.fullName }), body));
}

export function groupPersonsPages(app: App, deps: AppDeps): void {
  const everyCouncil = requireStaffOfEveryCouncil();
  const config = { access: ['staff-of-every-council'] as const, page: true };

  app.get(
    '/manage/groups/:groupId/persons',
    { schema: { hide: true, params: GroupParams, querystring: ListQuery }, config, preValidation: everyCouncil },
    async (request, reply) => {
      const { groupId } = request.params;
      const page = pageRequest(request, groupPersonsPath(groupId));
      const lang = page.lang;
      await groupOr404(deps, groupId);
      const persons = await listGroupPersons(deps.db, groupId);
      const done =
        queryString(request, 'done') === 'erased'
          ? persons.find((p) => p.personId === queryString(request, 'person'))
          : undefined;
      const rows = persons.map((p) => {
        const roles = [
          p.member ? msg(lang, 'persons.member') : null,
          p.candidate ? msg(lang, 'persons.candidate') : null,
        ]
          .filter((r) => r !== null)
          .join(', ');
        const state = p.dataErasedAt
          ? msg(lang, 'persons.erased', { date: dmy(bishkekDateOf(p.dataErasedAt.getTime())) })
          : msg(lang, 'persons.readable');
        const action = p.dataErasedAt
          ? html``
          : html`<a href="${erasePath(groupId, p.personId)}?lang=${lang}">${msg(lang, 'persons.erase')}</a>`;
        return html`<tr><td>${p.fullName}</td><td>${p.village ?? ''}</td><td>${roles}</td><td>${state}</td><td>${action}</td></tr>`;
      });
      const table =
        persons.length === 0
          ? html`<p>${msg(lang, 'persons.empty')}</p>`
          : scrollBox(
              msg(lang, 'persons.title'),
              html`<table><thead><tr><th scope="col">${msg(lang, 'persons.name')}</th><th scope="col">${msg(lang, 'persons.village')}</th><th scope="col">${msg(lang, 'persons.role')}</th><th scope="col">${msg(lang, 'persons.state')}</th><th scope="col">${msg(lang, 'persons.action')}</th></tr></thead><tbody>${rows}</tbody></table>`,
            );
      const body = html`<p><a href="/manage?lang=${lang}">${msg(lang, 'persons.back')}</a></p>
${done ? html`<p class="ok" role="status">${msg(lang, 'persons.done', { name: done.fullName })}</p>` : ''}
<p>${msg(lang, 'persons.intro')}</p>
${table}`;
      return sendPage(reply, page, 200, layout(page, msg(lang, 'persons.title'), body));
    },
  );

  app.get(
    '/manage/groups/:groupId/persons/:personId/erase',
    { schema: { hide: true, params: PersonParams, querystring: PageQuery }, config, preValidation: everyCouncil },
    async (request, reply) => {
      const { groupId, personId } = request.params;
      await groupOr404(deps, groupId);
      const person = await personOf(deps, groupId, personId);
      if (person.dataErasedAt) throw erasedNote(pageRequest(request, erasePath(groupId, personId)), person);
      return formPage(request, reply, groupId, person, 200, '', null);
    },
  );

  app.post(
    '/manage/groups/:groupId/persons/:personId/erase',
    {
      schema: { hide: true, params: PersonParams, querystring: PageQuery, body: EraseForm },
      config,
      preValidation: everyCouncil,
    },
    async (request, reply) => {
      const { groupId, personId } = request.params;
      const lang = pageRequest(request, erasePath(groupId, personId)).lang;
      await groupOr404(deps, groupId);
      const person = await personOf(deps, groupId, personId);
      if (person.dataErasedAt) throw erasedNote(pageRequest(request, erasePath(groupId, personId)), person);
      const typed = request.body.reason ?? '';
      let reason: string;
      try {
        reason = checkReason(typed);
      } catch (error) {
        const refusal = toAppError(error);
        if (refusal.code !== 'invalid-input') throw error;
        return formPage(request, reply, groupId, person, 400, typed, refusal);
      }
      if (request.body.confirm !== 'yes') return confirmPage(request, reply, groupId, person, reason);
      await erasePersonForRequest(deps.db, personId, reason, actorOf(request));
      return reply.redirect(
        `${groupPersonsPath(groupId)}?lang=${lang}&done=erased&person=${encodeURIComponent(personId)}`,
        303,
      );
    },
  );
}

/** The persons area: the JSON erasure (erase.ts), the pages above and the council's retention page. */
export function personsArea(app: App, deps: AppDeps): void {
  personsApiRoutes(app, deps);
  groupPersonsPages(app, deps);
  councilRetentionPages(app, deps);
}
