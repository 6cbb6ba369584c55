// Information requests (7.3.2(1): the group's right to request information from monitored objects; Law No. 217 of
// 29.12.2023 "On the right of access to information"): what a request must say, its 10-working-day answer on the
// object's own calendar, the one extension by up to 10 working days with a written reason, the refusal that cites its
// ground, and the public outcome. Pure: the caller passes the calendar and today's date.
import type { Calendar } from './calendar';
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { addWorkingDays, computeDeadline } from './deadlines';
import type { Localized } from './i18n';
import { problem, type Problem } from './problem';
import { INFORMATION_REQUEST_EXTENSION_WORKING_DAYS } from './regulation';

export const REQUEST_CLAUSE = '7.3.2';
const LAW = 'Law No. 217 of 29.12.2023';

export const REFUSAL_GROUNDS = ['state-secret', 'personal-data', 'other-law'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const REFUSAL_GROUND_NAMES: Readonly<Record<RefusalGround, Localized>> = {
  'state-secret': { ky: 'мамлекеттик сыр', ru: 'государственная тайна', en: 'state secret' },
  'personal-data': {
    ky: 'мыйзам менен чектелген жеке маалыматтар',
    ru: 'персональные данные ограниченного доступа',
    en: 'restricted personal data',
  },
  'other-law': {
    ky: 'мыйзамдагы башка негиз',
    ru: 'иное основание, предусмотренное законом',
    en: 'another ground in law',
  },
};

export function isRefusalGround(value: unknown): value is RefusalGround {
  return typeof value === 'string' && (REFUSAL_GROUNDS as readonly string[]).includes(value);
}

export const REQUEST_TEXT_LIMITS = { subject: 2000, purpose: 2000, reference: 500, reason: 2000, text: 20000 };

/** What staff or the chair write: what is asked, why, and the act or plan item it serves (free text, optional). */
export interface RequestDraft {
  subject: string;
  purpose: string;
  reference?: string | null;
}

const blank = (v: unknown) => typeof v !== 'string' || v.trim() === '';

function tooLong(field: keyof typeof REQUEST_TEXT_LIMITS, value: string | null | undefined): Problem[] {
  const max = REQUEST_TEXT_LIMITS[field];
  if (typeof value !== 'string' || value.length <= max) return [];
  return [
    problem('text-too-long', field, null, {
      ky: `«${field}» талаасы ${max} белгиден ашпашы керек.`,
      ru: `Поле «${field}» не длиннее ${max} знаков.`,
      en: `The field "${field}" holds at most ${max} characters.`,
    }),
  ];
}

/** 7.3.2(1): a request says what is asked and why; the reference to an act or plan item is optional. */
export function checkRequestDraft(draft: RequestDraft): Problem[] {
  const problems: Problem[] = [];
  if (blank(draft.subject))
    problems.push(
      problem('subject-required', 'subject', REQUEST_CLAUSE, {
        ky: 'Эмне маалымат суралып жатканын жазыңыз (7.3.2-пункт).',
        ru: 'Укажите, какая информация запрашивается (п. 7.3.2).',
        en: 'Say what information is requested (clause 7.3.2).',
      }),
    );
  if (blank(draft.purpose))
    problems.push(
      problem('purpose-required', 'purpose', REQUEST_CLAUSE, {
        ky: 'Маалымат эмне үчүн керек экенин жазыңыз (7.3.2-пункт).',
        ru: 'Укажите, для чего нужна информация (п. 7.3.2).',
        en: 'Say why the information is needed (clause 7.3.2).',
      }),
    );
  problems.push(...tooLong('subject', draft.subject), ...tooLong('purpose', draft.purpose));
  problems.push(...tooLong('reference', draft.reference));
  return problems;
}

/** Law No. 217: the first due date, 10 working days after receipt on the object's calendar. */
export function requestFirstDue(calendar: Calendar, receivedOn: IsoDate): IsoDate {
  return computeDeadline('information-request', receivedOn, calendar).due;
}

/** Law No. 217: the latest due date an extension may give, 10 working days after the first due date. */
export function latestExtendedDue(calendar: Calendar, firstDue: IsoDate): IsoDate {
  return addWorkingDays(calendar, firstDue, INFORMATION_REQUEST_EXTENSION_WORKING_DAYS);
}

/** Where a request stands, as its procedure knows it. */
export interface RequestStage {
  sentOn: IsoDate;
  receivedOn: IsoDate | null;
  firstDue: IsoDate | null;
  extension: { on: IsoDate; newDue: IsoDate; reason: string } | null;
  outcome: { kind: 'answered' | 'refused'; on: IsoDate } | null;
}

function dateProblems(field: string, value: unknown, after: IsoDate | null, today: IsoDate): Problem[] {
  if (typeof value !== 'string' || !isIsoDate(value))
    return [
      problem('invalid-date', field, null, {
        ky: `«${field}»: ${String(value)} күн эмес (ЖЖЖЖ-АА-КК).`,
        ru: `«${field}»: ${String(value)} — не дата (ГГГГ-ММ-ДД).`,
        en: `"${field}": ${String(value)} is not a date (YYYY-MM-DD).`,
      }),
    ];
  if (compareDates(value, today) > 0)
    return [
      problem('date-in-future', field, null, {
        ky: `«${field}»: ${value} — келечектеги күн (бүгүн ${today}).`,
        ru: `«${field}»: ${value} — дата в будущем (сегодня ${today}).`,
        en: `"${field}": ${value} is in the future (today is ${today}).`,
      }),
    ];
  if (after !== null && compareDates(value, after) < 0)
    return [
      problem('date-too-early', field, null, {
        ky: `«${field}»: ${value} ${after} күнүнөн мурун боло албайт.`,
        ru: `«${field}»: ${value} не может быть раньше ${after}.`,
        en: `"${field}": ${value} cannot be before ${after}.`,
      }),
    ];
  return [];
}

function openProblems(stage: RequestStage, field: string): Problem[] {
  if (stage.outcome)
    return [
      problem('request-closed', field, LAW, {
        ky: `Суроо-талапка ${stage.outcome.on} күнү жооп берилген; эми өзгөртүүгө болбойт.`,
        ru: `На запрос уже дан ответ ${stage.outcome.on}; изменить его нельзя.`,
        en: `The request was already ${stage.outcome.kind} on ${stage.outcome.on}; nothing more can be recorded.`,
      }),
    ];
  if (stage.receivedOn === null)
    return [
      problem('request-not-received', field, LAW, {
        ky: 'Суроо-талап алынганы катталган эмес: мөөнөт алынган күндөн башталат (Мыйзам № 217).',
        ru: 'Получение запроса не зарегистрировано: срок считается с даты получения (Закон № 217).',
        en: 'The receipt of the request is not recorded: the count starts on receipt (Law No. 217).',
      }),
    ];
  return [];
}

/** The receipt: not before the request was sent, not in the future; a second receipt changes nothing. */
export function checkRequestReceipt(stage: RequestStage, receivedOn: unknown, today: IsoDate): Problem[] {
  return dateProblems('receivedOn', receivedOn, stage.sentOn, today);
}

/**
 * Law No. 217: once, before the first period ends (on or before the first due date), by up to 10 working days after
 * the first due date, with a written reason.
 */
export function checkRequestExtension(
  stage: RequestStage,
  req: { on: unknown; newDue: unknown; reason: unknown },
  calendar: Calendar,
  today: IsoDate,
): Problem[] {
  const open = openProblems(stage, 'newDue');
  if (open.length > 0) return open;
  if (stage.extension)
    return [
      problem('extension-once', 'newDue', LAW, {
        ky: `Мөөнөт бир жолу гана узартылат (Мыйзам № 217); ал ${stage.extension.on} күнү ${stage.extension.newDue} күнүнө чейин узартылган.`,
        ru: `Срок продлевается только один раз (Закон № 217); он уже продлён ${stage.extension.on} до ${stage.extension.newDue}.`,
        en: `The period is extended once only (Law No. 217); it was extended on ${stage.extension.on} to ${stage.extension.newDue}.`,
      }),
    ];
  const problems = dateProblems('on', req.on, stage.receivedOn, today);
  if (problems.length > 0) return problems;
  const firstDue = stage.firstDue!;
  if (compareDates(req.on as IsoDate, firstDue) > 0)
    return [
      problem('extension-after-period', 'on', LAW, {
        ky: `Узартуу биринчи мөөнөт бүткөнгө чейин (${firstDue} кошо) билдирилет (Мыйзам № 217); ${String(req.on)} кеч.`,
        ru: `О продлении уведомляют до истечения первого срока (по ${firstDue} включительно, Закон № 217); ${String(req.on)} — поздно.`,
        en: `An extension is given before the first period ends (by ${firstDue}, Law No. 217); ${String(req.on)} is too late.`,
      }),
    ];
  if (blank(req.reason))
    problems.push(
      problem('extension-reason-required', 'reason', LAW, {
        ky: 'Узартуунун себебин жазуу жүзүндө көрсөтүңүз (Мыйзам № 217).',
        ru: 'Укажите письменно причину продления (Закон № 217).',
        en: 'Give the reason for the extension in writing (Law No. 217).',
      }),
    );
  else problems.push(...tooLong('reason', req.reason as string));
  const latest = latestExtendedDue(calendar, firstDue);
  if (typeof req.newDue !== 'string' || !isIsoDate(req.newDue))
    problems.push(...dateProblems('newDue', req.newDue, null, '9999-12-31'));
  else if (compareDates(req.newDue, firstDue) <= 0)
    problems.push(
      problem('extension-not-later', 'newDue', LAW, {
        ky: `Жаңы мөөнөт биринчи мөөнөттөн (${firstDue}) кийин болушу керек.`,
        ru: `Новый срок должен быть позже первого (${firstDue}).`,
        en: `The new due date must be after the first one (${firstDue}).`,
      }),
    );
  else if (compareDates(req.newDue, latest) > 0)
    problems.push(
      problem('extension-up-to-10-working-days', 'newDue', LAW, {
        ky: `Мөөнөт ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} жумуш күнүнө чейин гана узартылат: эң кечи ${latest} (Мыйзам № 217).`,
        ru: `Срок продлевается не более чем на ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} рабочих дней: не позже ${latest} (Закон № 217).`,
        en: `The period is extended by up to ${INFORMATION_REQUEST_EXTENSION_WORKING_DAYS} working days: ${latest} at the latest (Law No. 217).`,
      }),
    );
  else if (!calendar.isWorkingDay(req.newDue))
    problems.push(
      problem('extension-on-working-day', 'newDue', LAW, {
        ky: `${req.newDue} — иш эмес күн; жаңы мөөнөт жумуш күнү болушу керек.`,
        ru: `${req.newDue} — нерабочий день; новый срок должен быть рабочим днём.`,
        en: `${req.newDue} is not a working day; the new due date must be one.`,
      }),
    );
  return problems;
}

/** The answer: the text, given on a date from the receipt to today; a late answer is accepted and marked late. */
export function checkRequestAnswer(
  stage: RequestStage,
  req: { on: unknown; text: unknown },
  today: IsoDate,
): Problem[] {
  const open = openProblems(stage, 'text');
  if (open.length > 0) return open;
  const problems = dateProblems('on', req.on, stage.receivedOn, today);
  if (blank(req.text))
    problems.push(
      problem('answer-text-required', 'text', LAW, {
        ky: 'Жооптун текстин жазыңыз.',
        ru: 'Введите текст ответа.',
        en: 'Write the text of the answer.',
      }),
    );
  else problems.push(...tooLong('text', req.text as string));
  return problems;
}

/** Law No. 217: a refusal cites its ground (state secret, restricted personal data, another ground in law) and explains it. */
export function checkRequestRefusal(
  stage: RequestStage,
  req: { on: unknown; ground: unknown; text: unknown },
  today: IsoDate,
): Problem[] {
  const open = openProblems(stage, 'ground');
  if (open.length > 0) return open;
  const problems = dateProblems('on', req.on, stage.receivedOn, today);
  if (!isRefusalGround(req.ground))
    problems.push(
      problem('refusal-ground-required', 'ground', LAW, {
        ky: `Баш тартуу мыйзамдагы негизге шилтеме кылышы керек (Мыйзам № 217): ${REFUSAL_GROUNDS.join(', ')}.`,
        ru: `Отказ должен ссылаться на основание в законе (Закон № 217): ${REFUSAL_GROUNDS.join(', ')}.`,
        en: `A refusal must cite its ground in law (Law No. 217): ${REFUSAL_GROUNDS.join(', ')}.`,
      }),
    );
  if (blank(req.text))
    problems.push(
      problem('refusal-text-required', 'text', LAW, {
        ky: 'Баш тартуунун негизин кеңири жазыңыз (мыйзамдын беренеси).',
        ru: 'Изложите основание отказа (статью закона).',
        en: 'Explain the ground of the refusal (the article of law).',
      }),
    );
  else problems.push(...tooLong('text', req.text as string));
  return problems;
}

/** The public outcome of a request (no personal data): answered on time or late, refused, or not (yet) answered. */
export type RequestOutcome = 'answered-on-time' | 'answered-late' | 'refused' | 'unanswered' | 'pending';

export function requestOutcome(
  row: { outcome: 'answered' | 'refused' | null; outcomeOn: IsoDate | null; due: IsoDate | null },
  today: IsoDate,
): RequestOutcome {
  if (row.outcome === 'refused') return 'refused';
  if (row.outcome === 'answered')
    return row.due !== null && row.outcomeOn !== null && compareDates(row.outcomeOn, row.due) > 0
      ? 'answered-late'
      : 'answered-on-time';
  return row.due !== null && compareDates(today, row.due) > 0 ? 'unanswered' : 'pending';
}

/** The problems as one line (for logs and workflow failures). */
export function describeRequestProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.field}: ${p.message.en} [${p.code}]`).join('; ');
}
