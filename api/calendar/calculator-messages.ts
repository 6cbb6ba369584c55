// Labels of the deadline calculator's picture (the month grids of api/ui/calendar-grid.ts, their legend and the one
// list of the days skipped) and of its summary sentence, in the glossary's words («жумуш күнү», «иш эмес күн»,
// «календардык күн»; «рабочий / нерабочий / календарный день»).
import { defineMessages } from '../ui/define-messages';

export const calculatorMessages = defineMessages({
  ky: {
    'calc.months': 'Эсеп календарда',
    'calc.monthCaption': '{month}, {year}-ж.',
    'calc.omitted': '… дагы {n} ай …',
    'calc.legend': 'Белгилер',
    'calc.legend.counted':
      '{unit, select, working {1, 2, 3 …: эсептелген жумуш күндөрү, катары менен} other {1, 2, 3 …: эсептелген календардык күндөр, катары менен}}',
    'calc.legend.anchor': '◆ эсеп башталган күн: {date}',
    'calc.legend.landing': '↷ эсеп боюнча түшкөн иш эмес күн: {date}',
    'calc.legend.due': '★ акыркы күн: {date}',
    'calc.legend.weekend': 'боёлгон: ишемби, жекшемби (дем алыш)',
    'calc.legend.holiday': 'тереңирээк боёлгон, тамга менен: майрам же иш эмес күн',
    'calc.legend.worked': 'тамга менен, боёлбогон: жумуш күнү болуп саналган ишемби',
    'calc.kind.weekend': 'дем алыш күнү',
    'calc.kind.holiday': 'майрам күнү',
    'calc.kind.day-off': 'иш эмес күн',
    'calc.kind.worked-weekend': 'жумуш күнү (которулган ишемби)',
    'calc.kind.working': 'жумуш күнү',
    'calc.cell.count': '{unit, select, working {{n}-жумуш күнү} other {{n}-календардык күн}}',
    'calc.cell.anchor': 'эсеп башталган күн',
    'calc.cell.landing': 'эсеп ушул күнгө түштү, мөөнөт жылды',
    'calc.cell.due': 'акыркы күн',
    'calc.cell.skipped': 'эсептен өткөрүлдү',
    'calc.skipped': 'Өткөрүлгөн иш эмес күндөр ({n})',
    'calc.noneSkipped': 'Өткөрүлгөн иш эмес күн жок.',
    'calc.summary.working':
      '{n} жумуш күнү {from} күндөн кийин: 1-күн — {first}, {n}-күн — {due}; {skipped, plural, =0 {иш эмес күн өткөрүлгөн жок} other {# иш эмес күн өткөрүлдү}}.',
    'calc.summary.workingBefore':
      '{n} жумуш күнү {from} күнгө чейин, артка карай: 1-күн — {first}, {n}-күн — {due}; {skipped, plural, =0 {иш эмес күн өткөрүлгөн жок} other {# иш эмес күн өткөрүлдү}}.',
    'calc.summary.calendar': '{n} календардык күн {landing} күнү бүтөт, бул жумуш күнү.',
    'calc.summary.calendarMoved':
      '{n} календардык күн {landing} күнү бүтөт, {name}; мөөнөт кийинки жумуш күнүнө жылат: {due}.',
    'calc.summary.months': '{n} ай {landing} күнү бүтөт, бул жумуш күнү.',
    'calc.summary.monthsMoved': '{n} ай {landing} күнү бүтөт, {name}; мөөнөт кийинки жумуш күнүнө жылат: {due}.',
    'calc.summary.years': '{n} жыл {due} күнү бүтөт; ыйгарым укуктардын мөөнөтү ошол күнү бүтөт, жылбайт.',
    'calc.details': 'Эреже',
    'calc.obligation': 'Милдет',
    'calc.party': 'Милдеттүү тарап',
    'calc.anchor': 'Эсептин башталышы',
    'calc.dueAt': 'Мөөнөт: {date}, Бишкек убактысы менен саат 23:59га чейин',
  },
  ru: {
    'calc.months': 'Счёт на календаре',
    'calc.monthCaption': '{month} {year}',
    'calc.omitted': '… ещё {n, plural, one {# месяц} few {# месяца} other {# месяцев}} …',
    'calc.legend': 'Обозначения',
    'calc.legend.counted':
      '{unit, select, working {1, 2, 3 …: засчитанные рабочие дни по порядку} other {1, 2, 3 …: засчитанные календарные дни по порядку}}',
    'calc.legend.anchor': '◆ день начала отсчёта: {date}',
    'calc.legend.landing': '↷ нерабочий день, на который выпал срок: {date}',
    'calc.legend.due': '★ последний день: {date}',
    'calc.legend.weekend': 'с заливкой: суббота, воскресенье (выходные)',
    'calc.legend.holiday': 'с тёмной заливкой и буквой: праздник или нерабочий день',
    'calc.legend.worked': 'с буквой, без заливки: рабочая суббота',
    'calc.kind.weekend': 'выходной день',
    'calc.kind.holiday': 'праздничный день',
    'calc.kind.day-off': 'нерабочий день',
    'calc.kind.worked-weekend': 'рабочий день (перенесённая суббота)',
    'calc.kind.working': 'рабочий день',
    'calc.cell.count': '{unit, select, working {{n}-й рабочий день} other {{n}-й календарный день}}',
    'calc.cell.anchor': 'день начала отсчёта',
    'calc.cell.landing': 'срок выпал на этот день и перенесён',
    'calc.cell.due': 'последний день',
    'calc.cell.skipped': 'пропущен при счёте',
    'calc.skipped': 'Пропущенные нерабочие дни ({n})',
    'calc.noneSkipped': 'Пропущенных нерабочих дней нет.',
    'calc.summary.working':
      '{n, plural, one {# рабочий день} few {# рабочих дня} other {# рабочих дней}} после {from}: 1-й день — {first}, {n}-й — {due}; {skipped, plural, =0 {нерабочих дней не пропущено} one {пропущен # нерабочий день} few {пропущено # нерабочих дня} other {пропущено # нерабочих дней}}.',
    'calc.summary.workingBefore':
      '{n, plural, one {# рабочий день} few {# рабочих дня} other {# рабочих дней}} до {from}, назад: 1-й день — {first}, {n}-й — {due}; {skipped, plural, =0 {нерабочих дней не пропущено} one {пропущен # нерабочий день} few {пропущено # нерабочих дня} other {пропущено # нерабочих дней}}.',
    'calc.summary.calendar':
      '{n, plural, one {# календарный день истекает} few {# календарных дня истекают} other {# календарных дней истекают}} {landing}, это рабочий день.',
    'calc.summary.calendarMoved':
      '{n, plural, one {# календарный день истекает} few {# календарных дня истекают} other {# календарных дней истекают}} {landing}, {name}; срок переносится на следующий рабочий день, {due}.',
    'calc.summary.months':
      '{n, plural, one {# месяц истекает} few {# месяца истекают} other {# месяцев истекают}} {landing}, это рабочий день.',
    'calc.summary.monthsMoved':
      '{n, plural, one {# месяц истекает} few {# месяца истекают} other {# месяцев истекают}} {landing}, {name}; срок переносится на следующий рабочий день, {due}.',
    'calc.summary.years':
      '{n, plural, one {# год истекает} few {# года истекают} other {# лет истекают}} {due}: полномочия истекают в этот день, срок не переносится.',
    'calc.details': 'Правило',
    'calc.obligation': 'Обязанность',
    'calc.party': 'Обязанная сторона',
    'calc.anchor': 'Начало отсчёта',
    'calc.dueAt': 'Срок: {date}, до 23:59 по времени Бишкека',
  },
  en: {
    'calc.months': 'The count on the calendar',
    'calc.monthCaption': '{month} {year}',
    'calc.omitted': '… {n, plural, one {# more month} other {# more months}} …',
    'calc.legend': 'Key',
    'calc.legend.counted':
      '{unit, select, working {1, 2, 3 …: the working days counted, in order} other {1, 2, 3 …: the calendar days counted, in order}}',
    'calc.legend.anchor': '◆ the day the count starts from: {date}',
    'calc.legend.landing': '↷ the non-working day the count reached: {date}',
    'calc.legend.due': '★ the last day: {date}',
    'calc.legend.weekend': 'shaded: Saturday, Sunday (weekend)',
    'calc.legend.holiday': 'darker, with a letter: a holiday or a day off',
    'calc.legend.worked': 'with a letter, not shaded: a Saturday worked',
    'calc.kind.weekend': 'weekend',
    'calc.kind.holiday': 'holiday',
    'calc.kind.day-off': 'day off',
    'calc.kind.worked-weekend': 'working day (a Saturday worked)',
    'calc.kind.working': 'working day',
    'calc.cell.count': '{unit, select, working {working day {n}} other {calendar day {n}}}',
    'calc.cell.anchor': 'the day the count starts from',
    'calc.cell.landing': 'the count reached this day and was moved',
    'calc.cell.due': 'the last day',
    'calc.cell.skipped': 'skipped by the count',
    'calc.skipped': 'Non-working days skipped ({n})',
    'calc.noneSkipped': 'No non-working days skipped.',
    'calc.summary.working':
      '{n, plural, one {# working day} other {# working days}} after {from}: day 1 is {first}, day {n} is {due}; {skipped, plural, =0 {no non-working day skipped} one {# non-working day skipped} other {# non-working days skipped}}.',
    'calc.summary.workingBefore':
      '{n, plural, one {# working day} other {# working days}} before {from}, counted back: day 1 is {first}, day {n} is {due}; {skipped, plural, =0 {no non-working day skipped} one {# non-working day skipped} other {# non-working days skipped}}.',
    'calc.summary.calendar':
      '{n, plural, one {# calendar day ends} other {# calendar days end}} on {landing}, a working day.',
    'calc.summary.calendarMoved':
      '{n, plural, one {# calendar day ends} other {# calendar days end}} on {landing}, {name}; moved to the next working day, {due}.',
    'calc.summary.months': '{n, plural, one {# month ends} other {# months end}} on {landing}, a working day.',
    'calc.summary.monthsMoved':
      '{n, plural, one {# month ends} other {# months end}} on {landing}, {name}; moved to the next working day, {due}.',
    'calc.summary.years':
      '{n, plural, one {# year ends} other {# years end}} on {due}: the term expires that day and is not moved.',
    'calc.details': 'The rule',
    'calc.obligation': 'Obligation',
    'calc.party': 'Owed by',
    'calc.anchor': 'Counted from',
    'calc.dueAt': 'Due: {date}, by 23:59 Bishkek time',
  },
});
