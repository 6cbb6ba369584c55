// GET /councils/:councilId/notices: the public notice board, newest first, in the page's language.
import { findCouncilById } from '../../db/councils';
import { listNotices } from '../../db/notices';
import type { App, AppDeps } from '../app-types';
import { msg } from '../ui/messages';
import { html } from '../ui/html';
import { layout } from '../ui/layout';
import { noticeText, paragraphs, publishedDay } from './notice-text';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { councilSite } from './site-context';

export function noticeBoardPage(app: App, deps: AppDeps): void {
  app.get(
    '/councils/:councilId/notices',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { councilId } = request.params as { councilId: string };
      const page = pageRequest(request, `/councils/${encodeURIComponent(councilId)}/notices`);
      const council = await findCouncilById(deps.db, councilId);
      if (!council) return sendNotFound(reply, page);
      const lang = page.lang;
      const notices = await listNotices(deps.db, { councilId });
      const body = html`<p class="muted">${msg(lang, 'notices.textNote')} <a href="${`${page.path}.atom`}" type="application/atom+xml">${msg(lang, 'notices.feed')}</a></p>
${notices.length === 0 ? html`<p>${msg(lang, 'notices.empty')}</p>` : ''}
${notices.map((n) => {
  const shown = noticeText(n, lang);
  return html`<article>
<p class="muted">${msg(lang, 'notices.published')}: ${publishedDay(n, lang)}</p>
${paragraphs(shown.text, shown.lang)}
<p class="noprint"><a href="${`/notices/${encodeURIComponent(n.id)}/print?lang=${lang}`}">${msg(lang, 'notices.print')}</a></p>
</article>`;
})}`;
      const head = html`<link rel="alternate" type="application/atom+xml" href="${`${page.path}.atom`}">`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(lang, 'notices.title'), body, { head, site: await councilSite(deps.db, lang, council) }),
      );
    },
  );
}
