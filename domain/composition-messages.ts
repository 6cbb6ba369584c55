// Texts of the composition check (5.2.1, 5.2.3, 5.4.6) in Kyrgyz, Russian and English.
import type { IsoDate } from './dates';
import type { Localized } from './i18n';
import { count, dmy, localize, num, percent } from './messages';
import type { Noun } from './messages';
import { MAX_GROUP_SIZE, MIN_GROUP_SIZE, ONE_SEX_MAX_SHARE, sharePercent, type Share } from './regulation';
import { CATEGORY_LABELS } from './roster';
import type { Category, Sex } from './roster';

export type MemberRef = { index: number; fullName: string };

/** "№ 3 Асанов Бакыт": the member's 1-based place in the list and name. */
function who(m: MemberRef): string {
  return `№ ${m.index + 1} ${m.fullName}`;
}

const sexNoun = (sex: Sex): Noun => sex;

/** n × share as a (possibly fractional) number, for the arithmetic shown to the user. */
const shareValue = (n: number, share: Share): number => (n * share.numerator) / share.denominator;

export const compositionMessages = {
  'size-even': (p: { size: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Топто ${count(l, 'member', p.size)} — жуп сан; 5.2.1 боюнча мүчөлөрдүн саны так болушу керек (${MIN_GROUP_SIZE}тен ${MAX_GROUP_SIZE}ке чейин).`,
          ru: `В группе ${count(l, 'member', p.size)} — чётное число; по 5.2.1 число членов должно быть нечётным (от ${MIN_GROUP_SIZE} до ${MAX_GROUP_SIZE}).`,
          en: `The group has ${count(l, 'member', p.size)}, an even number; 5.2.1 requires an odd number (${MIN_GROUP_SIZE} to ${MAX_GROUP_SIZE}).`,
        })[l],
    ),
  'size-too-small': (p: { size: number; min: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Топто ${count(l, 'member', p.size)}; 5.2.1 боюнча кеминде ${p.min} мүчө болушу керек.`,
          ru: `В группе ${count(l, 'member', p.size)}; по 5.2.1 их должно быть не менее ${p.min}.`,
          en: `The group has ${count(l, 'member', p.size)}; 5.2.1 requires at least ${p.min}.`,
        })[l],
    ),
  'size-too-large': (p: { size: number; max: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Топто ${count(l, 'member', p.size)}; 5.2.1 боюнча ${p.max} мүчөдөн ашпашы керек.`,
          ru: `В группе ${count(l, 'member', p.size)}; по 5.2.1 их должно быть не более ${p.max}.`,
          en: `The group has ${count(l, 'member', p.size)}; 5.2.1 allows at most ${p.max}.`,
        })[l],
    ),
  'member-under-18': (p: { member: MemberRef; birthDate: string; turns18: IsoDate; on: IsoDate }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${who(p.member)} (туулган күнү ${p.birthDate}): ${dmy(p.turns18)} күнү 18 жашка толот, бул ${dmy(p.on)} күнүнөн кийин; 5.2.1 боюнча мүчөлөр 18 жашка чыккан болушу керек.`,
          ru: `${who(p.member)} (дата рождения ${p.birthDate}): 18 лет исполнится ${dmy(p.turns18)}, позже ${dmy(p.on)}; по 5.2.1 члены группы должны достичь 18 лет.`,
          en: `${who(p.member)} (born ${p.birthDate}) turns 18 on ${dmy(p.turns18)}, after ${dmy(p.on)}; 5.2.1 requires members aged 18 or over.`,
        })[l],
    ),
  'member-age-undetermined': (p: {
    member: MemberRef;
    birthDate: string;
    from: IsoDate;
    to: IsoDate;
    on: IsoDate;
  }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${who(p.member)}: туулган жылы гана көрсөтүлгөн (${p.birthDate}); ал ${dmy(p.from)} жана ${dmy(p.to)} аралыгында 18 жашка толот, ошондуктан ${dmy(p.on)} күнү 18 жашка чыкканын аныктоо мүмкүн эмес (5.2.1). Толук туулган күнүн жазыңыз (КК.АА.ЖЖЖЖ).`,
          ru: `${who(p.member)}: указан только год рождения (${p.birthDate}); 18 лет исполняется между ${dmy(p.from)} и ${dmy(p.to)}, поэтому нельзя установить, было ли 18 лет на ${dmy(p.on)} (5.2.1). Укажите полную дату рождения (ДД.ММ.ГГГГ).`,
          en: `${who(p.member)}: only the birth year is given (${p.birthDate}); they turn 18 between ${dmy(p.from)} and ${dmy(p.to)}, so whether they were 18 on ${dmy(p.on)} cannot be told (5.2.1). Enter the full birth date (DD.MM.YYYY).`,
        })[l],
    ),
  'municipal-employees-below-quota': (p: { size: number; required: number; found: number }): Localized =>
    belowQuarter('municipal_employee', p),
  'deputies-below-quota': (p: { size: number; required: number; found: number }): Localized =>
    belowQuarter('deputy', p),
  'deputies-above-quarter': (p: { size: number; max: number; found: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Депутаттар ${p.found}: 5.2.3 боюнча курамдын 1/4 бөлүгү депутаттар (${p.size} × 1/4 = ${num(l, p.size / 4)}${p.size % 4 === 0 ? '' : `, жогору карай тегеректелгенде ${p.max}`}). Бул эскертүү гана: текстте "кем эмес" деп айтылган эмес, бирок ашыкча депутаттар жарандардын ордун ээлейт.`,
          ru: `Депутатов ${p.found}: по 5.2.3 депутаты составляют 1/4 состава (${p.size} × 1/4 = ${num(l, p.size / 4)}${p.size % 4 === 0 ? '' : `, с округлением вверх ${p.max}`}). Это только предупреждение: в тексте нет слов «не менее», но лишние депутаты занимают места граждан.`,
          en: `${count(l, 'deputy', p.found)}: under 5.2.3 deputies make up 1/4 of the group (${p.size} × 1/4 = ${num(l, p.size / 4)}${p.size % 4 === 0 ? '' : `, rounded up ${p.max}`}). Only a warning: the text does not say "at least", but extra deputies take places of citizens.`,
        })[l],
    ),
  'citizens-below-half': (p: { size: number; required: number; found: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${count(l, 'citizen', p.found)}; 5.2.3 боюнча курамдын жарымынан кем эмеси жарандардын өкүлдөрү: ${p.size} × 1/2 = ${num(l, p.size / 2)} → кеминде ${count(l, 'citizen', p.required)}.`,
          ru: `${count(l, 'citizen', p.found)}; по 5.2.3 не менее половины состава — представители граждан: ${p.size} × 1/2 = ${num(l, p.size / 2)} → не менее ${p.required}.`,
          en: `${count(l, 'citizen', p.found)}; under 5.2.3 at least half of the group are representatives of citizens: ${p.size} × 1/2 = ${num(l, p.size / 2)} → at least ${p.required}.`,
        })[l],
    ),
  'one-sex-over-70-percent': (p: { size: number; sex: Sex; found: number; max: number }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${p.size} мүчөнүн ичинен ${count(l, sexNoun(p.sex), p.found)} (${percent(l, p.found / p.size)}); 5.2.3 боюнча бир жыныстагы адамдар курамдын ${sharePercent(ONE_SEX_MAX_SHARE)}% ашпашы керек: ${p.size} × ${sharePercent(ONE_SEX_MAX_SHARE)}% = ${num(l, shareValue(p.size, ONE_SEX_MAX_SHARE))} → эң көп ${p.max}.`,
          ru: `Из ${p.size} членов — ${count(l, sexNoun(p.sex), p.found)} (${percent(l, p.found / p.size)}); по 5.2.3 лица одного пола не должны превышать ${sharePercent(ONE_SEX_MAX_SHARE)}% состава: ${p.size} × ${sharePercent(ONE_SEX_MAX_SHARE)}% = ${num(l, shareValue(p.size, ONE_SEX_MAX_SHARE))} → не более ${p.max}.`,
          en: `${count(l, sexNoun(p.sex), p.found)} of ${p.size} members (${percent(l, p.found / p.size)}); 5.2.3: persons of one sex must not exceed ${sharePercent(ONE_SEX_MAX_SHARE)}% of the group: ${p.size} × ${sharePercent(ONE_SEX_MAX_SHARE)}% = ${num(l, shareValue(p.size, ONE_SEX_MAX_SHARE))} → at most ${p.max}.`,
        })[l],
    ),
  'chair-not-member': (p: { chair: string }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Төрага "${p.chair}" мүчөлөрдүн тизмесинде жок; 5.4.6 боюнча төрага жарандардын өкүлү болгон мүчөлөрдүн ичинен шайланат.`,
          ru: `Председателя «${p.chair}» нет в списке членов; по 5.4.6 председатель избирается из членов — представителей граждан.`,
          en: `The chair "${p.chair}" is not in the list of members; 5.4.6: the chair is elected from the members representing citizens.`,
        })[l],
    ),
  'chair-not-citizen': (p: { member: MemberRef; category: Category }): Localized =>
    localize(
      (l) =>
        ({
          ky: `Төрага ${who(p.member)} — ${CATEGORY_LABELS[p.category].ky}; 5.4.6 боюнча төрага жарандардын жана алардын бирикмелеринин өкүлдөрүнүн ичинен шайланат.`,
          ru: `Председатель ${who(p.member)} — ${CATEGORY_LABELS[p.category].ru}; по 5.4.6 председатель избирается из представителей граждан и их объединений.`,
          en: `The chair ${who(p.member)} is a ${CATEGORY_LABELS[p.category].en}; 5.4.6: the chair is elected from the representatives of citizens and their associations.`,
        })[l],
    ),
  'duplicate-person': (p: { member: MemberRef; other: MemberRef; birthDate: string }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${who(p.other)} жана ${who(p.member)} — бир эле адам (туулган күнү ${p.birthDate}); мүчөлөрдүн саны (5.2.1) адамдар боюнча эсептелет.`,
          ru: `${who(p.other)} и ${who(p.member)} — один и тот же человек (дата рождения ${p.birthDate}); число членов (5.2.1) считается по людям.`,
          en: `${who(p.other)} and ${who(p.member)} are the same person (born ${p.birthDate}); the group's size (5.2.1) counts persons.`,
        })[l],
    ),
  'same-name': (p: { member: MemberRef; other: MemberRef; birthDate: string; otherBirthDate: string }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${who(p.other)} (${p.otherBirthDate}) жана ${who(p.member)} (${p.birthDate}) аты-жөнү бирдей, туулган күндөрү башка; булар эки башка адам экенин текшериңиз.`,
          ru: `У ${who(p.other)} (${p.otherBirthDate}) и ${who(p.member)} (${p.birthDate}) одинаковые ФИО, но разные даты рождения; проверьте, что это два разных человека.`,
          en: `${who(p.other)} (${p.otherBirthDate}) and ${who(p.member)} (${p.birthDate}) have the same name but different birth dates; check that they are two different people.`,
        })[l],
    ),
  'duplicate-phone': (p: { member: MemberRef; other: MemberRef; phone: string }): Localized =>
    localize(
      (l) =>
        ({
          ky: `${who(p.other)} жана ${who(p.member)} бир эле телефон номерин көрсөткөн (${p.phone}); ар бир мүчөнүн өз номери болушу керек, эскертмелер ошол номерге жөнөтүлөт.`,
          ru: `У ${who(p.other)} и ${who(p.member)} один и тот же номер телефона (${p.phone}); у каждого члена должен быть свой номер, на него приходят уведомления.`,
          en: `${who(p.other)} and ${who(p.member)} give the same phone number (${p.phone}); each member needs their own number, notices go to it.`,
        })[l],
    ),
} as const;

export type CompositionFindingCode = keyof typeof compositionMessages;

function belowQuarter(
  category: 'municipal_employee' | 'deputy',
  p: { size: number; required: number; found: number },
): Localized {
  const item = category === 'municipal_employee' ? '(1)' : '(2)';
  const exact = p.size % 4 === 0;
  return localize(
    (l) =>
      ({
        ky: `${count(l, category, p.found)}; 5.2.3${item} боюнча курамдын 1/4 бөлүгү: ${p.size} × 1/4 = ${num(l, p.size / 4)} → кеминде ${count(l, category, p.required)}${exact ? '' : ' (төмөн карай тегеректелди)'}.`,
        ru: `${count(l, category, p.found)}; по 5.2.3${item} — 1/4 состава: ${p.size} × 1/4 = ${num(l, p.size / 4)} → не менее ${p.required}${exact ? '' : ' (с округлением вниз)'}.`,
        en: `${count(l, category, p.found)}; 5.2.3${item}: 1/4 of the group: ${p.size} × 1/4 = ${num(l, p.size / 4)} → at least ${p.required}${exact ? '' : ' (rounded down)'}.`,
      })[l],
  );
}

type ArithmeticRule =
  'municipal-employees-min' | 'deputies-min' | 'deputies-max' | 'citizens-min' | 'women-max' | 'men-max';

/** One line of the quota arithmetic, e.g. "n = 13: 13 × 1/4 = 3.25 → at least 3 municipal employees (rounded down); found 2". */
export function arithmeticText(rule: ArithmeticRule, n: number, required: number, actual: number): Localized {
  return localize((l) => {
    const found = { ky: `тизмеде ${actual}`, ru: `в списке ${actual}`, en: `found ${actual}` }[l];
    const quarter = `n = ${n}: ${n} × 1/4 = ${num(l, n / 4)}`;
    const down =
      n % 4 === 0 ? '' : { ky: ' (төмөн карай тегеректелди)', ru: ' (округление вниз)', en: ' (rounded down)' }[l];
    switch (rule) {
      case 'municipal-employees-min':
      case 'deputies-min': {
        const noun = rule === 'deputies-min' ? 'deputy' : 'municipal_employee';
        return {
          ky: `${quarter} → кеминде ${count(l, noun, required)}${down}; ${found}`,
          ru: `${quarter} → минимум ${count(l, noun, required)}${down}; ${found}`,
          en: `${quarter} → at least ${count(l, noun, required)}${down}; ${found}`,
        }[l];
      }
      case 'deputies-max': {
        const rounded = n % 4 !== 0;
        return {
          ky: `${quarter} → эң көп ${count(l, 'deputy', required)} (${rounded ? 'жогору карай тегеректелди; ' : ''}ашса — эскертүү гана); ${found}`,
          ru: `${quarter} → максимум ${count(l, 'deputy', required)} (${rounded ? 'округление вверх; ' : ''}больше — только предупреждение); ${found}`,
          en: `${quarter} → at most ${count(l, 'deputy', required)} (${rounded ? 'rounded up; ' : ''}more is only a warning); ${found}`,
        }[l];
      }
      case 'citizens-min': {
        const half = `n = ${n}: ${n} × 1/2 = ${num(l, n / 2)}`;
        const note =
          n % 2 === 0
            ? ''
            : {
                ky: ' (так сандын жарымынан кем эмеси — жарымынан көбү)',
                ru: ' (не менее половины нечётного числа — строгое большинство)',
                en: ' (at least half of an odd number is a strict majority)',
              }[l];
        return {
          ky: `${half} → кеминде ${count(l, 'citizen', required)}${note}; ${found}`,
          ru: `${half} → минимум ${count(l, 'citizen', required)}${note}; ${found}`,
          en: `${half} → at least ${count(l, 'citizen', required)}${note}; ${found}`,
        }[l];
      }
      case 'women-max':
      case 'men-max': {
        const noun = rule === 'women-max' ? 'F' : 'M';
        const seventy = `n = ${n}: ${n} × ${sharePercent(ONE_SEX_MAX_SHARE)}% = ${num(l, shareValue(n, ONE_SEX_MAX_SHARE))}`;
        return {
          ky: `${seventy} → эң көп ${count(l, noun, required)}; ${found}`,
          ru: `${seventy} → максимум ${count(l, noun, required)}; ${found}`,
          en: `${seventy} → at most ${count(l, noun, required)}; ${found}`,
        }[l];
      }
    }
  });
}
export type { ArithmeticRule };

/** The rounding this software applies to 5.2.3, stated once for the user. */
export const ROUNDING_RULE: Localized = {
  ky:
    'Тегеректөө (5.2.3): чейрек үлүштөр төмөн карай тегеректелет — кеминде ⌊n/4⌋ муниципалдык кызматчы жана кеминде ⌊n/4⌋ депутат; ' +
    'депутаттар ⌈n/4⌉ ашса — эскертүү гана (текстте "1/4" деп айтылат, "кем эмес" деп эмес). Жарандардын өкүлдөрү "жарымынан кем эмес": так санда бул жарымынан көбү, кеминде ⌊n/2⌋+1. ' +
    'Чейректерди жогору карай тегеректөө мүмкүн эмес: 5тен 15ке чейинки ар бир так сан үчүн ⌈n/4⌉ + ⌈n/4⌉ + (⌊n/2⌋+1) n санынан ашат (13 үчүн 4 + 4 + 7 = 15). ' +
    'Бир жыныстагы адамдар: 70 пайыздан ашпайт, башкача айтканда эң көп ⌊0,7·n⌋ адам (саны × 10 ≤ n × 7).',
  ru:
    'Округление (5.2.3): четвертные доли округляются вниз — не менее ⌊n/4⌋ муниципальных служащих и не менее ⌊n/4⌋ депутатов; ' +
    'больше ⌈n/4⌉ депутатов — только предупреждение (в тексте «1/4», а не «не менее»). Представителей граждан «не менее половины»: для нечётного n это строгое большинство, не менее ⌊n/2⌋+1. ' +
    'Округлить четверти вверх невозможно: для каждого нечётного n от 5 до 15 ⌈n/4⌉ + ⌈n/4⌉ + (⌊n/2⌋+1) больше n (для 13: 4 + 4 + 7 = 15). ' +
    'Один пол: не более 70%, то есть не более ⌊0,7·n⌋ человек (число × 10 ≤ n × 7).',
  en:
    'Rounding (5.2.3): the quarter quotas are rounded down — at least ⌊n/4⌋ municipal employees and at least ⌊n/4⌋ council deputies; ' +
    'more than ⌈n/4⌉ deputies is only a warning (the text says "1/4", not "at least"). Representatives of citizens "at least half": for an odd n that is a strict majority, at least ⌊n/2⌋+1. ' +
    'Rounding the quarters up is impossible: for every odd n from 5 to 15, ⌈n/4⌉ + ⌈n/4⌉ + (⌊n/2⌋+1) exceeds n (for 13: 4 + 4 + 7 = 15). ' +
    'One sex: at most 70%, i.e. at most ⌊0.7·n⌋ persons (count × 10 ≤ n × 7).',
};

/** How age 18 is decided (5.2.1), stated once for the user. */
export const AGE_RULE: Localized = {
  ky:
    'Курак (5.2.1): мүчө текшерүү күнү 18 жашка толгон болушу керек (18 жаштын туулган күнү ошол күнү же андан мурун). ' +
    '29-февралда туулгандар 18 жашка 1-мартта толот (кибиса жылдан 18 жыл өткөндөгү жыл кибиса эмес). Туулган жылы гана берилсе: ошол жылдын 31-декабрында туулган деп алганда да 18 толсо — туура; 1-январда туулган деп алганда да толбосо — бузуу; болбосо эскертүү.',
  ru:
    'Возраст (5.2.1): на дату проверки члену должно исполниться 18 лет (18-летие в этот день или раньше). ' +
    'Родившимся 29 февраля 18 лет исполняется 1 марта (через 18 лет после високосного года год всегда невисокосный). Если указан только год: 18 лет есть, даже если родился 31 декабря — в порядке; нет, даже если 1 января — нарушение; иначе предупреждение.',
  en:
    'Age (5.2.1): a member must have turned 18 on the reference date (18th birthday on or before it). ' +
    'Someone born on 29 February turns 18 on 1 March (18 years after a leap year is never a leap year). With a birth year only: 18 even if born on 31 December — fine; under 18 even if born on 1 January — a violation; otherwise a warning.',
};
