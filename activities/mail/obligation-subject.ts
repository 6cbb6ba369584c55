// What an obligation is about, for its reminders, its escalation and the escalation's public notice: the act (its
// number, title and object) or the information request (its subject and object). Without it a council told that "an
// answer is overdue" cannot tell which of its acts is meant. Acts and requests are public records: no personal data.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { KyRu } from './render-obligation-mail';
import type { ObligationContext } from './resolve-recipients';

export interface ObligationSubject {
  label: KyRu;
  value: KyRu;
  /** The page to open, when the mail has a base for links. */
  link: { label: KyRu; url: string } | null;
}

const objectName = (o: { name: string; name_ru: string | null }): KyRu => ({ ky: o.name, ru: o.name_ru ?? o.name });

/** The act of `ctx`, or the request whose obligation id is `<requestId>/answer…`; null for a group's own obligation. */
export async function obligationSubject(
  db: Kysely<Database>,
  ctx: ObligationContext,
  baseUrl: string,
): Promise<ObligationSubject | null> {
  if (ctx.actId !== null) {
    const act = await db
      .selectFrom('acts')
      .innerJoin('monitored_objects', 'monitored_objects.id', 'acts.object_id')
      .select(['acts.id', 'acts.number', 'acts.title', 'monitored_objects.name', 'monitored_objects.name_ru'])
      .where('acts.id', '=', ctx.actId)
      .executeTakeFirst();
    if (!act) return null;
    const object = objectName(act);
    const number = act.number ? `№ ${act.number} ` : '';
    return {
      label: { ky: 'Мониторинг актысы', ru: 'Акт мониторинга' },
      value: { ky: `${number}«${act.title}» — ${object.ky}`, ru: `${number}«${act.title}» — ${object.ru}` },
      link: baseUrl
        ? { label: { ky: 'Актынын барагы', ru: 'Страница акта' }, url: `${baseUrl}/acts/${encodeURIComponent(act.id)}` }
        : null,
    };
  }
  const requestId = ctx.obligationId.split('/')[0]!;
  const request = await db
    .selectFrom('information_requests')
    .innerJoin('monitored_objects', 'monitored_objects.id', 'information_requests.object_id')
    .select(['information_requests.subject', 'monitored_objects.name', 'monitored_objects.name_ru'])
    .where('information_requests.id', '=', requestId)
    .where('information_requests.group_id', '=', ctx.groupId)
    .executeTakeFirst();
  if (!request) return null;
  const object = objectName(request);
  return {
    label: { ky: 'Маалымат алуу суроо-талабы', ru: 'Запрос информации' },
    value: { ky: `«${request.subject}» — ${object.ky}`, ru: `«${request.subject}» — ${object.ru}` },
    link: baseUrl
      ? {
          label: { ky: 'Топтун суроо-талаптары', ru: 'Запросы группы' },
          url: `${baseUrl}/manage/groups/${encodeURIComponent(ctx.groupId)}/requests`,
        }
      : null,
  };
}
