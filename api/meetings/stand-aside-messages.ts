// Labels of a meeting decision's subject and of the members who stood aside from it (6.4): the decision form (what it is
// about, who voted), the meeting's page and the public minutes (names only, never a declaration's text or reason).
import { defineMessages } from '../ui/define-messages';

export const standAsideMessages = defineMessages({
  ky: {
    'decision.about': 'Чечим эмне жөнүндө (милдеттүү эмес)',
    'decision.aboutNone': '— эч бири —',
    'decision.aboutObjects': 'Мониторинг объекттери',
    'decision.aboutPlanItems': 'Иш планынын пункттары',
    'decision.aboutMatters': 'Кызыкчылыктардын кагылышуусу жөнүндө билдирүүлөрдөгү маселелер',
    'decision.aboutOther': 'Башка маселе (төмөндө жазыңыз)',
    'decision.matter': 'Маселе (башка болсо)',
    'decision.participants': 'Добуш бергендер',
    'decision.participantsHint':
      'Эч ким белгиленбесе: катышкандардын баары, бул маселеден четтетилгендерден башкасы (6.4-пункт).',
    'decision.subject': 'Эмне жөнүндө: {subject}',
    'decision.tookPart': 'Чечимге катышты: {n}',
    'decision.stoodAside': 'Четте калгандар (6.4-пункт): {names}',
    'decision.majorityNote':
      'Кворум жыйналышка катышкандар боюнча эсептелет (7.2.3); чечим четте калгандардан башка катышкандардын жарымынан көбү макул болсо кабыл алынат.',
  },
  ru: {
    'decision.about': 'О чём решение (необязательно)',
    'decision.aboutNone': '— ни о чём из перечня —',
    'decision.aboutObjects': 'Объекты мониторинга',
    'decision.aboutPlanItems': 'Пункты плана работы',
    'decision.aboutMatters': 'Вопросы из уведомлений о конфликте интересов',
    'decision.aboutOther': 'Другой вопрос (укажите ниже)',
    'decision.matter': 'Вопрос (если другой)',
    'decision.participants': 'Голосовали',
    'decision.participantsHint':
      'Если никто не отмечен: все присутствовавшие, кроме отстранённых от этого вопроса (п. 6.4).',
    'decision.subject': 'О чём: {subject}',
    'decision.tookPart': 'Участвовали в решении: {n}',
    'decision.stoodAside': 'Отстранены от решения (п. 6.4): {names}',
    'decision.majorityNote':
      'Кворум считается по присутствовавшим на заседании (п. 7.2.3); решение принято, если «за» проголосовало более половины присутствовавших, не считая отстранённых от решения.',
  },
  en: {
    'decision.about': 'What the decision is about (optional)',
    'decision.aboutNone': '— none of these —',
    'decision.aboutObjects': 'Monitored objects',
    'decision.aboutPlanItems': 'Work-plan items',
    'decision.aboutMatters': 'Matters of the conflict-of-interest declarations',
    'decision.aboutOther': 'Another matter (write it below)',
    'decision.matter': 'Matter (if another)',
    'decision.participants': 'Who voted',
    'decision.participantsHint':
      'If none is ticked: everyone present except those removed from this subject (clause 6.4).',
    'decision.subject': 'About: {subject}',
    'decision.tookPart': 'Took part in the decision: {n}',
    'decision.stoodAside': 'Stood aside (6.4): {names}',
    'decision.majorityNote':
      'The quorum counts the members present at the meeting (7.2.3); a decision is taken when more than half of those present, less those standing aside, voted for it.',
  },
});
