// The information request's activities (workflows/request/activities-contract.ts): the request as the workflow needs
// it, and its delivery to the object with a signed link (7.3.2(1)), once per request through the outbox.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { findObjectById } from '../../db/objects';
import { findRequest } from '../../db/requests';
import { endOfDayBishkek } from '../../domain/dates';
import { createRequestToken } from '../../security/request-token';
import { responseTokenExpiry } from '../../security/response-token';
import { responseLinkSecret } from '../../security/server-secret';
import type { RequestActivities } from '../../workflows/request/activities-contract';
import type { RequestDelivery, RequestInfo } from '../../workflows/request/contract';
import type { ActConfig } from '../acts/act-activities';
import type { MailTransport } from '../mail/build-transport';
import { resolvePartyAddresses } from '../mail/resolve-recipients';
import { sendViaOutbox } from '../mail/send-via-outbox';
import { refusal } from '../refusal';
import { renderRequestDelivery } from './render-request-mail';
import { mailBaseUrl } from '../mail/base-url';

export const requestDeliveryKey = (requestId: string) => `request:${requestId}:delivery`;

export function createRequestActivities({
  db,
  transport,
  config,
  clock = () => new Date(),
}: {
  db: Kysely<Database>;
  transport: MailTransport;
  config: ActConfig;
  clock?: () => Date;
}): Pick<RequestActivities, 'loadInformationRequest' | 'deliverInformationRequest'> {
  async function load(requestId: string) {
    const request = await findRequest(db, requestId);
    if (!request) throw refusal('UnknownRequest', `information request ${requestId}: there is no such request`);
    return request;
  }
  return {
    async loadInformationRequest({ requestId }): Promise<RequestInfo> {
      const r = await load(requestId);
      return { requestId, objectId: r.objectId, sentOn: r.sentOn, subject: r.subject };
    },

    /** Mails the request and its link to the object; the outbox keeps the first message, so a retry sends the same link. */
    async deliverInformationRequest({ requestId }): Promise<RequestDelivery> {
      const r = await load(requestId);
      const object = (await findObjectById(db, r.objectId))!;
      const council = await db
        .selectFrom('councils')
        .select(['id', 'name_ky', 'name_ru', 'email'])
        .where('id', '=', r.councilId)
        .executeTakeFirstOrThrow();
      const ctx = {
        obligationId: `${requestId}/delivery`,
        groupId: r.groupId,
        actId: null,
        councilId: council.id,
        council: { name: { ky: council.name_ky, ru: council.name_ru }, email: council.email },
      };
      const to = await resolvePartyAddresses(db, ctx, `object:${object.id}`);
      const secret =
        config.responseLinkSecret ??
        (config.dataDir ? responseLinkSecret({ responseLinkSecret: null, dataDir: config.dataDir }) : null);
      if (secret === null)
        throw refusal(
          'NoSecret',
          'deliverInformationRequest: no link secret (set JMEG_SECRET or give a data directory)',
        );
      // Counted from the end of the day it was sent, so every attempt signs the same link (the same message).
      const expiresAtMs = responseTokenExpiry(Date.parse(endOfDayBishkek(r.sentOn)) + 1, config.responseLinkDays);
      const token = createRequestToken({ requestId, objectId: object.id, expiresAtMs }, secret);
      const link = `${mailBaseUrl(config)}/requests/${encodeURIComponent(requestId)}/respond?t=${token}`;
      const mail = renderRequestDelivery({
        council: { ky: council.name_ky, ru: council.name_ru },
        object: object.name,
        subject: r.subject,
        purpose: r.purpose,
        reference: r.reference,
        sentOn: r.sentOn,
        link,
        linkExpiresAt: new Date(expiresAtMs).toISOString(),
      });
      await sendViaOutbox(db, transport, { businessKey: requestDeliveryKey(requestId), to, ...mail, date: clock() });
      return { to, linkExpiresAt: new Date(expiresAtMs).toISOString() };
    },
  };
}
