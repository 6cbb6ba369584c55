// Conflicts of interest (6.3-6.4, issue 14 point 2):
//   GET  /api/groups/:groupId/conflicts          staff, deputies, the group   the declarations (text, file) and removals
//   POST /api/groups/:groupId/conflicts          the group's chair and members (their own), staff   a written declaration (6.3)
//   POST /api/groups/:groupId/conflict-removals  staff (acting for the council chair)   a temporary removal (6.4)
//   GET  /manage/groups/:groupId/conflicts       the same as a page (ky/ru/en); its forms post to
//   POST /manage/groups/:groupId/conflicts (multipart: text or a scan) and /manage/groups/:groupId/conflict-removals
// A declaration starts its procedure (workflows/conflict/): the chair and the council are mailed at once, the council
// reminded once if the removal's target passes (not statutory). The chair's dashboard shows conflictFlags; the public composition page shows conflictStandingAside (no reasons, no file).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { calendarEntriesFor } from '../../db/calendar-entries';
import { groupConflicts, storeDeclarationFile, type ConflictDeclaration } from '../../db/conflicts';
import type { Database } from '../../db/database';
import type { AnnexData } from '../../db/events';
import { findGroupById } from '../../db/groups';
import { listPublicMembers } from '../../db/members';
import { listObjects } from '../../db/objects';
import { approvedPlan } from '../../db/plans';
import { accountMembership } from '../../db/account-membership';
import { createCalendar } from '../../domain/calendar';
import { removalInForce, removalTarget } from '../../domain/conflict-of-interest';
import type { IsoDate } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { declareConflict, recordConflictRemoval } from '../../procedures/conflicts/conflicts';
import { actorOf, checkUpload, pageError, readMultipart, todayOf } from '../acts/common';
import { procedureDeps } from '../procedure-deps';
import { signedIn } from '../auth/require-role';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { engineAppError } from '../engine-errors';
import { ERROR_STATUS } from '../error-status';
import { ErrorSchema, Nullable } from '../schemas';
import { errorBox } from '../ui/error-page';
import { html, type Html } from '../ui/html';
import { csrfField, layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';

const READERS = ['staff', 'deputy', 'chair', 'member'] as const;
const DECLARERS = ['staff', 'chair', 'member'] as const;
/** 6.4: the council chair removes; council staff act for the council in this product. */
const REMOVERS = ['staff'] as const;
const GroupParams = Type.Object({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const DeclareBody = Type.Object(
  {
    membershipId: Type.String({ maxLength: 200, description: 'the member who declares' }),
    objectId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    planItemId: Type.Optional(
      Nullable(Type.String({ maxLength: 200, description: "an item of the group's work plan (7.3.1)" })),
    ),
    matter: Type.Optional(
      Nullable(Type.String({ maxLength: 2000, description: 'when the conflict is not about an object' })),
    ),
    text: Type.Optional(Nullable(Type.String({ maxLength: 20000, description: 'the written declaration (6.3)' }))),
  },
  { additionalProperties: false },
);
const RemovalBody = Type.Object(
  {
    declarationId: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    from: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    to: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    reason: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);

export const conflictsPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/conflicts`;
const problemOf = (error: unknown): AppError | null => engineAppError(error);

async function targetsOf(db: Kysely<Database>, councilId: string, declarations: ConflictDeclaration[], today: IsoDate) {
  const calendar = createCalendar(await calendarEntriesFor(db, councilId));
  return new Map(
    declarations.map((d) => [d.id, removalTarget(calendar, d.declaredOn, today, d.removals.length > 0)] as const),
  );
}

const subjectOf = (d: ConflictDeclaration): string =>
  d.objectName ?? d.planItemSubject ?? d.matter ?? d.objectId ?? d.planItemId ?? '';

/** The chair's dashboard part: removals in force, and declarations awaiting a removal with the (non-statutory) target. */
export async function conflictFlags(db: Kysely<Database>, groupId: string, lang: Lang, today: IsoDate): Promise<Html> {
  const group = await findGroupById(db, groupId);
  if (!group) return html``;
  const declarations = await groupConflicts(db, groupId);
  const targets = await targetsOf(db, group.council_id, declarations, today);
  const current = declarations.flatMap((d) =>
    d.removals.filter((r) => removalInForce(r, today)).map((r) => ({ d, r })),
  );
  const awaiting = declarations.filter((d) => d.removals.length === 0);
  return html`<section aria-labelledby="conflict-flags">
<h2 id="conflict-flags">${msg(lang, 'conflict.flagTitle')}</h2>
${current.length === 0 && awaiting.length === 0 ? html`<p>${msg(lang, 'conflict.flagNone')}</p>` : ''}
<ul>${current.map(
    ({ d, r }) =>
      html`<li><a href="${conflictsPath(groupId)}?lang=${lang}">${msg(lang, 'conflict.stoodAside', { name: d.memberName, subject: subjectOf(d), from: dmy(r.from), to: dmy(r.to) })}</a></li>`,
  )}${awaiting.map((d) => {
    const t = targets.get(d.id)!;
    return html`<li><a href="${conflictsPath(groupId)}?lang=${lang}">${msg(lang, 'conflict.flagAwaiting', { name: d.memberName, date: dmy(d.declaredOn), target: dmy(t.targetOn) })}</a>${t.overdue ? html` <strong>${msg(lang, 'conflict.overdue')}</strong>` : ''}</li>`;
  })}</ul>
</section>`;
}

/** The public composition page's part: who stood aside from what and when; never the written reasons nor the file. */
export async function conflictStandingAside(db: Kysely<Database>, groupId: string, lang: Lang): Promise<Html> {
  const removed = (await groupConflicts(db, groupId)).flatMap((d) => d.removals.map((r) => ({ d, r })));
  if (removed.length === 0) return html``;
  return html`<section aria-labelledby="conflict-standing-aside">
<h2 id="conflict-standing-aside">${msg(lang, 'conflict.publicTitle')}</h2>
<ul>${removed.map(
    ({ d, r }) =>
      html`<li>${msg(lang, 'conflict.stoodAside', { name: d.memberName, subject: subjectOf(d), from: dmy(r.from), to: dmy(r.to) })}</li>`,
  )}</ul>
</section>`;
}

const declarationView = (d: ConflictDeclaration) => ({
  declarationId: d.id,
  membershipId: d.membershipId,
  memberName: d.memberName,
  objectId: d.objectId,
  planItemId: d.planItemId,
  matter: d.matter,
  text: d.text,
  file: d.file ? { fileName: d.file.fileName, mediaType: d.file.mediaType, sizeBytes: d.file.sizeBytes } : null,
  declaredOn: d.declaredOn,
  removals: d.removals.map((r) => ({
    removalId: r.id,
    from: r.from,
    to: r.to,
    reason: r.reason,
    recordedOn: r.recordedOn,
  })),
});

export function conflictRoutes(app: App, deps: AppDeps): void {
  const useCaseDeps = procedureDeps(deps);
  const dataDir = deps.config.dataDir;

  app.get(
    '/api/groups/:groupId/conflicts',
    {
      schema: {
        summary: "The group's conflict-of-interest declarations and removals (6.3-6.4)",
        tags: ['groups'],
        params: GroupParams,
      },
      config: { access: READERS },
      preValidation: requireRole(deps.db, READERS),
    },
    async (request) => {
      const { groupId } = request.params;
      const group = (await findGroupById(deps.db, groupId))!;
      const declarations = await groupConflicts(deps.db, groupId);
      const targets = await targetsOf(deps.db, group.council_id, declarations, todayOf(deps));
      return {
        groupId,
        declarations: declarations.map((d) => ({ ...declarationView(d), removalTarget: targets.get(d.id) })),
      };
    },
  );

  app.post(
    '/api/groups/:groupId/conflicts',
    {
      schema: {
        summary: 'A written declaration of a conflict of interest about an object or a matter (6.3)',
        tags: ['groups'],
        params: GroupParams,
        body: DeclareBody,
        response: { 201: Type.Object({ declarationId: Type.String(), declaredOn: Type.String() }), ...errors },
      },
      config: { access: DECLARERS },
      preValidation: requireRole(deps.db, DECLARERS),
    },
    async (request, reply) => {
      try {
        const b = request.body;
        const result = await declareConflict(useCaseDeps, {
          groupId: request.params.groupId,
          membershipId: b.membershipId,
          objectId: b.objectId ?? null,
          planItemId: b.planItemId ?? null,
          matter: b.matter ?? null,
          text: b.text ?? null,
          file: null,
          actor: actorOf(request),
        });
        return reply.code(201).send(result);
      } catch (error) {
        throw problemOf(error) ?? error;
      }
    },
  );

  app.post(
    '/api/groups/:groupId/conflict-removals',
    {
      schema: {
        summary: "The council chair's temporary removal of a member who declared a conflict of interest (6.4)",
        tags: ['groups'],
        params: GroupParams,
        body: RemovalBody,
        response: { 201: Type.Object({ removalId: Type.String() }), ...errors },
      },
      config: { access: REMOVERS },
      preValidation: requireRole(deps.db, REMOVERS),
    },
    async (request, reply) => {
      try {
        const result = await recordConflictRemoval(useCaseDeps, {
          groupId: request.params.groupId,
          ...request.body,
          actor: actorOf(request),
        });
        return reply.code(201).send(result);
      } catch (error) {
        throw problemOf(error) ?? error;
      }
    },
  );

  // ---- the page ----
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    status: number,
    error: AppError | null,
  ) {
    const page = pageRequest(request, conflictsPath(groupId));
    const l = page.lang;
    const group = await findGroupById(deps.db, groupId);
    if (!group) return sendNotFound(reply, page);
    const today = todayOf(deps);
    const [declarations, allMembers, objects, plan] = await Promise.all([
      groupConflicts(deps.db, groupId),
      listPublicMembers(deps.db, groupId),
      listObjects(deps.db, group.council_id),
      approvedPlan(deps.db, groupId),
    ]);
    const targets = await targetsOf(deps.db, group.council_id, declarations, today);
    const role = page.auth?.role;
    const mayRemove = role === 'staff';
    // 6.3: a chair or member declares for the membership their account is linked to; staff for any member.
    const own = role === 'chair' || role === 'member' ? await accountMembership(deps.db, signedIn(request).id) : null;
    const members = role === 'staff' ? allMembers : allMembers.filter((m) => m.membershipId === own?.membershipId);
    const mayDeclare = (role === 'staff' || role === 'chair' || role === 'member') && members.length > 0;
    const ownNote =
      role === 'chair' || role === 'member'
        ? html`<p class="muted">${msg(l, mayDeclare ? 'conflict.ownOnly' : 'conflict.notLinked')}</p>`
        : '';
    const done = (request.query as { done?: string }).done;
    const note =
      done === 'declared' || done === 'removed'
        ? html`<p class="notice" role="status">${msg(l, done === 'declared' ? 'conflict.declared' : 'conflict.removalRecorded')}</p>`
        : '';
    const items = declarations.map((d) => {
      const t = targets.get(d.id)!;
      return html`<li><strong>${d.memberName}</strong> — ${subjectOf(d)} (${msg(l, 'conflict.declaredOn')}: ${dmy(d.declaredOn)})
${d.text ? html`<blockquote>${d.text}</blockquote>` : ''}${d.file ? html`<p>${d.file.fileName}</p>` : ''}
${d.removals.map((r) => html`<p>${msg(l, 'conflict.removed', { from: dmy(r.from), to: dmy(r.to), reason: r.reason })}</p>`)}
${d.removals.length === 0 ? html`<p>${msg(l, 'conflict.target', { date: dmy(t.targetOn) })}${t.overdue ? html` <strong>${msg(l, 'conflict.overdue')}</strong>` : ''}</p>` : ''}
${
  mayRemove
    ? html`<form method="post" action="/manage/groups/${encodeURIComponent(groupId)}/conflict-removals?lang=${l}">
${csrfField(page)}<input type="hidden" name="declarationId" value="${d.id}">
<fieldset><legend>${msg(l, 'conflict.removal')}</legend>
<label>${msg(l, 'conflict.removalFrom')} <input type="date" name="from" required value="${today}"></label>
<label>${msg(l, 'conflict.removalTo')} <input type="date" name="to" required></label>
<label>${msg(l, 'conflict.reason')} <input name="reason" required maxlength="4000"></label>
<button type="submit">${msg(l, 'conflict.recordRemoval')}</button></fieldset></form>`
    : ''
}</li>`;
    });
    const form = mayDeclare
      ? html`<h2>${msg(l, 'conflict.declare')}</h2>
<form method="post" enctype="multipart/form-data" action="${conflictsPath(groupId)}?lang=${l}">
${csrfField(page)}
<label for="membershipId">${msg(l, 'conflict.member')}</label>
<select id="membershipId" name="membershipId" required>${members.map((m) => html`<option value="${m.membershipId}">${m.fullName}</option>`)}</select>
<label for="objectId">${msg(l, 'conflict.object')}</label>
<select id="objectId" name="objectId"><option value="">${msg(l, 'conflict.noObject')}</option>${objects.map((o) => html`<option value="${o.id}">${l === 'ru' ? o.name.ru : o.name.ky}</option>`)}</select>
${
  plan && plan.items.length > 0
    ? html`<label for="planItemId">${msg(l, 'conflict.planItem')}</label>
<select id="planItemId" name="planItemId"><option value="">${msg(l, 'conflict.noPlanItem')}</option>${plan.items.map((i) => html`<option value="${i.id}">${i.subject}</option>`)}</select>`
    : ''
}
<label for="matter">${msg(l, 'conflict.matter')}</label>
<input id="matter" name="matter" maxlength="2000">
<label for="text">${msg(l, 'conflict.text')}</label>
<textarea id="text" name="text" rows="6" maxlength="20000"></textarea>
<label for="file">${msg(l, 'conflict.file')}</label>
<input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png">
<button type="submit">${msg(l, 'conflict.submit')}</button>
</form>`
      : '';
    const body = html`${note}<p>${msg(l, 'conflict.intro')}</p>
<p class="muted">${msg(l, 'conflict.reminderNote')}</p>
<p class="muted">${msg(l, 'conflict.blocks')}</p>
${error ? errorBox(page, error) : ''}
${declarations.length === 0 ? html`<p>${msg(l, 'conflict.none')}</p>` : html`<ul>${items}</ul>`}
${ownNote}${form}`;
    return sendPage(reply, page, status, layout(page, msg(l, 'conflict.title'), body));
  }

  app.get(
    '/manage/groups/:groupId/conflicts',
    {
      schema: { hide: true, params: GroupParams },
      config: { access: READERS, page: true },
      preValidation: requireRole(deps.db, READERS),
    },
    (request, reply) => render(request, reply, request.params.groupId, 200, null),
  );

  app.post(
    '/manage/groups/:groupId/conflicts',
    {
      schema: { hide: true, params: GroupParams },
      config: { access: DECLARERS, page: true, multipartCsrf: true },
      preValidation: requireRole(deps.db, DECLARERS),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        const { fields, file } = await readMultipart(request, [
          'membershipId',
          'objectId',
          'planItemId',
          'matter',
          'text',
        ]);
        let stored: AnnexData | null = null;
        if (file) {
          checkUpload(file); // the annex policy: type by name and content, size (400 naming the rule)
          stored = storeDeclarationFile(dataDir, file.fileName, file.bytes);
        }
        await declareConflict(useCaseDeps, {
          groupId,
          membershipId: fields.membershipId ?? '',
          objectId: fields.objectId || null,
          planItemId: fields.planItemId || null,
          matter: fields.matter || null,
          text: fields.text || null,
          file: stored,
          actor: actorOf(request),
        });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return render(request, reply, groupId, ERROR_STATUS[shown.code], shown);
      }
      return reply.redirect(`${conflictsPath(groupId)}?lang=${l}&done=declared`, 303);
    },
  );

  app.post(
    '/manage/groups/:groupId/conflict-removals',
    {
      schema: {
        hide: true,
        params: GroupParams,
        body: Type.Object({
          _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          declarationId: Type.Optional(Type.String({ maxLength: 200 })),
          from: Type.String({ maxLength: 20 }),
          to: Type.String({ maxLength: 20 }),
          reason: Type.String({ maxLength: 4000 }),
        }),
      },
      config: { access: REMOVERS, page: true },
      preValidation: requireRole(deps.db, REMOVERS),
    },
    async (request, reply) => {
      const { groupId } = request.params;
      const l = pageRequest(request, '').lang;
      try {
        const { _csrf: _ignored, ...b } = request.body;
        await recordConflictRemoval(useCaseDeps, { groupId, ...b, actor: actorOf(request) });
      } catch (error) {
        const shown = problemOf(error) ?? pageError(error);
        if (!shown) throw error;
        return render(request, reply, groupId, ERROR_STATUS[shown.code], shown);
      }
      return reply.redirect(`${conflictsPath(groupId)}?lang=${l}&done=removed`, 303);
    },
  );
}
