// GET /: the first page anyone opens. The councils this installation serves, each with its notice board, its groups
// (the one in office or in formation first) with their composition and acts, and the deadline calculator; and the
// way in for staff, deputies and the group's people. Public: names of councils and dates of groups only.
import { listCouncils } from '../../db/councils';
import { listGroups } from '../../db/groups';
import type { App, AppDeps } from '../app-types';
import { html } from '../ui/html';
import { councilNameIn, layout } from '../ui/layout';
import { msg } from '../ui/messages';
import { pageRequest, sendPage } from '../ui/respond';
import { groupLabel } from './site-context';

export function homePage(app: App, deps: AppDeps): void {
  app.get('/', { schema: { hide: true }, config: { access: ['public'], page: true } }, async (request, reply) => {
    const page = pageRequest(request, '/');
    const lang = page.lang;
    const q = `?lang=${lang}`;
    const councils = await listCouncils(deps.db);
    const items = await Promise.all(
      councils.map(async (council) => {
        const c = encodeURIComponent(council.id);
        const name = councilNameIn(lang, { ky: council.name_ky, ru: council.name_ru });
        const other = lang === 'ky' ? { text: council.name_ru, lang: 'ru' } : { text: council.name_ky, lang: 'ky' };
        const groups = (await listGroups(deps.db, council.id)).reverse();
        const headingId = `council-${council.id}`;
        return html`<li><section aria-labelledby="${headingId}">
<h2 id="${headingId}">${name}</h2>
<p class="muted" lang="${other.lang}">${other.text}</p>
<ul>
<li><a href="/councils/${c}/notices${q}">${msg(lang, 'notices.title')}</a></li>
${
  groups.length === 0
    ? html`<li>${msg(lang, 'public.home.noGroup')}</li>`
    : groups.map((g) => {
        const id = encodeURIComponent(g.id);
        return html`<li>${groupLabel(lang, g)}: <a href="/groups/${id}/composition${q}">${msg(lang, 'public.nav.composition')}</a> · <a href="/groups/${id}/acts${q}">${msg(lang, 'public.nav.acts')}</a></li>`;
      })
}
<li><a href="/deadline${q}">${msg(lang, 'public.nav.deadline')}</a></li>
</ul>
</section></li>`;
      }),
    );
    const body = html`<p>${msg(lang, 'public.home.intro')}</p>
${councils.length === 0 ? html`<p>${msg(lang, 'public.home.none')}</p>` : html`<ul class="councils">${items}</ul>`}
<p><a href="/login${q}">${msg(lang, 'public.home.login')}</a></p>`;
    return sendPage(reply, page, 200, layout(page, msg(lang, 'public.home.title'), body));
  });
}
