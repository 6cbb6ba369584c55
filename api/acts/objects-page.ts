// /manage/councils/:councilId/objects: the council's monitored objects (4.2) with the addresses acts are mailed to
// (4.3). Staff of the council read and register (a form); its deputies read. A refused registration comes back as
// the form with what was typed and the reason (400, or 409 for a second executive body).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById } from '../../db/councils';
import { listGroups } from '../../db/groups';
import { listObjects, registerObject } from '../../db/objects';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import type { Lang } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { mayAccessCouncil, requireCouncilRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { msg } from '../ui/messages';
import { actorOf, domain, pageError } from './common';
import { errorBox } from '../ui/error-page';
import { Html, html } from '../ui/html';
import { CALENDAR_KIND_NAMES, FOLLOWS_TRANSFERS_LABEL } from '../../domain/object-calendar';
import { csrfField, layout, scrollBox, type PageRequest } from '../ui/layout';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { objectEditPages, T as EDIT } from './object-edit-page';

interface Typed {
  kind: string;
  nameKy: string;
  nameRu: string;
  emails: string;
  /** The checkbox: 'yes' when staff mark the object as following the Cabinet's transfers. */
  followsTransfers: string;
}

const EMPTY: Typed = { kind: '', nameKy: '', nameRu: '', emails: '', followsTransfers: '' };

const objectsPath = (councilId: string) => `/manage/councils/${encodeURIComponent(councilId)}/objects`;

/** Splits the e-mail box: one address per line, or separated by commas, semicolons or spaces. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

async function render(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  councilId: string,
  status: number,
  error: AppError | null,
  typed: Typed,
): Promise<FastifyReply> {
  const page: PageRequest = pageRequest(request, objectsPath(councilId));
  const lang = page.lang;
  const council = (await findCouncilById(deps.db, councilId))!;
  const [objects, groups] = await Promise.all([listObjects(deps.db, councilId), listGroups(deps.db, councilId)]);
  const staff = request.auth !== null && mayAccessCouncil(request.auth.account, ['staff'], councilId);
  const name = (n: { ky: string; ru: string }) => (lang === 'ru' ? n.ru : n.ky);
  const done =
    queryString(request, 'done') === 'registered' && !error
      ? html`<p class="ok" role="status">${msg(lang, 'objects.registered')}</p>`
      : '';
  const table =
    objects.length === 0
      ? html`<p>${msg(lang, 'objects.empty')}</p>`
      : scrollBox(
          msg(lang, 'objects.title'),
          html`<table>
<thead><tr><th scope="col">${msg(lang, 'objects.name')}</th><th scope="col">${msg(lang, 'objects.kind')}</th><th scope="col">${msg(lang, 'objects.emails')}</th></tr></thead>
<tbody>
${objects.map((o) => html`<tr><td>${o.name.ky}${o.name.ru !== o.name.ky ? html`<br><span class="muted" lang="ru">${o.name.ru}</span>` : ''}</td><td>${MONITORED_OBJECT_KINDS[o.kind][lang]}${o.isExecutiveBody ? html` <strong>(${msg(lang, 'objects.executiveBody')})</strong>` : ''}<br><span class="muted">${CALENDAR_KIND_NAMES[o.calendarKind][lang]}</span></td><td>${o.emails.map((e, i) => html`${i > 0 ? html`<br>` : ''}${e}`)}${o.active ? '' : html`<br><strong>${EDIT.inactive[lang]}</strong>`}<br><a href="${objectsPath(councilId)}/${encodeURIComponent(o.id)}?lang=${lang}">${staff ? EDIT.edit[lang] : EDIT.history[lang]}</a></td></tr>\n`)}
</tbody></table>`,
        );
  const form = staff
    ? html`<h2>${msg(lang, 'objects.registerTitle')}</h2>
${error ? errorBox(page, error) : ''}
<form method="post" action="${objectsPath(councilId)}?lang=${lang}">
${csrfField(page)}
<label for="kind">${msg(lang, 'objects.kind')} (4.2)</label>
<select id="kind" name="kind" required>
<option value="">—</option>
${Object.entries(MONITORED_OBJECT_KINDS).map(([k, label]) => (k === typed.kind ? html`<option value="${k}" selected>${label[lang]}</option>` : html`<option value="${k}">${label[lang]}</option>`))}
</select>
<label for="nameKy">${msg(lang, 'objects.nameKy')}</label>
<input id="nameKy" name="nameKy" type="text" required maxlength="500" value="${typed.nameKy}">
<label for="nameRu">${msg(lang, 'objects.nameRu')}</label>
<input id="nameRu" name="nameRu" type="text" required maxlength="500" value="${typed.nameRu}">
<label for="emails">${msg(lang, 'objects.emails')}</label>
<textarea id="emails" name="emails" rows="3" required maxlength="5000" aria-describedby="emails-hint">${typed.emails}</textarea>
<p id="emails-hint" class="muted">${msg(lang, 'objects.emailsHint')}</p>
<label><input type="checkbox" name="followsTransfers" value="yes"${typed.followsTransfers === 'yes' ? new Html(' checked') : ''}> ${FOLLOWS_TRANSFERS_LABEL[lang]}</label>
<button type="submit">${msg(lang, 'objects.register')}</button>
</form>`
    : '';
  const groupLinks =
    groups.length === 0
      ? ''
      : html`<h2>${msg(lang, 'objects.groups')}</h2><ul>${groups.map((g) => html`<li><a href="/manage/groups/${encodeURIComponent(g.id)}/acts?lang=${lang}">${msg(lang, 'objects.groupActs', { group: g.resolution_number ? `№ ${g.resolution_number}` : g.id.slice(0, 8) })}</a></li>`)}</ul>`;
  const body = html`<p>${name({ ky: council.name_ky, ru: council.name_ru })}</p>
${done}
<p class="muted">${msg(lang, 'objects.intro')}</p>
${table}
${form}
${groupLinks}`;
  return sendPage(reply, page, status, layout(page, msg(lang, 'objects.title'), body));
}

const Params = Type.Object({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });

function typedFrom(body: unknown): Typed {
  const out = { ...EMPTY };
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (!(name in EMPTY))
      throw new AppError('invalid-input', `${name}: unknown field`, { field: name, rule: 'unknown-property' });
    if (typeof value !== 'string')
      throw new AppError('invalid-input', `${name}: one value`, { field: name, rule: 'type' });
    out[name as keyof Typed] = value;
  }
  return out;
}

export function manageObjectsPages(app: App, deps: AppDeps): void {
  objectEditPages(app, deps);
  app.get(
    '/manage/councils/:councilId/objects',
    {
      schema: { hide: true, params: Params },
      config: { access: ['staff', 'deputy'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff', 'deputy']),
    },
    (request, reply) => render(deps, request, reply, request.params.councilId, 200, null, EMPTY),
  );

  app.post(
    '/manage/councils/:councilId/objects',
    {
      schema: { hide: true, params: Params },
      config: { access: ['staff'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { councilId } = request.params;
      const lang: Lang = pageRequest(request, '').lang;
      let typed = EMPTY;
      try {
        typed = typedFrom(request.body);
        await domain(() =>
          registerObject(
            deps.db,
            {
              councilId,
              kind: typed.kind,
              name: { ky: typed.nameKy, ru: typed.nameRu },
              emails: splitEmails(typed.emails),
              followsTransfers: typed.followsTransfers === 'yes',
            },
            actorOf(request),
          ),
        );
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return render(deps, request, reply, councilId, ERROR_STATUS[shown.code], shown, typed);
      }
      return reply.redirect(`${objectsPath(councilId)}?lang=${lang}&done=registered`, 303);
    },
  );
}
