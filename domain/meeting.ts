// Meetings of the group: the quorum (7.2.3), the majority of a vote (5.4.4, 5.4.6) and the cadence of meetings
// per quarter (7.2.2). The shares are in regulation.ts.
import { compareDates, isIsoDate, parseIsoDate } from './dates';
import type { IsoDate } from './dates';
import { DomainError } from './domain-error';
import type { Localized } from './i18n';
import { count, dmy, localize } from './messages';
import { exceedsShare, MAJORITY_SHARE, QUORUM_SHARE, shareFloor } from './regulation';

export type QuorumResult = { total: number; required: number; present: number; met: boolean; text: Localized };

/** "A majority" of those voting or present, as 5.4.4 (gathering candidates) and 5.4.6 (the chair's open vote) use it: more than half. */
export function isMajority(votes: number, of: number): boolean {
  return exceedsShare(votes, of, MAJORITY_SHARE);
}

/** 7.2.3: a meeting is competent when more than half of all members are present: at least ⌊total/2⌋ + 1. */
export function quorum(totalMembers: number, present: number): QuorumResult {
  if (!Number.isInteger(totalMembers) || totalMembers < 1) {
    throw new DomainError('invalid-quorum-input', `totalMembers: ${totalMembers} is not a positive whole number`, {
      field: 'totalMembers',
    });
  }
  if (!Number.isInteger(present) || present < 0) {
    throw new DomainError('invalid-quorum-input', `present: ${present} is not a whole number of 0 or more`, {
      field: 'present',
    });
  }
  if (present > totalMembers) {
    throw new DomainError(
      'invalid-quorum-input',
      `present: ${present} is more than the ${totalMembers} members of the group`,
      { field: 'present' },
    );
  }
  const required = shareFloor(totalMembers, QUORUM_SHARE) + 1;
  const met = present >= required;
  const text = localize(
    (l) =>
      ({
        ky: `Топто ${count(l, 'member', totalMembers)}; жыйналыш жарымынан көбү катышса ыйгарым укуктуу (7.2.3): кеминде ${required}. Катышты ${present} — ${met ? 'кворум бар' : 'кворум жок'}.`,
        ru: `В группе ${count(l, 'member', totalMembers)}; заседание правомочно, если присутствует более половины (7.2.3): минимум ${required}. Присутствуют ${present} — ${met ? 'кворум есть' : 'кворума нет'}.`,
        en: `The group has ${count(l, 'member', totalMembers)}; a meeting is competent when more than half are present (7.2.3): at least ${required}. Present: ${present} — ${met ? 'quorum met' : 'no quorum'}.`,
      })[l],
  );
  return { total: totalMembers, required, present, met, text };
}

/**
 * 7.2.2: the Kyrgyz text says meetings are held "not more than once a quarter" (кварталда бир
 * жолудан көп эмес); "at least once a quarter" is the likelier intent. checkMeetingCadence takes the
 * reading as a parameter; DEFAULT_CADENCE_READING is the literal one. Either way the check only warns.
 */
export type CadenceReading = 'at-most-once-per-quarter' | 'at-least-once-per-quarter';
export const DEFAULT_CADENCE_READING: CadenceReading = 'at-most-once-per-quarter';

export const CADENCE_READINGS: Record<CadenceReading, Localized> = {
  'at-most-once-per-quarter': {
    ky: 'кварталда бир жолудан көп эмес (7.2.2-пункттун кыргызча тексти боюнча)',
    ru: 'не чаще одного раза в квартал (буквально по кыргызскому тексту п. 7.2.2)',
    en: 'at most once a quarter (the literal Kyrgyz text of 7.2.2)',
  },
  'at-least-once-per-quarter': {
    ky: 'кварталда кеминде бир жолу (текстин болжолдуу максаты)',
    ru: 'не реже одного раза в квартал (вероятный замысел текста)',
    en: 'at least once a quarter (the likelier intent of the text)',
  },
};

export type Quarter = { year: number; quarter: 1 | 2 | 3 | 4; start: IsoDate; end: IsoDate };

/** The calendar quarter a date falls in. */
export function quarterOf(date: IsoDate): Quarter {
  const year = Number(date.slice(0, 4));
  const quarter = (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'];
  return quarterByNumber(year, quarter);
}

function quarterByNumber(year: number, quarter: Quarter['quarter']): Quarter {
  const y = String(year).padStart(4, '0');
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = lastMonth === 3 || lastMonth === 12 ? 31 : 30;
  return {
    year,
    quarter,
    start: `${y}-${String(firstMonth).padStart(2, '0')}-01`,
    end: `${y}-${String(lastMonth).padStart(2, '0')}-${lastDay}`,
  };
}

function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4
    ? quarterByNumber(q.year + 1, 1)
    : quarterByNumber(q.year, (q.quarter + 1) as Quarter['quarter']);
}

export type CadenceWarning = {
  code: 'more-than-one-meeting-in-quarter' | 'no-meeting-in-quarter';
  clause: '7.2.2';
  severity: 'warning';
  reading: CadenceReading;
  quarter: Quarter;
  count: number;
  message: Localized;
};

const READING_NOTE: Localized = {
  ky: '7.2.2-пункттун кыргызча тексти "кварталда бир жолудан көп эмес" дейт; "кварталда кеминде бир жолу" деген маани ыктымалыраак. Текшерүү эскертет гана, бөгөттөбөйт.',
  ru: 'Кыргызский текст п. 7.2.2 говорит «не чаще одного раза в квартал»; вероятнее, имелось в виду «не реже одного раза в квартал». Проверка только предупреждает и ничего не блокирует.',
  en: 'The Kyrgyz text of 7.2.2 says "not more than once a quarter"; "at least once a quarter" is the likelier intent. This check only warns, it never blocks.',
};

/** 7.2.2: warns per calendar quarter — literal reading: more than one meeting; other reading: a full quarter inside [from, to] with none. */
export function checkMeetingCadence(
  meetingDates: IsoDate[],
  opts: { reading: CadenceReading; from: IsoDate; to: IsoDate },
): CadenceWarning[] {
  const from = parseIsoDate(opts.from, 'from');
  const to = parseIsoDate(opts.to, 'to');
  if (compareDates(from, to) > 0)
    throw new DomainError('invalid-period', `from: ${from} is after to: ${to}`, { field: 'from' });
  for (const d of meetingDates) {
    if (!isIsoDate(d))
      throw new DomainError('invalid-date', `meeting date: "${d}" is not a real date in the form YYYY-MM-DD`, {
        field: 'meetingDates',
      });
  }
  const inRange = meetingDates.filter((d) => compareDates(d, from) >= 0 && compareDates(d, to) <= 0);
  const warnings: CadenceWarning[] = [];
  for (let q = quarterOf(from); compareDates(q.start, to) <= 0; q = nextQuarter(q)) {
    const n = inRange.filter((d) => compareDates(d, q.start) >= 0 && compareDates(d, q.end) <= 0).length;
    const label = `${q.year} Q${q.quarter}`;
    if (opts.reading === 'at-most-once-per-quarter' && n > 1) {
      warnings.push({
        code: 'more-than-one-meeting-in-quarter',
        clause: '7.2.2',
        severity: 'warning',
        reading: opts.reading,
        quarter: q,
        count: n,
        message: localize(
          (l) =>
            ({
              ky: `${q.year}-жылдын ${q.quarter}-кварталында ${count(l, 'meeting', n)} (7.2.2: кварталда бир жолудан көп эмес). ${READING_NOTE.ky}`,
              ru: `${q.quarter}-й квартал ${q.year} г.: ${count(l, 'meeting', n)} (7.2.2: не чаще одного раза в квартал). ${READING_NOTE.ru}`,
              en: `${label}: ${count(l, 'meeting', n)} (7.2.2: at most once a quarter). ${READING_NOTE.en}`,
            })[l],
        ),
      });
    }
    const full = compareDates(q.start, from) >= 0 && compareDates(q.end, to) <= 0;
    if (opts.reading === 'at-least-once-per-quarter' && full && n === 0) {
      warnings.push({
        code: 'no-meeting-in-quarter',
        clause: '7.2.2',
        severity: 'warning',
        reading: opts.reading,
        quarter: q,
        count: 0,
        message: localize(
          (l) =>
            ({
              ky: `${q.year}-жылдын ${q.quarter}-кварталында (${dmy(q.start)}–${dmy(q.end)}) жыйналыш болгон жок (7.2.2: кварталда кеминде бир жолу). ${READING_NOTE.ky}`,
              ru: `В ${q.quarter}-м квартале ${q.year} г. (${dmy(q.start)}–${dmy(q.end)}) не было заседаний (7.2.2: не реже одного раза в квартал). ${READING_NOTE.ru}`,
              en: `${label} (${dmy(q.start)}–${dmy(q.end)}): no meeting (7.2.2: at least once a quarter). ${READING_NOTE.en}`,
            })[l],
        ),
      });
    }
  }
  return warnings;
}
