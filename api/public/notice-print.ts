// GET /notices/:noticeId/print: one notice on an A4 sheet for the physical board, both state-language texts,
// the council's name and the date of publication. The headings are in the page's language; only the texts (and the
// council's two names) carry lang="ky" / lang="ru", so a screen reader reads each part in its own language.
import { findCouncilById } from '../../db/councils';
import { findNoticeById } from '../../db/notices';
import type { App, AppDeps } from '../app-types';
import { msg } from '../ui/messages';
import { html } from '../ui/html';
import { layout } from '../ui/layout';
import { paragraphs, publishedDay } from './notice-text';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { PRINT_STYLE } from '../ui/stylesheets';
import { groupSiteById } from './site-context';

export function noticePrintPage(app: App, deps: AppDeps): void {
  app.get(
    '/notices/:noticeId/print',
    { schema: { hide: true }, config: { access: ['public'], page: true } },
    async (request, reply) => {
      const { noticeId } = request.params as { noticeId: string };
      const page = pageRequest(request, `/notices/${encodeURIComponent(noticeId)}/print`);
      const notice = await findNoticeById(deps.db, noticeId);
      const council = notice && (await findCouncilById(deps.db, notice.council_id));
      if (!notice || !council) return sendNotFound(reply, page);
      const lang = page.lang;
      const body = html`<p><strong lang="ky">${council.name_ky}</strong> / <strong lang="ru">${council.name_ru}</strong></p>
<p>${msg(lang, 'notices.published')}: <time datetime="${notice.published_at.toISOString()}">${publishedDay(notice, lang)}</time></p>
<section><h2>${msg(lang, 'print.ky')}</h2>${paragraphs(notice.text_ky, 'ky')}</section>
<section><h2>${msg(lang, 'print.ru')}</h2>${paragraphs(notice.text_ru, 'ru')}</section>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, msg(lang, 'print.title'), body, {
          stylesheet: PRINT_STYLE,
          site: (notice.group_id ? await groupSiteById(deps.db, lang, notice.group_id) : undefined) ?? {
            council: { id: council.id, name: { ky: council.name_ky, ru: council.name_ru } },
            group: null,
          },
        }),
      );
    },
  );
}
