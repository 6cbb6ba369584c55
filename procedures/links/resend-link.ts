// A fresh response link, re-sent by staff (or the group's chair) to the party of an act (4.3: the object, or the
// executive body for its own track, 4.3(4)) or to the object of an information request (7.3.2(1)): the earlier link
// is revoked (db/link-generations.ts; it answers 410 saying it was replaced). The link is signed with its generation
// and the mail goes through the idempotent outbox under a business key per generation, so a retried send never sends
// it twice; while a generation's mail is still pending, a new re-send retries it instead of revoking it.
import type { Kysely } from 'kysely';
import { renderActDelivery } from '../../activities/acts/render-act-mail';
import type { MailTransport } from '../../activities/mail/build-transport';
import { resolvePartyAddresses } from '../../activities/mail/resolve-recipients';
import { MailSendError, sendViaOutbox } from '../../activities/mail/send-via-outbox';
import { renderRequestDelivery } from '../../activities/requests/render-request-mail';
import type { RenderedMail } from '../../activities/mail/render-obligation-mail';
import { findAct } from '../../db/acts';
import type { Database } from '../../db/database';
import {
  actLinkSubject,
  latestLinkGeneration,
  outboxSent,
  recordLinkGeneration,
  requestLinkSubject,
  type LinkGeneration,
} from '../../db/link-generations';
import { findObjectById, type MonitoredObject } from '../../db/objects';
import { findRequest } from '../../db/requests';
import type { ReceiptParty } from '../../domain/act-procedure';
import { loc } from '../../domain/i18n';
import { problem, type Problem } from '../../domain/problem';
import { createRequestToken } from '../../security/request-token';
import { createResponseToken, responseTokenExpiry } from '../../security/response-token';
import { ConflictError } from '../refusals';

export interface ResendLinkDeps {
  db: Kysely<Database>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** The link secret (security/server-secret.ts), the link's life in days, the address people reach the app at. */
  link: { secret: string; days: number; baseUrl: string };
  /** The mail transport for this send (closed by the caller). */
  transport: MailTransport;
}

export interface ResendLinkResult {
  /** The generation of the link now working (1 for the first re-send). */
  generation: number;
  to: string[];
  linkExpiresAt: string;
  /** 'sent' now; 'already-sent' (a retry of a sent one); 'pending': the mail server refused, a re-send retries it. */
  mail: 'sent' | 'already-sent' | 'pending';
}

/** The business key of a re-sent link's mail: one mail per link generation, however often it is retried. */
export const actLinkMailKey = (actId: string, party: ReceiptParty, generation: number) =>
  `act:${actId}:link:${party}:${generation}`;
export const requestLinkMailKey = (requestId: string, generation: number) => `request:${requestId}:link:${generation}`;

const refuse = (subject: string, p: Problem): ConflictError => new ConflictError([p], subject);

const NOTE = {
  ky: 'Бул жаңы шилтеме. Мурда жиберилген шилтеме мындан ары иштебейт.',
  ru: 'Это новая ссылка. Ссылка из предыдущего письма больше не действует.',
};

/** The delivery mail, marked as the fresh link that replaces the earlier one. */
function asFresh(mail: RenderedMail): RenderedMail {
  return {
    subject: `Жаңы шилтеме / Новая ссылка: ${mail.subject}`,
    text: `${NOTE.ky}\n${NOTE.ru}\n\n${mail.text}`,
    html:
      mail.html?.replace('<body>', `<body>\n<p><strong>${NOTE.ky}</strong><br><strong>${NOTE.ru}</strong></p>`) ?? null,
  };
}

/** The generation to send: the newest one while its mail is not sent yet (a retry), else a new one. */
async function generationToSend(
  deps: ResendLinkDeps,
  subject: string,
  objectId: string,
  mailKey: (generation: number) => string,
  actor: string,
): Promise<LinkGeneration> {
  const latest = await latestLinkGeneration(deps.db, subject, objectId);
  if (latest && !(await outboxSent(deps.db, mailKey(latest.generation)))) return latest;
  const at = new Date(deps.now());
  return recordLinkGeneration(deps.db, {
    subject,
    objectId,
    expiresAtMs: responseTokenExpiry(at.getTime(), deps.link.days),
    at,
    by: actor,
  });
}

async function send(
  deps: ResendLinkDeps,
  businessKey: string,
  to: string[],
  mail: RenderedMail,
): Promise<ResendLinkResult['mail']> {
  try {
    const sent = await sendViaOutbox(deps.db, deps.transport, { businessKey, to, ...mail, date: new Date(deps.now()) });
    return sent.outcome;
  } catch (error) {
    if (error instanceof MailSendError) return 'pending';
    throw error;
  }
}

async function councilOf(db: Kysely<Database>, councilId: string) {
  return db
    .selectFrom('councils')
    .select(['id', 'name_ky', 'name_ru', 'email'])
    .where('id', '=', councilId)
    .executeTakeFirstOrThrow();
}

async function addresses(
  db: Kysely<Database>,
  ctx: Parameters<typeof resolvePartyAddresses>[1],
  party: string,
  subject: string,
): Promise<string[]> {
  try {
    return await resolvePartyAddresses(db, ctx, party);
  } catch (error) {
    if ((error as { type?: string }).type !== 'NoRecipient') throw error;
    throw refuse(
      subject,
      problem(
        'no-recipient',
        'party',
        null,
        loc(
          'Бул тараптын электрондук дареги катталган эмес: шилтемени жиберүүгө болбойт (объекттин дарегин кошуңуз).',
          'У этой стороны нет зарегистрированного адреса электронной почты: ссылку отправить нельзя (добавьте адрес объекта).',
          'This party has no registered e-mail address: the link cannot be sent (add the object’s address).',
        ),
      ),
    );
  }
}

/** The council's registered executive body (the monitored object of kind executive_body), if any. */
async function executiveBodyOf(db: Kysely<Database>, councilId: string): Promise<MonitoredObject | null> {
  const row = await db
    .selectFrom('monitored_objects')
    .select('id')
    .where('council_id', '=', councilId)
    .where('is_executive_body', '=', true)
    .executeTakeFirst();
  return (row && (await findObjectById(db, row.id))) ?? null;
}

/**
 * 4.3: a fresh link for the act's party (the object, or the executive body's own for an act about another object,
 * 4.3(4)); the party's earlier links are revoked. Only an issued act whose procedure is not closed gets one.
 */
export async function resendActLink(
  deps: ResendLinkDeps,
  input: { actId: string; party: ReceiptParty; actor: string },
): Promise<ResendLinkResult> {
  const act = await findAct(deps.db, input.actId);
  if (!act)
    throw refuse(input.actId, problem('unknown-act', 'actId', null, loc('Акт жок.', 'Акта нет.', 'No such act.')));
  if (act.status === 'draft' || act.issuedOn === null || act.number === null)
    throw refuse(
      act.id,
      problem(
        'not-issued',
        'actId',
        '4.3',
        loc(
          'Акт али чыгарыла элек: шилтеме чыгарылган актыга гана жиберилет (4.3).',
          'Акт ещё не выдан: ссылка отправляется только по выданному акту (4.3).',
          'The act is not issued yet: a link is sent only for an issued act (4.3).',
        ),
      ),
    );
  if (act.status === 'closed')
    throw refuse(
      act.id,
      problem(
        'act-closed',
        'actId',
        '4.3',
        loc(
          'Актынын жол-жобосу жабылган: жаңы шилтеме жиберилбейт.',
          'Процедура по акту закрыта: новая ссылка не отправляется.',
          "The act's procedure is closed: no fresh link is sent.",
        ),
      ),
    );
  const object = (await findObjectById(deps.db, act.objectId))!;
  let recipient = object;
  if (input.party === 'executive-body') {
    const executive = object.isExecutiveBody ? null : await executiveBodyOf(deps.db, object.councilId);
    if (!executive)
      throw refuse(
        act.id,
        problem(
          'no-own-track',
          'party',
          '4.3(4)',
          loc(
            'Айыл өкмөтүнүн өз шилтемеси жок: акт айыл өкмөтүнүн өзү тууралуу (анын алганы объекттин алганы) же айыл өкмөтү катталган эмес. Объекттин шилтемесин жибериңиз.',
            'У айыл окмоту нет своей ссылки: акт касается самого айыл окмоту (его получение и есть получение объектом) или айыл окмоту не зарегистрирован. Отправьте ссылку объекта.',
            'The executive body has no link of its own: the act is about the executive body itself (its receipt is the object’s) or no executive body is registered. Send the object’s link.',
          ),
        ),
      );
    recipient = executive;
  }
  const council = await councilOf(deps.db, object.councilId);
  const ctx = {
    obligationId: `${act.id}/delivery`,
    groupId: act.groupId,
    actId: act.id,
    councilId: council.id,
    council: { name: { ky: council.name_ky, ru: council.name_ru }, email: council.email },
  };
  const to = await addresses(
    deps.db,
    ctx,
    input.party === 'executive-body' ? 'executive-body' : `object:${object.id}`,
    act.id,
  );
  const mailKey = (g: number) => actLinkMailKey(act.id, input.party, g);
  const generation = await generationToSend(deps, actLinkSubject(act.id), recipient.id, mailKey, input.actor);
  const token = createResponseToken(
    {
      actId: act.id,
      objectId: recipient.id,
      expiresAtMs: generation.expiresAtMs,
      generation: generation.generation,
    },
    deps.link.secret,
  );
  const link = `${deps.link.baseUrl}/acts/${encodeURIComponent(act.id)}/respond?t=${token}`;
  const linkExpiresAt = new Date(generation.expiresAtMs).toISOString();
  const mail = renderActDelivery({
    number: act.number,
    title: act.title,
    issuedOn: act.issuedOn,
    object: recipient.name,
    isExecutiveBody: recipient.isExecutiveBody,
    ...(recipient.id === object.id ? {} : { about: object.name }),
    link,
    linkExpiresAt,
  });
  const sent = await send(deps, mailKey(generation.generation), to, asFresh(mail));
  return { generation: generation.generation, to, linkExpiresAt, mail: sent };
}

/** 7.3.2(1): a fresh link for the request's object; its earlier links are revoked. Only an open request gets one. */
export async function resendRequestLink(
  deps: ResendLinkDeps,
  input: { requestId: string; actor: string },
): Promise<ResendLinkResult> {
  const r = await findRequest(deps.db, input.requestId);
  if (!r)
    throw refuse(
      input.requestId,
      problem('unknown-request', 'requestId', null, loc('Суроо-талап жок.', 'Запроса нет.', 'No such request.')),
    );
  if (r.outcome !== null)
    throw refuse(
      r.id,
      problem(
        'request-over',
        'requestId',
        '7.3.2(1)',
        loc(
          'Суроо-талап боюнча иш бүткөн: жаңы шилтеме жиберилбейт.',
          'Работа по запросу завершена: новая ссылка не отправляется.',
          'The request is over: no fresh link is sent.',
        ),
      ),
    );
  const object = (await findObjectById(deps.db, r.objectId))!;
  const council = await councilOf(deps.db, r.councilId);
  const ctx = {
    obligationId: `${r.id}/delivery`,
    groupId: r.groupId,
    actId: null,
    councilId: council.id,
    council: { name: { ky: council.name_ky, ru: council.name_ru }, email: council.email },
  };
  const to = await addresses(deps.db, ctx, `object:${object.id}`, r.id);
  const mailKey = (g: number) => requestLinkMailKey(r.id, g);
  const generation = await generationToSend(deps, requestLinkSubject(r.id), object.id, mailKey, input.actor);
  const token = createRequestToken(
    { requestId: r.id, objectId: object.id, expiresAtMs: generation.expiresAtMs, generation: generation.generation },
    deps.link.secret,
  );
  const link = `${deps.link.baseUrl}/requests/${encodeURIComponent(r.id)}/respond?t=${token}`;
  const linkExpiresAt = new Date(generation.expiresAtMs).toISOString();
  const mail = renderRequestDelivery({
    council: { ky: council.name_ky, ru: council.name_ru },
    object: object.name,
    subject: r.subject,
    purpose: r.purpose,
    reference: r.reference,
    sentOn: r.sentOn,
    link,
    linkExpiresAt,
  });
  const sent = await send(deps, mailKey(generation.generation), to, asFresh(mail));
  return { generation: generation.generation, to, linkExpiresAt, mail: sent };
}
