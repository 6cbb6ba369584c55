// Which text of a bilingual notice a page shows: Kyrgyz on ky pages, Russian on ru and en pages (notices exist
// only in the two state languages), and the date it was published, in Bishkek.
import type { Notice } from '../../db/notices';
import { formatDay } from '../../domain/calendar-format';
import { bishkekDateOf } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';
import { html, type Html } from '../ui/html';

export function noticeText(notice: Notice, lang: Lang): { text: string; lang: 'ky' | 'ru' } {
  return lang === 'ky' ? { text: notice.text_ky, lang: 'ky' } : { text: notice.text_ru, lang: 'ru' };
}

export function publishedDay(notice: Notice, lang: Lang): string {
  return formatDay(lang, bishkekDateOf(notice.published_at.getTime()));
}

/** Paragraphs of a notice text (blank lines separate them, single line breaks kept). */
export function paragraphs(text: string, lang: 'ky' | 'ru'): Html {
  return html`${text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map(
      (p) =>
        html`<p lang="${lang}">${p.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}</p>`,
    )}`;
}
