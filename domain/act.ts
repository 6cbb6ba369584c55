// The act of monitoring and evaluation (8.1): its mandatory content, checked on a draft before the
// act is issued. The monitored objects (4.2) and the methods behind evaluation findings (8.1, 7.3.1).
import { compareDates, isIsoDate } from './dates';
import type { IsoDate } from './dates';
import type { Localized } from './i18n';
import { dmy } from './messages';

/** 4.2: the kinds of monitored objects. */
export type MonitoredObjectKind =
  | 'executive_body'
  | 'municipal_enterprise'
  | 'municipal_institution'
  | 'procurement_supplier'
  | 'procurement_consultant'
  | 'public_organisation';

export const MONITORED_OBJECT_KINDS: Record<MonitoredObjectKind, Localized> = {
  executive_body: {
    ky: 'жергиликтүү өз алдынча башкаруунун аткаруу органы',
    ru: 'исполнительный орган местного самоуправления',
    en: 'executive body of local self-government',
  },
  municipal_enterprise: { ky: 'муниципалдык ишкана', ru: 'муниципальное предприятие', en: 'municipal enterprise' },
  municipal_institution: { ky: 'муниципалдык мекеме', ru: 'муниципальное учреждение', en: 'municipal institution' },
  procurement_supplier: {
    ky: 'мамлекеттик сатып алууларда жеткирип берүүчү (подрядчы)',
    ru: 'поставщик (подрядчик) по государственным закупкам',
    en: 'supplier (contractor) in public procurement',
  },
  procurement_consultant: {
    ky: 'мамлекеттик сатып алууларда консультант',
    ru: 'консультант по государственным закупкам',
    en: 'consultant in public procurement',
  },
  public_organisation: {
    ky: 'кызмат көрсөтүүчү коомдук уюм же бирикме',
    ru: 'общественная организация или объединение, оказывающее услуги',
    en: 'public organisation or association providing services',
  },
};

/** 8.1, 7.3.1: how an evaluation finding was obtained. */
export type FindingMethod =
  | 'questionnaire'
  | 'focus_group'
  | 'interview'
  | 'site_visit'
  | 'opinion_poll'
  | 'research'
  | 'document_analysis'
  | 'observation'
  | 'other';

export const FINDING_METHODS: Record<FindingMethod, Localized> = {
  questionnaire: { ky: 'анкеталоо', ru: 'анкетирование', en: 'questionnaire' },
  focus_group: { ky: 'фокус-топ', ru: 'фокус-группа', en: 'focus group' },
  interview: { ky: 'аңгемелешүү (интервью)', ru: 'интервью', en: 'interviews' },
  site_visit: { ky: 'жерине баруу', ru: 'выезд на место', en: 'site visit' },
  opinion_poll: { ky: 'коомдук пикирди сурамжылоо', ru: 'опрос общественного мнения', en: 'opinion poll' },
  research: { ky: 'изилдөө', ru: 'исследование', en: 'research' },
  document_analysis: { ky: 'документтерди талдоо', ru: 'анализ документов', en: 'document analysis' },
  observation: { ky: 'байкоо', ru: 'наблюдение', en: 'observation' },
  other: { ky: 'башка ыкма', ru: 'другой метод', en: 'other method' },
};

/** A result in the act: a fact found, or an evaluation finding with the method behind it. */
export type ActFinding = {
  kind: 'fact' | 'evaluation';
  text: string | null;
  method: FindingMethod | null;
  /** Names the method when it is 'other'. */
  methodNote?: string | null;
};

export type ActAnnex = { title: string; kind?: 'protocol' | 'photo' | 'visual' | 'other' };

/** An act being drafted: every field may still be empty. */
export type ActDraft = {
  purpose: string | null;
  subject: string | null;
  object: { kind: MonitoredObjectKind | null; name: string | null } | null;
  place: string | null;
  periodStart: IsoDate | null;
  periodEnd: IsoDate | null;
  /** Optional general description; the findings carry the results. */
  resultsSummary?: string | null;
  findings: ActFinding[] | null;
  recommendations: string[] | null;
  /** The described annexes (8.1: at least one, counting the attached files, before the issue). */
  annexes: ActAnnex[] | null;
};

export type ActProblem = { field: string; clause: '8.1'; problem: 'missing' | 'invalid'; message: Localized };
export type ActWarning = { field: string; clause: '8.1'; message: Localized };
export type ActValidation = { ok: boolean; missing: ActProblem[]; warnings: ActWarning[] };

const FIELD_LABELS: Record<string, Localized> = {
  purpose: {
    ky: 'мониторинг жана баалоо жүргүзүүнүн максаты',
    ru: 'цель мониторинга и оценки',
    en: 'purpose of the monitoring and evaluation',
  },
  subject: {
    ky: 'мониторингдин жана баалоонун предмети',
    ru: 'предмет мониторинга и оценки',
    en: 'subject of the monitoring and evaluation',
  },
  'object.kind': { ky: 'объекттин түрү (4.2)', ru: 'вид объекта (4.2)', en: 'kind of object (4.2)' },
  'object.name': {
    ky: 'мониторингдин жана баалоонун объектиси',
    ru: 'объект мониторинга и оценки',
    en: 'object of the monitoring and evaluation',
  },
  place: { ky: 'мониторинг жана баалоо жүргүзүүнүн орду', ru: 'место проведения', en: 'place' },
  periodStart: { ky: 'мөөнөттүн башталышы', ru: 'начало срока проведения', en: 'start of the period' },
  periodEnd: { ky: 'мөөнөттүн аягы', ru: 'окончание срока проведения', en: 'end of the period' },
  findings: {
    ky: 'натыйжаларды сыпаттоо: фактылар же баалоонун натыйжалары',
    ru: 'описание результатов: факты или результаты оценки',
    en: 'description of results: facts or evaluation findings',
  },
  recommendations: {
    ky: 'сунуштамалар жана сунуштар',
    ru: 'рекомендации и предложения',
    en: 'recommendations and proposals',
  },
  annexes: { ky: 'актыга тиркемелердин тизмеси', ru: 'перечень приложений к акту', en: 'list of annexes' },
};

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === '';

function missingItem(field: string, label: Localized): ActProblem {
  return {
    field,
    clause: '8.1',
    problem: 'missing',
    message: {
      ky: `Актыда милдеттүү маалымат жок (8.1): ${label.ky}.`,
      ru: `В акте отсутствуют обязательные сведения (8.1): ${label.ru}.`,
      en: `The act lacks a mandatory item (8.1): ${label.en}.`,
    },
  };
}

/** 8.1: an act holds its purpose, subject and object, place, period, results (facts or findings with their method), recommendations and the list of annexes. */
export function validateAct(draft: ActDraft): ActValidation {
  const missing: ActProblem[] = [];
  const warnings: ActWarning[] = [];
  const need = (field: string) => missing.push(missingItem(field, FIELD_LABELS[field]!));
  const invalid = (field: string, message: Localized) =>
    missing.push({ field, clause: '8.1', problem: 'invalid', message });

  if (blank(draft.purpose)) need('purpose');
  if (blank(draft.subject)) need('subject');
  if (draft.object === null || draft.object.kind === null) need('object.kind');
  else if (!(draft.object.kind in MONITORED_OBJECT_KINDS)) {
    invalid('object.kind', {
      ky: `Объекттин түрү "${draft.object.kind}" 4.2-пунктта жок.`,
      ru: `Вида объекта «${draft.object.kind}» нет в пункте 4.2.`,
      en: `Object kind "${draft.object.kind}" is not one of 4.2.`,
    });
  }
  if (draft.object === null || blank(draft.object.name)) need('object.name');
  if (blank(draft.place)) need('place');

  for (const field of ['periodStart', 'periodEnd'] as const) {
    const value = draft[field];
    if (value === null) need(field);
    else if (!isIsoDate(value)) {
      invalid(field, {
        ky: `${FIELD_LABELS[field]!.ky}: "${value}" ЖЖЖЖ-АА-КК түрүндөгү туура дата эмес.`,
        ru: `${FIELD_LABELS[field]!.ru}: «${value}» не является существующей датой в формате ГГГГ-ММ-ДД.`,
        en: `${FIELD_LABELS[field]!.en}: "${value}" is not a real date in the form YYYY-MM-DD.`,
      });
    }
  }
  const { periodStart: start, periodEnd: end } = draft;
  if (start !== null && end !== null && isIsoDate(start) && isIsoDate(end) && compareDates(start, end) > 0) {
    invalid('period', {
      ky: `Мөөнөт: башталышы (${dmy(start)}) аягынан (${dmy(end)}) кийин.`,
      ru: `Срок: начало (${dmy(start)}) позже окончания (${dmy(end)}).`,
      en: `Period: the start (${dmy(start)}) is after the end (${dmy(end)}).`,
    });
  }

  if (draft.findings === null || draft.findings.length === 0) need('findings');
  else {
    draft.findings.forEach((f, i) => {
      const field = `findings[${i}]`;
      const n = i + 1;
      if (blank(f.text)) {
        invalid(`${field}.text`, {
          ky: `${n}-натыйжанын тексти бош.`,
          ru: `Результат № ${n}: пустой текст.`,
          en: `Result ${n}: the text is empty.`,
        });
      }
      if (f.kind === 'evaluation' && f.method === null) {
        invalid(`${field}.method`, {
          ky: `${n}-баалоонун натыйжасы: ыкмасы көрсөтүлгөн эмес (анкеталоо, фокус-топ, сурамжылоо ж.б.; 8.1).`,
          ru: `Результат оценки № ${n}: не указан метод (анкетирование, фокус-группа, опрос и т. п.; 8.1).`,
          en: `Evaluation finding ${n}: the method is not given (questionnaire, focus group, poll, ...; 8.1).`,
        });
      }
      if (f.method !== null && !(f.method in FINDING_METHODS)) {
        invalid(`${field}.method`, {
          ky: `${n}-натыйжа: "${f.method}" деген ыкма белгисиз.`,
          ru: `Результат № ${n}: неизвестный метод «${f.method}».`,
          en: `Result ${n}: unknown method "${f.method}".`,
        });
      }
      if (f.method === 'other' && blank(f.methodNote)) {
        invalid(`${field}.methodNote`, {
          ky: `${n}-натыйжа: "башка ыкма" аталышы керек.`,
          ru: `Результат № ${n}: «другой метод» нужно назвать.`,
          en: `Result ${n}: "other method" must be named.`,
        });
      }
    });
  }

  if (draft.recommendations === null || draft.recommendations.every((r) => blank(r))) need('recommendations');

  // 8.1 lists the annexes among the mandatory content: at least one (a file, or a described item without a file).
  if (draft.annexes === null || draft.annexes.length === 0) {
    missing.push({
      field: 'annexes',
      clause: '8.1',
      problem: 'missing',
      message: {
        ky: 'Актыга бир да тиркеме жок (8.1): протоколдор, сүрөттөр, көрмө материалдар. Файл тиркеңиз же тиркемени сыпаттаңыз (файлсыз).',
        ru: 'У акта нет ни одного приложения (8.1): протоколы, фото, наглядные материалы. Приложите файл или опишите приложение (без файла).',
        en: 'The act has no annex (8.1): protocols, photos, visual materials. Attach a file or describe an annex (without a file).',
      },
    });
  } else {
    draft.annexes.forEach((a, i) => {
      if (blank(a.title)) {
        invalid(`annexes[${i}].title`, {
          ky: `${i + 1}-тиркеменин аталышы бош.`,
          ru: `Приложение № ${i + 1}: пустое название.`,
          en: `Annex ${i + 1}: the title is empty.`,
        });
      }
    });
  }

  return { ok: missing.length === 0, missing, warnings };
}
