// The public notices over JSON (no login): what the notice board (/councils/:councilId/notices) and its Atom feed
// show, read from the same table in the same order (newest first), with both state-language texts.
//   GET /api/councils/:councilId/notices[?group=]   public   the council's notices (one group's with ?group=)
//   GET /api/notices/:noticeId                      public   one notice
// Notices are public texts (the formation's and the creation's, 5.4.1, 5.4.7: names and categories only); nothing
// else of a member (phone, e-mail, birth date) is read here.
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { findNoticeById, listNotices, type Notice } from '../../db/notices';
import { bishkekDateOf } from '../../domain/dates';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { getNoticeSchema, listNoticesSchema } from '../councils/schema';

export function noticeView(notice: Notice) {
  return {
    id: notice.id,
    councilId: notice.council_id,
    groupId: notice.group_id,
    kind: notice.kind,
    text: { ky: notice.text_ky, ru: notice.text_ru },
    channels: [...notice.channels],
    publishedAt: notice.published_at.toISOString(),
    publishedOn: bishkekDateOf(notice.published_at.getTime()),
    links: {
      print: `/notices/${encodeURIComponent(notice.id)}/print`,
      board: `/councils/${encodeURIComponent(notice.council_id)}/notices`,
    },
  };
}

export function noticesApiRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/councils/:councilId/notices',
    { schema: listNoticesSchema, config: { access: ['public'] } },
    async (request) => {
      const { councilId } = request.params;
      const groupId = request.query.group;
      const council = await findCouncilById(deps.db, councilId);
      if (!council) throw new AppError('not-found', `council ${councilId} does not exist`, { subject: councilId });
      if (groupId !== undefined) {
        const group = await findGroupById(deps.db, groupId);
        if (!group || group.council_id !== councilId)
          throw new AppError('group-not-found', `group ${groupId} is not one of council ${councilId}'s`);
      }
      const notices = await listNotices(deps.db, groupId === undefined ? { councilId } : { councilId, groupId });
      return { councilId, council: { ky: council.name_ky, ru: council.name_ru }, notices: notices.map(noticeView) };
    },
  );

  app.get('/api/notices/:noticeId', { schema: getNoticeSchema, config: { access: ['public'] } }, async (request) => {
    const notice = await findNoticeById(deps.db, request.params.noticeId);
    if (!notice)
      throw new AppError('not-found', `notice ${request.params.noticeId} does not exist`, {
        subject: request.params.noticeId,
      });
    return noticeView(notice);
  });
}
