// Files and annexes (issue 16, item 6): an owner-only data directory, 0600 outbox files, annex names without control
// or bidirectional characters, docx/xlsx/odt read as real archives within a bound, and escalations in Bcc.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTransport } from '../activities/mail/build-transport';
import { escalationAddresses, type ObligationContext } from '../activities/mail/resolve-recipients';
import { sendViaOutbox } from '../activities/mail/send-via-outbox';
import { createAccount } from '../db/accounts';
import { registerCouncil } from '../db/councils';
import { AnnexRefusal, annexFileName, checkAnnexFile, MAX_ARCHIVE_UNCOMPRESSED_BYTES } from '../security/annex-policy';
import { secureDir } from '../security/data-dir';
import { loadOrCreateSecret } from '../security/server-secret';
import { createTestDatabase, type TestDatabase } from './support/pg';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'jmeg-files-'));
  dirs.push(dir);
  return dir;
};
let umask: number;
// Each test starts from the usual umask (022), so a mode it sees is the code's doing.
beforeEach(() => {
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function modesUnder(dir: string): [string, number][] {
  const out: [string, number][] = [[dir, statSync(dir).mode & 0o777]];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    out.push([path, statSync(path).mode & 0o777]);
  }
  return out;
}

describe('the data directory is owner-only', () => {
  it('is made 0700 with umask 077, so what the process writes in it afterwards is owner-only', () => {
    const dataDir = join(tempDir(), 'data');
    loadOrCreateSecret(dataDir);
    writeFileSync(join(dataDir, 'written-later'), 'x');
    expect(modesUnder(dataDir).filter(([, mode]) => (mode & 0o077) !== 0)).toEqual([]);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('tightens an existing data directory made 0755', () => {
    const dataDir = join(tempDir(), 'existing');
    secureDir(dataDir);
    process.umask(0o022);
    rmSync(dataDir, { recursive: true });
    mkdtempSync(dataDir);
    secureDir(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('writes outbox .eml files 0600 in a 0700 folder (they hold live response links)', async () => {
    process.umask(0o022);
    const dataDir = tempDir();
    const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: 'jmeg@aksuu.kg' });
    process.umask(0o022);
    const sent = await transport.send({
      businessKey: 'test:eml-mode',
      to: ['a@aksuu.kg'],
      subject: 'S',
      text: 'T',
      html: null,
    });
    expect(statSync(sent.file!).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'outbox')).mode & 0o777).toBe(0o700);
  });
});

describe('annex names keep no control or bidirectional characters', () => {
  it.each([
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['report\u200F\u2066.pdf\u2069', 'report.pdf'],
    ['a\u0000b\u0007c\u001b[31m.png', 'abc[31m.png'],
    ['C:\\Users\\x\\scan\u200B.jpg', 'scan.jpg'],
    ['line\nbreak\r.pdf', 'linebreak.pdf'],
  ])('%j is stored as %j', (raw, clean) => {
    expect(annexFileName(raw)).toBe(clean);
  });

  it('keeps the extension of a very long name', () => {
    const name = annexFileName(`${'x'.repeat(500)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

const zip = (files: Record<string, string | Uint8Array>, first?: string) => {
  const entries: Record<string, Uint8Array> = {};
  if (first !== undefined) entries[first] = typeof files[first] === 'string' ? strToU8(files[first]) : files[first]!;
  for (const [name, content] of Object.entries(files))
    if (name !== first) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return Buffer.from(zipSync(entries, { level: 6 }));
};
const contentTypes = (main: string, part: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${part}" ContentType="${main}"/></Types>`;
const DOCX_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

function refusal(run: () => unknown): AnnexRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof AnnexRefusal) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('docx, xlsx and odt are checked as real archives of their type', () => {
  it('accepts a docx, an xlsx and an odt whose content-types part or mimetype entry says so', () => {
    expect(
      checkAnnexFile(
        'a.docx',
        zip({
          '[Content_Types].xml': contentTypes(DOCX_MAIN, 'word/document.xml'),
          'word/document.xml': '<w:document/>',
        }),
      ).type,
    ).toBe('docx');
    expect(
      checkAnnexFile(
        'b.xlsx',
        zip({ '[Content_Types].xml': contentTypes(XLSX_MAIN, 'xl/workbook.xml'), 'xl/workbook.xml': '<workbook/>' }),
      ).type,
    ).toBe('xlsx');
    const odt = Buffer.from(
      zipSync({
        mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
        'content.xml': strToU8('<office:document-content/>'),
      }),
    );
    expect(checkAnnexFile('c.odt', odt).type).toBe('odt');
  });

  it('refuses a zip of HTML that only names the parts, a docx passed off as xlsx, and a broken archive', () => {
    const html = zip({
      '[Content_Types].xml': '<html><body>word/ xl/</body></html>',
      'word/index.html': '<script>alert(1)</script>',
    });
    expect(refusal(() => checkAnnexFile('page.docx', html)).code).toBe('annex-content-mismatch');
    const docx = zip({
      '[Content_Types].xml': contentTypes(DOCX_MAIN, 'word/document.xml'),
      'word/document.xml': '<w:document/>',
      'xl/': '',
    });
    expect(refusal(() => checkAnnexFile('sheet.xlsx', docx)).code).toBe('annex-content-mismatch');
    const missingPart = zip({ '[Content_Types].xml': contentTypes(DOCX_MAIN, 'word/document.xml') });
    expect(refusal(() => checkAnnexFile('empty.docx', missingPart)).code).toBe('annex-content-mismatch');
    const cut = zip({
      '[Content_Types].xml': contentTypes(DOCX_MAIN, 'word/document.xml'),
      'word/document.xml': '<w:document/>',
    }).subarray(0, 60);
    expect(refusal(() => checkAnnexFile('cut.docx', cut)).code).toBe('annex-content-mismatch');
    const wrongMimetype = Buffer.from(
      zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text-template'), { level: 0 }] }),
    );
    expect(refusal(() => checkAnnexFile('t.odt', wrongMimetype)).code).toBe('annex-content-mismatch');
  });

  it(`refuses an archive that would unpack to more than ${MAX_ARCHIVE_UNCOMPRESSED_BYTES / 1024 / 1024} MB (a zip bomb)`, () => {
    const bomb = zip({
      '[Content_Types].xml': contentTypes(DOCX_MAIN, 'word/document.xml'),
      'word/document.xml': '<w:document/>',
      'word/media/zeros.bin': new Uint8Array(MAX_ARCHIVE_UNCOMPRESSED_BYTES + 1),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refusal(() => checkAnnexFile('bomb.docx', bomb)).code).toBe('annex-content-mismatch');
  });
});

describe('escalation mails: deputies do not see each other', () => {
  let t: TestDatabase;
  afterAll(async () => {
    await t?.drop();
  });

  it("addresses the council in To and its deputies in Bcc; the .eml shows no deputy's address", async () => {
    t = await createTestDatabase();
    const councilId = await registerCouncil(t.db, { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' } }, 'test');
    await createAccount(t.db, {
      email: 'deputy.one@aksuu.kg',
      password: 'deputy password 1',
      role: 'deputy',
      councilId,
    });
    await createAccount(t.db, {
      email: 'deputy.two@aksuu.kg',
      password: 'deputy password 1',
      role: 'deputy',
      councilId,
    });
    const ctx: ObligationContext = {
      obligationId: 'ob-1',
      groupId: 'g-1',
      actId: null,
      councilId,
      council: { name: { ky: 'Ак-Суу', ru: 'Ак-Суу' }, email: 'kenesh@aksuu.kg' },
    };
    const { to, bcc } = await escalationAddresses(t.db, ctx);
    expect(to).toEqual(['kenesh@aksuu.kg']);
    expect(bcc).toEqual(['deputy.one@aksuu.kg', 'deputy.two@aksuu.kg']);
    const dataDir = tempDir();
    const transport = buildTransport({ smtpUrl: null, dataDir, mailFrom: 'jmeg@aksuu.kg' });
    await sendViaOutbox(t.db, transport, {
      businessKey: 'obligation:ob-1:escalation',
      to,
      bcc,
      subject: 'Мөөнөтү өттү',
      text: 'T',
      html: null,
    });
    const eml = readFileSync(join(dataDir, 'outbox', readdirSync(join(dataDir, 'outbox'))[0]!), 'utf8');
    expect(eml).toContain('To: kenesh@aksuu.kg');
    expect(eml).not.toContain('deputy.one');
    expect(eml).not.toContain('deputy.two');
    const row = await t.db
      .selectFrom('mail_outbox')
      .select('recipients')
      .where('business_key', '=', 'obligation:ob-1:escalation')
      .executeTakeFirstOrThrow();
    expect(row.recipients).toEqual(['kenesh@aksuu.kg', 'deputy.one@aksuu.kg', 'deputy.two@aksuu.kg']);
  });
});
