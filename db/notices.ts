// Public notices (website feed, notice board), in Kyrgyz and Russian: reading and publishing.
import type { Kysely, Selectable } from 'kysely';
import type { Database, NoticesTable } from './database';
import { streams, type Bilingual, type NoticeChannel } from './events';
import { recordInTransaction } from './record';

export type Notice = Selectable<NoticesTable>;

export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['website', 'notice_board'];

export function findNoticeById(db: Kysely<Database>, id: string): Promise<Notice | undefined> {
  return db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A council's notices, newest first; only those on `channel` when given. */
export async function listNotices(
  db: Kysely<Database>,
  filter: { councilId: string; groupId?: string; channel?: NoticeChannel },
): Promise<Notice[]> {
  let query = db.selectFrom('notices').selectAll().where('council_id', '=', filter.councilId);
  if (filter.groupId !== undefined) query = query.where('group_id', '=', filter.groupId);
  const rows = await query.orderBy('published_at', 'desc').orderBy('id').execute();
  return filter.channel === undefined ? rows : rows.filter((r) => r.channels.includes(filter.channel!));
}

export interface PublishNoticeInput {
  /** The notice's business identity: publishing the same id again stores nothing new. */
  noticeId: string;
  councilId: string;
  groupId: string | null;
  kind: string;
  text: Bilingual;
  channels: readonly NoticeChannel[];
  publishedAt: Date;
}

/** Records notice.published on the group's (else the council's) stream, once per notice id; returns the stored notice. */
export async function publishNotice(
  db: Kysely<Database>,
  input: PublishNoticeInput,
  actor: string,
): Promise<{ notice: Notice; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await findNoticeById(trx, input.noticeId);
    if (existing) return { notice: existing, created: false };
    const result = await recordInTransaction(trx, {
      stream: input.groupId !== null ? streams.group(input.groupId) : streams.council(input.councilId),
      actor,
      events: [
        {
          type: 'notice.published',
          payload: {
            noticeId: input.noticeId,
            councilId: input.councilId,
            groupId: input.groupId,
            kind: input.kind,
            text: { ky: input.text.ky, ru: input.text.ru },
            channels: [...input.channels],
            publishedAt: input.publishedAt.toISOString(),
          },
          idempotencyKey: `notice:${input.noticeId}`,
          occurredAt: input.publishedAt,
        },
      ],
    });
    const notice = await findNoticeById(trx, input.noticeId);
    if (!notice) throw new Error(`notice ${input.noticeId}: not projected after notice.published`);
    return { notice, created: result.appended.length > 0 };
  });
}
