// /manage/councils/:councilId/groups/adopt: staff take on a group the council created before the product was used
// (procedures/groups/adopt-group.ts): the council's resolution (number, date, publication), the chair it names or
// "to be elected at a meeting" (5.4.6) and the members as a CSV file (multipart). On success the page shows the
// group's term (5.3.1) and every finding of the composition check with its clause, as kept on the group's record, and
// the rows of the file kept as written. /manage/groups/:groupId/adoption shows the same record later.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById } from '../../db/councils';
import { findGroupAdoption, findGroupById } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import type { AdoptionFinding } from '../../domain/adoption';
import { clauseText } from '../../domain/obligation-messages';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import type { Problem } from '../../domain/problem';
import { adoptGroup } from '../../procedures/groups/adopt-group';
import { pageError, readMultipart } from '../acts/common';
import type { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole, requireRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { procedureDeps } from '../procedure-deps';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout, type PageRequest } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { staffActor } from './routes';
import { compositionCureNote } from '../membership/composition-cure-view';
import { bishkekDateOf } from '../../domain/dates';

export const adoptPath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/groups/adopt`;
export const adoptionPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/adoption`;

const FIELDS = ['decisionNumber', 'decidedOn', 'publishedOn', 'termStartsOn', 'chair', 'chairLater'] as const;
type Form = Partial<Record<(typeof FIELDS)[number], string>>;

/** The form's fields in words, for the refusal's list (a row of the file is named in its own message). */
function fieldNames(lang: Lang, problems: readonly Problem[]): Map<string, string> {
  const label = (key: Parameters<typeof msg>[1]) => msg(lang, key);
  const names = new Map<string, string>([
    ['decisionNumber', label('groups.adopt.decisionNumber')],
    ['decidedOn', label('groups.adopt.decidedOn')],
    ['publishedOn', label('groups.adopt.publishedOn')],
    ['termStartsOn', label('groups.adopt.termStartsOn')],
    ['termStart', label('groups.adopt.termStartsOn')],
    ['chair', label('groups.adopt.chair')],
    ['chairMembershipId', label('groups.adopt.chair')],
  ]);
  for (const p of problems) if (p.field.startsWith('csv')) names.set(p.field, label('groups.adopt.csv'));
  return names;
}

/** A finding as a list item: its kind, its words, its clause. */
export function findingItem(lang: Lang, f: AdoptionFinding): Html {
  const kind = msg(lang, f.severity === 'violation' ? 'groups.adopt.violation' : 'groups.adopt.warning');
  return html`<li><strong>${kind}</strong>: ${f.message[lang]}${f.clause ? html` <span class="muted">(${clauseText(lang, f.clause)})</span>` : ''}</li>`;
}

export function groupsAdoptPages(app: App, deps: AppDeps): void {
  const params = Type.Object({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
  const staff = requireCouncilRole(deps.db, ['staff']);

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    councilId: string,
    status: number,
    form: Form,
    error: AppError | null,
  ): Promise<FastifyReply> {
    const page = pageRequest(request, adoptPath(councilId));
    const lang = page.lang;
    const council = await findCouncilById(deps.db, councilId);
    if (!council) return sendNotFound(reply, page);
    const name = lang === 'ky' ? council.name_ky : council.name_ru;
    const field = (
      id: 'decisionNumber' | 'decidedOn' | 'publishedOn' | 'termStartsOn',
      type: string,
      required: boolean,
      hint?: Html,
    ) =>
      html`<label for="${id}">${msg(lang, `groups.adopt.${id}`)}</label>
${hint ?? ''}<input id="${id}" name="${id}" type="${type}"${required ? html` required` : ''} value="${form[id] ?? ''}"${hint ? html` aria-describedby="${id}-hint"` : ''}>`;
    const body = html`<p><a href="/manage?lang=${lang}">${msg(lang, 'manage.title')}</a></p>
${error ? errorBox(page, error, { names: fieldNames(lang, error.details.problems ?? []) }) : ''}
<p><strong>${name}</strong></p>
<p>${msg(lang, 'groups.adopt.intro')}</p>
<form method="post" action="${adoptPath(councilId)}?lang=${lang}" enctype="multipart/form-data">
${csrfField(page)}
${field('decisionNumber', 'text', true)}
${field('decidedOn', 'date', true)}
${field('publishedOn', 'date', true, html`<span class="muted" id="publishedOn-hint">${msg(lang, 'groups.adopt.publishedHint')}</span>`)}
${field('termStartsOn', 'date', false)}
<label for="chair">${msg(lang, 'groups.adopt.chair')}</label>
<span class="muted" id="chair-hint">${msg(lang, 'groups.adopt.chairHint')}</span>
<input id="chair" name="chair" type="text" value="${form.chair ?? ''}" aria-describedby="chair-hint">
<p><input id="chairLater" name="chairLater" type="checkbox" value="yes"${form.chairLater === 'yes' ? html` checked` : ''}> <label for="chairLater">${msg(lang, 'groups.adopt.chairLater')}</label></p>
<label for="file">${msg(lang, 'groups.adopt.csv')}</label>
<span class="muted" id="file-hint"><a href="/formation/list-template.csv?lang=${lang}">${msg(lang, 'groups.adopt.csvHint')}</a></span>
<input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint">
<button type="submit">${msg(lang, 'groups.adopt.submit')}</button>
</form>`;
    return sendPage(reply, page, status, layout(page, msg(lang, 'groups.adopt.title'), body));
  }

  app.get(
    '/manage/councils/:councilId/groups/adopt',
    {
      schema: { hide: true, params, querystring: Type.Object({ lang: Type.Optional(Type.String()) }) },
      config: { access: ['staff'], page: true },
      preValidation: staff,
    },
    (request, reply) => showForm(request, reply, request.params.councilId, 200, {}, null),
  );

  app.post(
    '/manage/councils/:councilId/groups/adopt',
    {
      schema: { hide: true, params },
      config: { access: ['staff'], page: true, multipartCsrf: true },
      preValidation: staff,
    },
    async (request, reply) => {
      const { councilId } = request.params;
      let form: Form = {};
      try {
        const { fields, file } = await readMultipart(request, FIELDS);
        form = fields;
        const chairText = (fields.chair ?? '').trim();
        const adopted = await adoptGroup(procedureDeps(deps), {
          councilId,
          decisionNumber: fields.decisionNumber,
          decidedOn: fields.decidedOn,
          publishedOn: fields.publishedOn,
          termStartsOn: fields.termStartsOn === '' ? undefined : fields.termStartsOn,
          // The box "to be elected at a meeting" wins only when no name is given; a name is checked (5.4.6).
          chair: chairText === '' && fields.chairLater === 'yes' ? null : chairText,
          csv: file?.bytes ?? null,
          actor: staffActor(request),
        });
        return await showRecord(request, reply, adopted.groupId, 200, {
          done: adopted.adoption,
          warnings: adopted.warnings,
        });
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return showForm(request, reply, councilId, ERROR_STATUS[shown.code], form, shown);
      }
    },
  );

  async function showRecord(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    status: number,
    extra: { done?: 'adopted' | 'already-adopted'; warnings?: readonly Problem[] } = {},
  ): Promise<FastifyReply> {
    const page = pageRequest(request, adoptionPath(groupId));
    const [group, adoption] = await Promise.all([findGroupById(deps.db, groupId), findGroupAdoption(deps.db, groupId)]);
    if (!group || !adoption) return sendNotFound(reply, page);
    const members = await listPublicMembers(deps.db, groupId);
    // Issue 14 point 3: the composition now under the findings as adopted (cured or not) and what the council does.
    const cure = await compositionCureNote(
      deps.db,
      groupId,
      page.lang,
      bishkekDateOf(procedureDeps(deps, request.log).now()),
      { staff: true, link: group.status === 'active' },
    );
    return sendPage(
      reply,
      page,
      status,
      layout(page, msg(page.lang, 'groups.adopt.title'), html`${recordBody(page, adoption, members, extra)}${cure}`),
    );
  }

  app.get(
    '/manage/groups/:groupId/adoption',
    {
      schema: {
        hide: true,
        params: Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: Type.Object({ lang: Type.Optional(Type.String()) }),
      },
      config: { access: ['staff'], page: true },
      preValidation: requireRole(deps.db, ['staff']),
    },
    (request, reply) => showRecord(request, reply, request.params.groupId, 200),
  );
}

function recordBody(
  page: PageRequest,
  a: NonNullable<Awaited<ReturnType<typeof findGroupAdoption>>>,
  members: Awaited<ReturnType<typeof listPublicMembers>>,
  extra: { done?: 'adopted' | 'already-adopted'; warnings?: readonly Problem[] },
): Html {
  const lang = page.lang;
  const chair = members.find((m) => m.role === 'chair');
  const warnings = extra.warnings ?? [];
  return html`<p><a href="/manage?lang=${lang}">${msg(lang, 'manage.title')}</a></p>
${extra.done ? html`<div class="notice" role="status"><p>${msg(lang, extra.done === 'adopted' ? 'groups.adopt.done' : 'groups.adopt.already')}</p></div>` : ''}
<ul>
<li>${msg(lang, 'groups.adopt.resolution', { number: a.resolution_number, date: dmy(a.decided_on), published: dmy(a.published_on) })}</li>
<li>${msg(lang, 'groups.adopt.term', { start: dmy(a.term_start), end: dmy(a.term_end) })}</li>
<li>${msg(lang, 'groups.adopt.members', { count: String(a.members) })}</li>
<li>${chair ? msg(lang, 'groups.adopt.chairNamed', { name: chair.fullName }) : msg(lang, 'groups.adopt.chairNone')}</li>
</ul>
<h2>${msg(lang, 'groups.adopt.findings')}</h2>
${a.findings.length === 0 ? html`<p>${msg(lang, 'groups.adopt.noFindings')}</p>` : html`<ul class="findings">${a.findings.map((f) => findingItem(lang, f))}</ul>`}
${warnings.length > 0 ? html`<h2>${msg(lang, 'groups.adopt.warnings')}</h2><ul>${warnings.map((w) => html`<li>${w.message[lang]}</li>`)}</ul>` : ''}
<p><a href="/groups/${encodeURIComponent(a.group_id)}/composition?lang=${lang}">${msg(lang, 'groups.adopt.composition')}</a></p>`;
}
