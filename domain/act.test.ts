import { describe, expect, it } from 'vitest';
import { FINDING_METHODS, MONITORED_OBJECT_KINDS, validateAct } from './act';
import type { ActDraft } from './act';
import { LANGS } from './i18n';

const complete: ActDraft = {
  purpose: 'Ичүүчү суу менен камсыз кылуу кызматынын сапатын баалоо',
  subject: 'Айылдык аймакты өнүктүрүү программасы: суу түтүгүн оңдоо',
  object: { kind: 'municipal_enterprise', name: 'Терек-Суу суу чарба ишканасы' },
  place: 'Терек-Суу айылы',
  periodStart: '2026-04-06',
  periodEnd: '2026-04-17',
  resultsSummary: null,
  findings: [
    { kind: 'fact', text: 'Үч көчөдө суу күнүнө 2 саат гана берилет.', method: 'site_visit' },
    { kind: 'evaluation', text: 'Сурамжылангандардын 64% канааттанбайт.', method: 'questionnaire' },
  ],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Сурамжылоонун протоколу', kind: 'protocol' }],
};

const empty: ActDraft = {
  purpose: null,
  subject: null,
  object: null,
  place: null,
  periodStart: null,
  periodEnd: null,
  findings: null,
  recommendations: null,
  annexes: null,
};

describe('8.1: the mandatory content of an act', () => {
  it('a complete act passes without warnings', () => {
    expect(validateAct(complete)).toEqual({ ok: true, missing: [], warnings: [] });
  });

  it('an empty draft names every mandatory item, each with clause 8.1 and a message in every language', () => {
    const result = validateAct(empty);
    expect(result.ok).toBe(false);
    expect(result.missing.map((m) => m.field)).toEqual([
      'purpose',
      'subject',
      'object.kind',
      'object.name',
      'place',
      'periodStart',
      'periodEnd',
      'findings',
      'recommendations',
      'annexes',
    ]);
    for (const m of result.missing) {
      expect(m).toMatchObject({ clause: '8.1', problem: 'missing' });
      for (const lang of LANGS) expect(m.message[lang]).toContain('8.1');
    }
  });

  it.each([
    ['purpose', { purpose: '   ' }],
    ['subject', { subject: '' }],
    ['object.name', { object: { kind: 'executive_body', name: ' ' } }],
    ['object.kind', { object: { kind: null, name: 'Айыл өкмөтү' } }],
    ['place', { place: null }],
    ['findings', { findings: [] }],
    ['recommendations', { recommendations: ['', ' '] }],
    ['annexes', { annexes: null }],
  ] as [string, Partial<ActDraft>][])('missing %s blocks issuing', (field, change) => {
    const draft = { ...complete, ...change };
    expect(validateAct(draft).missing.map((m) => m.field)).toEqual([field]);
  });

  it('the period must not end before it starts; one-day periods are fine', () => {
    expect(validateAct({ ...complete, periodStart: '2026-04-18', periodEnd: '2026-04-17' }).missing).toMatchObject([
      { field: 'period', problem: 'invalid' },
    ]);
    expect(validateAct({ ...complete, periodStart: '2026-04-17', periodEnd: '2026-04-17' }).ok).toBe(true);
    expect(validateAct({ ...complete, periodEnd: '2026-02-30' }).missing).toMatchObject([
      { field: 'periodEnd', problem: 'invalid' },
    ]);
  });

  it('an evaluation finding needs its method; "other" needs a name; a fact may go without one', () => {
    const result = validateAct({
      ...complete,
      findings: [
        { kind: 'fact', text: 'Көпүрө бузулган.', method: null },
        { kind: 'evaluation', text: 'Калк канааттанбайт.', method: null },
        { kind: 'evaluation', text: 'Жаштар канааттанбайт.', method: 'other', methodNote: ' ' },
        { kind: 'evaluation', text: ' ', method: 'focus_group' },
      ],
    });
    expect(result.missing.map((m) => m.field)).toEqual([
      'findings[1].method',
      'findings[2].methodNote',
      'findings[3].text',
    ]);
  });

  it('8.1: an act with no annex is not issued; one described item (no file) is enough', () => {
    const result = validateAct({ ...complete, annexes: [] });
    expect(result.ok).toBe(false);
    expect(result.missing).toMatchObject([{ field: 'annexes', clause: '8.1', problem: 'missing' }]);
    expect(result.missing[0]!.message.ru).toContain('нет ни одного приложения');
    expect(validateAct({ ...complete, annexes: [{ title: 'Фото водопровода на ул. Ленина' }] }).ok).toBe(true);
  });
});

describe('labels', () => {
  it('4.2: six kinds of monitored objects, each labelled in ky, ru and en', () => {
    expect(Object.keys(MONITORED_OBJECT_KINDS)).toEqual([
      'executive_body',
      'municipal_enterprise',
      'municipal_institution',
      'procurement_supplier',
      'procurement_consultant',
      'public_organisation',
    ]);
    for (const label of [...Object.values(MONITORED_OBJECT_KINDS), ...Object.values(FINDING_METHODS)]) {
      for (const lang of LANGS) expect(label[lang].length).toBeGreaterThan(3);
    }
  });
});
