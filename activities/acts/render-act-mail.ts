// The act's mails in Kyrgyz (first) and Russian, plain text and escaped HTML: the delivery to the object with
// its response link (4.3), and the prompt to staff when no receipt arrived.
import type { IsoDate } from '../../domain/dates';
import { EXECUTIVE_REPORT_CALENDAR_DAYS, OBJECT_RESPONSE_WORKING_DAYS } from '../../domain/regulation';
import type { RenderedMail } from '../mail/render-obligation-mail';
import { dmy } from '../../domain/messages';
import { escapeHtml, type KyRu } from '../mail/render-obligation-mail';

type Lang = 'ky' | 'ru';
const LANGS: readonly Lang[] = ['ky', 'ru'];

/** Who sends the act (8.1: the group draws it up; its council set it up): named in every act mail's subject and body. */
export interface ActSender {
  /** The council's two names. */
  council: KyRu;
  /** The day the council decided to create the group (groups have no name), or null while it is forming. */
  groupCreatedOn: IsoDate | null;
}

/** The group as people call it (the glossary's «БМжБ тобу» / «группа СМиО»), by its creation date. */
export function groupName(sender: ActSender): KyRu {
  const on = sender.groupCreatedOn;
  return {
    ky: on ? `${dmy(on)} түзүлгөн БМжБ тобу` : 'түзүлүп жаткан БМжБ тобу',
    ru: on ? `группа СМиО, созданная ${dmy(on)}` : 'формируемая группа СМиО',
  };
}

/** «Акт № 7 «Title»» with the council and group: one line a mail client shows in its list. */
function subjectOf(prefix: KyRu, m: { number: string; title: string; sender?: ActSender }): string {
  const who = m.sender ? { ky: ` (${m.sender.council.ky})`, ru: ` (${m.sender.council.ru})` } : { ky: '', ru: '' };
  return `${prefix.ky}${who.ky} / ${prefix.ru}${who.ru}: № ${m.number} «${m.title}»`;
}

/** The facts naming the sender: the council and the group, in one language. */
function senderFacts(lang: Lang, sender: ActSender | undefined): [string, string][] {
  if (!sender) return [];
  const group = groupName(sender);
  return lang === 'ky'
    ? [
        ['Айылдык кеңеш', sender.council.ky],
        ['Топ', group.ky],
      ]
    : [
        ['Айылный кенеш', sender.council.ru],
        ['Группа', group.ru],
      ];
}

export interface ActDeliveryMailInput {
  number: string;
  title: string;
  issuedOn: IsoDate;
  object: KyRu;
  isExecutiveBody: boolean;
  /** 4.3(4): the object the act is about, when it goes to the executive body with its own link and count. */
  about?: KyRu;
  link: string;
  linkExpiresAt: string;
  /** The council and the group the act comes from. */
  sender?: ActSender;
}

interface Part {
  heading: string;
  paragraphs: string[];
  facts: [string, string][];
  link?: { label: string; url: string };
}

function render(subject: string, parts: Part[]): RenderedMail {
  const text = parts
    .map((p) =>
      [
        `== ${p.heading} ==`,
        '',
        ...p.paragraphs.flatMap((x) => [x, '']),
        ...p.facts.map(([k, v]) => `${k}: ${v}`),
        ...(p.link ? ['', `${p.link.label}: ${p.link.url}`] : []),
      ].join('\n'),
    )
    .join('\n\n');
  const section = (p: Part, lang: Lang) =>
    [
      `<section lang="${lang}">`,
      `<h2>${escapeHtml(p.heading)}</h2>`,
      ...p.paragraphs.map((x) => `<p>${escapeHtml(x)}</p>`),
      `<table>${p.facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`,
      p.link ? `<p><a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a></p>` : '',
      '</section>',
    ].join('\n');
  const html = `<html lang="ky"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${parts.map((p, i) => section(p, LANGS[i]!)).join('\n<hr>\n')}\n</body></html>`;
  return { subject, text, html };
}

/** 4.3: the act, the two obligations it opens (or one for the executive body), and the personal response link. */
export function renderActDelivery(m: ActDeliveryMailInput): RenderedMail {
  const until = dmy(m.linkExpiresAt.slice(0, 10));
  const ky: Part = {
    heading: 'Кыргызча',
    paragraphs: [
      `Урматтуу ${m.object.ky}!`,
      m.sender
        ? `${m.sender.council.ky}: ${groupName(m.sender).ky} (биргелешкен мониторинг жана баалоо тобу) № ${m.number} «${m.title}» актысын жиберет.`
        : `Биргелешкен мониторинг жана баалоо тобу № ${m.number} «${m.title}» актысын жиберет.`,
      ...(m.about ? [`Акт ${m.about.ky} тууралуу; объекттин жообу (4.3-пункт) сизге жиберилет.`] : []),
      m.isExecutiveBody
        ? `Жобонун 4.3-пунктуна ылайык, айыл өкмөтү ${EXECUTIVE_REPORT_CALENDAR_DAYS} календардык күндүн ичинде көрүлгөн чаралар тууралуу айылдык кеңешке маалымат берет. Мөөнөт айыл өкмөтү актыны алган күндөн эсептелет.`
        : `Жобонун 4.3-пунктуна ылайык, объект ${OBJECT_RESPONSE_WORKING_DAYS} жумуш күнүнүн ичинде кемчиликтердин себептери жана пландаштырылган чаралар тууралуу айыл өкмөтүнө маалымдайт (көчүрмөсү топко). Мөөнөт актыны алган күндөн эсептелет.`,
      'Төмөнкү шилтеме аркылуу актыны алганыңызды ырастап, жоопту эсептик жазуусуз жөнөтө аласыз.',
    ],
    facts: [
      ...senderFacts('ky', m.sender),
      ['Акт', `№ ${m.number}: ${m.title}`],
      ['Чыгарылган күнү', dmy(m.issuedOn)],
      ['Шилтеме жарактуу', `${until} күнүнө чейин`],
    ],
    link: { label: 'Жооп берүү', url: m.link },
  };
  const ru: Part = {
    heading: 'На русском языке',
    paragraphs: [
      `Здравствуйте, ${m.object.ru}!`,
      m.sender
        ? `Акт мониторинга и оценки № ${m.number} «${m.title}» направляет ${groupName(m.sender).ru} (${m.sender.council.ru}).`
        : `Группа совместного мониторинга и оценки направляет акт № ${m.number} «${m.title}».`,
      ...(m.about ? [`Акт касается объекта «${m.about.ru}»; его ответ (пункт 4.3) будет направлен вам.`] : []),
      m.isExecutiveBody
        ? `Согласно пункту 4.3 Положения, айыл окмоту в течение ${EXECUTIVE_REPORT_CALENDAR_DAYS} календарных дней представляет айылному кенешу информацию о принятых мерах. Срок считается со дня получения акта айыл окмоту.`
        : `Согласно пункту 4.3 Положения, объект в течение ${OBJECT_RESPONSE_WORKING_DAYS} рабочих дней сообщает айыл окмоту о причинах недостатков и планируемых мерах (копия группе). Срок считается со дня получения акта.`,
      'По ссылке ниже можно подтвердить получение акта и отправить ответ без учётной записи.',
    ],
    facts: [
      ...senderFacts('ru', m.sender),
      ['Акт', `№ ${m.number}: ${m.title}`],
      ['Дата выдачи', dmy(m.issuedOn)],
      ['Ссылка действует', `до ${until}`],
    ],
    link: { label: 'Ответить', url: m.link },
  };
  return render(subjectOf({ ky: 'Мониторинг жана баалоо актысы', ru: 'Акт мониторинга и оценки' }, m), [ky, ru]);
}

export interface ReceiptPromptMailInput {
  actId: string;
  number: string;
  title: string;
  issuedOn: IsoDate;
  expectedBy: IsoDate;
  object: KyRu;
  sender?: ActSender;
}

/** No receipt after the set working days: staff record it (jmeg act receive) or deliver the act on paper. */
export function renderReceiptPrompt(m: ReceiptPromptMailInput): RenderedMail {
  const ky: Part = {
    heading: 'Кыргызча',
    paragraphs: [
      `№ ${m.number} акт ${dmy(m.issuedOn)} күнү ${m.object.ky} дарегине жиберилген, бирок ${dmy(m.expectedBy)} күнүнө чейин алынганы белгиленген жок.`,
      `Актыны кагаз түрүндө тапшырып, алынган күнүн белгилеңиз (CLI буйругу): jmeg act receive ${m.actId} --on ЖЖЖЖ-АА-КК. 4.3-пункттагы мөөнөттөр ошол күндөн эсептелет.`,
    ],
    facts: [...senderFacts('ky', m.sender), ['Акт', `№ ${m.number}: ${m.title}`]],
  };
  const ru: Part = {
    heading: 'На русском языке',
    paragraphs: [
      `Акт № ${m.number} направлен ${dmy(m.issuedOn)} объекту «${m.object.ru}», но его получение не отмечено до ${dmy(m.expectedBy)}.`,
      `Вручите акт на бумаге и отметьте дату получения (команда CLI): jmeg act receive ${m.actId} --on ГГГГ-ММ-ДД. Сроки пункта 4.3 считаются с этой даты.`,
    ],
    facts: [...senderFacts('ru', m.sender), ['Акт', `№ ${m.number}: ${m.title}`]],
  };
  return render(subjectOf({ ky: 'Актынын алынганы белгиленген жок', ru: 'Получение акта не отмечено' }, m), [ky, ru]);
}

export interface ForwardedResponseMailInput {
  number: string;
  title: string;
  object: KyRu;
  respondedOn: IsoDate;
  late: boolean;
  /** The answer's text as the object gave it. */
  text: string;
  /** The act's page, where the answer's files are. */
  link: string;
  /** The names of the answer's files (the files stay on the act's page; the mail does not carry them). */
  files?: readonly string[];
  sender?: ActSender;
}

/** 4.3(3): the object's answer, forwarded to the executive body with a copy to the group. */
export function renderForwardedResponse(m: ForwardedResponseMailInput): RenderedMail {
  const ky: Part = {
    heading: 'Кыргызча',
    paragraphs: [
      `Жобонун 4.3-пунктуна ылайык, ${m.object.ky} № ${m.number} акты боюнча кемчиликтердин себептери жана пландаштырылган чаралар тууралуу жооп берди. Жооп айыл өкмөтүнө жиберилет, көчүрмөсү топко.`,
      'Жооптун тексти:',
      m.text,
    ],
    facts: [
      ...senderFacts('ky', m.sender),
      ['Акт', `№ ${m.number}: ${m.title}`],
      ...(m.files && m.files.length > 0
        ? [['Жооптун файлдары (актынын барагында)', m.files.join(', ')] as [string, string]]
        : []),
      ['Жооп берилген күнү', `${dmy(m.respondedOn)}${m.late ? ' (мөөнөтүнөн кеч)' : ''}`],
    ],
    link: { label: 'Акт жана жооптун файлдары', url: m.link },
  };
  const ru: Part = {
    heading: 'На русском языке',
    paragraphs: [
      `Согласно пункту 4.3 Положения, объект «${m.object.ru}» сообщил о причинах недостатков и планируемых мерах по акту № ${m.number}. Ответ направляется айыл окмоту, копия группе.`,
      'Текст ответа:',
      m.text,
    ],
    facts: [
      ...senderFacts('ru', m.sender),
      ['Акт', `№ ${m.number}: ${m.title}`],
      ...(m.files && m.files.length > 0
        ? [['Файлы ответа (на странице акта)', m.files.join(', ')] as [string, string]]
        : []),
      ['Дата ответа', `${dmy(m.respondedOn)}${m.late ? ' (с опозданием)' : ''}`],
    ],
    link: { label: 'Акт и файлы ответа', url: m.link },
  };
  return render(subjectOf({ ky: 'Объекттин актыга жообу', ru: 'Ответ объекта на акт' }, m), [ky, ru]);
}
