// The information request's mail in Kyrgyz (first) and Russian, plain text and escaped HTML: what is asked, why,
// the rule of Law No. 217 (10 working days of receipt, one extension, a refusal citing its ground) and the link.
import { dmy } from '../../domain/messages';
import type { IsoDate } from '../../domain/dates';
import { escapeHtml, type KyRu, type RenderedMail } from '../mail/render-obligation-mail';

export interface RequestMailInput {
  council: KyRu;
  object: KyRu;
  subject: string;
  purpose: string;
  reference: string | null;
  sentOn: IsoDate;
  link: string;
  linkExpiresAt: string;
}

export function renderRequestDelivery(m: RequestMailInput): RenderedMail {
  const until = dmy(m.linkExpiresAt.slice(0, 10));
  const parts = [
    {
      lang: 'ky',
      heading: 'Кыргызча',
      lines: [
        `Урматтуу ${m.object.ky}!`,
        `${m.council.ky} алдындагы биргелешкен мониторинг жана баалоо тобу маалымат сурайт (Жобонун 7.3.2-пункту, «Маалыматка жетүү укугу жөнүндө» 29.12.2023-жылдагы № 217 Мыйзам).`,
        `Суралган маалымат: ${m.subject}`,
        `Максаты: ${m.purpose}`,
        ...(m.reference ? [`Тиешелүү акт же план: ${m.reference}`] : []),
        `Жиберилген күнү: ${dmy(m.sentOn)}`,
        'Шилтемени ачып, «Алдым» баскычын басыңыз: жооп берүү мөөнөтү (10 жумуш күнү) ошол күндөн башталат. Мөөнөттү бир жолу 10 жумуш күнүнө чейин, себебин жазып узартууга болот; баш тартуу мыйзамдагы негизге шилтеме кылышы керек.',
      ],
      label: `Суроо-талап (шилтеме ${until} күнүнө чейин иштейт)`,
    },
    {
      lang: 'ru',
      heading: 'На русском языке',
      lines: [
        `Уважаемые ${m.object.ru}!`,
        `Группа совместного мониторинга и оценки при ${m.council.ru} запрашивает информацию (п. 7.3.2 Положения, Закон «О праве на доступ к информации» № 217 от 29.12.2023).`,
        `Запрашиваемая информация: ${m.subject}`,
        `Цель: ${m.purpose}`,
        ...(m.reference ? [`Связанный акт или пункт плана: ${m.reference}`] : []),
        `Дата отправки: ${dmy(m.sentOn)}`,
        'Откройте ссылку и нажмите «Получено»: с этого дня считается срок ответа (10 рабочих дней). Срок можно один раз продлить не более чем на 10 рабочих дней с указанием причины; отказ должен ссылаться на основание в законе.',
      ],
      label: `Запрос (ссылка действует до ${until})`,
    },
  ];
  const subject = `Маалымат алуу суроо-талабы / Запрос информации: ${m.subject.slice(0, 80)}`;
  const text = parts
    .map((p) => [`== ${p.heading} ==`, '', ...p.lines.flatMap((l) => [l, '']), `${p.label}: ${m.link}`].join('\n'))
    .join('\n\n');
  const html = `<html lang="ky"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>\n${parts
    .map(
      (p) =>
        `<section lang="${p.lang}"><h2>${escapeHtml(p.heading)}</h2>${p.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}<p><a href="${escapeHtml(m.link)}">${escapeHtml(p.label)}</a></p></section>`,
    )
    .join('\n<hr>\n')}\n</body></html>`;
  return { subject, text, html };
}
