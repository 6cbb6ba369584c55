// The act procedure's activities (workflows/act/activities-contract.ts): the issued act as the workflow needs it,
// its delivery to the object with a personal response link (4.3), to the executive body with its own link (4.3(4)),
// and the one prompt to staff without a receipt.
import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config/config';
import { findAct } from '../../db/acts';
import { actObligations } from '../../domain/act-procedure';
import { endOfDayBishkek } from '../../domain/dates';
import type { Database } from '../../db/database';
import { findObjectById, type MonitoredObject } from '../../db/objects';
import { createResponseToken, responseTokenExpiry } from '../../security/response-token';
import { responseLinkSecret } from '../../security/server-secret';
import type { ActActivities, ForwardResponseInput, ReceiptPromptInput } from '../../workflows/act/activities-contract';
import type { DeliveryResult, IssuedActInfo } from '../../workflows/act/contract';
import type { MailTransport } from '../mail/build-transport';
import { resolvePartyAddresses } from '../mail/resolve-recipients';
import { sendViaOutbox } from '../mail/send-via-outbox';
import { refusal } from '../refusal';
import { renderActDelivery, renderForwardedResponse, renderReceiptPrompt, type ActSender } from './render-act-mail';
import { responseFileNames } from './response-file-names';
import { mailBaseUrl } from '../mail/base-url';

export type ActConfig = Partial<
  Pick<AppConfig, 'responseLinkSecret' | 'dataDir' | 'responseLinkDays' | 'httpHost' | 'httpPort'>
> & { publicBaseUrl?: string | null };

export interface ActActivityDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  config: ActConfig;
  /** The activities' clock: the Date of the mails. */
  clock?: () => Date;
}

export const deliveryKey = (actId: string) => `act:${actId}:delivery`;
export const executiveDeliveryKey = (actId: string) => `act:${actId}:delivery:executive-body`;
export const forwardKey = (actId: string, responseId: string) => `act:${actId}:forward:${responseId}`;
export const receiptPromptKey = (actId: string) => `act:${actId}:receipt-prompt`;

/** The council's registered executive body (the monitored object of kind executive_body), if any. */
async function findExecutiveBody(db: Kysely<Database>, councilId: string): Promise<MonitoredObject | null> {
  const row = await db
    .selectFrom('monitored_objects')
    .select('id')
    .where('council_id', '=', councilId)
    .where('is_executive_body', '=', true)
    .executeTakeFirst();
  return (row && (await findObjectById(db, row.id))) ?? null;
}

export function createActActivities({
  db,
  transport,
  config,
  clock = () => new Date(),
}: ActActivityDeps): Pick<
  ActActivities,
  'loadIssuedAct' | 'deliverAct' | 'deliverActToExecutiveBody' | 'forwardResponse' | 'promptReceipt'
> {
  async function context(actId: string) {
    const act = await findAct(db, actId);
    if (!act) throw refusal('UnknownAct', `act ${actId}: there is no such act`);
    if (act.issuedOn === null || act.number === null)
      throw refusal(
        'ActNotIssued',
        `act ${actId}: status ${act.status}; only an issued act is delivered (jmeg act issue)`,
      );
    const object = (await findObjectById(db, act.objectId))!;
    const group = await db
      .selectFrom('groups')
      .innerJoin('councils', 'councils.id', 'groups.council_id')
      .select(['councils.id', 'councils.name_ky', 'councils.name_ru', 'councils.email', 'groups.created_on'])
      .where('groups.id', '=', act.groupId)
      .executeTakeFirstOrThrow();
    const ctx = {
      obligationId: `${actId}/delivery`,
      groupId: act.groupId,
      actId,
      councilId: group.id,
      council: { name: { ky: group.name_ky, ru: group.name_ru }, email: group.email },
    };
    // Every act mail names the council and the group it comes from (issue 12, point 7).
    const sender = { council: ctx.council.name, groupCreatedOn: group.created_on };
    return { act: { ...act, issuedOn: act.issuedOn, number: act.number }, object, ctx, sender };
  }

  /**
   * Mails the act to `recipient` (the object, or the executive body about another object) with a link signed for the
   * act and the recipient; the outbox keeps the first message under `businessKey`, so a retry sends the same link.
   */
  async function deliver(
    act: Awaited<ReturnType<typeof context>>['act'],
    ctx: Awaited<ReturnType<typeof context>>['ctx'],
    object: MonitoredObject,
    recipient: MonitoredObject,
    businessKey: string,
    sender?: ActSender,
  ): Promise<DeliveryResult> {
    const to = await resolvePartyAddresses(
      db,
      ctx,
      recipient.id === object.id ? `object:${object.id}` : 'executive-body',
    );
    const secret =
      config.responseLinkSecret ??
      (config.dataDir ? responseLinkSecret({ responseLinkSecret: null, dataDir: config.dataDir }) : null);
    if (secret === null)
      throw refusal(
        'NoSecret',
        'deliverAct: no response link secret (set JMEG_SECRET or give the activities a data directory)',
      );
    // Counted from the end of the issue day, so every attempt signs the same link (the same message).
    const expiresAtMs = responseTokenExpiry(Date.parse(endOfDayBishkek(act.issuedOn)) + 1, config.responseLinkDays);
    const token = createResponseToken({ actId: act.id, objectId: recipient.id, expiresAtMs }, secret);
    const link = `${mailBaseUrl(config)}/acts/${encodeURIComponent(act.id)}/respond?t=${token}`;
    const mail = renderActDelivery({
      number: act.number,
      title: act.title,
      issuedOn: act.issuedOn,
      object: recipient.name,
      isExecutiveBody: recipient.isExecutiveBody,
      ...(recipient.id === object.id ? {} : { about: object.name }),
      link,
      linkExpiresAt: new Date(expiresAtMs).toISOString(),
      ...(sender ? { sender } : {}),
    });
    await sendViaOutbox(db, transport, { businessKey, to, ...mail, date: clock() });
    return { to, linkExpiresAt: new Date(expiresAtMs).toISOString() };
  }

  return {
    async loadIssuedAct({ actId }): Promise<IssuedActInfo> {
      const { act, object } = await context(actId);
      return {
        actId,
        number: act.number,
        issuedOn: act.issuedOn,
        title: act.title,
        objectId: object.id,
        isExecutiveBody: object.isExecutiveBody,
        obligations: actObligations(object),
      };
    },

    /** Mails the act and its link to the object; the outbox keeps the first message, so a retry sends the same link. */
    async deliverAct({ actId }): Promise<DeliveryResult> {
      const { act, object, ctx, sender } = await context(actId);
      return deliver(act, ctx, object, object, deliveryKey(actId), sender);
    },

    /** 4.3(4): the executive body's own mail and link (the token names the executive body, not the object). */
    async deliverActToExecutiveBody({ actId }): Promise<DeliveryResult> {
      const { act, object, ctx, sender } = await context(actId);
      if (object.isExecutiveBody)
        throw refusal('ExecutiveBodyIsTheObject', `act ${actId}: the act is about the executive body itself`);
      const executive = await findExecutiveBody(db, object.councilId);
      if (!executive)
        throw refusal(
          'NoExecutiveBody',
          `act ${actId}: the council has no registered executive body (a monitored object of kind executive_body)`,
        );
      return deliver(act, ctx, object, executive, executiveDeliveryKey(actId), sender);
    },

    /**
     * 4.3(3): the object's answer to the executive body, copy to the group's chair (when the group has one with an
     * address): its text in the mail, its files on the act's page (the link). The outbox sends it once per answer.
     */
    async forwardResponse(input: ForwardResponseInput): Promise<{ to: string[] }> {
      const { act, object, ctx, sender } = await context(input.actId);
      const executive = await resolvePartyAddresses(db, ctx, 'executive-body');
      const chair = await resolvePartyAddresses(db, ctx, 'chair').catch(() => [] as string[]);
      const to = [...new Set([...executive, ...chair])];
      const mail = renderForwardedResponse({
        number: act.number,
        title: act.title,
        object: object.name,
        respondedOn: input.respondedOn,
        late: input.late,
        text: input.text,
        link: `${mailBaseUrl(config)}/manage/acts/${encodeURIComponent(input.actId)}`,
        files: await responseFileNames(db, input.responseId),
        sender,
      });
      await sendViaOutbox(db, transport, {
        businessKey: forwardKey(input.actId, input.responseId),
        to,
        ...mail,
        date: clock(),
      });
      return { to };
    },

    /** Asks staff (the council's address, else the executive body's) to record the receipt. */
    async promptReceipt(input: ReceiptPromptInput): Promise<void> {
      const { act, object, ctx, sender } = await context(input.actId);
      const to = ctx.council.email ? [ctx.council.email] : await resolvePartyAddresses(db, ctx, 'executive-body');
      const mail = renderReceiptPrompt({
        number: act.number,
        title: act.title,
        issuedOn: input.issuedOn,
        expectedBy: input.expectedBy,
        object: object.name,
        actId: input.actId,
        sender,
      });
      await sendViaOutbox(db, transport, { businessKey: receiptPromptKey(input.actId), to, ...mail, date: clock() });
    },
  };
}
