// The words of a report's recommendations, the council's decisions on them and the annual gathering (issue 15 points
// 2 and 3; 8.1; 7.2.4), Kyrgyz, Russian and English.
import { loc } from '../../domain/i18n';

export const D = {
  recommendations: loc('Кеңешке сунуштамалар', 'Рекомендации кенешу', 'Recommendations to the council'),
  recommendationsHint: loc(
    'Ар бир сунуштаманы өзүнчө абзацка жазыңыз (бош сап менен бөлүңүз). Отчет жөнөтүлгөндө алар бекитилет, кеңеш ар бири боюнча чечим кабыл алат.',
    'Каждую рекомендацию пишите отдельным абзацем (разделяйте пустой строкой). При отправке они фиксируются, кенеш принимает решение по каждой.',
    'Write each recommendation as its own paragraph (separate them with a blank line). They are frozen on submission; the council decides on each.',
  ),
  noRecommendations: loc(
    'Отчетто кеңешке сунуштамалар жок.',
    'В отчёте нет рекомендаций кенешу.',
    'The report makes no recommendations to the council.',
  ),
  decisionsTitle: loc(
    'Кеңештин сунуштамалар боюнча чечимдери',
    'Решения кенеша по рекомендациям',
    "The council's decisions on the recommendations",
  ),
  recommendation: loc('Сунуштама', 'Рекомендация', 'Recommendation'),
  decision: loc('Кеңештин чечими', 'Решение кенеша', "The council's decision"),
  notDecided: loc('чечим жок', 'решения нет', 'no decision'),
  sessions: loc('Кеңештин сессиялары', 'Сессии кенеша', "The council's sessions"),
  sessionLine: loc(
    'Сессия {date}; күн тартибиндеги маселе: {item}',
    'Сессия {date}; вопрос повестки: {item}',
    'Session of {date}; agenda item: {item}',
  ),
  expectedBy: loc(
    'Кеңеш {date} күнүнө чейин карайт деп күтүлөт (кеңештин өзүнүн мөөнөтү, мыйзамда белгиленген мөөнөт эмес).',
    'Ожидается, что кенеш рассмотрит отчёт до {date} (собственный срок кенеша, не установленный законом).',
    "The council is expected to consider the report by {date} (the council's own period, not a statutory deadline).",
  ),
  flagTitle: loc(
    'Кеңеш карай элек отчеттор',
    'Отчёты, не рассмотренные кенешем',
    'Reports the council has not considered',
  ),
  overdue: loc(
    'Кеңеш отчетту {date} күнүнө чейин караган жок ({days} күн өттү; кеңештин өзүнүн мөөнөтү, мыйзамда белгиленген мөөнөт эмес).',
    'Кенеш не рассмотрел отчёт до {date} (дней прошло: {days}; собственный срок кенеша, не установленный законом).',
    "The council has not considered the report by {date} ({days} days ago; the council's own period, not a statutory deadline).",
  ),
  record: loc('Кеңештин чечимин жазуу', 'Записать решение кенеша', "Record the council's decision"),
  sessionOn: loc('Сессиянын күнү', 'Дата сессии', "The session's date"),
  agendaItem: loc('Күн тартибиндеги маселе', 'Вопрос повестки', 'Agenda item'),
  choose: loc('— чечим жок —', '— решения нет —', '— no decision —'),
  text: loc('Чечимдин тексти же себеби', 'Текст или основание решения', "The decision's text or reason"),
  submitDecision: loc('Жазуу', 'Записать', 'Record'),
  recorded: loc('Кеңештин чечими жазылды.', 'Решение кенеша записано.', "The council's decision is recorded."),
  gatheringTitle: loc(
    'Жыл сайынкы коомдоштуктун жыйыны (7.2.4)',
    'Ежегодное собрание местного сообщества (7.2.4)',
    'The annual community gathering (7.2.4)',
  ),
  gatheringAt: loc(
    'Жылдык отчет коомдоштуктун жыйынында көрсөтүлөт: {date}, {place}.',
    'Годовой отчёт представляется на собрании местного сообщества: {date}, {place}.',
    'The yearly report is presented at the community gathering: {date}, {place}.',
  ),
  gatheringNone: loc(
    'Жыл сайынкы коомдоштуктун жыйыны али дайындала элек: жылдык отчет коомдоштуктун жыйынында көрсөтүлөт.',
    'Ежегодное собрание местного сообщества ещё не назначено: годовой отчёт будет представлен на нём.',
    'The annual community gathering is not scheduled yet: the yearly report will be presented there.',
  ),
  gatheringCancelled: loc('(жокко чыгарылды)', '(отменено)', '(cancelled)'),
  gatheringNotice: loc('Коомдоштуктун жыйыны жөнүндө кулактандыруу', 'Объявление о собрании', "The gathering's notice"),
  gatheringChoose: loc('Коомдоштуктун жыйынын тандоо', 'Выбрать собрание', 'Choose the gathering'),
  gatheringSave: loc('Сактоо', 'Сохранить', 'Save'),
  placeUnknown: loc('орду белгилене элек', 'место не указано', 'place not set'),
};
