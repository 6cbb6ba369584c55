// The obligation workflow's mail activities (workflows/obligation/activities-contract.ts): reminders to the
// party that owes, and the escalation to the council. Each message goes through the outbox exactly once per key.
import { dmy } from '../../domain/messages';
import { clauseText } from '../../domain/obligation-messages';
import type { Kysely } from 'kysely';
import { record } from '../../db/record';
import type { Database } from '../../db/database';
import { streams } from '../../db/events';
import { bishkekDateOf, daysBetween } from '../../domain/dates';
import { isObligationKey, OBLIGATIONS } from '../../domain/deadlines';
import type {
  EscalationInput,
  ObligationActivities,
  ObligationNoticeInput,
  ReminderInput,
} from '../../workflows/obligation/activities-contract';
import type { MailTransport } from './build-transport';
import { mailBaseUrl, type LinkConfig } from './base-url';
import { obligationSubject, type ObligationSubject } from './obligation-subject';
import { renderObligationMail, type KyRu, type ObligationMailInput } from './render-obligation-mail';
import {
  escalationAddresses,
  loadObligationContext,
  resolvePartyAddresses,
  type ObligationContext,
} from './resolve-recipients';
import { sendViaOutbox } from './send-via-outbox';

export interface ObligationMailDeps {
  db: Kysely<Database>;
  transport: MailTransport;
  clock: () => Date;
  /** For the link to the act's page in the mail (none without a base). */
  config?: LinkConfig;
}

/** The outbox key of a reminder rung: one message per obligation and rung, even when the due date moves. */
export const reminderKey = (obligationId: string, rung: string) => `obligation:${obligationId}:reminder:${rung}`;
export const escalationKey = (obligationId: string) => `obligation:${obligationId}:escalation`;

function describe(input: ObligationNoticeInput): Pick<ObligationMailInput, 'title' | 'party' | 'clause' | 'dueDate'> {
  const known = isObligationKey(input.key) ? OBLIGATIONS[input.key] : null;
  const title: KyRu = known ? { ky: known.title.ky, ru: known.title.ru } : { ky: input.key, ru: input.key };
  const party: KyRu = known ? { ky: known.party.ky, ru: known.party.ru } : { ky: input.party, ru: input.party };
  return { title, party, clause: input.clause, dueDate: input.due };
}

/** The mail's fact row and link for what the obligation is about. */
const aboutParts = (subject: ObligationSubject | null): Pick<ObligationMailInput, 'about' | 'links'> => ({
  about: subject,
  ...(subject?.link ? { links: [subject.link] } : {}),
});

function streamOf(ctx: ObligationContext): string {
  return ctx.actId !== null ? streams.act(ctx.actId) : streams.group(ctx.groupId);
}

export function createObligationMailActivities({
  db,
  transport,
  clock,
  config = {},
}: ObligationMailDeps): Pick<ObligationActivities, 'sendReminder' | 'escalate'> {
  const base = mailBaseUrl(config);
  return {
    /** Reminds the party that owes the obligation; working days left come from the rung (no clock involved). */
    async sendReminder(input: ReminderInput): Promise<void> {
      const ctx = await loadObligationContext(db, input.obligationId);
      const to = await resolvePartyAddresses(db, ctx, input.party);
      const about = describe(input);
      const subject = await obligationSubject(db, ctx, base);
      const mail = renderObligationMail({
        kind: 'reminder',
        ...about,
        ...aboutParts(subject),
        daysLeft: input.workingDaysBefore,
        dayUnit: 'working',
        recipient: about.party,
      });
      await sendViaOutbox(db, transport, {
        businessKey: reminderKey(input.obligationId, input.rung),
        to,
        ...mail,
        date: clock(),
      });
    },

    /** Escalates an overdue obligation: the status change and a website notice are recorded, then the council is mailed. */
    async escalate(input: EscalationInput): Promise<void> {
      const ctx = await loadObligationContext(db, input.obligationId);
      const now = clock();
      const about = describe(input);
      const subject = await obligationSubject(db, ctx, base);
      const what = (lang: 'ky' | 'ru') => (subject ? `, ${subject.value[lang]}` : '');
      const overdueDays = daysBetween(input.due, bishkekDateOf(now.getTime()));
      await record(db, {
        stream: streamOf(ctx),
        actor: `workflow:obligation/${input.obligationId}`,
        events: [
          {
            type: 'obligation.status-changed',
            payload: {
              obligationId: input.obligationId,
              status: 'escalated',
              reason: `overdue since ${input.due} (${input.clause})`,
            },
            idempotencyKey: `obligation-escalated:${input.obligationId}`,
            occurredAt: now,
          },
          {
            type: 'notice.published',
            payload: {
              noticeId: `escalation-${input.obligationId}`,
              councilId: ctx.councilId,
              groupId: ctx.groupId,
              kind: 'escalation',
              text: {
                ky: `Мөөнөтү өттү: ${about.title.ky}${what('ky')} (${clauseText('ky', input.clause, 'ofRegulation')}, мөөнөтү ${dmy(input.due)}). Маселе айылдык кеңешке жиберилди.`,
                ru: `Срок пропущен: ${about.title.ru}${what('ru')} (${clauseText('ru', input.clause, 'ofRegulation')}, срок ${dmy(input.due)}). Вопрос передан айылному кенешу.`,
              },
              channels: ['website'],
              publishedAt: now.toISOString(),
            },
            idempotencyKey: `notice:escalation:${input.obligationId}`,
            occurredAt: now,
          },
        ],
      });
      const { to, bcc } = await escalationAddresses(db, ctx);
      const mail = renderObligationMail({
        kind: 'escalation',
        ...about,
        ...aboutParts(subject),
        daysLeft: -Math.max(overdueDays, 1),
        recipient: ctx.council.name,
      });
      await sendViaOutbox(db, transport, {
        businessKey: escalationKey(input.obligationId),
        to,
        bcc,
        ...mail,
        date: now,
      });
    },
  };
}
