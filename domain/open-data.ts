// Open data (issue 15 point 4; 8.1: the group's results are public): what each public CSV file holds, column by
// column, and how an act's statutory answer is reported. Pure: rows in, rows out; today is a parameter. No column
// carries personal data: objects are named as written in the act, people not at all.
import { compareDates, type IsoDate } from './dates';
import { loc, type Localized } from './i18n';

/** The outcome of a statutory answer as the public sees it (the same words as the requests' public list). */
export type AnswerOutcome = 'answered-on-time' | 'answered-late' | 'unanswered' | 'pending' | 'not-started';

/**
 * An act's answer (4.3(3) the object's, 4.3(4) the executive body's report): answered on time or late once a response
 * is recorded; unanswered once the due date has passed without one; pending before; not started while the count has
 * not begun (the act not yet received by that party).
 */
export function answerOutcome(
  answer: { due: IsoDate | null; answeredOn: IsoDate | null; late: boolean | null },
  today: IsoDate,
): AnswerOutcome {
  if (answer.answeredOn !== null) {
    const late = answer.late ?? (answer.due !== null && compareDates(answer.answeredOn, answer.due) > 0);
    return late ? 'answered-late' : 'answered-on-time';
  }
  if (answer.due === null) return 'not-started';
  return compareDates(today, answer.due) > 0 ? 'unanswered' : 'pending';
}

export interface OpenDataColumn {
  /** The CSV header: ASCII snake_case, stable, so a spreadsheet or a script can rely on it. */
  name: string;
  /** What the column holds, for the page that lists the files. */
  description: Localized;
}

export interface OpenDataset {
  /** The file's name without `.csv`. */
  name: 'acts' | 'requests' | 'plan-items' | 'reports' | 'council-decisions';
  title: Localized;
  columns: readonly OpenDataColumn[];
}

const col = (name: string, ky: string, ru: string, en: string): OpenDataColumn => ({
  name,
  description: loc(ky, ru, en),
});

const OUTCOMES_TEXT = loc(
  'answered-on-time, answered-late, unanswered, pending, not-started',
  'answered-on-time, answered-late, unanswered, pending, not-started',
  'answered-on-time, answered-late, unanswered, pending, not-started',
);

export const OPEN_DATASETS: readonly OpenDataset[] = [
  {
    name: 'acts',
    title: loc('Актылар (8.1, 4.3)', 'Акты (8.1, 4.3)', 'Acts (8.1, 4.3)'),
    columns: [
      col('act_number', 'Актынын номери', 'Номер акта', 'Act number'),
      col('issued_on', 'Чыгарылган күнү', 'Дата выдачи', 'Issued on'),
      col('object_name', 'Объект (актта жазылгандай)', 'Объект (как в акте)', 'Object (as written in the act)'),
      col('object_kind', 'Объекттин түрү (4.2)', 'Вид объекта (4.2)', 'Kind of object (4.2)'),
      col('subject', 'Мониторингдин предмети', 'Предмет мониторинга', 'Subject of the monitoring'),
      col('status', 'Актынын абалы', 'Состояние акта', "The act's state"),
      col('received_on', 'Объект алган күнү', 'Дата получения объектом', 'Received by the object on'),
      col(
        'object_answer_due',
        'Объекттин жообунун мөөнөтү (4.3(3))',
        'Срок ответа объекта (4.3(3))',
        "Object's answer due (4.3(3))",
      ),
      col('object_answered_on', 'Объект жооп берген күнү', 'Дата ответа объекта', 'Object answered on'),
      {
        name: 'object_answer',
        description: {
          ky: `Объекттин жообу: ${OUTCOMES_TEXT.ky}`,
          ru: `Ответ объекта: ${OUTCOMES_TEXT.ru}`,
          en: `The object's answer: ${OUTCOMES_TEXT.en}`,
        },
      },
      col(
        'executive_report_due',
        'Аткаруу органынын отчетунун мөөнөтү (4.3(4))',
        'Срок отчёта исполнительного органа (4.3(4))',
        "Executive body's report due (4.3(4))",
      ),
      col(
        'executive_reported_on',
        'Аткаруу органы отчет берген күнү',
        'Дата отчёта исполнительного органа',
        'Executive body reported on',
      ),
      {
        name: 'executive_report',
        description: {
          ky: `Аткаруу органынын отчету: ${OUTCOMES_TEXT.ky}`,
          ru: `Отчёт исполнительного органа: ${OUTCOMES_TEXT.ru}`,
          en: `The executive body's report: ${OUTCOMES_TEXT.en}`,
        },
      },
    ],
  },
  {
    name: 'requests',
    title: loc('Маалымат суроо-талаптары (7.3.2)', 'Запросы информации (7.3.2)', 'Information requests (7.3.2)'),
    columns: [
      col('subject', 'Эмне суралды', 'Что запрошено', 'What was asked'),
      col('object_name', 'Объект', 'Объект', 'Object'),
      col('sent_on', 'Жөнөтүлгөн күнү', 'Дата отправки', 'Sent on'),
      col('due', 'Жооп берүү мөөнөтү', 'Срок ответа', 'Answer due'),
      col('outcome_on', 'Жооп же баш тартуу күнү', 'Дата ответа или отказа', 'Answered or refused on'),
      col(
        'outcome',
        'Жыйынтык: answered-on-time, answered-late, refused, unanswered, pending',
        'Итог: answered-on-time, answered-late, refused, unanswered, pending',
        'Outcome: answered-on-time, answered-late, refused, unanswered, pending',
      ),
    ],
  },
  {
    name: 'plan-items',
    title: loc('Иш планынын пункттары (7.3.1)', 'Пункты плана работы (7.3.1)', 'Work plan items (7.3.1)'),
    columns: [
      col('plan_title', 'План', 'План', 'Plan'),
      col('approved_on', 'Кеңеш бекиткен күн', 'Дата утверждения кенешем', 'Approved by the council on'),
      col('decision_number', 'Кеңештин чечиминин номери', 'Номер решения кенеша', "Council's decision number"),
      col('object_name', 'Объект', 'Объект', 'Object'),
      col('subject', 'Предмет', 'Предмет', 'Subject'),
      col('period_from', 'Мезгилдин башы', 'Начало периода', 'Period from'),
      col('period_to', 'Мезгилдин аягы', 'Конец периода', 'Period to'),
      col('method', 'Ыкма (7.3.1)', 'Метод (7.3.1)', 'Method (7.3.1)'),
      col(
        'state',
        'Абалы: planned, in-progress, done, dropped',
        'Состояние: planned, in-progress, done, dropped',
        'State: planned, in-progress, done, dropped',
      ),
      col('drop_reason', 'Алынып салуунун себеби', 'Причина исключения', 'Why dropped'),
      col('acts_linked', 'Байланышкан актылар', 'Связанных актов', 'Acts linked'),
      col('requests_linked', 'Байланышкан суроо-талаптар', 'Связанных запросов', 'Requests linked'),
    ],
  },
  {
    name: 'reports',
    title: loc('Топтун отчеттору (8.1)', 'Отчёты группы (8.1)', "The group's reports (8.1)"),
    columns: [
      col(
        'period',
        'Мезгил (ЖЖЖЖ-H1, ЖЖЖЖ-H2, ЖЖЖЖ)',
        'Период (ГГГГ-H1, ГГГГ-H2, ГГГГ)',
        'Period (YYYY-H1, YYYY-H2, YYYY)',
      ),
      col('due', 'Мөөнөтү (кеңештики)', 'Срок (кенеша)', "Due (the council's)"),
      col('submitted_on', 'Жөнөтүлгөн күн', 'Дата отправки', 'Submitted on'),
      col('meetings_held', 'Өткөрүлгөн жыйналыштар', 'Проведено заседаний', 'Meetings held'),
      col('meetings_quorate', 'Кворум менен', 'С кворумом', 'With a quorum'),
      col('acts_issued', 'Чыгарылган актылар', 'Выдано актов', 'Acts issued'),
      col(
        'object_answers_on_time',
        'Объекттердин өз убагындагы жооптору',
        'Ответов объектов в срок',
        "Objects' answers on time",
      ),
      col('object_answers_late', 'Кеч жооптор', 'Ответов с опозданием', "Objects' answers late"),
      col('object_answers_missing', 'Жооп жок', 'Без ответа', "Objects' answers missing"),
      col('requests_sent', 'Маалымат суроо-талаптары', 'Запросов информации', 'Information requests'),
    ],
  },
  {
    name: 'council-decisions',
    title: loc(
      'Кеңештин сунуштамалар боюнча чечимдери',
      'Решения кенеша по рекомендациям',
      "The council's decisions on the recommendations",
    ),
    columns: [
      col(
        'subject',
        'Эмне каралды: act (акт) же report (топтун отчету)',
        'Что рассмотрено: act (акт) или report (отчёт группы)',
        'What was considered: act or report (the group’s report)',
      ),
      col('act_number', 'Актынын номери (акт үчүн)', 'Номер акта (для акта)', 'Act number (for an act)'),
      col(
        'report_period',
        'Отчеттун мезгили (отчет үчүн: ЖЖЖЖ-H1, ЖЖЖЖ-H2, ЖЖЖЖ)',
        'Период отчёта (для отчёта: ГГГГ-H1, ГГГГ-H2, ГГГГ)',
        'Report period (for a report: YYYY-H1, YYYY-H2, YYYY)',
      ),
      col('recommendation', 'Сунуштаманын номери', 'Номер рекомендации', 'Recommendation number'),
      col('recommendation_text', 'Сунуштама', 'Рекомендация', 'Recommendation'),
      col('session_on', 'Сессиянын күнү', 'Дата сессии', "Session's date"),
      col('agenda_item', 'Күн тартибиндеги маселе', 'Вопрос повестки', 'Agenda item'),
      col(
        'decision',
        'Чечим: accepted, partly-accepted, rejected, deferred',
        'Решение: accepted, partly-accepted, rejected, deferred',
        'Decision: accepted, partly-accepted, rejected, deferred',
      ),
      col('text', 'Чечимдин тексти', 'Текст решения', "The decision's text"),
    ],
  },
];

export function openDataset(name: string): OpenDataset | undefined {
  return OPEN_DATASETS.find((d) => d.name === name);
}

/** One file's rows in its columns' order; a value missing from a row is an empty cell. */
export function datasetRows(
  dataset: OpenDataset,
  rows: readonly Readonly<Record<string, string | null>>[],
): string[][] {
  return rows.map((row) => dataset.columns.map((c) => row[c.name] ?? ''));
}
