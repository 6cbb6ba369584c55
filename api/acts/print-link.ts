// The address of an issued act's A4 print page (print-page.ts), linked from the act's public and staff pages.
import type { Lang } from '../../domain/i18n';

export const actPrintHref = (actId: string, lang: Lang): string =>
  `/acts/${encodeURIComponent(actId)}/print?lang=${lang}`;
