// The membership page's form for the council's decision adding a member over the term (5.4.5 with 5.4.2-5.4.4): how a
// composition adopted short of a 5.2.3 category share is brought within it, since a replacement (5.4.8) comes from the
// departed member's category. One member per submission; members the same decision adds share its number and date.
import type { Lang } from '../../domain/i18n';
import { CATEGORY_WORDS, NOMINATION_CLAUSE } from '../../domain/term-membership';
import { Strict } from '../schemas';
import { html, type Html } from '../ui/html';
import { labelledInput, labelledSelect, option, postForm } from '../ui/form-fields';
import { formText } from '../ui/form-schema';
import type { PageRequest } from '../ui/layout';

const S = formText;
export const AdditionForm = Strict({
  _csrf: S(200),
  decisionNumber: S(100),
  decisionDate: S(20),
  category: S(40),
  ref: S(500),
  date: S(20),
  participants: S(6),
  votesFor: S(6),
  fullName: S(200),
  sex: S(2),
  birthDate: S(10),
  village: S(200),
});

type Words = { ky: string; ru: string; en: string };
export const ADDITION_WORDS = {
  title: {
    ky: 'Кеңештин мүчө кошуу чечими (5.4.5)',
    ru: 'Решение кенеша о добавлении члена (5.4.5)',
    en: "The council's decision adding a member (5.4.5)",
  },
  hint: {
    ky: 'Алмаштыруу ошол эле категориядан болгондуктан (5.4.8), категориянын үлүшү (5.2.3) кеңештин мүчө кошуу чечими менен гана толукталат. Ар бир мүчөнү өз категориясынын жолу көрсөтөт: муниципалдык кызматчыны аткаруу органынын башчысы (5.4.2), депутатты кеңештин төрагасы (5.4.3), коомдоштуктун мүчөсүн коомдоштуктун жыйынынын протоколу көпчүлүк добуш менен (5.4.4). Бир чечим кошкон ар бир мүчөнү ошол эле номер жана күн менен өз-өзүнчө каттаңыз; топ так сандуу жана 15тен ашпаган бойдон калышы керек (5.2.1).',
    ru: 'Замена производится из той же категории (5.4.8), поэтому недостающая доля категории (5.2.3) восполняется только решением кенеша о добавлении членов. Каждого выдвигают по пути его категории: муниципального служащего — руководитель исполнительного органа (5.4.2), депутата — председатель кенеша (5.4.3), представителя сообщества — протокол схода большинством голосов (5.4.4). Каждого члена, добавленного одним решением, записывайте отдельно с тем же номером и датой; число членов должно остаться нечётным и не больше 15 (5.2.1).',
    en: "A replacement comes from the same category (5.4.8), so a category short of its share (5.2.3) is made up only by the council's decision adding members. Each is named through their category's route: a municipal employee by the head of the executive body (5.4.2), a deputy by the council chair (5.4.3), a citizen by a community gathering's protocol with a majority (5.4.4). Record each member one decision adds separately, with its number and date; the group must stay an odd size of at most 15 (5.2.1).",
  },
  category: { ky: 'Категория', ru: 'Категория', en: 'Category' },
  decisionNumber: { ky: 'Кеңештин чечиминин номери', ru: 'Номер решения кенеша', en: "Council's decision number" },
  decisionDate: { ky: 'Кеңештин чечиминин күнү', ru: 'Дата решения кенеша', en: "Council's decision date" },
  ref: {
    ky: 'Көрсөтүү документи (буйрук, бекитүү, протокол)',
    ru: 'Документ выдвижения (распоряжение, утверждение, протокол)',
    en: 'Nomination document (order, approval, protocol)',
  },
  date: { ky: 'Көрсөтүү күнү', ru: 'Дата выдвижения', en: 'Nomination date' },
  participants: {
    ky: 'Коомдоштуктун жыйынынын катышуучулары (коомдоштуктун мүчөсү үчүн)',
    ru: 'Участников схода (для представителя сообщества)',
    en: "Gathering's participants (for a citizen)",
  },
  votesFor: {
    ky: 'Жактап добуш (коомдоштуктун мүчөсү үчүн)',
    ru: 'Голосов «за» (для представителя сообщества)',
    en: 'Votes for (for a citizen)',
  },
  fullName: { ky: 'Аты-жөнү', ru: 'ФИО', en: 'Full name' },
  sex: { ky: 'Жынысы (M/F)', ru: 'Пол (M/F)', en: 'Sex (M/F)' },
  birthDate: { ky: 'Туулган күнү', ru: 'Дата рождения', en: 'Birth date' },
  village: { ky: 'Айылы', ru: 'Село', en: 'Village' },
  submit: { ky: 'Каттоо', ru: 'Записать', en: 'Record' },
} satisfies Record<string, Words>;

const CATS = ['municipal_employee', 'deputy', 'citizen'] as const;

const field = (lang: Lang, name: string, label: Words, type = 'text', required = true): Html =>
  labelledInput(label[lang], name, type, { id: `add-${name}`, required });

export function additionForm(page: PageRequest, action: string): Html {
  const lang = page.lang;
  const W = ADDITION_WORDS;
  const categories = CATS.map((c) => option(c, `${CATEGORY_WORDS[c][lang]} (${NOMINATION_CLAUSE[c]})`));
  return html`<section aria-labelledby="add"><h2 id="add">${W.title[lang]}</h2>
<p class="muted">${W.hint[lang]}</p>
${postForm(
  page,
  `${action}?lang=${lang}`,
  html`${field(lang, 'decisionNumber', W.decisionNumber)}${field(lang, 'decisionDate', W.decisionDate, 'date')}
${labelledSelect(W.category[lang], 'category', categories, { id: 'add-category' })}
${field(lang, 'ref', W.ref)}${field(lang, 'date', W.date, 'date')}
${field(lang, 'participants', W.participants, 'number', false)}${field(lang, 'votesFor', W.votesFor, 'number', false)}
${field(lang, 'fullName', W.fullName)}${field(lang, 'sex', W.sex)}${field(lang, 'birthDate', W.birthDate, 'text', false)}${field(lang, 'village', W.village, 'text', false)}`,
  W.submit[lang],
)}</section>`;
}
