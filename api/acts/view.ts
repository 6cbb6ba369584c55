// The JSON shapes of acts shared by the API and the pages: an act with its annex URLs and what 8.1 still needs, the
// group's list (drafts included), and the URLs of annexes and response files.
import type { Kysely } from 'kysely';
import { checkActForIssue, type Act } from '../../db/acts';
import type { Database } from '../../db/database';
import type { Lang } from '../../domain/i18n';
import type { ResponseFile } from './response-files';

export const annexUrl = (actId: string, annexId: string): string =>
  `/acts/${encodeURIComponent(actId)}/annexes/${encodeURIComponent(annexId)}`;
export const responseFileUrl = (actId: string, fileId: string): string =>
  `/manage/acts/${encodeURIComponent(actId)}/response-files/${encodeURIComponent(fileId)}`;
export const manageActHref = (actId: string, lang: Lang, query = ''): string =>
  `/manage/acts/${encodeURIComponent(actId)}?lang=${lang}${query}`;

export function actDetail(act: Act) {
  const { missing, warnings } = act.status === 'draft' ? checkActForIssue(act) : { missing: [], warnings: [] };
  return {
    id: act.id,
    groupId: act.groupId,
    objectId: act.objectId,
    title: act.title,
    number: act.number,
    status: act.status,
    content: act.draft as unknown as Record<string, unknown>,
    issuedOn: act.issuedOn,
    receivedOn: act.receivedOn,
    receivedVia: act.receivedVia,
    annexes: act.annexes.map((a) => ({ ...a, url: annexUrl(act.id, a.id) })),
    missing: missing.map((m) => ({ field: m.field, clause: m.clause, message: m.message })),
    warnings: warnings.map((w) => ({ field: w.field, clause: w.clause, message: w.message })),
    publicPath: act.status === 'draft' ? null : `/acts/${encodeURIComponent(act.id)}`,
  };
}

export const responseFileView = (actId: string, f: ResponseFile) => ({
  id: f.id,
  fileName: f.fileName,
  mediaType: f.mediaType,
  sizeBytes: f.sizeBytes,
  uploadedAt: f.uploadedAt,
  url: responseFileUrl(actId, f.id),
});

export interface ActSummary {
  id: string;
  number: string | null;
  title: string;
  status: string;
  objectId: string;
  objectName: { ky: string; ru: string };
  issuedOn: string | null;
  receivedOn: string | null;
}

/** The group's acts: drafts first (newest work), then the issued ones newest first. */
export async function listGroupActs(db: Kysely<Database>, groupId: string): Promise<ActSummary[]> {
  const rows = await db
    .selectFrom('acts as a')
    .innerJoin('monitored_objects as m', 'm.id', 'a.object_id')
    .select([
      'a.id',
      'a.number',
      'a.title',
      'a.status',
      'a.object_id',
      'a.issued_on',
      'a.received_on',
      'm.name',
      'm.name_ru',
    ])
    .where('a.group_id', '=', groupId)
    .execute();
  const rank = (s: string) => (s === 'draft' ? 0 : 1);
  return rows
    .map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      status: r.status,
      objectId: r.object_id,
      objectName: { ky: r.name, ru: r.name_ru ?? r.name },
      issuedOn: r.issued_on,
      receivedOn: r.received_on,
    }))
    .sort(
      (a, b) =>
        rank(a.status) - rank(b.status) ||
        (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') ||
        (b.number ?? '').localeCompare(a.number ?? '') ||
        a.title.localeCompare(b.title) ||
        a.id.localeCompare(b.id),
    );
}
