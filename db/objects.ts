// Monitored objects (4.2): registered per council with their kind, names in Kyrgyz and Russian and the e-mail
// addresses acts are delivered to (4.3); the executive body is one per council.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { MONITORED_OBJECT_KINDS, type MonitoredObjectKind } from '../domain/act';
import { calendarKindOf, type CalendarKind } from '../domain/object-calendar';
import type { Localized } from '../domain/i18n';
import type { Database, MonitoredObjectsTable } from './database';
import { streams, type Bilingual } from './events';
import { record } from './record';
import type { ObjectFields } from './object-edit-events';
import { problem, type Problem } from '../domain/problem';
import { InvalidInputError } from '../procedures/refusals';

export interface MonitoredObject {
  id: string;
  councilId: string;
  kind: MonitoredObjectKind;
  name: Bilingual;
  emails: string[];
  isExecutiveBody: boolean;
  /** Staff marked it as following the Cabinet's transfers (only matters for kinds not bound by them). */
  followsTransfers: boolean;
  /** The calendar its deadlines are counted on (domain/object-calendar.ts). */
  calendarKind: CalendarKind;
  /** Where a paper act is delivered; null when staff gave none. */
  postalAddress: string | null;
  /** False once staff marked it inactive: no new acts or information requests to it. */
  active: boolean;
}

export type ObjectErrorCode =
  'unknown-council' | 'invalid-kind' | 'missing-name' | 'missing-email' | 'invalid-email' | 'executive-body-exists';

/** A refusal to register an object: a code, the field, and the message in the three languages. */
export class ObjectError extends Error {
  constructor(
    readonly code: ObjectErrorCode,
    readonly field: string,
    readonly messages: Localized,
  ) {
    super(messages.en);
    this.name = 'ObjectError';
  }
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An e-mail address as mail servers accept it: local@domain, a dotted domain of letters, digits and hyphens, a TLD of 2+ letters (or punycode). */
export function isEmailAddress(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  if (!LOCAL.test(local) || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  return /^([A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/.test(labels[labels.length - 1]!);
}

export function toMonitoredObject(row: Selectable<MonitoredObjectsTable>): MonitoredObject {
  return {
    id: row.id,
    councilId: row.council_id,
    kind: row.kind,
    name: { ky: row.name, ru: row.name_ru ?? row.name },
    emails: row.contacts,
    isExecutiveBody: row.is_executive_body,
    followsTransfers: row.follows_transfers,
    calendarKind: calendarKindOf(row.kind, row.follows_transfers),
    postalAddress: row.postal_address,
    active: row.active,
  };
}

export async function findObjectById(db: Kysely<Database>, id: string): Promise<MonitoredObject | undefined> {
  const row = await db.selectFrom('monitored_objects').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMonitoredObject(row);
}

/** The council's objects, the executive body first, then by Kyrgyz name. */
export async function listObjects(db: Kysely<Database>, councilId: string): Promise<MonitoredObject[]> {
  const rows = await db
    .selectFrom('monitored_objects')
    .selectAll()
    .where('council_id', '=', councilId)
    .orderBy('is_executive_body', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toMonitoredObject);
}

export interface RegisterObjectInput {
  councilId: string;
  kind: string;
  name: Bilingual;
  emails: readonly string[];
  id?: string;
  /** Mark an object not bound by the Cabinet's transfers as following them; false by default. */
  followsTransfers?: boolean;
}

/** Checks and records object.registered; returns the object. Refuses with ObjectError naming the field and rule. */
export async function registerObject(
  db: Kysely<Database>,
  input: RegisterObjectInput,
  actor: string,
): Promise<MonitoredObject> {
  if (!(input.kind in MONITORED_OBJECT_KINDS)) {
    const valid = Object.keys(MONITORED_OBJECT_KINDS).join(', ');
    throw new ObjectError('invalid-kind', 'kind', {
      ky: `Объекттин түрү "${input.kind}" 4.2-пунктта жок; түрлөрү: ${valid}.`,
      ru: `Вида объекта «${input.kind}» нет в пункте 4.2; виды: ${valid}.`,
      en: `Object kind "${input.kind}" is not one of 4.2: ${valid}.`,
    });
  }
  const kind = input.kind as MonitoredObjectKind;
  const name = { ky: input.name.ky.trim(), ru: input.name.ru.trim() };
  for (const lang of ['ky', 'ru'] as const) {
    if (name[lang] === '') {
      throw new ObjectError('missing-name', `name.${lang}`, {
        ky: `Объекттин ${lang === 'ky' ? 'кыргызча' : 'орусча'} аталышы жок.`,
        ru: `Нет названия объекта на ${lang === 'ky' ? 'кыргызском' : 'русском'} языке.`,
        en: `The object's name in ${lang === 'ky' ? 'Kyrgyz' : 'Russian'} is missing.`,
      });
    }
  }
  const emails = normaliseEmails(input.emails);
  const council = await db.selectFrom('councils').select('id').where('id', '=', input.councilId).executeTakeFirst();
  if (!council) {
    throw new ObjectError('unknown-council', 'councilId', {
      ky: `${input.councilId} деген кеңеш жок.`,
      ru: `Кенеша с идентификатором ${input.councilId} нет.`,
      en: `There is no council with id ${input.councilId}.`,
    });
  }
  if (kind === 'executive_body') await refuseSecondExecutiveBody(db, input.councilId);
  const objectId = input.id ?? randomUUID();
  try {
    await record(db, {
      stream: streams.object(objectId),
      expectedVersion: 0,
      actor,
      events: [
        {
          type: 'object.registered',
          payload: {
            objectId,
            councilId: input.councilId,
            name: name.ky,
            nameRu: name.ru,
            kind,
            contacts: emails,
            ...(input.followsTransfers ? { followsTransfers: true } : {}),
          },
        },
      ],
    });
  } catch (error) {
    // Two registrations racing: the partial unique index keeps one executive body per council.
    if ((error as { constraint?: string }).constraint === 'monitored_objects_one_executive_body')
      await refuseSecondExecutiveBody(db, input.councilId);
    throw error;
  }
  const followsTransfers = input.followsTransfers ?? false;
  return {
    id: objectId,
    councilId: input.councilId,
    kind,
    name,
    emails,
    isExecutiveBody: kind === 'executive_body',
    followsTransfers,
    calendarKind: calendarKindOf(kind, followsTransfers),
    postalAddress: null,
    active: true,
  };
}

/** Marks an object as following the Cabinet's transfers or not (object.calendar-set); undefined for an unknown object. */
export async function setObjectCalendar(
  db: Kysely<Database>,
  objectId: string,
  followsTransfers: boolean,
  actor: string,
): Promise<MonitoredObject | undefined> {
  const existing = await findObjectById(db, objectId);
  if (!existing) return undefined;
  if (existing.followsTransfers !== followsTransfers)
    await record(db, {
      stream: streams.object(objectId),
      actor,
      events: [{ type: 'object.calendar-set', payload: { objectId, followsTransfers } }],
    });
  return { ...existing, followsTransfers, calendarKind: calendarKindOf(existing.kind, followsTransfers) };
}

/** 4.3: contacts are e-mail addresses (acts and reminders go by e-mail); at least one, each valid, duplicates dropped. */
function normaliseEmails(raw: readonly string[]): string[] {
  const emails: string[] = [];
  for (const [i, value] of raw.entries()) {
    const email = value.trim();
    if (!isEmailAddress(email)) {
      throw new ObjectError('invalid-email', `emails[${i}]`, {
        ky: `"${value}" туура электрондук почта дареги эмес (мисалы, suu@ayil.kg).`,
        ru: `«${value}» — неверный адрес электронной почты (пример: suu@ayil.kg).`,
        en: `"${value}" is not a valid e-mail address (e.g. suu@ayil.kg).`,
      });
    }
    if (!emails.some((e) => e.toLowerCase() === email.toLowerCase())) emails.push(email);
  }
  if (emails.length === 0) {
    throw new ObjectError('missing-email', 'emails', {
      ky: 'Жок дегенде бир электрондук почта дареги керек: акт жана эскертүүлөр ошол дарекке жиберилет (4.3).',
      ru: 'Нужен хотя бы один адрес электронной почты: на него отправляются акт и напоминания (4.3).',
      en: 'At least one e-mail address is needed: the act and the reminders are sent there (4.3).',
    });
  }
  return emails;
}

async function refuseSecondExecutiveBody(db: Kysely<Database>, councilId: string): Promise<void> {
  const existing = await db
    .selectFrom('monitored_objects')
    .select(['name', 'name_ru'])
    .where('council_id', '=', councilId)
    .where('is_executive_body', '=', true)
    .executeTakeFirst();
  if (!existing) return;
  // The registered body by its name (people read this), not its id.
  const ru = existing.name_ru ?? existing.name;
  throw new ObjectError('executive-body-exists', 'kind', {
    ky: `Бул кеңештин аткаруу органы катталган: «${existing.name}»; бир кеңештин бир гана аткаруу органы болот.`,
    ru: `Исполнительный орган этого кенеша уже зарегистрирован: «${ru}»; у кенеша он один.`,
    en: `This council's executive body is already registered: "${existing.name}"; a council has one.`,
  });
}

// ---- staff edit an object (issue 12, point 7) ----

/** What staff change: either name, the e-mail addresses (the whole list), the postal address (empty: none). */
export interface EditObjectInput {
  name?: { ky?: string | undefined; ru?: string | undefined } | undefined;
  emails?: readonly string[] | undefined;
  postalAddress?: string | null | undefined;
}

export const MAX_POSTAL_ADDRESS = 500;

/**
 * Records object.edited with only the fields that change and the values they replace (the record keeps the old
 * address); nothing when nothing changes. Checks as registration does (names not empty, at least one valid e-mail
 * address, 4.3), refusing with ObjectError naming the field. Undefined for an unknown object.
 */
export async function editObject(
  db: Kysely<Database>,
  objectId: string,
  input: EditObjectInput,
  actor: string,
): Promise<MonitoredObject | undefined> {
  const existing = await findObjectById(db, objectId);
  if (!existing) return undefined;
  const changes: ObjectFields = {};
  const previous: ObjectFields = {};
  for (const lang of ['ky', 'ru'] as const) {
    const typed = input.name?.[lang];
    if (typed === undefined) continue;
    const name = typed.trim();
    if (name === '') {
      throw new ObjectError('missing-name', `name.${lang}`, {
        ky: `Объекттин ${lang === 'ky' ? 'кыргызча' : 'орусча'} аталышы жок.`,
        ru: `Нет названия объекта на ${lang === 'ky' ? 'кыргызском' : 'русском'} языке.`,
        en: `The object's name in ${lang === 'ky' ? 'Kyrgyz' : 'Russian'} is missing.`,
      });
    }
    if (name !== existing.name[lang]) {
      if (lang === 'ky') [changes.name, previous.name] = [name, existing.name.ky];
      else [changes.nameRu, previous.nameRu] = [name, existing.name.ru];
    }
  }
  if (input.emails !== undefined) {
    const emails = normaliseEmails(input.emails);
    if (emails.join('\n') !== existing.emails.join('\n'))
      [changes.contacts, previous.contacts] = [emails, existing.emails];
  }
  if (input.postalAddress !== undefined) {
    const postal = (input.postalAddress ?? '').trim().replace(/\r\n/g, '\n');
    if (postal.length > MAX_POSTAL_ADDRESS) {
      throw new InvalidInputError(
        'postalAddress',
        'max-length',
        `postalAddress: at most ${MAX_POSTAL_ADDRESS} characters`,
      );
    }
    const value = postal === '' ? null : postal;
    if (value !== existing.postalAddress)
      [changes.postalAddress, previous.postalAddress] = [value, existing.postalAddress];
  }
  if (Object.keys(changes).length === 0) return existing;
  await record(db, {
    stream: streams.object(objectId),
    actor,
    events: [{ type: 'object.edited', payload: { objectId, changes, previous } }],
  });
  return (await findObjectById(db, objectId))!;
}

/** Marks the object inactive (with a reason) or active again; nothing when it already is so. Undefined if unknown. */
export async function setObjectActive(
  db: Kysely<Database>,
  objectId: string,
  active: boolean,
  reason: string | null,
  actor: string,
): Promise<MonitoredObject | undefined> {
  const existing = await findObjectById(db, objectId);
  if (!existing) return undefined;
  if (existing.active === active) return existing;
  const why = reason?.trim() ? reason.trim().slice(0, 1000) : null;
  await record(db, {
    stream: streams.object(objectId),
    actor,
    events: [
      active
        ? { type: 'object.reactivated', payload: { objectId } }
        : { type: 'object.deactivated', payload: { objectId, reason: why } },
    ],
  });
  return { ...existing, active };
}

/** One entry of an object's record: when, who, what changed and what it replaced (names and addresses only). */
export interface ObjectChange {
  at: string;
  actor: string;
  type: 'registered' | 'edited' | 'deactivated' | 'reactivated' | 'calendar-set';
  changes: ObjectFields;
  previous: ObjectFields;
  reason: string | null;
}

/** The object's stream, oldest first: its registration, every edit with the values it replaced, (de)activations. */
export async function objectHistory(db: Kysely<Database>, objectId: string): Promise<ObjectChange[]> {
  const rows = await db
    .selectFrom('events')
    .select(['type', 'payload', 'actor', 'occurred_at'])
    .where('stream_id', '=', streams.object(objectId))
    .orderBy('stream_version')
    .execute();
  return rows.map((r) => {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
    const at = new Date(r.occurred_at).toISOString();
    const base = { at, actor: r.actor, changes: {}, previous: {}, reason: null };
    switch (r.type) {
      case 'object.registered':
        return {
          ...base,
          type: 'registered' as const,
          changes: {
            name: p.name as string,
            nameRu: (p.nameRu as string | null | undefined) ?? (p.name as string),
            contacts: p.contacts as string[],
          },
        };
      case 'object.edited':
        return {
          ...base,
          type: 'edited' as const,
          changes: p.changes as ObjectFields,
          previous: p.previous as ObjectFields,
        };
      case 'object.deactivated':
        return { ...base, type: 'deactivated' as const, reason: (p.reason as string | null) ?? null };
      case 'object.reactivated':
        return { ...base, type: 'reactivated' as const };
      default:
        return { ...base, type: 'calendar-set' as const };
    }
  });
}

/**
 * 4.2: an inactive object is no longer monitored: no new act nor information request goes to it (issue 12, point 7).
 * The refusal names the field and the rule; the object's names say which one.
 */
export function inactiveObjectProblem(object: Pick<MonitoredObject, 'name'>): Problem {
  return problem('object-inactive', 'objectId', '4.2', {
    ky: `«${object.name.ky}» объектиси активдүү эмес деп белгиленген: ага жаңы акт же маалымат алуу суроо-талабы жиберилбейт (4.2-пункт). Кызматкерлер аны кайра активдүү кыла алат.`,
    ru: `Объект «${object.name.ru}» отмечен как неактивный: новые акты и запросы информации ему не направляются (п. 4.2). Сотрудники могут снова сделать его активным.`,
    en: `The object "${object.name.ky}" is marked inactive: no new act or information request goes to it (clause 4.2). Staff can mark it active again.`,
  });
}
