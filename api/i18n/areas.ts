// The catalogues of the signed-in areas, merged into MESSAGES (messages.ts). Add an area's catalogue here.
import { commonMessages } from './common';
import { actsMessages } from './acts';
import { accountsMessages } from './accounts';
import { formationMessages } from './formation';
import { dashboardMessages } from './dashboard';
import { councilsMessages } from './councils';
import { personsMessages } from './persons';

const areas = [
  commonMessages,
  accountsMessages,
  formationMessages,
  dashboardMessages,
  actsMessages,
  councilsMessages,
  personsMessages,
] as const;

type Merge<T extends readonly { ky: object }[]> = T extends readonly [
  infer H extends { ky: object },
  ...infer R extends readonly { ky: object }[],
]
  ? H['ky'] & Merge<R>
  : unknown;
type AreaCatalogue = Readonly<Merge<typeof areas>>;

function merge(lang: 'ky' | 'ru' | 'en'): AreaCatalogue {
  return Object.assign({}, ...areas.map((a) => a[lang])) as AreaCatalogue;
}

export const AREA_CATALOGUES = { ky: merge('ky'), ru: merge('ru'), en: merge('en') };
