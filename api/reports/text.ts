// The words of the summary report pages (issue 15 point 2), Kyrgyz, Russian and English.
import { loc } from '../../domain/i18n';

export const T = {
  manageTitle: loc('Топтун отчеттору', 'Отчёты группы', "The group's reports"),
  publicTitle: loc('Топтун отчеттору', 'Отчёты группы', "The group's reports"),
  reportTitle: loc('Топтун отчету', 'Отчёт группы', "The group's report"),
  noAnswers: loc(
    'Бул мезгилде актыларга жана суроо-талаптарга жооптор жок.',
    'За этот период ответов на акты и запросы нет.',
    'No answers to acts or requests in this period.',
  ),
  intro: loc(
    'Топ жарым жылдын же жылдын жыйынтыгы боюнча кеңешке жана коомдоштукка отчет берет (8.1). Сандар жазуулардан алынат; төрага тексттик бөлүктөрдү жазат. Жылдык отчет коомдоштуктун жыйынында көрсөтүлөт (жыл сайын, 7.2.4).',
    'Группа отчитывается перед кенешем и населением по итогам полугодия или года (8.1). Цифры берутся из записей; председатель пишет текстовые разделы. Годовой отчёт представляется на ежегодном собрании (7.2.4).',
    'The group reports to the council and the community on a half-year or a year (8.1). The counts come from the record; the chair writes the text parts. The yearly report is presented at the annual gathering (7.2.4).',
  ),
  due: loc(
    'Мөөнөтү: {date} (кеңештин мөөнөтү, мыйзамда белгиленген эмес).',
    'Срок: {date} (срок кенеша, не установлен законом).',
    "Due: {date} (the council's period, not statutory).",
  ),
  period: loc('Мезгил', 'Период', 'Period'),
  status: loc('Абалы', 'Состояние', 'State'),
  draft: loc('долбоор', 'проект', 'draft'),
  submitted: loc('жөнөтүлдү {date}', 'отправлен {date}', 'submitted {date}'),
  dueCol: loc('Мөөнөтү', 'Срок', 'Due'),
  none: loc('Отчеттор али жок.', 'Отчётов пока нет.', 'No reports yet.'),
  draftNew: loc('Отчеттун долбоорун түзүү', 'Составить черновик отчёта', 'Draft a report'),
  draftButton: loc('Түзүү', 'Составить', 'Draft'),
  countsAsOf: loc('Сандар {date} абалы боюнча', 'Цифры по состоянию на {date}', 'Counts as of {date}'),
  save: loc('Сактоо', 'Сохранить', 'Save'),
  saved: loc('Сакталды.', 'Сохранено.', 'Saved.'),
  submit: loc(
    'Кеңешке жана коомдоштукка жөнөтүү',
    'Отправить кенешу и населению',
    'Submit to the council and the community',
  ),
  submitHint: loc(
    'Жөнөтүлгөндө сандар бекитилет, отчет аткаруу органына жана кеңешке почта менен жөнөтүлөт жана жарыяланат.',
    'При отправке цифры фиксируются, отчёт уходит почтой исполнительному органу и кенешу и публикуется.',
    'On submission the counts are frozen, the report is mailed to the executive body and the council and published.',
  ),
  sent: loc(
    'Отчет жөнөтүлдү жана жарыяланды.',
    'Отчёт отправлен и опубликован.',
    'The report is submitted and published.',
  ),
  print: loc('Басып чыгаруу (A4)', 'Печать (A4)', 'Print (A4)'),
  chartTitle: loc('Актыларга жооптор', 'Ответы на акты', 'Answers to the acts'),
  what: loc('Эмне', 'Что', 'What'),
  count: loc('Саны', 'Количество', 'Count'),
  daysTitle: loc('Отчеттун мөөнөтү', 'Срок отчёта', "The report's due date"),
  daysIntro: loc(
    'Жобо отчеттун мөөнөтүн белгилебейт. Бул кеңештин өзүнүн мөөнөтү: мезгил бүткөндөн кийин ушунча календардык күн. Төрагага эскертүү жөнөтүлөт, мөөнөт өткөндө кеңешке бир жолу кабар берилет.',
    'Положение не устанавливает срок отчёта. Это собственный срок кенеша: столько календарных дней после окончания периода. Председателю приходят напоминания, по истечении срока кенешу сообщается один раз.',
    "The regulation sets no date for the report. This is the council's own: this many calendar days after the period's end. The chair is reminded; when it passes, the council is told once.",
  ),
  days: loc('Календардык күндөр', 'Календарных дней', 'Calendar days'),
};
