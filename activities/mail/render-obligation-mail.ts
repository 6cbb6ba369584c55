// One e-mail about an obligation, in Kyrgyz (the state language, first) and Russian, as plain text and HTML.
import type { IsoDate } from '../../domain/dates';
import { dmy } from '../../domain/messages';
import { clauseText, daysLeftText } from '../../domain/obligation-messages';

type MailLang = 'ky' | 'ru';
export type KyRu = Record<MailLang, string>;

export interface ObligationMailInput {
  kind: 'reminder' | 'escalation';
  /** What is owed, e.g. { ky: 'Түзүү жөнүндө жарыя', ru: 'Объявление о формировании' }. */
  title: KyRu;
  /** The clause of the regulation that sets the deadline, e.g. '5.4.1'. */
  clause: string;
  /** Who owes it. */
  party: KyRu;
  dueDate: IsoDate;
  /** Days from the sending day to the due date; negative when overdue. */
  daysLeft: number;
  /** How `daysLeft` counts: calendar days (default) or working days. */
  dayUnit?: 'calendar' | 'working';
  /** The addressee's name or office in each language, used in the greeting. */
  recipient: KyRu;
  /** What the obligation is about (the act or the information request), shown after the obligation. */
  about?: { label: KyRu; value: KyRu } | null;
  links?: readonly { label: KyRu; url: string }[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const LANGS: readonly MailLang[] = ['ky', 'ru'];

const words = {
  ky: {
    heading: 'Кыргызча',
    greeting: (name: string) => `Урматтуу ${name}!`,
    intro: {
      reminder: 'Милдеттин аткаруу мөөнөтү жакындап келе жатканын эскертебиз.',
      escalation: 'Милдеттин аткаруу мөөнөтү өтүп кетти. Маселе айылдык кеңешке кароого жиберилди.',
    },
    subject: { reminder: 'Эскертүү', escalation: 'Мөөнөтү өттү' },
    obligation: 'Милдет',
    basis: 'Негиз',
    party: 'Милдеттүү тарап',
    due: 'Аткаруу мөөнөтү',
    footer: 'Бул кат автоматтык түрдө жөнөтүлдү.',
  },
  ru: {
    heading: 'На русском языке',
    greeting: (name: string) => `Здравствуйте, ${name}!`,
    intro: {
      reminder: 'Напоминаем о приближении срока исполнения обязанности.',
      escalation: 'Срок исполнения обязанности истёк. Вопрос передан на рассмотрение айылного кенеша.',
    },
    subject: { reminder: 'Напоминание', escalation: 'Срок пропущен' },
    obligation: 'Обязанность',
    basis: 'Основание',
    party: 'Обязанная сторона',
    due: 'Срок исполнения',
    footer: 'Это письмо отправлено автоматически.',
  },
} as const;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function isWebLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Days left or overdue, in the words of the dashboard and the CLI (domain/obligation-messages.ts). */
function daysLeft(input: ObligationMailInput, lang: MailLang): string {
  return daysLeftText(lang, { unit: input.dayUnit ?? 'calendar', left: input.daysLeft });
}

function facts(input: ObligationMailInput, lang: MailLang): [label: string, value: string][] {
  const w = words[lang];
  return [
    [w.obligation, input.title[lang]],
    ...(input.about ? [[input.about.label[lang], input.about.value[lang]] as [string, string]] : []),
    [w.basis, clauseText(lang, input.clause, 'ofRegulation')],
    [w.party, input.party[lang]],
    [w.due, dmy(input.dueDate)],
  ];
}

function textPart(input: ObligationMailInput, lang: MailLang): string {
  const w = words[lang];
  const lines = [`== ${w.heading} ==`, '', w.greeting(input.recipient[lang]), '', w.intro[input.kind], ''];
  for (const [label, value] of facts(input, lang)) lines.push(`${label}: ${value}`);
  lines.push(`${daysLeft(input, lang)}.`);
  for (const link of input.links ?? []) lines.push(`${link.label[lang]}: ${link.url}`);
  lines.push('', w.footer);
  return lines.join('\n');
}

function htmlPart(input: ObligationMailInput, lang: MailLang): string {
  const w = words[lang];
  const rows = facts(input, lang)
    .map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  const links = (input.links ?? [])
    .map((link) =>
      isWebLink(link.url)
        ? `<li><a href="${escapeHtml(link.url)}">${escapeHtml(link.label[lang])}</a></li>`
        : `<li>${escapeHtml(link.label[lang])}: ${escapeHtml(link.url)}</li>`,
    )
    .join('');
  return [
    `<section lang="${lang}">`,
    `<h2>${escapeHtml(w.heading)}</h2>`,
    `<p>${escapeHtml(w.greeting(input.recipient[lang]))}</p>`,
    `<p>${escapeHtml(w.intro[input.kind])}</p>`,
    `<table>${rows}</table>`,
    `<p><strong>${escapeHtml(`${daysLeft(input, lang)}.`)}</strong></p>`,
    links === '' ? '' : `<ul>${links}</ul>`,
    `<p><small>${escapeHtml(w.footer)}</small></p>`,
    '</section>',
  ].join('\n');
}

/** Renders a reminder or an escalation: Kyrgyz first (the state language), then Russian; clause and due date in each. */
export function renderObligationMail(input: ObligationMailInput): RenderedMail {
  const subject =
    `[${input.clause}] ` +
    LANGS.map((lang) => `${words[lang].subject[input.kind]}: ${input.title[lang]} — ${dmy(input.dueDate)}`).join(' / ');
  const text = LANGS.map((lang) => textPart(input, lang)).join('\n\n') + '\n';
  const html = [
    '<!doctype html>',
    '<html lang="ky"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head><body>',
    LANGS.map((lang) => htmlPart(input, lang)).join('\n<hr>\n'),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
