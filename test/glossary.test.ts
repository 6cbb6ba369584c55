// Words as the law writes them: no catalogue, notice, mail or message text uses a form that the glossary of the
// regulation (../shared/regulation/GLOSSARY.md, beside REGULATION.md; its conventions and its table of terms) rules
// out. Each rule below cites the glossary line it comes from. Two kinds of texts are read:
// - the catalogues as the product renders them: every msg() label (api/*/messages.ts, api/ui, the shared obligation
//   words of domain/), the Localized tables exported by domain/, the formation's notices and the mails;
// - the source of every module that writes user texts outside a catalogue (domain/, api/, activities/, workflows/,
//   cli/, procedures/), so that a text built by a function is held to the same words (comments are left out).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderActDelivery, renderReceiptPrompt } from '../activities/acts/render-act-mail';
import { renderObligationMail } from '../activities/mail/render-obligation-mail';
import { MESSAGES } from '../api/ui/messages';
import { LANGS, type Lang } from '../domain/i18n';
import { creationNoticeText, formationNoticeText } from '../workflows/formation/notice-texts';

interface Rule {
  /** What the glossary says, with its line in GLOSSARY.md. */
  why: string;
  /** The languages whose texts the rule reads. */
  langs: readonly Lang[];
  /** The ruled-out form. */
  pattern: RegExp;
  /** A text that matches this uses the form rightly (e.g. «жыйын» where the community gathering is named). */
  unless?: RegExp;
}

const KY: readonly Lang[] = ['ky'];
const RU: readonly Lang[] = ['ru'];
const KY_RU: readonly Lang[] = ['ky', 'ru'];

const RULES: readonly Rule[] = [
  {
    why: 'GLOSSARY.md:49 meeting of the group: «жыйналыш», not «жыйын» (a «жыйын» is the community gathering, :32)',
    langs: KY,
    pattern: /(?<![а-яөүң])[Жж]ыйын(?!ты[кг]|ды отчет)[а-яөүң]*/u,
    unless: /[Кк]оомдоштуктун жыйын/u,
  },
  {
    why: 'GLOSSARY.md:32 community gathering: UI «коомдоштуктун жыйыны», not «коомдук чогулуш» / «жамааттын жыйыны»',
    langs: KY,
    pattern: /[Чч]огулуш|[Жж]амаат/u,
  },
  {
    why: 'GLOSSARY.md:32 community gathering: ru «собрание (сход) местного сообщества», not «сход граждан»',
    langs: RU,
    pattern: /[Сс]ход[а-я]* граждан/u,
  },
  {
    why: 'GLOSSARY.md:17 short name of the group: only «БМжБ тобу» / «группа СМиО»',
    langs: KY_RU,
    pattern: /БМБТ|БМжБТ|БМ жана Б(?![а-яөүң])|БМжМ|ГСМО/u,
  },
  {
    why: 'GLOSSARY.md:8 days: «жумуш күнү» / «жумуш күндөрү»; no «иш күнү», no bare «жумуш күн(дөр)», no «жумушчу күн»',
    langs: KY,
    pattern: /(?<![а-яөүң])иш күн|жумуш күн(?!ү|дөрү)|жумушчу күн/u,
  },
  {
    why: 'GLOSSARY.md:7 dates: no case ending glued to a date; «чейин» takes the dative («{date} күнүнө чейин», «саат 23:59га чейин»)',
    langs: KY,
    pattern: /(\}|\d|күнү|жылдын) чейин/u,
  },
  {
    why: 'GLOSSARY.md:7 dates: dd.mm.yyyy in every page, notice and e-mail; ISO only in inputs and URLs',
    langs: KY_RU,
    pattern: /(?<![\w/=-])(19|20)\d\d-[01]\d-[0-3]\d(?![\w/])/u,
  },
  {
    why: 'GLOSSARY.md:9 a law is not a clause: ky «… № 217 Мыйзам», ru «Закон КР от 29.12.2023 № 217», never the English name',
    langs: KY_RU,
    pattern: /Law No\./u,
  },
  {
    why: 'GLOSSARY.md:65 monitored object: pl. «объекттер», never «объектилер»',
    langs: KY,
    pattern: /объектил/u,
  },
  {
    why: 'GLOSSARY.md:85 act: the stem «акты-» (актысы, актыны, актынын, актыга), and «мониторинг жана баалоо актысы»',
    langs: KY,
    pattern: /(?<![а-яөүң])[Аа]кт(тын|ты|тар|тан)(?![а-яөүң])|баалоо акты(?![а-яөүң])/u,
  },
  {
    why: 'GLOSSARY.md:46 term of office: «ыйгарым укуктарынын мөөнөтү», never «ыйгарым мөөнөтү»',
    langs: KY,
    pattern: /[Ыы]йгарым мөөнөт|ыйгарым укук мөөнөт/u,
  },
  {
    why: 'GLOSSARY.md:36 municipal employee: UI «муниципалдык кызматчы» (a «кызматкер» is staff)',
    langs: KY,
    pattern: /муниципалдык кызматкер/u,
  },
  {
    why: 'GLOSSARY.md:55 draft: ru «проект», not «черновик»',
    langs: RU,
    pattern: /[Чч]ерновик/u,
  },
  {
    why: 'GLOSSARY.md:59 order: a council adopts a «токтом», not a «тескеме»',
    langs: KY,
    pattern: /тескеме/u,
  },
  {
    why: "GLOSSARY.md:63 notice boards: the regulation's «билим берүүнүн атайын орундары» is a slip; UI «жарыялар тактасы»",
    langs: KY,
    pattern: /билим берүүнүн атайын/u,
  },
  {
    why: 'GLOSSARY.md:43 one quarter: the misprint «4/1» is written «1/4»',
    langs: KY_RU,
    pattern: /(?<![\d/])4\/1(?![\d/])/u,
  },
  {
    why: 'GLOSSARY.md:89 persons with disabilities: spell the term out, no abbreviation',
    langs: KY_RU,
    pattern: /ДМЧА|ЛОВЗ/u,
  },
  {
    why: 'GLOSSARY.md:10 capitals: «Кабинет Министров» (a state body)',
    langs: RU,
    pattern: /Кабинет[а-я]* министров/u,
  },
];

// Russian as a secretary reads it (TERMS-CHECK.md beside the glossary, section 7: Russian errors).
const RUSSIAN_ERRORS: readonly Rule[] = [
  { why: 'TERMS-CHECK.md 7: «Акт полон» → «Акт заполнен полностью»', langs: RU, pattern: /Акт полон/u },
  { why: 'TERMS-CHECK.md 7: «не действительный» → «недействительный»', langs: RU, pattern: /не действительн/u },
  { why: 'TERMS-CHECK.md 7: «нет обязательного сведения»', langs: RU, pattern: /обязательного сведения/u },
  { why: 'TERMS-CHECK.md 7: «не настоящая дата» → «не существующая дата»', langs: RU, pattern: /настоящая дата/u },
  { why: 'TERMS-CHECK.md 7: «о просроченном сроке» is a pleonasm', langs: RU, pattern: /просроченн[а-я]* срок/u },
  { why: 'TERMS-CHECK.md 7: «календ. дн.» → «кал. дн.»', langs: RU, pattern: /календ\. дн/u },
];

const ALL_RULES = [...RULES, ...RUSSIAN_ERRORS];

/** Source lines that hold a ruled-out form on purpose. */
const ALLOWED: readonly { file: string; line: RegExp; why: string }[] = [
  {
    file: 'domain/roster.ts',
    line: /^ky: \['муниципалдык кызматчы'/u,
    why: "a council's list may head its category with any of these words; they are read, never shown",
  },
];

/** Every text under a catalogue key, by language. */
function catalogueTexts(): { where: string; lang: Lang; text: string }[] {
  const out: { where: string; lang: Lang; text: string }[] = [];
  for (const lang of LANGS)
    for (const [key, text] of Object.entries(MESSAGES[lang])) out.push({ where: `msg ${key}`, lang, text });
  return out;
}

/** Strings held under ky/ru/en keys anywhere in a value (Localized tables), up to a few levels deep. */
function localizedIn(value: unknown, where: string, out: { where: string; lang: Lang; text: string }[], depth = 0) {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if ((LANGS as readonly string[]).includes(key) && typeof inner === 'string')
      out.push({ where, lang: key as Lang, text: inner });
    else localizedIn(inner, `${where}.${key}`, out, depth + 1);
  }
}

/** Every module of domain/ (tests aside), loaded once. */
async function domainModules(): Promise<[string, Record<string, unknown>][]> {
  const dir = fileURLToPath(new URL('../domain/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  return Promise.all(
    files.map(
      async (f) =>
        [`domain/${f}`, (await import(`../domain/${f.replace(/\.ts$/u, '')}`)) as Record<string, unknown>] as [
          string,
          Record<string, unknown>,
        ],
    ),
  );
}

async function domainTexts() {
  const out: { where: string; lang: Lang; text: string }[] = [];
  for (const [file, module] of await domainModules())
    for (const [name, value] of Object.entries(module)) localizedIn(value, `${file} ${name}`, out);
  return out;
}

function renderedTexts() {
  const out: { where: string; lang: Lang; text: string }[] = [];
  const notices = {
    formation: formationNoticeText('2026-02-20'),
    creation: creationNoticeText({
      decidedOn: '2026-04-10',
      resolutionNumber: '12',
      termEnd: '2030-04-09',
      members: [{ fullName: 'Асанова Айгүл', category: 'municipal_employee' }],
      meeting: { date: '2026-04-20', time: '10:00', place: 'айыл өкмөтү' },
    }),
  };
  for (const [name, text] of Object.entries(notices)) localizedIn({ text }, `notice ${name}`, out);
  const kyRu = { ky: 'Айыл өкмөтү', ru: 'Айыл окмоту' };
  const mails = {
    reminder: renderObligationMail({
      kind: 'reminder',
      title: kyRu,
      clause: '4.3',
      party: kyRu,
      dueDate: '2026-03-23',
      daysLeft: 3,
      dayUnit: 'working',
      recipient: kyRu,
    }),
    escalation: renderObligationMail({
      kind: 'escalation',
      title: kyRu,
      clause: '4.3',
      party: kyRu,
      dueDate: '2026-03-23',
      daysLeft: -2,
      recipient: kyRu,
    }),
    delivery: renderActDelivery({
      number: '2026-001',
      title: 'Суу',
      issuedOn: '2026-03-02',
      object: kyRu,
      isExecutiveBody: false,
      link: 'https://jmeg.example/r/x',
      linkExpiresAt: '2026-06-01T00:00:00Z',
    }),
    receipt: renderReceiptPrompt({
      actId: 'a1',
      number: '2026-001',
      title: 'Суу',
      issuedOn: '2026-03-02',
      expectedBy: '2026-03-05',
      object: kyRu,
    }),
  };
  for (const [name, mail] of Object.entries(mails)) {
    // A mail is Kyrgyz then Russian; each half is read with its language's rules. The CLI command a mail may
    // quote for staff keeps its ISO input form.
    const [ky, ru] = mail.text.split('== На русском языке ==');
    const commandLess = (s: string) => s.replace(/--on \S+/gu, '');
    out.push({ where: `mail ${name}`, lang: 'ky', text: commandLess(ky ?? '') });
    out.push({ where: `mail ${name}`, lang: 'ru', text: commandLess(ru ?? '') });
  }
  return out;
}

/** The modules whose string literals reach users, and the Kyrgyz/Russian lines in them (comments left out). */
function sourceLines(): { where: string; lang: Lang; text: string }[] {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out: { where: string; lang: Lang; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(path.join(root, dir))) {
      const rel = path.join(dir, name);
      if (statSync(path.join(root, rel)).isDirectory()) walk(rel);
      else if (rel.endsWith('.ts') && !rel.endsWith('.test.ts')) {
        readFileSync(path.join(root, rel), 'utf8')
          .split('\n')
          .forEach((line, i) => {
            const code = line.trim();
            if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
            // A line with Kyrgyz letters is Kyrgyz; any other Cyrillic line is read by both languages' rules.
            const langs: Lang[] = /[өүң]/iu.test(code) ? ['ky'] : /[а-яё]/iu.test(code) ? ['ky', 'ru'] : [];
            for (const lang of langs) out.push({ where: `${rel}:${i + 1}`, lang, text: code });
          });
      }
    }
  };
  for (const dir of ['domain', 'api', 'activities', 'workflows', 'cli', 'procedures']) walk(dir);
  return out;
}

function violations(texts: { where: string; lang: Lang; text: string }[], rules: readonly Rule[], iso = true) {
  const found: string[] = [];
  for (const { where, lang, text } of texts)
    for (const rule of rules) {
      if (!rule.langs.includes(lang)) continue;
      if (!iso && rule.why.includes('ISO only')) continue;
      // A text that asks for a date in an input names the ISO form (ЖЖЖЖ-АА-КК, ГГГГ-ММ-ДД) and may show one.
      if (rule.why.includes('ISO only') && /ЖЖЖЖ-АА-КК|ГГГГ-ММ-ДД|YYYY-MM-DD/u.test(text)) continue;
      if (rule.unless?.test(text)) continue;
      if (ALLOWED.some((a) => where.startsWith(a.file) && a.line.test(text))) continue;
      const m = rule.pattern.exec(text);
      if (m) found.push(`${where} [${lang}] «${m[0]}» in: ${text.slice(0, 160)}\n    ${rule.why}`);
    }
  return found;
}

describe('the texts use the words of the regulation (GLOSSARY.md)', () => {
  it('every msg() label', () => {
    const texts = catalogueTexts();
    expect(texts.length).toBeGreaterThan(1000);
    expect(violations(texts, ALL_RULES)).toEqual([]);
  });

  it("the domain's Localized tables (obligations, categories, object kinds, findings, …)", async () => {
    const texts = await domainTexts();
    expect(texts.length).toBeGreaterThan(100);
    expect(violations(texts, ALL_RULES)).toEqual([]);
  });

  it('the formation notices and the mails as they are sent', () => {
    const texts = renderedTexts();
    expect(texts.map((t) => t.where)).toContain('notice creation.text');
    expect(violations(texts, ALL_RULES)).toEqual([]);
  });

  it('every Kyrgyz and Russian text written in the source of domain/, api/, activities/, workflows/, cli/', () => {
    // The source holds dates in code (examples, fixtures) that no one reads as text: the date rule is left to the
    // rendered texts above.
    const texts = sourceLines();
    expect(texts.length).toBeGreaterThan(1000);
    expect(violations(texts, ALL_RULES, false)).toEqual([]);
  });

  it.each(ALL_RULES.map((r) => [r.why, r] as const))('the rule is live: %s', (_, rule) => {
    // Each rule's pattern must match at least one sample of the form it rules out.
    const samples: Record<string, string> = {
      'GLOSSARY.md:49 ': 'Топтун биринчи жыйыны',
      'GLOSSARY.md:32 community gathering: UI': 'коомдук чогулушта шайланат',
      'GLOSSARY.md:32 community gathering: ru': 'на сходе граждан',
      'GLOSSARY.md:17 ': 'БМБТ: мөөнөттөр',
      'GLOSSARY.md:8 ': '15 жумуш күн калды',
      'GLOSSARY.md:7 dates: no case': '{date} чейин',
      'GLOSSARY.md:7 dates: dd': 'срок 2026-03-10',
      'GLOSSARY.md:9 ': 'Law No. 217 of 29.12.2023-пункт',
      'GLOSSARY.md:65 ': 'Мониторинг объектилери',
      'GLOSSARY.md:85 ': 'Акттын долбоору',
      'GLOSSARY.md:46 ': 'Ыйгарым мөөнөтү',
      'GLOSSARY.md:36 ': 'муниципалдык кызматкерлер',
      'GLOSSARY.md:55 ': 'Черновик акта',
      'GLOSSARY.md:59 ': 'тескеме кабыл алат',
      'GLOSSARY.md:63 ': 'билим берүүнүн атайын орундарында',
      'GLOSSARY.md:43 ': 'курамынын 4/1',
      'GLOSSARY.md:89 ': 'ДМЧА',
      'GLOSSARY.md:10 capitals: «Кабинет': 'Кабинета министров',
      'TERMS-CHECK.md 7: «Акт': 'Акт полон',
      'TERMS-CHECK.md 7: «не д': 'не действительный номер',
      'TERMS-CHECK.md 7: «нет': 'нет обязательного сведения',
      'TERMS-CHECK.md 7: «не н': 'не настоящая дата',
      'TERMS-CHECK.md 7: «о п': 'о просроченном сроке',
      'TERMS-CHECK.md 7: «к': '3 календ. дн.',
    };
    const sample = Object.entries(samples).find(([prefix]) => rule.why.startsWith(prefix))?.[1];
    expect(sample, rule.why).toBeDefined();
    expect(rule.pattern.test(sample!)).toBe(true);
  });
});
