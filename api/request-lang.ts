// The request's language: ?lang= when it names one of ours, else the language the visitor picked before (the
// LANG_COOKIE, set by api/auth/auth-plugin.ts whenever a page is asked for with ?lang=), else the best of
// Accept-Language, else Kyrgyz.
import { isLang, type Lang } from '../domain/i18n';

/** Picks ky, ru or en from an Accept-Language header by its q weights; null when none of them is asked for. */
export function langFromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  const asked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return {
        primary: tag.trim().toLowerCase().split('-')[0] ?? '',
        weight: Number.isFinite(weight) ? weight : 0,
        index,
      };
    })
    .filter((a) => a.weight > 0 && isLang(a.primary))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const best = asked[0];
  return best && isLang(best.primary) ? best.primary : null;
}

export const LANG_COOKIE = 'jmeg_lang';
const LANG_COOKIE_VALUE = /(?:^|;)\s*jmeg_lang=([a-z]{2})\s*(?:;|$)/;

/** The language the visitor picked before, from the Cookie header; null without one of ours. */
function langFromCookie(header: string | string[] | undefined): Lang | null {
  const value = LANG_COOKIE_VALUE.exec(Array.isArray(header) ? header.join(';') : (header ?? ''))?.[1];
  return value !== undefined && isLang(value) ? value : null;
}

export function requestLang(request: { query: unknown; headers: Record<string, string | string[] | undefined> }): Lang {
  const query = request.query as Record<string, unknown> | null | undefined;
  const lang = query && typeof query.lang === 'string' ? query.lang : undefined;
  if (lang !== undefined && isLang(lang)) return lang;
  const picked = langFromCookie(request.headers.cookie);
  if (picked !== null) return picked;
  const header = request.headers['accept-language'];
  return langFromAcceptLanguage(Array.isArray(header) ? header.join(',') : header) ?? 'ky';
}
