// The standard texts of the formation's public notices, in Kyrgyz and Russian (the languages of official notices).
// The creation notice names members and their categories only: no phone, address or birth date (personal data).
import type { IsoDate } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { NOMINATION_WORKING_DAYS } from '../../domain/regulation';
import { CATEGORY_LABELS } from '../../domain/roster';
import type { Candidate } from './contract';

export type KyRu = { ky: string; ru: string };

/** 5.4.1: the formation procedure has started; nominations and the gathering follow within the period of 5.4.2, 5.4.3. */
export function formationNoticeText(formedOn: IsoDate): KyRu {
  return {
    ky: [
      'Биргелешкен мониторинг жана баалоо тобун түзүү жол-жобосу башталды (Жобонун 5.4.1-пункту).',
      `Айылдык кеңеш ${dmy(formedOn)} түзүлгөн.`,
      `Ушул жарыядан тартып ${NOMINATION_WORKING_DAYS} жумуш күнүнүн ичинде айыл өкмөтүнүн башчысы муниципалдык кызматчылардан талапкерлерди дайындайт (5.4.2), кеңештин төрагасы депутаттардан мүчөлөрдү бекитет (5.4.3).`,
      'Жарандардан талапкерлер коомдоштуктун жыйынында шайланат (5.4.4); жыйындын убактысы жана жери өзүнчө жарыяланат.',
    ].join('\n'),
    ru: [
      'Начата процедура формирования группы совместного мониторинга и оценки (пункт 5.4.1 Положения).',
      `Айылный кенеш сформирован ${dmy(formedOn)}.`,
      `В течение ${NOMINATION_WORKING_DAYS} рабочих дней с даты этого объявления глава айыл окмоту назначает кандидатов из муниципальных служащих (5.4.2), председатель кенеша утверждает членов из числа депутатов (5.4.3).`,
      'Кандидаты из числа граждан избираются на собрании местного сообщества (5.4.4); время и место собрания будут объявлены отдельно.',
    ].join('\n'),
  };
}

export interface CreationNoticeFacts {
  decidedOn: IsoDate;
  resolutionNumber: string;
  termEnd: IsoDate;
  members: Pick<Candidate, 'fullName' | 'category'>[];
  meeting: { date: IsoDate; time: string; place: string };
}

/** 5.3.3 and 5.4.7: the council's resolution, the composition, and the first meeting's date, time and place. */
export function creationNoticeText(f: CreationNoticeFacts): KyRu {
  const list = (lang: 'ky' | 'ru') =>
    f.members.map((m, i) => `${i + 1}. ${m.fullName} — ${CATEGORY_LABELS[m.category][lang]}`).join('\n');
  return {
    ky: [
      `Айылдык кеңештин ${dmy(f.decidedOn)} № ${f.resolutionNumber} токтому менен биргелешкен мониторинг жана баалоо тобу түзүлдү (Жобонун 5.4.5, 5.4.7-пункттары). Ыйгарым укуктарынын мөөнөтү ${dmy(f.termEnd)} күнүнө чейин (5.3.1).`,
      'Топтун курамы:',
      list('ky'),
      `Топтун биринчи жыйналышы ${dmy(f.meeting.date)} саат ${f.meeting.time}, ${f.meeting.place} (5.3.2, 5.3.3). Жыйналышта топтун төрагасы жарандардан ачык добуш берүү менен шайланат (5.4.6).`,
    ].join('\n'),
    ru: [
      `Постановлением айылного кенеша от ${dmy(f.decidedOn)} № ${f.resolutionNumber} создана группа совместного мониторинга и оценки (пункты 5.4.5, 5.4.7 Положения). Срок полномочий — до ${dmy(f.termEnd)} (5.3.1).`,
      'Состав группы:',
      list('ru'),
      `Первое заседание группы — ${dmy(f.meeting.date)} в ${f.meeting.time}, ${f.meeting.place} (5.3.2, 5.3.3). На заседании открытым голосованием из числа граждан избирается председатель группы (5.4.6).`,
    ].join('\n'),
  };
}
