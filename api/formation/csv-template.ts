// GET /formation/list-template.csv?list=…&lang=…: an empty candidate list to fill in a spreadsheet and upload on the
// formation page (csv.ts reads it back): UTF-8 with a byte-order mark so spreadsheets open it as such, the header in
// the page's language (domain/roster.ts COLUMN_HEADERS), `;` for Kyrgyz and Russian (what spreadsheets set to those
// locales expect) and `,` for English. No personal data: public, like the calculator.
import { isLang, type Lang } from '../../domain/i18n';
import { templateHeader } from '../../domain/roster';
import type { App } from '../app-types';
import { queryString } from '../ui/respond';

/** The lists a step uploads, and whether the list carries the gathering's votes (5.4.4). */
export const LIST_TEMPLATES = {
  'staff-candidates': { votes: false },
  'deputy-members': { votes: false },
  gathering: { votes: true },
} as const;
export type ListTemplate = keyof typeof LIST_TEMPLATES;

const isListTemplate = (list: string): list is ListTemplate => Object.hasOwn(LIST_TEMPLATES, list);

/** The address of a list's template in a language. */
export const listTemplatePath = (list: ListTemplate, lang: Lang): string =>
  `/formation/list-template.csv?list=${list}&lang=${lang}`;

/** The template's text: the header line in `lang`, nothing else. */
export function listTemplateCsv(list: ListTemplate, lang: Lang): string {
  const separator = lang === 'en' ? ',' : ';';
  return `\uFEFF${templateHeader(lang, { votes: LIST_TEMPLATES[list].votes }).join(separator)}\r\n`;
}

const UNKNOWN: Record<Lang, string> = {
  ky: 'Мындай тизме жок; тизмелер: staff-candidates, deputy-members, gathering',
  ru: 'Такого списка нет; списки: staff-candidates, deputy-members, gathering',
  en: 'No such list; the lists: staff-candidates, deputy-members, gathering',
};

export function csvTemplateRoute(app: App): void {
  app.get(
    '/formation/list-template.csv',
    { schema: { hide: true }, config: { access: ['public'] } },
    async (request, reply) => {
      const langText = queryString(request, 'lang') ?? 'ky';
      const lang: Lang = isLang(langText) ? langText : 'ky';
      const list = queryString(request, 'list') ?? '';
      if (!isListTemplate(list))
        return reply
          .status(400)
          .type('text/plain; charset=utf-8')
          .send(UNKNOWN[lang] + '\n');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${list}-${lang}.csv"`)
        .send(listTemplateCsv(list, lang));
    },
  );
}
