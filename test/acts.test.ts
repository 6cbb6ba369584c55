// Monitored objects (4.2) and acts (8.1) on a real Postgres database: registration rules, incomplete drafts,
// annex limits and storage, and issuing that names every missing item.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActError, attachAnnex, draftAct, findAct, issueAct, parseActDraft, updateActDraft } from '../db/acts';
import { registerCouncil } from '../db/councils';
import { readStream } from '../db/event-store';
import { streams } from '../db/events';
import { openGroup } from '../db/groups';
import { isEmailAddress, listObjects, ObjectError, registerObject } from '../db/objects';
import type { ActDraft } from '../domain/act';
import { MAX_ANNEX_BYTES, MAX_ANNEXES_PER_ACT } from '../security/annex-policy';
import { createTestDatabase, type TestDatabase } from './support/pg';

let t: TestDatabase;
let dataDir: string;
let councilId: string;
let groupId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'jmeg-acts-'));
  councilId = await registerCouncil(
    t.db,
    { name: { ky: 'Ак-Суу айылдык кеңеши', ru: 'Ак-Суйский айылный кенеш' }, email: 'kenesh@aksuu.kg' },
    'test',
  );
  groupId = await openGroup(t.db, { councilId }, 'test');
});
afterAll(async () => {
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function refusalOf<E extends Error & { code: string }>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const water = { ky: 'Суу чарба ишканасы', ru: 'Предприятие водного хозяйства' };

describe('monitored objects (4.2)', () => {
  it('are registered with a kind of 4.2, names in Kyrgyz and Russian and their e-mail addresses (duplicates dropped)', async () => {
    const object = await registerObject(
      t.db,
      {
        councilId,
        kind: 'municipal_enterprise',
        name: water,
        emails: ['suu@aksuu.kg', ' boss@aksuu.kg ', 'SUU@aksuu.kg'],
      },
      'test',
    );
    expect(object).toMatchObject({
      kind: 'municipal_enterprise',
      name: water,
      emails: ['suu@aksuu.kg', 'boss@aksuu.kg'],
      isExecutiveBody: false,
    });
    expect((await listObjects(t.db, councilId)).map((o) => o.id)).toContain(object.id);
    const [event] = await readStream(t.db, streams.object(object.id));
    expect(event).toMatchObject({
      type: 'object.registered',
      payload: { name: water.ky, nameRu: water.ru, contacts: ['suu@aksuu.kg', 'boss@aksuu.kg'] },
    });
  });

  it('the executive body is one per council: a second is refused naming the first; another council has its own', async () => {
    const first = await registerObject(
      t.db,
      {
        councilId,
        kind: 'executive_body',
        name: { ky: 'Ак-Суу айыл өкмөтү', ru: 'Ак-Суйский айыл окмоту' },
        emails: ['ao@aksuu.kg'],
      },
      'test',
    );
    expect(first.isExecutiveBody).toBe(true);
    const second = await refusalOf(
      registerObject(
        t.db,
        { councilId, kind: 'executive_body', name: { ky: 'Экинчи', ru: 'Второй' }, emails: ['b@aksuu.kg'] },
        'test',
      ),
      ObjectError,
    );
    expect(second.code).toBe('executive-body-exists');
    // The first body by its name in each language, not its id.
    expect(second.messages.ky).toContain('«Ак-Суу айыл өкмөтү»');
    expect(second.messages.ru).toContain('«Ак-Суйский айыл окмоту»');
    expect(second.messages.en).not.toContain(first.id);
    const other = await registerCouncil(t.db, { name: { ky: 'Башка', ru: 'Другой' } }, 'test');
    await expect(
      registerObject(
        t.db,
        { councilId: other, kind: 'executive_body', name: { ky: 'Б', ru: 'Б' }, emails: ['ao@other.kg'] },
        'test',
      ),
    ).resolves.toMatchObject({ isExecutiveBody: true });
    expect((await listObjects(t.db, councilId))[0]!.id).toBe(first.id);
  });

  it('two executive bodies registered at the same moment: exactly one is recorded', async () => {
    const council = await registerCouncil(t.db, { name: { ky: 'Жарыш', ru: 'Гонка' } }, 'test');
    const attempts = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        registerObject(
          t.db,
          {
            councilId: council,
            kind: 'executive_body',
            name: { ky: `АӨ ${i}`, ru: `АО ${i}` },
            emails: [`ao${i}@race.kg`],
          },
          'test',
        ),
      ),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts
      .filter((a): a is PromiseRejectedResult => a.status === 'rejected')
      .map((a) => (a.reason as ObjectError).code);
    expect(refused).toEqual(['executive-body-exists', 'executive-body-exists']);
  });

  it.each([
    ['suu@ayil.kg', true],
    ['first.last+acts@mail.ru', true],
    ['ao-2@sub.domain-x.kg', true],
    ['a@xn--80aswg.xn--p1ai', true],
    ['a@b', false],
    ['a b@ayil.kg', false],
    ['@ayil.kg', false],
    ['a@.kg', false],
    ['a@ayil..kg', false],
    ['a@-ayil.kg', false],
    ['.a@ayil.kg', false],
    ['a..b@ayil.kg', false],
    ['a@ayil.k', false],
    ['+996555000111', false],
  ])('e-mail %s is %s', (address, valid) => {
    expect(isEmailAddress(address)).toBe(valid);
  });

  it.each([
    ['an invalid e-mail, naming it', { emails: ['suu@aksuu.kg', 'suu at aksuu'] }, 'invalid-email', 'emails[1]'],
    ['no e-mail at all (acts go by e-mail, 4.3)', { emails: [] }, 'missing-email', 'emails'],
    ['a kind outside 4.2', { kind: 'public_association' }, 'invalid-kind', 'kind'],
    ['no Russian name', { name: { ky: 'Мектеп', ru: ' ' } }, 'missing-name', 'name.ru'],
    ['an unknown council', { councilId: 'nope' }, 'unknown-council', 'councilId'],
  ])('refuses %s', async (_name, change, code, field) => {
    const input = {
      councilId,
      kind: 'municipal_institution',
      name: { ky: 'Мектеп', ru: 'Школа' },
      emails: ['school@aksuu.kg'],
      ...change,
    };
    const error = await refusalOf(registerObject(t.db, input, 'test'), ObjectError);
    expect({ code: error.code, field: error.field }).toEqual({ code, field });
    expect(error.messages.ky).not.toBe(error.messages.ru);
  });
});

const complete: ActDraft = {
  purpose: 'Ичүүчү суунун сапатын жана жеткиликтүүлүгүн баалоо',
  subject: 'Ичүүчү суу менен камсыздоо программасы',
  object: null,
  place: 'Ак-Суу айылы',
  periodStart: '2026-02-02',
  periodEnd: '2026-02-20',
  findings: [
    { kind: 'fact', text: 'Үч көчөдө суу жумасына эки күн гана берилет.', method: 'site_visit' },
    { kind: 'evaluation', text: 'Тургундардын 62% канааттанбайт.', method: 'questionnaire' },
  ],
  recommendations: ['Суу берүү графигин жарыялоо'],
  annexes: [{ title: 'Анкеталоонун жыйынтыгы', kind: 'protocol' }],
};

const png = (seed: number) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(`image ${seed}`)]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

describe('acts (8.1)', () => {
  let objectId: string;
  beforeAll(async () => {
    objectId = (
      await registerObject(
        t.db,
        {
          councilId,
          kind: 'municipal_institution',
          name: { ky: 'Ак-Суу мектеби', ru: 'Ак-Суйская школа' },
          emails: ['mektep@aksuu.kg'],
        },
        'test',
      )
    ).id;
  });

  it('a draft may be incomplete; the object comes from the register', async () => {
    const act = await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ purpose: 'Текшерүү' }) }, 'test');
    expect(act).toMatchObject({ status: 'draft', number: null, title: 'Текшерүү' });
    expect(act.draft).toMatchObject({
      purpose: 'Текшерүү',
      subject: null,
      findings: null,
      object: { kind: 'municipal_institution', name: 'Ак-Суу мектеби' },
    });
  });

  it('the draft file refuses unknown field names (a typo would lose content) and wrong types, naming the field', () => {
    expect(() => parseActDraft({ purpse: 'x' })).toThrow(/act: unknown fields: purpse; known: purpose, subject/);
    expect(() => parseActDraft({ findings: 'many' })).toThrow(/findings: must be a list or null/);
    expect(() => parseActDraft({ findings: [{ kind: 'opinion', text: 'x', method: null }] })).toThrow(
      /findings\[0\]\.kind: must be "fact" or "evaluation"/,
    );
    expect(() => parseActDraft({ periodStart: 20260202 })).toThrow(/periodStart: must be text or null/);
  });

  it('an act about an object of another council is refused', async () => {
    const other = await registerCouncil(t.db, { name: { ky: 'Тышкы', ru: 'Внешний' } }, 'test');
    const foreign = await registerObject(
      t.db,
      { councilId: other, kind: 'municipal_enterprise', name: { ky: 'Т', ru: 'Т' }, emails: ['t@other.kg'] },
      'test',
    );
    const error = await refusalOf(
      draftAct(t.db, { groupId, objectId: foreign.id, draft: parseActDraft({}) }, 'test'),
      ActError,
    );
    expect(error.code).toBe('object-of-another-council');
  });

  it('issuing an incomplete act is refused with every missing item named in ky, ru and en, and records nothing', async () => {
    const act = await draftAct(
      t.db,
      { groupId, objectId, draft: parseActDraft({ purpose: 'Текшерүү', periodStart: '2026-02-30' }) },
      'test',
    );
    const error = await refusalOf(issueAct(t.db, act.id, { on: '2026-03-02', actor: 'test' }), ActError);
    expect(error.code).toBe('act-incomplete');
    expect(error.problems.map((p) => p.field)).toEqual([
      'subject',
      'place',
      'periodStart',
      'periodEnd',
      'findings',
      'recommendations',
      'annexes',
    ]);
    const recommendations = error.problems.find((p) => p.field === 'recommendations')!.message;
    expect(recommendations).toEqual({
      ky: 'Актыда милдеттүү маалымат жок (8.1): сунуштамалар жана сунуштар.',
      ru: 'В акте отсутствуют обязательные сведения (8.1): рекомендации и предложения.',
      en: 'The act lacks a mandatory item (8.1): recommendations and proposals.',
    });
    expect(error.problems.find((p) => p.field === 'periodStart')!.problem).toBe('invalid');
    expect((await readStream(t.db, streams.act(act.id))).map((e) => e.type)).toEqual(['act.drafted']);
    expect((await findAct(t.db, act.id))!.status).toBe('draft');
  });

  it("a completed draft is issued with the group's next number for the year; issuing again changes nothing", async () => {
    const act = await draftAct(t.db, { groupId, objectId, draft: parseActDraft({ purpose: 'x' }) }, 'test');
    await updateActDraft(t.db, act.id, { draft: complete }, 'test');
    const issued = await issueAct(t.db, act.id, { on: '2026-03-02', actor: 'test' });
    expect(issued).toMatchObject({
      number: '2026-001',
      issuedOn: '2026-03-02',
      groupId,
      councilId,
      alreadyIssued: false,
      obligationKeys: ['object-response', 'executive-report'],
      parties: [`object:${objectId}`, 'executive-body'],
      object: { id: objectId, emails: ['mektep@aksuu.kg'] },
    });
    const again = await issueAct(t.db, act.id, { on: '2026-03-05', actor: 'test' });
    expect(again).toMatchObject({ number: '2026-001', issuedOn: '2026-03-02', alreadyIssued: true });
    expect((await readStream(t.db, streams.act(act.id))).map((e) => e.type)).toEqual([
      'act.drafted',
      'act.updated',
      'act.issued',
    ]);

    const next = await draftAct(t.db, { groupId, objectId, draft: complete }, 'test');
    expect((await issueAct(t.db, next.id, { on: '2026-12-30', actor: 'test' })).number).toBe('2026-002');
    const newYear = await draftAct(t.db, { groupId, objectId, draft: complete }, 'test');
    expect((await issueAct(t.db, newYear.id, { on: '2027-01-11', actor: 'test' })).number).toBe('2027-001');
  });

  it('an issued act cannot be edited or take annexes', async () => {
    const act = await draftAct(t.db, { groupId, objectId, draft: complete }, 'test');
    await issueAct(t.db, act.id, { on: '2026-03-03', actor: 'test' });
    expect((await refusalOf(updateActDraft(t.db, act.id, { draft: complete }, 'test'), ActError)).code).toBe(
      'not-a-draft',
    );
    expect(
      (await refusalOf(attachAnnex(t.db, { actId: act.id, fileName: 'a.pdf', bytes: pdf, dataDir }, 'test'), ActError))
        .code,
    ).toBe('not-a-draft');
  });

  it('an act about the executive body opens only the 30-day report (4.3(3) does not apply to it)', async () => {
    const ao = (await listObjects(t.db, councilId)).find((o) => o.isExecutiveBody)!;
    const act = await draftAct(t.db, { groupId, objectId: ao.id, draft: complete }, 'test');
    expect(await issueAct(t.db, act.id, { on: '2026-03-04', actor: 'test' })).toMatchObject({
      obligationKeys: ['executive-report'],
      parties: ['executive-body'],
    });
  });

  it('two acts of one group issued at once get different numbers', async () => {
    const acts = await Promise.all([1, 2, 3].map(() => draftAct(t.db, { groupId, objectId, draft: complete }, 'test')));
    const numbers = await Promise.all(
      acts.map((a) => issueAct(t.db, a.id, { on: '2028-05-12', actor: 'test' }).then((i) => i.number)),
    );
    expect(numbers.sort()).toEqual(['2028-001', '2028-002', '2028-003']);
  });
});

describe('annexes (8.1): stored by content hash, with size and type limits', () => {
  let actId: string;
  beforeAll(async () => {
    const objectId = (
      await registerObject(
        t.db,
        {
          councilId,
          kind: 'procurement_supplier',
          name: { ky: 'Курулуш ЖЧК', ru: 'ОсОО Курулуш' },
          emails: ['info@kurulush.kg'],
        },
        'test',
      )
    ).id;
    actId = (await draftAct(t.db, { groupId, objectId, draft: { ...complete, annexes: null } }, 'test')).id;
  });

  it('a PDF is stored under <dataDir>/annexes/<sha256>, the hash kept in the database; the same file twice is one annex', async () => {
    const annex = await attachAnnex(
      t.db,
      { actId, fileName: '/home/chair/Протокол №3.pdf', bytes: pdf, dataDir },
      'test',
    );
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(annex).toMatchObject({
      fileName: 'Протокол №3.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha,
    });
    expect(readFileSync(join(dataDir, 'annexes', sha))).toEqual(pdf);
    expect(await attachAnnex(t.db, { actId, fileName: 'copy.pdf', bytes: pdf, dataDir }, 'test')).toEqual(annex);
    expect((await findAct(t.db, actId))!.annexes).toHaveLength(1);
  });

  it("attached files (by name) count as the act's annex list when the draft lists none, so the act can be issued", async () => {
    await attachAnnex(t.db, { actId, fileName: 'site.png', bytes: png(0), dataDir }, 'test');
    const issued = await issueAct(t.db, actId, { on: '2026-03-06', actor: 'test' });
    const [event] = (await readStream(t.db, streams.act(actId))).filter((e) => e.type === 'act.issued');
    expect((event!.payload as unknown as { content: ActDraft }).content.annexes).toEqual([
      { title: 'site.png', kind: 'photo' },
      { title: 'Протокол №3.pdf', kind: 'other' },
    ]);
    expect(issued.annexes.map((a) => a.fileName).sort()).toEqual(['site.png', 'Протокол №3.pdf']);
  });

  it.each([
    [
      'a file over 10 MB, naming the limit',
      'big.pdf',
      Buffer.concat([pdf, Buffer.alloc(MAX_ANNEX_BYTES)]),
      'annex-too-large',
      /the limit for an annex is 10\.0 MB/,
    ],
    [
      'a type that is not allowed, listing the allowed ones',
      'setup.exe',
      Buffer.from('MZ\x90\x00'),
      'annex-type-not-allowed',
      /allowed types: pdf, jpg, jpeg, png, docx, xlsx, odt/,
    ],
    ['a file whose content is not its type', 'photo.pdf', png(1), 'annex-content-mismatch', /not a \.pdf file/],
    [
      'a renamed zip as .docx',
      'report.docx',
      Buffer.from(zipSync({ 'readme.txt': strToU8('just a zip') })),
      'annex-content-mismatch',
      /not a \.docx file/,
    ],
    [
      'bytes that only start like a zip as .docx',
      'fake.docx',
      Buffer.from('PK\x03\x04[Content_Types].xmlPK\x03\x04word/document.xml', 'latin1'),
      'annex-content-mismatch',
      /not a \.docx file/,
    ],
    ['an empty file', 'empty.png', Buffer.alloc(0), 'annex-empty', /empty/],
  ])('refuses %s', async (_name, fileName, bytes, code, message) => {
    const draft = await draftAct(
      t.db,
      { groupId, objectId: (await listObjects(t.db, councilId))[0]!.id, draft: parseActDraft({}) },
      'test',
    );
    const error = await refusalOf(attachAnnex(t.db, { actId: draft.id, fileName, bytes, dataDir }, 'test'), ActError);
    expect(error.code).toBe(code);
    expect(error.messages.en).toMatch(message);
    expect(error.messages.ru).not.toBe(error.messages.en);
    expect((await findAct(t.db, draft.id))!.annexes).toEqual([]);
  });

  it('accepts docx, xlsx, odt and jpeg by their content', async () => {
    const draft = await draftAct(
      t.db,
      { groupId, objectId: (await listObjects(t.db, councilId))[0]!.id, draft: parseActDraft({}) },
      'test',
    );
    // Real archives (annexes are read as zips): the OOXML content-types part names the main part, which is there; the
    // odt's first entry is its stored mimetype.
    const zip = (files: Record<string, string>) =>
      Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, strToU8(c)])), { level: 6 }));
    const contentTypes = (main: string, part: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${main}"/></Types>`;
    const docx = zip({
      '[Content_Types].xml': contentTypes(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        'word/document.xml',
      ),
      'word/document.xml': '<w:document/>',
    });
    const xlsx = zip({
      '[Content_Types].xml': contentTypes(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        'xl/workbook.xml',
      ),
      'xl/workbook.xml': '<workbook/>',
    });
    const odt = Buffer.from(
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
        'content.xml': strToU8('<office:document-content/>'),
      }),
    );
    const files: [string, Buffer, string][] = [
      ['a.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['b.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['c.odt', odt, 'application/vnd.oasis.opendocument.text'],
      ['d.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg'],
    ];
    for (const [name, bytes, mediaType] of files)
      expect((await attachAnnex(t.db, { actId: draft.id, fileName: name, bytes, dataDir }, 'test')).mediaType).toBe(
        mediaType,
      );
  });

  it(`an act holds at most ${MAX_ANNEXES_PER_ACT} annexes`, async () => {
    const draft = await draftAct(
      t.db,
      { groupId, objectId: (await listObjects(t.db, councilId))[0]!.id, draft: parseActDraft({}) },
      'test',
    );
    for (let i = 0; i < MAX_ANNEXES_PER_ACT; i++)
      await attachAnnex(t.db, { actId: draft.id, fileName: `p${i}.png`, bytes: png(100 + i), dataDir }, 'test');
    const error = await refusalOf(
      attachAnnex(t.db, { actId: draft.id, fileName: 'one-more.png', bytes: png(999), dataDir }, 'test'),
      ActError,
    );
    expect(error.code).toBe('annex-too-many');
    expect(error.messages.en).toBe(
      `The act already has ${MAX_ANNEXES_PER_ACT} annexes; the limit is ${MAX_ANNEXES_PER_ACT}.`,
    );
    expect(existsSync(join(dataDir, 'annexes', createHash('sha256').update(png(999)).digest('hex')))).toBe(false);
  });
});
