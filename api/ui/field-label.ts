// A refusal's field in words, in the page's language: a form field by the label its form shows, a row of a list by
// its position (and the person's name when the page has it), an e-mail address by its position in words, an object's
// id by the object's name. The path itself stays in the JSON API's `field` (machines read it); people read this.
// A key that no label names is shown as it is, so nothing the refusal says is lost.
import type { Lang } from '../../domain/i18n';
import { MESSAGES, msg, type MessageKey } from './messages';

/** The form whose labels come first (the same key can name different fields: a council's e-mail, a candidate's). */
export type FieldArea = 'formation' | 'acts' | 'accounts' | 'councils';

export interface FieldContext {
  area?: FieldArea;
  /** The names of a list's rows, by the list's key (e.g. candidates → the full names typed in the form). */
  rows?: Readonly<Record<string, readonly string[]>>;
  /** The names of the objects the page knows, by id. */
  names?: ReadonlyMap<string, string>;
}

const AREA_PREFIX: Readonly<Record<FieldArea, string>> = {
  formation: 'formation.field.',
  acts: 'manageActs.field.',
  accounts: 'accounts.',
  councils: 'councils.field.',
};

/** Labels of keys (or whole paths) for every page, when the area's form has none. */
const LABELS: Readonly<Record<string, MessageKey>> = {
  // formation forms
  publishedOn: 'formation.field.publishedOn',
  channels: 'formation.field.channels',
  text: 'fieldLabel.text',
  textKy: 'formation.field.textKy',
  textRu: 'formation.field.textRu',
  submittedOn: 'formation.field.submittedOn',
  approvedOn: 'formation.field.approvedOn',
  heldOn: 'formation.field.heldOn',
  protocolRef: 'formation.field.protocolRef',
  participants: 'formation.field.participants',
  fullName: 'formation.field.fullName',
  sex: 'formation.field.sex',
  birthDate: 'formation.field.birthDate',
  votes: 'formation.field.votes',
  workplace: 'formation.field.workplace',
  village: 'formation.field.village',
  phone: 'formation.field.phone',
  category: 'formation.field.category',
  nominatedOn: 'formation.field.nominatedOn',
  protocolId: 'formation.field.protocolId',
  reason: 'formation.field.reason',
  decidedOn: 'formation.field.decidedOn',
  resolutionNumber: 'formation.field.resolutionNumber',
  time: 'formation.field.time',
  formedOn: 'formation.field.formedOn',
  votesFor: 'formation.field.votesFor',
  votesAgainst: 'formation.field.votesAgainst',
  abstained: 'formation.field.abstained',
  file: 'fieldLabel.file',
  formationNotice: 'formation.form.formation-notice',
  creationNotice: 'formation.form.creation-notice',
  decision: 'formation.form.decision',
  meeting: 'formation.form.meeting',
  firstMeeting: 'formation.form.first-meeting',
  chairElection: 'formation.field.chair',
  candidateId: 'formation.field.candidate',
  steps: 'formation.steps.title',
  composition: 'formation.composition.title',
  // acts
  title: 'manageActs.field.title',
  purpose: 'act.purpose',
  subject: 'fieldLabel.subject',
  object: 'fieldLabel.object',
  objectId: 'fieldLabel.object',
  'object.kind': 'act.objectKind',
  'object.name': 'fieldLabel.object',
  kind: 'fieldLabel.kind',
  name: 'fieldLabel.name',
  place: 'act.place',
  period: 'fieldLabel.period',
  periodStart: 'manageActs.field.periodStart',
  periodEnd: 'manageActs.field.periodEnd',
  findings: 'act.findings',
  method: 'fieldLabel.method',
  methodNote: 'manageActs.field.methodNote',
  recommendations: 'act.recommendations',
  annexes: 'act.annexes',
  receivedOn: 'manageActs.receivedOnField',
  respondedOn: 'manageActs.respondedOnField',
  // accounts and councils
  email: 'fieldLabel.email',
  emails: 'fieldLabel.emails',
  password: 'accounts.password',
  passwordAgain: 'accounts.passwordAgain',
  currentPassword: 'accounts.currentPassword',
  newPassword: 'accounts.newPassword',
  role: 'accounts.role',
  groupId: 'accounts.group',
  nameKy: 'councils.field.nameKy',
  nameRu: 'councils.field.nameRu',
  website: 'councils.field.website',
  timeZone: 'councils.field.timeZone',
  '(body)': 'fieldLabel.body',
  '(request)': 'fieldLabel.request',
};

/** A list's row by its position (1-based), for lists that have their own word. */
const ITEM: Readonly<Record<string, MessageKey>> = {
  candidates: 'fieldLabel.item.candidates',
  deputies: 'fieldLabel.item.deputies',
  people: 'fieldLabel.item.people',
  findings: 'fieldLabel.item.findings',
  annexes: 'fieldLabel.item.annexes',
  emails: 'fieldLabel.item.emails',
};

/** An item's field that the act form labels with the item's number. */
const NUMBERED: Readonly<Record<string, MessageKey>> = {
  'findings.kind': 'manageActs.field.findingKind',
  'findings.text': 'manageActs.field.findingText',
  'annexes.title': 'manageActs.field.annexTitle',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** A form's label without its hint in brackets ("(optional)", "(8.1)"). */
const bare = (label: string): string => label.replace(/\s*\([^()]*\)\s*$/u, '');

/** "Эл. почтасы" after a colon reads "эл. почтасы"; "CSV файл" stays. */
const lowerFirst = (s: string): string =>
  /^\p{Lu}[\p{Ll}-]/u.test(s) ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s;

function label(lang: Lang, key: string, area: FieldArea | undefined): string | null {
  if (area !== undefined) {
    const own = `${AREA_PREFIX[area]}${key}`;
    const text = Object.hasOwn(MESSAGES[lang], own) ? (MESSAGES[lang] as Record<string, string>)[own] : undefined;
    if (text !== undefined && !text.includes('{')) return bare(text);
  }
  const general = Object.hasOwn(LABELS, key) ? LABELS[key] : undefined;
  return general === undefined ? null : bare(msg(lang, general));
}

function itemLabel(lang: Lang, list: string, index: number, ctx: FieldContext): string {
  const n = String(index + 1);
  const key = Object.hasOwn(ITEM, list) ? ITEM[list] : undefined;
  const item = key
    ? msg(lang, key, { n })
    : msg(lang, 'fieldLabel.item', { label: label(lang, list, ctx.area) ?? list, n });
  const name = ctx.rows?.[list]?.[index]?.trim();
  return name ? `${item} (${name})` : item;
}

/** A CSV file's finding (api/formation/csv.ts): `file`, `file: header` or `file: row N, column`; its message names the row, the person and the column in words. */
function fileLabel(lang: Lang, path: string): string | null {
  const m = /^file(?::\s*(?:(header)|row \d+, [\w.]+))?$/u.exec(path);
  if (!m) return null;
  const file = msg(lang, 'fieldLabel.file');
  return m[1] !== undefined ? `${file}: ${msg(lang, 'fieldLabel.header')}` : file;
}

/**
 * The field of a refusal in words: `candidates[2].email` → "candidate 3: e-mail", `emails[0]` → "the first e-mail
 * address", an object's id → its name (when `ctx.names` has it), `purpose` → the form's label; an unknown key as is.
 */
export function fieldLabel(lang: Lang, path: string, ctx: FieldContext = {}): string {
  const whole = label(lang, path, ctx.area);
  if (whole !== null) return whole;
  const named = ctx.names?.get(path);
  if (named !== undefined) return named;
  const file = fileLabel(lang, path);
  if (file !== null) return file;
  if (!/^[\w-]+(?:\[\d+\]|\.[\w-]+)*$/u.test(path)) return path;
  const segments = path.replace(/\[(\d+)\]/gu, '.$1').split('.');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const next = segments[i + 1];
    if (next !== undefined && /^\d+$/u.test(next)) {
      const index = Number(next);
      const after = segments[i + 2];
      const numbered = after !== undefined ? NUMBERED[`${seg}.${after}`] : undefined;
      if (numbered !== undefined && i + 3 === segments.length) {
        parts.push(bare(msg(lang, numbered, { n: String(index + 1) })));
        break;
      }
      parts.push(itemLabel(lang, seg, index, ctx));
      i++;
      continue;
    }
    const name = UUID.test(seg) ? ctx.names?.get(seg) : undefined;
    const text = label(lang, seg, ctx.area) ?? seg;
    parts.push(name ?? (parts.length === 0 ? text : lowerFirst(text)));
  }
  return parts.join(': ');
}
