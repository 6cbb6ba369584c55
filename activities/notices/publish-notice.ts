// Publishing a public notice (5.4.1 formation notice, 5.3.3 creation notice, ...): stored in Kyrgyz and Russian,
// on the website feed and/or the notice board, once per notice key.
import type { Kysely } from 'kysely';
import { findCouncilById } from '../../db/councils';
import type { Database } from '../../db/database';
import type { Bilingual, NoticeChannel } from '../../db/events';
import { findGroupById } from '../../db/groups';
import { NOTICE_CHANNELS, publishNotice } from '../../db/notices';
import { asRefusal, refusal } from '../refusal';

export interface PublishNoticeInput {
  /** The notice's business key (e.g. 'formation-notice-<groupId>'): publishing it again stores nothing new. */
  noticeKey: string;
  councilId: string;
  groupId?: string | null;
  /** What the notice is, e.g. 'formation-notice', 'creation-notice'. */
  kind: string;
  /** The text in both languages of official notices (Kyrgyz, the state language, and Russian). */
  text: Bilingual;
  channels: NoticeChannel[];
  /** When it was published (ISO 8601); the activity's clock when absent. */
  publishedAt?: string;
}

export interface PublishedNotice {
  noticeId: string;
  publishedAt: string;
  channels: NoticeChannel[];
  /** false: a notice with this key was already published (by an earlier attempt), nothing was stored. */
  created: boolean;
}

function validate(input: PublishNoticeInput): void {
  const invalid = (field: string, rule: string) => refusal('InvalidInput', `publishNotice: ${field} ${rule}`);
  if (typeof input.noticeKey !== 'string' || input.noticeKey.trim() === '') throw invalid('noticeKey', 'is required');
  if (typeof input.kind !== 'string' || input.kind.trim() === '') throw invalid('kind', 'is required');
  for (const lang of ['ky', 'ru'] as const) {
    if (typeof input.text?.[lang] !== 'string' || input.text[lang].trim() === '')
      throw invalid(`text.${lang}`, 'must be a non-empty text (notices are published in Kyrgyz and Russian)');
  }
  if (!Array.isArray(input.channels) || input.channels.length === 0)
    throw invalid('channels', `must name at least one of ${NOTICE_CHANNELS.join(', ')}`);
  for (const channel of input.channels) {
    if (!NOTICE_CHANNELS.includes(channel))
      throw invalid('channels', `"${String(channel)}" is not one of ${NOTICE_CHANNELS.join(', ')}`);
  }
  if (input.publishedAt !== undefined && Number.isNaN(new Date(input.publishedAt).getTime()))
    throw invalid('publishedAt', `"${input.publishedAt}" is not an instant (ISO 8601)`);
}

export function createNoticeActivities({ db, clock }: { db: Kysely<Database>; clock: () => Date }) {
  return {
    /** Stores a notice once per key; refused (non-retryable) for an unknown council or group, or a malformed notice. */
    async publishNotice(input: PublishNoticeInput): Promise<PublishedNotice> {
      validate(input);
      const groupId = input.groupId ?? null;
      if (!(await findCouncilById(db, input.councilId)))
        throw refusal('CouncilNotFound', `publishNotice: council ${input.councilId} is not registered`);
      if (groupId !== null) {
        const group = await findGroupById(db, groupId);
        if (!group) throw refusal('GroupNotFound', `publishNotice: group ${groupId} is not recorded`);
        if (group.council_id !== input.councilId)
          throw refusal(
            'InvalidInput',
            `publishNotice: group ${groupId} belongs to council ${group.council_id}, not ${input.councilId}`,
          );
      }
      try {
        const { notice, created } = await publishNotice(
          db,
          {
            noticeId: input.noticeKey,
            councilId: input.councilId,
            groupId,
            kind: input.kind,
            text: { ky: input.text.ky.trim(), ru: input.text.ru.trim() },
            channels: [...new Set(input.channels)],
            publishedAt: input.publishedAt !== undefined ? new Date(input.publishedAt) : clock(),
          },
          `workflow:notice/${input.noticeKey}`,
        );
        return {
          noticeId: notice.id,
          publishedAt: notice.published_at.toISOString(),
          channels: notice.channels,
          created,
        };
      } catch (error) {
        throw asRefusal(error, `notice ${input.noticeKey}`);
      }
    },
  };
}
