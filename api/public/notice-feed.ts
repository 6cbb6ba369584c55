// GET /councils/:councilId/notices.atom: the notice board as an Atom feed. One entry per notice carrying both
// state-language texts (Kyrgyz first, then Russian, each marked with its lang), so a reader in either language
// gets every notice once; the entry title is the Kyrgyz text's first line, the link the printable page.
import { Feed } from 'feed';
import { findCouncilById } from '../../db/councils';
import { listNotices } from '../../db/notices';
import type { App, AppDeps } from '../app-types';
import { msg } from '../ui/messages';
import { escapeHtml } from '../ui/html';
import { pageRequest, origin, sendNotFound } from '../ui/respond';

const TITLE_LENGTH = 100;

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

export function noticeFeed(app: App, deps: AppDeps): void {
  app.get(
    '/councils/:councilId/notices.atom',
    { schema: { hide: true }, config: { access: ['public'] } },
    async (request, reply) => {
      const { councilId } = request.params as { councilId: string };
      const boardPath = `/councils/${encodeURIComponent(councilId)}/notices`;
      const council = await findCouncilById(deps.db, councilId);
      if (!council) return sendNotFound(reply, pageRequest(request, boardPath));
      const base = origin(request, deps.config);
      const notices = await listNotices(deps.db, { councilId });
      const feed = new Feed({
        id: `${base}${boardPath}`,
        title: `${msg('ky', 'notices.title')}: ${council.name_ky} / ${council.name_ru}`,
        language: 'ky',
        link: `${base}${boardPath}`,
        feedLinks: { atom: `${base}${boardPath}.atom` },
        updated: notices[0]?.published_at ?? council.registered_at,
        generator: false,
        copyright: `${council.name_ky}`,
      });
      for (const n of notices) {
        const link = `${base}/notices/${encodeURIComponent(n.id)}/print`;
        feed.addItem({
          id: `urn:jmeg:notice:${n.id}`,
          // The feed library marks titles type="html": escaped here so stored text is shown as text, never markup.
          title: escapeHtml(firstLine(n.text_ky) || firstLine(n.text_ru)),
          link,
          date: n.published_at,
          published: n.published_at,
          content: `<div lang="ky">${escapeHtml(n.text_ky).replace(/\n/g, '<br>')}</div><hr><div lang="ru">${escapeHtml(n.text_ru).replace(/\n/g, '<br>')}</div>`,
        });
      }
      return reply.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },
  );
}
