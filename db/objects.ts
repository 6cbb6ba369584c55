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
