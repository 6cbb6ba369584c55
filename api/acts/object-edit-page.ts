// /manage/councils/:councilId/objects/:objectId: one monitored object (issue 12, point 7). Staff of the council change
// its names and addresses (e-mail, postal) or mark it inactive (4.2: no new acts or information requests to it), and
// mark it active again; deputies read. Below, the object's record: each change with the values it replaced (the
// record keeps the old address; mails sent after the change go to the new one, resolved when they are sent).
// A refused change comes back as the form with what was typed and the reason, nothing written.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { findCouncilById } from '../../db/councils';
import { editObject, objectHistory, setObjectActive, type MonitoredObject, type ObjectChange } from '../../db/objects';
import type { ObjectFields } from '../../db/object-edit-events';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import type { Lang, Localized } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { mayAccessCouncil, requireCouncilRole } from '../auth/require-role';
import { ERROR_STATUS } from '../error-status';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { labelledInput, labelledTextarea, postForm } from '../ui/form-fields';
import { layout, scrollBox } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, queryString, sendPage } from '../ui/respond';
import { actorOf, domain, pageError } from './common';
import { councilObject } from './objects';
import { splitEmails } from './objects-page';

/** The page's own words, in the three languages (the form's labels reuse the objects page's). */
export const T = {
  edit: { ky: 'Өзгөртүү', ru: 'Изменить', en: 'Edit' },
  title: { ky: 'Мониторинг объекти', ru: 'Объект мониторинга', en: 'Monitored object' },
  postal: { ky: 'Почта дареги', ru: 'Почтовый адрес', en: 'Postal address' },
  postalHint: {
    ky: 'Актыны кагаз түрүндө тапшыруу үчүн; бош калтырса болот.',
    ru: 'Для вручения акта на бумаге; можно оставить пустым.',
    en: 'For delivering an act on paper; may be left empty.',
  },
  editTitle: {
    ky: 'Аталыштарын жана даректерин өзгөртүү',
    ru: 'Изменить названия и адреса',
    en: 'Change names and addresses',
  },
  editNote: {
    ky: 'Өзгөртүүдөн кийин жиберилген каттар жаңы даректерге барат; эски даректер объекттин тарыхында сакталат.',
    ru: 'Письма, отправленные после изменения, уходят на новые адреса; старые адреса остаются в истории объекта.',
    en: 'Mails sent after the change go to the new addresses; the old ones stay in the object’s record.',
  },
  save: { ky: 'Сактоо', ru: 'Сохранить', en: 'Save' },
  saved: { ky: 'Өзгөртүүлөр сакталды.', ru: 'Изменения сохранены.', en: 'The changes are saved.' },
  status: { ky: 'Абалы', ru: 'Статус', en: 'Status' },
  active: { ky: 'активдүү', ru: 'активен', en: 'active' },
  inactive: {
    ky: 'активдүү эмес: ага жаңы акт же суроо-талап жиберилбейт (4.2)',
    ru: 'неактивен: новые акты и запросы ему не направляются (п. 4.2)',
    en: 'inactive: no new acts or requests go to it (4.2)',
  },
  deactivateTitle: { ky: 'Активдүү эмес деп белгилөө', ru: 'Отметить как неактивный', en: 'Mark inactive' },
  deactivateNote: {
    ky: 'Активдүү эмес объектке жаңы акт же маалымат алуу суроо-талабы жиберилбейт; мурунку актылар жана мөөнөттөр өзгөрбөйт.',
    ru: 'Неактивному объекту не направляются новые акты и запросы информации; прежние акты и сроки не меняются.',
    en: 'No new act or information request goes to an inactive object; earlier acts and their deadlines stay as they are.',
  },
  reason: { ky: 'Себеби', ru: 'Причина', en: 'Reason' },
  deactivate: { ky: 'Активдүү эмес деп белгилөө', ru: 'Отметить как неактивный', en: 'Mark inactive' },
  reactivate: { ky: 'Кайра активдүү кылуу', ru: 'Снова сделать активным', en: 'Mark active again' },
  deactivated: {
    ky: 'Объект активдүү эмес деп белгиленди.',
    ru: 'Объект отмечен как неактивный.',
    en: 'The object is marked inactive.',
  },
  reactivated: { ky: 'Объект кайра активдүү.', ru: 'Объект снова активен.', en: 'The object is active again.' },
  history: { ky: 'Объекттин тарыхы', ru: 'История объекта', en: 'The object’s record' },
  when: { ky: 'Качан', ru: 'Когда', en: 'When' },
  who: { ky: 'Ким', ru: 'Кто', en: 'Who' },
  what: { ky: 'Эмне', ru: 'Что', en: 'What' },
  was: { ky: 'Мурун', ru: 'Было', en: 'Before' },
  registered: { ky: 'катталды', ru: 'зарегистрирован', en: 'registered' },
  edited: { ky: 'өзгөртүлдү', ru: 'изменён', en: 'changed' },
  deactivatedEntry: { ky: 'активдүү эмес деп белгиленди', ru: 'отмечен как неактивный', en: 'marked inactive' },
  reactivatedEntry: { ky: 'кайра активдүү', ru: 'снова активен', en: 'active again' },
  calendarEntry: { ky: 'календары өзгөртүлдү', ru: 'изменён календарь', en: 'calendar changed' },
  back: { ky: 'Объекттердин тизмесине', ru: 'К списку объектов', en: 'Back to the objects' },
} as const satisfies Record<string, Localized>;

interface Typed {
  action: string;
  nameKy: string;
  nameRu: string;
  emails: string;
  postalAddress: string;
  reason: string;
}

const objectPath = (councilId: string, objectId: string) =>
  `/manage/councils/${encodeURIComponent(councilId)}/objects/${encodeURIComponent(objectId)}`;

const typedOf = (o: MonitoredObject): Typed => ({
  action: 'edit',
  nameKy: o.name.ky,
  nameRu: o.name.ru,
  emails: o.emails.join('\n'),
  postalAddress: o.postalAddress ?? '',
  reason: '',
});

function fieldsText(lang: Lang, f: ObjectFields): Html {
  const parts: Html[] = [];
  if (f.name !== undefined) parts.push(html`${msg(lang, 'objects.nameKy')}: ${f.name}`);
  if (f.nameRu !== undefined) parts.push(html`${msg(lang, 'objects.nameRu')}: ${f.nameRu}`);
  if (f.contacts !== undefined) parts.push(html`${msg(lang, 'objects.emails')}: ${f.contacts.join(', ')}`);
  if (f.postalAddress !== undefined) parts.push(html`${T.postal[lang]}: ${f.postalAddress ?? '—'}`);
  return html`${parts.map((p, i) => html`${i > 0 ? html`<br>` : ''}${p}`)}`;
}

const ENTRY: Record<ObjectChange['type'], Localized> = {
  registered: T.registered,
  edited: T.edited,
  deactivated: T.deactivatedEntry,
  reactivated: T.reactivatedEntry,
  'calendar-set': T.calendarEntry,
};

function historyTable(lang: Lang, history: readonly ObjectChange[]): Html {
  const when = (at: string) =>
    new Date(at).toLocaleString(lang === 'en' ? 'en-GB' : 'ru-RU', { timeZone: 'Asia/Bishkek' }).slice(0, 17);
  return scrollBox(
    T.history[lang],
    html`<table>
<thead><tr><th scope="col">${T.when[lang]}</th><th scope="col">${T.who[lang]}</th><th scope="col">${T.what[lang]}</th><th scope="col">${T.was[lang]}</th></tr></thead>
<tbody>
${history.map(
  (h) =>
    html`<tr><td>${when(h.at)}</td><td>${h.actor}</td><td>${ENTRY[h.type][lang]}${h.reason ? html`: ${h.reason}` : ''}${Object.keys(h.changes).length > 0 ? html`<br>${fieldsText(lang, h.changes)}` : ''}</td><td>${fieldsText(lang, h.previous)}</td></tr>\n`,
)}</tbody></table>`,
  );
}

async function render(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  object: MonitoredObject,
  status: number,
  error: AppError | null,
  typed: Typed,
): Promise<FastifyReply> {
  const page = pageRequest(request, objectPath(object.councilId, object.id));
  const lang = page.lang;
  const council = await findCouncilById(deps.db, object.councilId);
  const history = await objectHistory(deps.db, object.id);
  const staff = request.auth !== null && mayAccessCouncil(request.auth.account, ['staff'], object.councilId);
  const done = queryString(request, 'done');
  const ok =
    !error && done && ['saved', 'deactivated', 'reactivated'].includes(done)
      ? html`<p class="ok" role="status">${T[done as 'saved' | 'deactivated' | 'reactivated'][lang]}</p>`
      : '';
  const action = `${objectPath(object.councilId, object.id)}?lang=${lang}`;
  const editError = error && typed.action === 'edit' ? errorBox(page, error) : '';
  const statusError = error && typed.action !== 'edit' ? errorBox(page, error) : '';
  const maxlength500 = html` maxlength="500"`;
  const forms = staff
    ? html`<h2>${T.editTitle[lang]}</h2>
${editError}
<p class="muted">${T.editNote[lang]}</p>
${postForm(
  page,
  action,
  html`<input type="hidden" name="action" value="edit">
${labelledInput(msg(lang, 'objects.nameKy'), 'nameKy', 'text', { attrs: maxlength500, required: true, value: typed.nameKy })}
${labelledInput(msg(lang, 'objects.nameRu'), 'nameRu', 'text', { attrs: maxlength500, required: true, value: typed.nameRu })}
${labelledTextarea(msg(lang, 'objects.emails'), 'emails', 3, {
  attrs: html` maxlength="5000" aria-describedby="emails-hint"`,
  required: true,
  value: typed.emails,
})}
<p id="emails-hint" class="muted">${msg(lang, 'objects.emailsHint')}</p>
${labelledTextarea(T.postal[lang], 'postalAddress', 2, {
  attrs: html` maxlength="500" aria-describedby="postal-hint"`,
  value: typed.postalAddress,
})}
<p id="postal-hint" class="muted">${T.postalHint[lang]}</p>`,
  T.save[lang],
)}
${
  object.active
    ? html`<h2>${T.deactivateTitle[lang]}</h2>
${statusError}
<p class="muted">${T.deactivateNote[lang]}</p>
${postForm(
  page,
  action,
  html`<input type="hidden" name="action" value="deactivate">
${labelledInput(T.reason[lang], 'reason', 'text', { attrs: html` maxlength="1000"`, value: typed.reason })}`,
  T.deactivate[lang],
)}`
    : html`${statusError}${postForm(page, action, html`<input type="hidden" name="action" value="reactivate">`, T.reactivate[lang])}`
}`
    : '';
  const body = html`${council ? html`<p>${lang === 'ru' ? council.name_ru : council.name_ky}</p>` : ''}
${ok}
<table class="act"><tbody>
<tr><th scope="row">${msg(lang, 'objects.name')}</th><td>${object.name.ky}<br><span lang="ru">${object.name.ru}</span></td></tr>
<tr><th scope="row">${msg(lang, 'objects.kind')}</th><td>${MONITORED_OBJECT_KINDS[object.kind][lang]}</td></tr>
<tr><th scope="row">${msg(lang, 'objects.emails')}</th><td>${object.emails.join(', ')}</td></tr>
<tr><th scope="row">${T.postal[lang]}</th><td class="pre-wrap">${object.postalAddress ?? '—'}</td></tr>
<tr><th scope="row">${T.status[lang]}</th><td>${object.active ? T.active[lang] : html`<strong>${T.inactive[lang]}</strong>`}</td></tr>
</tbody></table>
${forms}
<h2>${T.history[lang]}</h2>
${historyTable(lang, history)}
<p><a href="/manage/councils/${encodeURIComponent(object.councilId)}/objects?lang=${lang}">${T.back[lang]}</a></p>`;
  const title = `${T.title[lang]}: ${lang === 'ru' ? object.name.ru : object.name.ky}`;
  return sendPage(reply, page, status, layout(page, title, body));
}

const Params = Type.Object({
  councilId: Type.String({ minLength: 1, maxLength: 200 }),
  objectId: Type.String({ minLength: 1, maxLength: 200 }),
});

const FIELDS = ['action', 'nameKy', 'nameRu', 'emails', 'postalAddress', 'reason'] as const;

function typedFrom(body: unknown, object: MonitoredObject): Typed {
  const out = typedOf(object);
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (!(FIELDS as readonly string[]).includes(name))
      throw new AppError('invalid-input', `${name}: unknown field`, { field: name, rule: 'unknown-property' });
    if (typeof value !== 'string')
      throw new AppError('invalid-input', `${name}: one value`, { field: name, rule: 'type' });
    out[name as keyof Typed] = value;
  }
  if (!['edit', 'deactivate', 'reactivate'].includes(out.action))
    throw new AppError('invalid-input', `action: one of edit, deactivate, reactivate`, {
      field: 'action',
      rule: 'one-of',
      allowed: ['edit', 'deactivate', 'reactivate'],
    });
  return out;
}

export function objectEditPages(app: App, deps: AppDeps): void {
  app.get(
    '/manage/councils/:councilId/objects/:objectId',
    {
      schema: { hide: true, params: Params },
      config: { access: ['staff', 'deputy'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff', 'deputy']),
    },
    async (request, reply) => {
      const object = await councilObject(deps, request.params.councilId, request.params.objectId);
      return render(deps, request, reply, object, 200, null, typedOf(object));
    },
  );

  app.post(
    '/manage/councils/:councilId/objects/:objectId',
    {
      schema: { hide: true, params: Params },
      config: { access: ['staff'], page: true },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request, reply) => {
      const { councilId, objectId } = request.params;
      const object = await councilObject(deps, councilId, objectId);
      const lang: Lang = pageRequest(request, '').lang;
      let typed = typedOf(object);
      try {
        typed = typedFrom(request.body, object);
        const actor = actorOf(request);
        if (typed.action === 'edit')
          await domain(() =>
            editObject(
              deps.db,
              objectId,
              {
                name: { ky: typed.nameKy, ru: typed.nameRu },
                emails: splitEmails(typed.emails),
                postalAddress: typed.postalAddress,
              },
              actor,
            ),
          );
        else await setObjectActive(deps.db, objectId, typed.action === 'reactivate', typed.reason, actor);
      } catch (error) {
        const shown = pageError(error);
        if (!shown) throw error;
        return render(deps, request, reply, object, ERROR_STATUS[shown.code], shown, typed);
      }
      const done = typed.action === 'edit' ? 'saved' : `${typed.action}d`;
      return reply.redirect(`${objectPath(councilId, objectId)}?lang=${lang}&done=${done}`, 303);
    },
  );
}
