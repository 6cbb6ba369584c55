// Projection: published notices (ky and ru, website feed and notice board).
import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { NoticeEvent } from '../events';
import type { Stored } from './stored';

export async function apply(trx: Transaction<Database>, event: Stored<NoticeEvent>): Promise<void> {
  const p = event.payload;
  await trx
    .insertInto('notices')
    .values({
      id: p.noticeId,
      council_id: p.councilId,
      group_id: p.groupId,
      kind: p.kind,
      text_ky: p.text.ky,
      text_ru: p.text.ru,
      channels: JSON.stringify(p.channels),
      published_at: p.publishedAt,
    })
    .execute();
}
