// Acts of monitoring and evaluation (8.1): drafts that may be incomplete, annex files stored by content hash with
// size and type limits, and issuing, which checks the mandatory content and records act.issued with a number.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely, type Selectable } from 'kysely';
import {
  validateAct,
  type ActAnnex,
  type ActDraft,
  type ActFinding,
  type ActProblem,
  type ActWarning,
} from '../domain/act';
import { actObligations } from '../domain/act-procedure';
import { isIsoDate, yearOf, type IsoDate } from '../domain/dates';
import type { Localized } from '../domain/i18n';
import {
  AnnexRefusal,
  annexFileName,
  checkAnnexFile,
  MAX_ANNEXES_PER_ACT,
  tooManyAnnexes,
} from '../security/annex-policy';
import type { ActAnnexesTable, ActsTable, Database } from './database';
import { streamVersion } from './event-store';
import { streams, type ActStatus, type AnnexData } from './events';
import { findObjectById, type MonitoredObject } from './objects';
import { record, recordInTransaction } from './record';

export type ActErrorCode =
  | 'invalid-draft'
  | 'unknown-group'
  | 'unknown-object'
  | 'unknown-act'
  | 'object-of-another-council'
  | 'object-kind-mismatch'
  | 'not-a-draft'
  | 'act-incomplete'
  | 'invalid-date'
  | 'unknown-annex'
  | AnnexRefusal['code'];

/** A refusal about an act: a code, messages in ky/ru/en, and for an incomplete act every missing item (8.1). */
export class ActError extends Error {
  constructor(
    readonly code: ActErrorCode,
    readonly messages: Localized,
    readonly problems: ActProblem[] = [],
  ) {
    super(problems.length > 0 ? `${messages.en} ${problems.map((p) => p.message.en).join(' ')}` : messages.en);
    this.name = 'ActError';
  }
}

const same = (text: string): Localized => ({ ky: text, ru: text, en: text });

export interface ActAnnexFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** The SHA-256 of the content, hex: the file is <dataDir>/annexes/<sha256>. */
  sha256: string;
}

export interface Act {
  id: string;
  groupId: string;
  objectId: string;
  title: string;
  number: string | null;
  status: ActStatus;
  draft: ActDraft;
  issuedOn: IsoDate | null;
  receivedOn: IsoDate | null;
  receivedVia: 'link' | 'staff' | null;
  annexes: ActAnnexFile[];
}

// ---- the draft as JSON ----

const DRAFT_KEYS = [
  'purpose',
  'subject',
  'object',
  'place',
  'periodStart',
  'periodEnd',
  'resultsSummary',
  'findings',
  'recommendations',
  'annexes',
] as const;

function invalidDraft(field: string, rule: Localized): ActError {
  return new ActError('invalid-draft', {
    ky: `${field}: ${rule.ky}`,
    ru: `${field}: ${rule.ru}`,
    en: `${field}: ${rule.en}`,
  });
}

const MUST_BE_TEXT: Localized = {
  ky: 'текст же null болушу керек',
  ru: 'должно быть текстом или null',
  en: 'must be text or null',
};
const MUST_BE_LIST: Localized = {
  ky: 'тизме же null болушу керек',
  ru: 'должно быть списком или null',
  en: 'must be a list or null',
};

function text(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalidDraft(field, MUST_BE_TEXT);
  return value;
}

function list(value: unknown, field: string): unknown[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw invalidDraft(field, MUST_BE_LIST);
  return value as unknown[];
}

function record_(value: unknown, field: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidDraft(field, {
      ky: 'объект {...} болушу керек',
      ru: 'должно быть объектом {...}',
      en: 'must be an object {...}',
    });
  }
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length > 0) {
    const names = unknown.join(', ');
    throw invalidDraft(field, {
      ky: `белгисиз талаалар: ${names}; болгондору: ${keys.join(', ')}`,
      ru: `неизвестные поля: ${names}; допустимые: ${keys.join(', ')}`,
      en: `unknown fields: ${names}; known: ${keys.join(', ')}`,
    });
  }
  return value as Record<string, unknown>;
}

/**
 * Reads an ActDraft from JSON: every field may be missing or null (8.1 is checked at issue, not here); wrong types and
 * unknown field names (a typo would silently lose content) are refused naming the field.
 */
export function parseActDraft(value: unknown): ActDraft {
  const v = record_(value, 'act', DRAFT_KEYS);
  const object = v.object === undefined || v.object === null ? null : record_(v.object, 'object', ['kind', 'name']);
  const findings = list(v.findings, 'findings')?.map((f, i): ActFinding => {
    const r = record_(f, `findings[${i}]`, ['kind', 'text', 'method', 'methodNote']);
    if (r.kind !== 'fact' && r.kind !== 'evaluation') {
      throw invalidDraft(`findings[${i}].kind`, {
        ky: '"fact" же "evaluation" болушу керек',
        ru: 'должно быть "fact" или "evaluation"',
        en: 'must be "fact" or "evaluation"',
      });
    }
    return {
      kind: r.kind,
      text: text(r.text, `findings[${i}].text`),
      method: text(r.method, `findings[${i}].method`) as ActFinding['method'],
      methodNote: text(r.methodNote, `findings[${i}].methodNote`),
    };
  });
  const recommendations = list(v.recommendations, 'recommendations')?.map(
    (r, i) => text(r, `recommendations[${i}]`) ?? '',
  );
  const annexes = list(v.annexes, 'annexes')?.map((a, i): ActAnnex => {
    const r = record_(a, `annexes[${i}]`, ['title', 'kind']);
    const kind = text(r.kind, `annexes[${i}].kind`);
    if (kind !== null && !['protocol', 'photo', 'visual', 'other'].includes(kind)) {
      throw invalidDraft(`annexes[${i}].kind`, {
        ky: 'protocol, photo, visual же other',
        ru: 'protocol, photo, visual или other',
        en: 'protocol, photo, visual or other',
      });
    }
    return kind === null
      ? { title: text(r.title, `annexes[${i}].title`) ?? '' }
      : { title: text(r.title, `annexes[${i}].title`) ?? '', kind: kind as NonNullable<ActAnnex['kind']> };
  });
  return {
    purpose: text(v.purpose, 'purpose'),
    subject: text(v.subject, 'subject'),
    object:
      object === null
        ? null
        : {
            kind: text(object.kind, 'object.kind') as MonitoredObject['kind'] | null,
            name: text(object.name, 'object.name'),
          },
    place: text(v.place, 'place'),
    periodStart: text(v.periodStart, 'periodStart'),
    periodEnd: text(v.periodEnd, 'periodEnd'),
    resultsSummary: text(v.resultsSummary, 'resultsSummary'),
    findings: findings ?? null,
    recommendations: recommendations ?? null,
    annexes: annexes ?? null,
  };
}

// ---- reading ----

function toAct(row: Selectable<ActsTable>, annexes: Selectable<ActAnnexesTable>[]): Act {
  return {
    id: row.id,
    groupId: row.group_id,
    objectId: row.object_id,
    title: row.title,
    number: row.number,
    status: row.status,
    draft: parseActDraft(row.content),
    issuedOn: row.issued_on,
    receivedOn: row.received_on,
    receivedVia: row.received_via,
    annexes: annexes.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mediaType: a.media_type,
      sizeBytes: a.size_bytes,
      sha256: a.storage_key,
    })),
  };
}

export async function findAct(db: Kysely<Database>, actId: string): Promise<Act | undefined> {
  const row = await db.selectFrom('acts').selectAll().where('id', '=', actId).executeTakeFirst();
  if (!row) return undefined;
  const annexes = await db
    .selectFrom('act_annexes')
    .selectAll()
    .where('act_id', '=', actId)
    .orderBy('file_name')
    .orderBy('id')
    .execute();
  return toAct(row, annexes);
}

async function requireAct(db: Kysely<Database>, actId: string): Promise<Act> {
  const act = await findAct(db, actId);
  if (!act)
    throw new ActError('unknown-act', {
      ky: `${actId} деген акт жок.`,
      ru: `Акта ${actId} нет.`,
      en: `There is no act ${actId}.`,
    });
  return act;
}

function notADraft(act: Act): ActError {
  return new ActError('not-a-draft', {
    ky: `${act.number ?? act.id} акты чыгарылган (${act.status}); чыгарылган актыны өзгөртүүгө болбойт.`,
    ru: `Акт ${act.number ?? act.id} уже выдан (${act.status}); выданный акт не изменяется.`,
    en: `Act ${act.number ?? act.id} is already issued (${act.status}); an issued act does not change.`,
  });
}

// ---- drafting ----

/** The act's object is the registered one: a missing kind or name is filled from the register; another kind is refused. */
function withObject(draft: ActDraft, object: MonitoredObject): ActDraft {
  const given = draft.object;
  if (given?.kind && given.kind !== object.kind) {
    throw new ActError('object-kind-mismatch', {
      ky: `object.kind: актыда "${given.kind}", катталган объект "${object.kind}".`,
      ru: `object.kind: в акте «${given.kind}», у зарегистрированного объекта «${object.kind}».`,
      en: `object.kind: the act says "${given.kind}", the registered object is "${object.kind}".`,
    });
  }
  return { ...draft, object: { kind: object.kind, name: given?.name?.trim() ? given.name : object.name.ky } };
}

export interface DraftActInput {
  groupId: string;
  objectId: string;
  draft: ActDraft;
  title?: string;
  id?: string;
}

function titleOf(draft: ActDraft, title: string | undefined): string {
  return title?.trim() || draft.subject?.trim() || draft.purpose?.trim() || '';
}

/** Records act.drafted: the group and the object must exist and belong to the same council. The draft may be incomplete (8.1 is checked at issue). */
export async function draftAct(db: Kysely<Database>, input: DraftActInput, actor: string): Promise<Act> {
  const group = await db
    .selectFrom('groups')
    .select(['id', 'council_id'])
    .where('id', '=', input.groupId)
    .executeTakeFirst();
  if (!group)
    throw new ActError('unknown-group', {
      ky: `${input.groupId} деген топ жок.`,
      ru: `Группы ${input.groupId} нет.`,
      en: `There is no group ${input.groupId}.`,
    });
  const object = await findObjectById(db, input.objectId);
  if (!object) {
    throw new ActError('unknown-object', {
      ky: `${input.objectId} деген объект катталган эмес (jmeg object register).`,
      ru: `Объект ${input.objectId} не зарегистрирован (jmeg object register).`,
      en: `Object ${input.objectId} is not registered (jmeg object register).`,
    });
  }
  if (object.councilId !== group.council_id) {
    throw new ActError('object-of-another-council', {
      ky: `${object.name.ky} башка кеңештин объектиси; топ өз кеңешинин объектилерин гана текшерет (4.2).`,
      ru: `${object.name.ru} — объект другого кенеша; группа проверяет объекты своего кенеша (4.2).`,
      en: `${object.name.ky} belongs to another council; a group monitors its own council's objects (4.2).`,
    });
  }
  const draft = withObject(input.draft, object);
  const actId = input.id ?? randomUUID();
  const title = titleOf(draft, input.title);
  await record(db, {
    stream: streams.act(actId),
    expectedVersion: 0,
    actor,
    events: [
      { type: 'act.drafted', payload: { actId, groupId: input.groupId, objectId: object.id, title, content: draft } },
    ],
  });
  return requireAct(db, actId);
}

/** Records act.updated with the whole new draft; only drafts change. */
export async function updateActDraft(
  db: Kysely<Database>,
  actId: string,
  input: { draft: ActDraft; title?: string },
  actor: string,
): Promise<Act> {
  const act = await requireAct(db, actId);
  if (act.status !== 'draft') throw notADraft(act);
  const object = (await findObjectById(db, act.objectId))!;
  const draft = withObject(input.draft, object);
  await record(db, {
    stream: streams.act(actId),
    expectedVersion: await streamVersion(db, streams.act(actId)),
    actor,
    events: [
      { type: 'act.updated', payload: { actId, title: titleOf(draft, input.title ?? act.title), content: draft } },
    ],
  });
  return requireAct(db, actId);
}

// ---- annexes ----

export function annexDirOf(dataDir: string): string {
  return join(dataDir, 'annexes');
}

/** Writes the content once under its hash (a temporary name, then a rename, so a reader never sees half a file). */
function storeContent(dataDir: string, sha256: string, bytes: Uint8Array): void {
  const dir = annexDirOf(dataDir);
  const file = join(dir, sha256);
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  writeFileSync(temporary, bytes, { mode: 0o600 });
  renameSync(temporary, file);
}

export interface AttachAnnexInput {
  actId: string;
  fileName: string;
  bytes: Uint8Array;
  dataDir: string;
}

/**
 * 8.1 annexes: checks the file (type by name and content, at most 10 MB, at most 30 per act), stores it under
 * <dataDir>/annexes/<sha256> and records act.annex-attached. Only drafts take annexes; the same file attached
 * twice to an act is recorded once.
 */
export async function attachAnnex(db: Kysely<Database>, input: AttachAnnexInput, actor: string): Promise<ActAnnexFile> {
  const act = await requireAct(db, input.actId);
  if (act.status !== 'draft') throw notADraft(act);
  const fileName = annexFileName(input.fileName);
  let accepted;
  try {
    accepted = checkAnnexFile(fileName, input.bytes);
  } catch (error) {
    if (error instanceof AnnexRefusal) throw new ActError(error.code, error.messages);
    throw error;
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const existing = act.annexes.find((a) => a.sha256 === sha256);
  if (existing) return existing;
  if (act.annexes.length >= MAX_ANNEXES_PER_ACT) {
    const refusal = tooManyAnnexes(act.annexes.length);
    throw new ActError(refusal.code, refusal.messages);
  }
  storeContent(input.dataDir, sha256, input.bytes);
  const removed = await removedAnnexes(db, input.actId);
  const annex: AnnexData = {
    annexId: randomUUID(),
    fileName,
    mediaType: accepted.mediaType,
    sizeBytes: accepted.sizeBytes,
    storageKey: sha256,
  };
  const result = await record(db, {
    stream: streams.act(input.actId),
    actor,
    events: [
      {
        type: 'act.annex-attached',
        payload: { actId: input.actId, annex },
        // The same file twice at once is one annex; after a removal, the same file may be attached again.
        idempotencyKey: `act-annex:${input.actId}:${sha256}${removed > 0 ? `:after-${removed}` : ''}`,
      },
    ],
  });
  const stored = (result.events[0] as { payload: { annex: AnnexData } }).payload.annex;
  return {
    id: stored.annexId,
    fileName: stored.fileName,
    mediaType: stored.mediaType,
    sizeBytes: stored.sizeBytes,
    sha256: stored.storageKey,
  };
}

async function removedAnnexes(db: Kysely<Database>, actId: string): Promise<number> {
  const { n } = await db
    .selectFrom('events')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('stream_id', '=', streams.act(actId))
    .where('type', '=', 'act.annex-removed')
    .executeTakeFirstOrThrow();
  return n;
}

/**
 * Takes an annex file off a draft (act.annex-removed); refused once the act is issued (8.1: an issued act does not
 * change). An annex that is not the act's is 'unknown-annex'. The stored content stays (other acts may share it).
 */
export async function removeAnnex(
  db: Kysely<Database>,
  input: { actId: string; annexId: string },
  actor: string,
): Promise<{ removed: ActAnnexFile; act: Act }> {
  const act = await requireAct(db, input.actId);
  const annex = act.annexes.find((a) => a.id === input.annexId);
  if (act.status !== 'draft') throw notADraft(act);
  if (!annex)
    throw new ActError('unknown-annex', {
      ky: `${act.number ?? act.id} актысында ${input.annexId} деген тиркеме жок.`,
      ru: `У акта ${act.number ?? act.id} нет приложения ${input.annexId}.`,
      en: `Act ${act.number ?? act.id} has no annex ${input.annexId}.`,
    });
  await record(db, {
    stream: streams.act(input.actId),
    expectedVersion: await streamVersion(db, streams.act(input.actId)),
    actor,
    events: [{ type: 'act.annex-removed', payload: { actId: act.id, annexId: annex.id, fileName: annex.fileName } }],
  });
  return { removed: annex, act: await requireAct(db, input.actId) };
}

// ---- issuing ----

/** The act as it will be issued: the draft, with every attached file not already named in its annex list added to it. */
export function contentForIssue(act: Act): ActDraft {
  if (act.annexes.length === 0) return act.draft;
  const listed = act.draft.annexes ?? [];
  const titles = new Set(listed.map((a) => a.title.trim().toLowerCase()));
  const files = act.annexes
    .filter((f) => !titles.has(f.fileName.toLowerCase()))
    .map((f): ActAnnex => ({ title: f.fileName, kind: f.mediaType.startsWith('image/') ? 'photo' : 'other' }));
  return { ...act.draft, annexes: [...listed, ...files] };
}

/** 8.1: what is missing before the act can be issued (empty when it can be), and the warnings. */
export function checkActForIssue(act: Act): { missing: ActProblem[]; warnings: ActWarning[] } {
  const { missing, warnings } = validateAct(contentForIssue(act));
  return { missing, warnings };
}

/** What the act procedure needs once an act is issued (the workflow of the next step starts from this). */
export interface IssuedAct {
  actId: string;
  number: string;
  issuedOn: IsoDate;
  title: string;
  groupId: string;
  councilId: string;
  object: MonitoredObject;
  /** 4.3: the obligations that open on receipt; no object-response when the object is the executive body itself. */
  obligationKeys: ('object-response' | 'executive-report')[];
  /** The party ids of those obligations, in the same order ('object:<id>' owes the response, 'executive-body' the report). */
  parties: string[];
  annexes: ActAnnexFile[];
  warnings: ActWarning[];
  /** The act was already issued (by an earlier call): nothing was recorded now. */
  alreadyIssued: boolean;
}

/**
 * Issues a draft: refuses with ActError 'act-incomplete' naming every missing 8.1 item (ky/ru/en); otherwise gives it
 * the group's next number for the year (YYYY-NNN) and records act.issued, once: a repeated call returns the same act.
 */
export async function issueAct(
  db: Kysely<Database>,
  actId: string,
  options: { on: IsoDate; actor: string },
): Promise<IssuedAct> {
  if (!isIsoDate(options.on)) {
    throw new ActError('invalid-date', same(`issue date "${options.on}" is not a real date YYYY-MM-DD`));
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('acts').select(['group_id']).where('id', '=', actId).executeTakeFirst();
    if (!row)
      throw new ActError('unknown-act', {
        ky: `${actId} деген акт жок.`,
        ru: `Акта ${actId} нет.`,
        en: `There is no act ${actId}.`,
      });
    // Numbers are per group and year: issuing in one group waits for the other issue in the same group.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`act-number:${row.group_id}`}, 0))`.execute(trx);
    const act = (await findAct(trx, actId))!;
    const object = (await findObjectById(trx, act.objectId))!;
    const group = await trx
      .selectFrom('groups')
      .select('council_id')
      .where('id', '=', act.groupId)
      .executeTakeFirstOrThrow();
    const content = contentForIssue(act);
    const { missing, warnings } = validateAct(content);
    const base = {
      actId,
      title: act.title,
      groupId: act.groupId,
      councilId: group.council_id,
      object,
      annexes: act.annexes,
      warnings,
      ...obligationsOf(object),
    };
    if (act.status !== 'draft') return { ...base, number: act.number!, issuedOn: act.issuedOn!, alreadyIssued: true };
    if (missing.length > 0) {
      throw new ActError(
        'act-incomplete',
        {
          ky: `Актыны чыгарууга болбойт: 8.1-пункттун ${missing.length} талабы аткарылган жок.`,
          ru: `Акт нельзя выдать: не выполнено требований п. 8.1: ${missing.length}.`,
          en: `The act cannot be issued: ${missing.length} item(s) of 8.1 missing or invalid.`,
        },
        missing,
      );
    }
    const year = yearOf(options.on);
    const { n } = await trx
      .selectFrom('acts')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('group_id', '=', act.groupId)
      .where('number', 'like', `${year}-%`)
      .executeTakeFirstOrThrow();
    const number = `${year}-${String(n + 1).padStart(3, '0')}`;
    await recordInTransaction(trx, {
      stream: streams.act(actId),
      actor: options.actor,
      events: [
        {
          type: 'act.issued',
          payload: { actId, number, issuedOn: options.on, content: content },
          idempotencyKey: `act-issued:${actId}`,
        },
      ],
    });
    return { ...base, number, issuedOn: options.on, alreadyIssued: false };
  });
}

function obligationsOf(object: MonitoredObject): Pick<IssuedAct, 'obligationKeys' | 'parties'> {
  const obligations = actObligations(object);
  return { obligationKeys: obligations.map((o) => o.key), parties: obligations.map((o) => o.party) };
}
