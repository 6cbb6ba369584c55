// What the API says when it refuses a request, in ky, ru and en: the field (by its path for machines, in words on
// pages: api/ui/field-label.ts) and the rule it broke.
import type { Lang } from '../domain/i18n';
import type { AppErrorCode, AppErrorDetails } from './app-error';
import { fieldLabel, type FieldContext } from './ui/field-label';

type Texts = {
  rules: Record<string, (field: string, d: AppErrorDetails) => string>;
  invalid: (field: string) => string;
  codes: Record<Exclude<AppErrorCode, 'invalid-input'>, string>;
};

const list = (d: AppErrorDetails) => (d.allowed ?? []).join(', ');
const reason = (d: AppErrorDetails, lang: Lang) => d.problems?.[0]?.message[lang] ?? '';

export const ERROR_TEXTS: Readonly<Record<Lang, Texts>> = {
  ky: {
    rules: {
      required: (f) => `${f}: милдеттүү талаа толтурулган эмес`,
      'unknown-property': (f) => `${f}: мындай талаа жок (белгисиз талаалар кабыл алынбайт)`,
      'one-of': (f, d) => `${f}: маани төмөнкүлөрдүн бири болушу керек: ${list(d)}`,
      date: (f) => `${f}: ЖЖЖЖ-АА-КК түрүндөгү чыныгы дата болушу керек`,
      type: (f) => `${f}: маанинин түрү туура эмес`,
      range: (f) => `${f}: маани уруксат берилген чектен тышкары`,
      'no-extension': (f) => `${f}: бул милдеттенменин мөөнөтүн узартууга болбойт`,
      text: (f) => `${f}: текстте сакталбай турган белги бар (мисалы, NUL)`,
      weak: (f, d) => `${f}: сырсөздү табуу оңой: ${reason(d, 'ky')}`,
    },
    invalid: (f) => `${f}: маани туура эмес`,
    codes: {
      'group-not-found': 'Мындай топ табылган жок',
      'route-not-found': 'Мындай дарек жок',
      internal: 'Ички ката кетти; кайра аракет кылыңыз',
      'login-failed': 'Электрондук почта же сырсөз туура эмес',
      'not-authenticated': 'Алгач системага кириңиз',
      forbidden: 'Бул маалыматты көрүүгө укугуңуз жок',
      'csrf-token-invalid':
        'Коопсуздук белгиси (x-csrf-token) жок же туура эмес; баракты жаңыртып, кайра аракет кылыңыз',
      'too-many-attempts': 'Өтө көп аракет болду; 15 мүнөттөн кийин кайра аракет кылыңыз',
      'engine-unavailable':
        'Процедуралар кызматы (Temporal) азыр жеткиликсиз: аракет аткарылган жок жана эч нерсе жазылган жок. Маалыматтарды көрүүгө болот; бир аздан кийин кайра аракет кылыңыз',
      'procedure-not-found': 'Бул процедура иштеп жаткан жок (башталган эмес же бүткөн)',
      'step-conflict': 'Бул кадамды азыр жасоого болбойт',
      'step-refused': 'Маалыматтар кабыл алынган жок',
      'not-found': 'Табылган жок',
      conflict: 'Бул мурда эле жазылган маалыматка каршы келет',
      'unsupported-media-type': 'Суроонун денесинин бул түрү кабыл алынбайт; керектүүсү',
    },
  },
  ru: {
    rules: {
      required: (f) => `${f}: обязательное поле не заполнено`,
      'unknown-property': (f) => `${f}: такого поля нет (неизвестные поля не принимаются)`,
      'one-of': (f, d) => `${f}: значение должно быть одним из: ${list(d)}`,
      date: (f) => `${f}: нужна существующая дата в виде ГГГГ-ММ-ДД`,
      type: (f) => `${f}: неверный тип значения`,
      range: (f) => `${f}: значение вне допустимых пределов`,
      'no-extension': (f) => `${f}: срок этого обязательства продлить нельзя`,
      text: (f) => `${f}: в тексте есть недопустимый символ (например, NUL)`,
      weak: (f, d) => `${f}: пароль легко угадать: ${reason(d, 'ru')}`,
    },
    invalid: (f) => `${f}: неверное значение`,
    codes: {
      'group-not-found': 'Такая группа не найдена',
      'route-not-found': 'Такого адреса нет',
      internal: 'Внутренняя ошибка; попробуйте ещё раз',
      'login-failed': 'Неверный адрес электронной почты или пароль',
      'not-authenticated': 'Сначала войдите в систему',
      forbidden: 'У вас нет прав на просмотр этих данных',
      'csrf-token-invalid':
        'Токен безопасности (x-csrf-token) отсутствует или неверен; обновите страницу и попробуйте снова',
      'too-many-attempts': 'Слишком много попыток; попробуйте снова через 15 минут',
      'engine-unavailable':
        'Служба процедур (Temporal) сейчас недоступна: действие не выполнено и ничего не записано. Данные можно просматривать; попробуйте ещё раз чуть позже',
      'procedure-not-found': 'Эта процедура не идёт (не начата или уже завершена)',
      'step-conflict': 'Этот шаг сейчас сделать нельзя',
      'step-refused': 'Данные не приняты',
      'not-found': 'Не найдено',
      conflict: 'Это противоречит уже записанному',
      'unsupported-media-type': 'Такой тип тела запроса не принимается; нужен',
    },
  },
  en: {
    rules: {
      required: (f) => `${f}: this field is required`,
      'unknown-property': (f) => `${f}: no such field (unknown fields are rejected)`,
      'one-of': (f, d) => `${f}: must be one of: ${list(d)}`,
      date: (f) => `${f}: must be a real date in the form YYYY-MM-DD`,
      type: (f) => `${f}: wrong type of value`,
      range: (f) => `${f}: value out of the allowed range`,
      'no-extension': (f) => `${f}: this obligation's deadline cannot be extended`,
      text: (f) => `${f}: the text holds a character that cannot be stored (e.g. NUL)`,
      weak: (f, d) => `${f}: the password is easy to guess: ${reason(d, 'en')}`,
    },
    invalid: (f) => `${f}: invalid value`,
    codes: {
      'group-not-found': 'No such group',
      'route-not-found': 'No such address',
      internal: 'Internal error; please try again',
      'login-failed': 'Wrong email or password',
      'not-authenticated': 'Please log in first',
      forbidden: 'You are not allowed to see this',
      'csrf-token-invalid': 'The security token (x-csrf-token) is missing or wrong; reload the page and try again',
      'too-many-attempts': 'Too many attempts; try again in 15 minutes',
      'engine-unavailable':
        'The procedure service (Temporal) is unavailable right now: the action was not done and nothing was written. You can still read everything; try again in a little while',
      'procedure-not-found': 'This procedure is not running (not started, or over)',
      'step-conflict': 'This step cannot be done now',
      'step-refused': 'The data was not accepted',
      'not-found': 'Not found',
      conflict: 'This conflicts with what is already recorded',
      'unsupported-media-type': 'This type of request body is not accepted; send',
    },
  },
};

/**
 * The message for an error code (and, for bad input, its field and rule) in `lang`. Pages pass `ctx` and get the field
 * in words (a form's label, a row by position and name, an object by name); the JSON API names it by its path.
 */
export function errorMessage(lang: Lang, code: AppErrorCode, details: AppErrorDetails, ctx?: FieldContext): string {
  const t = ERROR_TEXTS[lang];
  if (code !== 'invalid-input') {
    const base = t.codes[code];
    if (details.problems && details.problems.length > 0)
      return `${base}: ${details.problems.map((p) => p.message[lang]).join('; ')}`;
    return details.subject !== undefined ? `${base}: ${details.subject}` : base;
  }
  const path = details.field ?? '?';
  const field = ctx === undefined ? path : fieldLabel(lang, path, ctx);
  const rule = details.rule !== undefined ? t.rules[details.rule] : undefined;
  return rule ? rule(field, details) : t.invalid(field);
}
