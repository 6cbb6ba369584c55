// The mail with a password link: the invitation to a new account, or the link a person asked for on the login page.
// In Kyrgyz (the state language, first) and Russian, and in English too when the link was asked for in English.
// Plain text only: the link is the whole content, and a text mail shows it as it is.
import { bishkekDateOf } from '../../domain/dates';
import type { Lang } from '../../domain/i18n';

export interface PasswordLinkMailInput {
  purpose: 'invitation' | 'reset';
  /** The language the link was issued in; English adds an English part. */
  lang: Lang;
  email: string;
  url: string;
  expiresAt: Date;
}

export interface RenderedPasswordLinkMail {
  subject: string;
  text: string;
}

interface Words {
  heading: string;
  subject: Record<PasswordLinkMailInput['purpose'], string>;
  intro: Record<PasswordLinkMailInput['purpose'], (email: string) => string>;
  open: string;
  expires: (date: string, time: string) => string;
  rule: string;
  notYou: Record<PasswordLinkMailInput['purpose'], string>;
}

const WORDS: Record<Lang, Words> = {
  ky: {
    heading: 'Кыргызча',
    subject: { invitation: 'Эсептик жазууңуз түзүлдү', reset: 'Сырсөздү калыбына келтирүү' },
    intro: {
      invitation: (email) => `Сиз үчүн ${email} дареги менен эсептик жазуу түзүлдү.`,
      reset: (email) => `${email} эсептик жазуусунун сырсөзүн калыбына келтирүү суралды.`,
    },
    open: 'Сырсөзүңүздү коюу үчүн бул шилтемени ачыңыз:',
    expires: (date, time) => `Шилтеме бир гана жолу иштейт; анын мөөнөтү ${date} күнү саат ${time} аяктайт.`,
    rule: 'Сырсөз жок дегенде 12 белгиден турушу керек; бири-бирине байланышпаган бир нече сөздөн турган узун сырсөз тандаңыз.',
    notYou: {
      invitation: 'Эгер бул кат сизге жаңылыштык менен келсе, аны көңүлгө албаңыз.',
      reset: 'Эгер сиз муну сураган эмес болсоңуз, бул катты көңүлгө албаңыз: сырсөзүңүз өзгөргөн жок.',
    },
  },
  ru: {
    heading: 'На русском языке',
    subject: { invitation: 'Ваша учётная запись создана', reset: 'Восстановление пароля' },
    intro: {
      invitation: (email) => `Для вас создана учётная запись с адресом ${email}.`,
      reset: (email) => `Для учётной записи ${email} запрошено восстановление пароля.`,
    },
    open: 'Чтобы задать пароль, откройте ссылку:',
    expires: (date, time) => `Ссылка действует один раз; срок её действия истекает ${date} в ${time}.`,
    rule: 'Пароль должен содержать не менее 12 символов; выберите длинный пароль из нескольких не связанных между собой слов.',
    notYou: {
      invitation: 'Если это письмо пришло вам по ошибке, не обращайте на него внимания.',
      reset: 'Если вы этого не запрашивали, не обращайте внимания на это письмо: пароль не изменён.',
    },
  },
  en: {
    heading: 'In English',
    subject: { invitation: 'Your account has been created', reset: 'Resetting your password' },
    intro: {
      invitation: (email) => `An account has been created for you with the address ${email}.`,
      reset: (email) => `A password reset was asked for the account ${email}.`,
    },
    open: 'To set your password, open this link:',
    expires: (date, time) => `The link works once and expires on ${date} at ${time} (Bishkek time).`,
    rule: 'A password needs at least 12 characters; choose a long one made of several unrelated words.',
    notYou: {
      invitation: 'If this mail reached you by mistake, ignore it.',
      reset: 'If you did not ask for this, ignore this mail: your password has not changed.',
    },
  },
};

/** dd.mm.yyyy and hh:mm of an instant in Bishkek (the glossary's date convention for every mail). */
function bishkekDateTime(at: Date): { date: string; time: string } {
  const [y, m, d] = bishkekDateOf(at.getTime()).split('-');
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bishkek',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return { date: `${d}.${m}.${y}`, time };
}

export function renderPasswordLinkMail(input: PasswordLinkMailInput): RenderedPasswordLinkMail {
  const langs: Lang[] = input.lang === 'en' ? ['ky', 'ru', 'en'] : ['ky', 'ru'];
  const { date, time } = bishkekDateTime(input.expiresAt);
  const parts = langs.map((l) => {
    const w = WORDS[l];
    return [
      `— ${w.heading} —`,
      '',
      w.intro[input.purpose](input.email),
      w.open,
      '',
      input.url,
      '',
      w.expires(date, time),
      w.rule,
      w.notYou[input.purpose],
    ].join('\n');
  });
  return {
    subject: langs.map((l) => WORDS[l].subject[input.purpose]).join(' / '),
    text: `${parts.join('\n\n')}\n`,
  };
}
