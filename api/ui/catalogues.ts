// The catalogues of the signed-in areas, merged into MESSAGES (messages.ts), with the obligation texts that the
// pages share with the mails and the CLI (domain/obligation-messages.ts). Add an area's catalogue here.
import { obligationMessages } from '../../domain/obligation-messages';
import { commonMessages } from './common-messages';
import { actsMessages } from '../acts/messages';
import { accountsMessages } from '../accounts/messages';
import { formationMessages } from '../formation/messages';
import { dashboardMessages } from '../dashboard/messages';
import { councilsMessages } from '../councils/messages';
import { personsMessages } from '../persons/messages';
import { publicMessages } from '../public/messages';
import { requestsMessages } from '../requests/messages';
import { calculatorMessages } from '../calendar/calculator-messages';
import { listTemplateMessages } from '../formation/list-template-messages';
import { fieldLabelMessages } from './field-label-messages';
import { linksMessages } from '../links/messages';
import { cadenceMessages } from '../councils/cadence-messages';
import { meetingsMessages } from '../meetings/messages';
import { groupsMessages } from '../groups/messages';
import { considerationMessages } from '../recommendations/messages';
import { planMessages } from '../plans/messages';
import { conflictMessages } from '../conflicts/messages';
import { standAsideMessages } from '../meetings/stand-aside-messages';

const areas = [
  commonMessages,
  obligationMessages,
  accountsMessages,
  formationMessages,
  dashboardMessages,
  actsMessages,
  councilsMessages,
  personsMessages,
  publicMessages,
  requestsMessages,
  calculatorMessages,
  listTemplateMessages,
  fieldLabelMessages,
  linksMessages,
  cadenceMessages,
  meetingsMessages,
  groupsMessages,
  considerationMessages,
  planMessages,
  conflictMessages,
  standAsideMessages,
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
