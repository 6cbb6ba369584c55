// The forms of the formation page, one per step of the contract, and the reading of what they post into the
// contract's input. Forms keep what the user typed when the page comes back with a refusal (`kept`). Candidate lists
// post multipart (a CSV file and/or rows typed in); the other forms post urlencoded; each carries the `_csrf` field first.
import { clauseText } from '../../domain/obligation-messages';
import { dmy } from '../../domain/messages';
import type { FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import type { IsoDate } from '../../domain/dates';
import { CATEGORIES, categoryWord, templateHeader, type Category } from '../../domain/roster';
import type { FormationStep, PersonInput } from '../../workflows/formation/contract';
import { AppError, type AppErrorDetails } from '../app-error';
import { withoutFormCsrf } from '../auth/form-csrf';
import { msg, type MessageKey } from '../ui/messages';
import type { Problem } from '../../domain/problem';
import { parseCandidateCsv, type CsvPerson } from './csv';
import { listTemplatePath } from './csv-template';
import { FORMATION_ACTIONS, type FormationStepName } from './steps';
import { html, type Html } from '../ui/html';
import { csrfField, type PageRequest } from '../ui/layout';

/** What a form posted: every field as the list of its values (repeated rows post one value per row). */
export type FormValues = Readonly<Record<string, readonly string[]>>;

export const PERSON_FIELDS = ['fullName', 'sex', 'birthDate', 'workplace', 'village', 'phone', 'email'] as const;

/** Steps whose form posts a candidate list as multipart (CSV file and/or rows). */
export const LIST_STEPS: ReadonlySet<FormationStepName> = new Set(['staff-candidates', 'deputy-members', 'gathering']);

const FIELDS: Readonly<Record<FormationStepName | 'start', readonly string[]>> = {
  'formation-notice': ['publishedOn', 'channels', 'textKy', 'textRu'],
  'creation-notice': ['publishedOn', 'channels', 'textKy', 'textRu'],
  'staff-candidates': ['submittedOn', ...PERSON_FIELDS],
  'deputy-members': ['approvedOn', ...PERSON_FIELDS],
  gathering: ['heldOn', 'protocolRef', 'place', 'participants', ...PERSON_FIELDS, 'votes'],
  'add-candidate': ['category', 'nominatedOn', 'protocolId', ...PERSON_FIELDS],
  'replace-candidate': ['candidateId', 'reason', 'category', 'nominatedOn', 'protocolId', ...PERSON_FIELDS],
  'remove-candidate': ['candidateId', 'reason'],
  decision: ['decidedOn', 'resolutionNumber', 'chairCandidateId'],
  meeting: ['date', 'time', 'place'],
  'move-first-meeting': ['date', 'time', 'place', 'reason', 'withoutQuorum', 'heldOn', 'present'],
  'first-meeting': ['heldOn', 'present', 'chairCandidateId', 'votesFor', 'votesAgainst', 'abstained'],
  start: ['formedOn'],
};

const MAX_LIST_BYTES = 1024 * 1024;

/** The fields of an urlencoded body, refusing any the step's form does not have (the CSRF token aside). */
export function formValues(step: FormationStepName | 'start', body: unknown): FormValues {
  const out: Record<string, string[]> = {};
  const allowed = new Set([...FIELDS[step], '_csrf']);
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!allowed.has(name))
      throw new AppError('invalid-input', `${name}: unknown field`, { field: name, rule: 'unknown-property' });
    const list = Array.isArray(value) ? value : [value];
    out[name] = list.map((v) => (typeof v === 'string' ? v : ''));
  }
  return out;
}

/** The fields and the CSV file of a multipart list form. */
export async function multipartValues(
  step: FormationStepName,
  request: FastifyRequest,
): Promise<{ values: FormValues; file: Buffer | null }> {
  const out: Record<string, string[]> = {};
  const allowed = new Set([...FIELDS[step], '_csrf']);
  let file: Buffer | null = null;
  if (!request.isMultipart())
    throw new AppError('invalid-input', 'expected multipart/form-data', { field: '(body)', rule: 'multipart' });
  const parts = request.parts({
    limits: { fields: 2000, parts: 2010, files: 1, fileSize: MAX_LIST_BYTES, fieldSize: 20_000 },
  });
  try {
    for await (const part of withoutFormCsrf(request, parts)) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw new AppError('invalid-input', `${part.fieldname}: unknown file field`, {
            field: part.fieldname,
            rule: 'unknown-property',
          });
        const bytes = await part.toBuffer();
        if (part.file.truncated)
          throw new AppError('invalid-input', 'file: too large', { field: 'file', rule: 'range' });
        // A form posted without choosing a file sends an empty part with no name.
        file = part.filename === '' && bytes.length === 0 ? null : bytes;
      } else {
        if (!allowed.has(part.fieldname))
          throw new AppError('invalid-input', `${part.fieldname}: unknown field`, {
            field: part.fieldname,
            rule: 'unknown-property',
          });
        (out[part.fieldname] ??= []).push(typeof part.value === 'string' ? part.value : '');
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Only parsing happens above: a body busboy cannot read (no boundary, cut short, bad part headers) is bad input.
    throw new AppError(
      'invalid-input',
      `unreadable multipart body: ${error instanceof Error ? error.message : String(error)}`,
      { field: '(body)', rule: 'multipart' },
    );
  }
  return { values: out, file };
}

const one = (values: FormValues | undefined, name: string): string => values?.[name]?.[0] ?? '';
const optional = (v: string): string | null => (v.trim() === '' ? null : v.trim());

function whole(values: FormValues, name: string, fallback?: number): number {
  const text = one(values, name).trim();
  if (text === '' && fallback !== undefined) return fallback;
  if (!/^\d{1,9}$/.test(text))
    throw new AppError('invalid-input', `${name}: "${text}" is not a whole number`, {
      field: name,
      rule: 'type',
      value: text,
    });
  return Number(text);
}

/** The rows typed into the form: one person per index with any field filled. */
function rowsOf(values: FormValues, withVotes: boolean): CsvPerson[] {
  const n = Math.max(0, ...PERSON_FIELDS.map((f) => values[f]?.length ?? 0));
  const people: CsvPerson[] = [];
  for (let i = 0; i < n; i++) {
    const cell = (f: string) => values[f]?.[i] ?? '';
    const filled = [...PERSON_FIELDS, ...(withVotes ? ['votes'] : [])].some((f) => cell(f).trim() !== '');
    if (!filled) continue;
    const person: CsvPerson = {
      fullName: cell('fullName'),
      sex: cell('sex') as PersonInput['sex'],
      birthDate: cell('birthDate').trim(),
      workplace: optional(cell('workplace')),
      village: optional(cell('village')),
      phone: optional(cell('phone')),
      email: optional(cell('email')),
    };
    if (withVotes) {
      const votes = cell('votes').trim();
      if (!/^\d{1,9}$/.test(votes))
        throw new AppError('invalid-input', `votes: "${votes}" is not a whole number`, {
          field: `votes (${person.fullName || i + 1})`,
          rule: 'type',
          value: votes,
        });
      person.votes = Number(votes);
    }
    people.push(person);
  }
  return people;
}

function personFrom(values: FormValues): PersonInput {
  const [person] = rowsOf(values, false);
  return person ?? { fullName: '', sex: '' as PersonInput['sex'], birthDate: '' };
}

function noticeText(values: FormValues): { text?: { ky: string; ru: string } } {
  const ky = one(values, 'textKy');
  const ru = one(values, 'textRu');
  return ky.trim() === '' && ru.trim() === '' ? {} : { text: { ky, ru } };
}

/** Checks the built input against the step's API schema (the same limits as the JSON route). */
function checked(step: FormationStepName, input: unknown): unknown {
  const schema = FORMATION_ACTIONS[step].body;
  if (Value.Check(schema, input)) return input;
  const errors = Value.Errors(schema, input).filter((e) => e.keyword !== 'boolean' && e.keyword !== 'anyOf');
  const e = errors[0] ?? Value.Errors(schema, input)[0];
  const path = (e?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const rule: Record<string, string> = {
    maxLength: 'range',
    maxItems: 'range',
    minLength: 'range',
    enum: 'one-of',
    const: 'one-of',
    type: 'type',
    required: 'required',
    pattern: 'date',
  };
  const details: AppErrorDetails = { field: path || '(form)', rule: rule[e?.keyword ?? ''] ?? e?.keyword ?? 'type' };
  throw new AppError('invalid-input', `${details.field}: ${e?.message ?? 'invalid'}`, details);
}

export interface BuiltInput {
  input: unknown;
  /** What to show in the form again if the step is refused (the CSV's rows become typed rows). */
  kept: FormValues;
  /** The file's rows kept as written (a phone that is not valid, an empty village), to show with the confirmation. */
  warnings: Problem[];
}

function keptWithPeople(values: FormValues, people: CsvPerson[], withVotes: boolean): FormValues {
  const out: Record<string, readonly string[]> = { ...values };
  for (const f of PERSON_FIELDS) out[f] = people.map((p) => (typeof p[f] === 'string' ? p[f] : ''));
  if (withVotes) out.votes = people.map((p) => (p.votes === undefined ? '' : String(p.votes)));
  return out;
}

/** The contract's input for `step` from the posted form (and CSV), with the file's rows kept as written; invalid-input naming the field when it cannot be built. */
export function buildInput(
  step: FormationStepName,
  values: FormValues,
  file: Buffer | null,
  today: IsoDate,
): BuiltInput {
  const warnings: Problem[] = [];
  return { ...inputOf(step, values, file, today, warnings), warnings };
}

/** The input and what to keep; the file's warnings are added to `warnings`. */
function inputOf(
  step: FormationStepName,
  values: FormValues,
  file: Buffer | null,
  today: IsoDate,
  warnings: Problem[],
): Omit<BuiltInput, 'warnings'> {
  const list = (category: Category, withVotes: boolean): CsvPerson[] => {
    let fromFile: CsvPerson[] = [];
    if (file !== null) {
      const parsed = parseCandidateCsv(file, { category, votes: withVotes, today });
      const { people, problems } = parsed;
      warnings.push(...parsed.warnings);
      if (problems.length > 0)
        throw new AppError('invalid-input', `file: ${problems.length} problem(s)`, {
          field: problems[0]!.field,
          rule: problems[0]!.code,
          problems,
        });
      fromFile = people;
    }
    return [...fromFile, ...rowsOf(values, withVotes)];
  };
  switch (step) {
    case 'formation-notice':
    case 'creation-notice':
      return {
        input: checked(step, {
          publishedOn: one(values, 'publishedOn'),
          channels: [...(values.channels ?? [])],
          ...noticeText(values),
        }),
        kept: values,
      };
    case 'staff-candidates': {
      const people = list('municipal_employee', false);
      return {
        input: checked(step, { submittedOn: one(values, 'submittedOn'), candidates: people }),
        kept: keptWithPeople(values, people, false),
      };
    }
    case 'deputy-members': {
      const people = list('deputy', false);
      return {
        input: checked(step, { approvedOn: one(values, 'approvedOn'), deputies: people }),
        kept: keptWithPeople(values, people, false),
      };
    }
    case 'gathering': {
      const people = list('citizen', true);
      const kept = keptWithPeople(values, people, true);
      const input = {
        heldOn: one(values, 'heldOn'),
        protocolRef: one(values, 'protocolRef'),
        place: optional(one(values, 'place')),
        participants: whole(values, 'participants'),
        candidates: people,
      };
      return { input: checked(step, input), kept };
    }
    case 'add-candidate':
    case 'replace-candidate': {
      const protocolId = optional(one(values, 'protocolId'));
      const add = {
        category: one(values, 'category'),
        person: personFrom(values),
        nominatedOn: one(values, 'nominatedOn'),
        ...(protocolId ? { protocolId } : {}),
      };
      const input =
        step === 'add-candidate'
          ? add
          : { ...add, candidateId: one(values, 'candidateId'), reason: one(values, 'reason') };
      return { input: checked(step, input), kept: values };
    }
    case 'remove-candidate':
      return {
        input: checked(step, { candidateId: one(values, 'candidateId'), reason: one(values, 'reason') }),
        kept: values,
      };
    case 'decision': {
      const chair = optional(one(values, 'chairCandidateId'));
      return {
        input: checked(step, {
          decidedOn: one(values, 'decidedOn'),
          resolutionNumber: one(values, 'resolutionNumber'),
          ...(chair ? { chair: { candidateId: chair } } : {}),
        }),
        kept: values,
      };
    }
    case 'move-first-meeting': {
      const reason = optional(one(values, 'reason'));
      const withoutQuorum =
        one(values, 'withoutQuorum') === 'yes'
          ? { withoutQuorum: { heldOn: one(values, 'heldOn'), present: whole(values, 'present') } }
          : {};
      return {
        input: checked(step, {
          date: one(values, 'date'),
          time: one(values, 'time').trim(),
          place: one(values, 'place'),
          ...(reason ? { reason } : {}),
          ...withoutQuorum,
        }),
        kept: values,
      };
    }
    case 'meeting':
      return {
        input: checked(step, {
          date: one(values, 'date'),
          time: one(values, 'time').trim(),
          place: one(values, 'place'),
        }),
        kept: values,
      };
    case 'first-meeting': {
      // 5.4.5: when the council's decision named the chair, the form has no election (no chair field posted).
      const named = (values.chairCandidateId ?? []).length === 0;
      const chairElection = named
        ? {}
        : {
            chairElection: {
              candidateId: one(values, 'chairCandidateId'),
              votesFor: whole(values, 'votesFor'),
              votesAgainst: whole(values, 'votesAgainst', 0),
              abstained: whole(values, 'abstained', 0),
            },
          };
      return {
        input: checked(step, { heldOn: one(values, 'heldOn'), present: whole(values, 'present'), ...chairElection }),
        kept: values,
      };
    }
  }
}

// ---- rendering ----------------------------------------------------------------------------------------------------

/** What the forms need of the procedure's state (the whole FormationState, or what the database knows of it). */
export interface FormState {
  step: FormationStep;
  today: IsoDate;
  staffCandidatesOn: IsoDate | null;
  deputyMembersOn: IsoDate | null;
  candidates: readonly { candidateId: string; fullName: string; category: Category }[];
  protocols: readonly { protocolId: string; protocolRef: string; heldOn: IsoDate }[];
  meeting: { date: IsoDate } | null;
  /** The council's decision; a chair it named is not elected at the first meeting (5.4.5). */
  decision?: { chair?: { fullName: string } | null } | null;
}

export interface FormContext {
  page: PageRequest;
  groupId: string;
  state: FormState;
  /** The form posted last and what it held, when the page comes back with a refusal. */
  kept: { step: FormationStepName; values: FormValues } | null;
  /** Blank rows to offer in the list forms. */
  rows: number;
}

const t = (page: PageRequest, key: MessageKey, params: Record<string, string> = {}) => msg(page.lang, key, params);

export function stepAction(page: PageRequest, groupId: string, step: FormationStepName | 'start'): string {
  return `/manage/groups/${encodeURIComponent(groupId)}/formation/${step}?lang=${page.lang}`;
}

interface Input {
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'date' | 'number' | 'time' | 'email' | 'tel';
  required?: boolean;
  hint?: string;
  maxlength?: number;
}

function input(id: string, f: Input): Html {
  const hintId = f.hint ? `${id}-hint` : null;
  return html`<label for="${id}">${f.label}</label>
${f.hint ? html`<span class="muted" id="${hintId}">${f.hint}</span>` : ''}
<input id="${id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value}"${f.required ? html` required` : ''}${f.type === 'number' ? html` min="0" step="1" inputmode="numeric"` : ''} maxlength="${f.maxlength ?? 300}"${hintId ? html` aria-describedby="${hintId}"` : ''}>`;
}

function select(
  id: string,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  value: string,
  required = false,
): Html {
  return html`<label for="${id}">${label}</label>
<select id="${id}" name="${name}"${required ? html` required` : ''}>${options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`)}</select>`;
}

function textarea(id: string, name: string, label: string, value: string, hint?: string): Html {
  return html`<label for="${id}">${label}</label>${hint ? html`<span class="muted">${hint}</span>` : ''}
<textarea id="${id}" name="${name}" maxlength="20000">${value}</textarea>`;
}

function form(c: FormContext, step: FormationStepName, body: Html, opts: { multipart?: boolean } = {}): Html {
  const { page } = c;
  const heading = t(page, `formation.form.${step}`);
  return html`<section class="step-form" aria-labelledby="form-${step}">
<h3 id="form-${step}">${heading} <span class="muted">(${clauseText(page.lang, FORMATION_ACTIONS[step].clause)})</span></h3>
<form method="post" action="${stepAction(page, c.groupId, step)}"${opts.multipart ? html` enctype="multipart/form-data"` : ''}>
${csrfField(page)}
${body}
<button type="submit">${t(page, `formation.submit.${step}`)}</button>
</form>
</section>`;
}

/** The kept value of a field of `step`'s form, else the default. */
function keptValue(c: FormContext, step: FormationStepName, name: string, fallback = '', index = 0): string {
  if (c.kept?.step !== step) return fallback;
  return c.kept.values[name]?.[index] ?? fallback;
}

function channelsField(c: FormContext, step: FormationStepName): Html {
  const { page } = c;
  const kept = c.kept?.step === step ? (c.kept.values.channels ?? []) : ['website', 'notice_board'];
  return html`<fieldset><legend>${t(page, 'formation.field.channels')}</legend>
${(['website', 'notice_board'] as const).map(
  (ch) =>
    html`<label for="${step}-ch-${ch}" class="plain"><input type="checkbox" id="${step}-ch-${ch}" name="channels" value="${ch}"${kept.includes(ch) ? html` checked` : ''}> ${t(page, `formation.channel.${ch}`)}</label>`,
)}
</fieldset>`;
}

function noticeForm(c: FormContext, step: 'formation-notice' | 'creation-notice'): Html {
  const { page } = c;
  return form(
    c,
    step,
    html`${input(`${step}-publishedOn`, { name: 'publishedOn', label: t(page, 'formation.field.publishedOn'), type: 'date', required: true, value: keptValue(c, step, 'publishedOn', c.state.today) })}
${channelsField(c, step)}
<details${keptValue(c, step, 'textKy') || keptValue(c, step, 'textRu') ? html` open` : ''}><summary>${t(page, 'formation.field.ownText')}</summary>
${textarea(`${step}-textKy`, 'textKy', t(page, 'formation.field.textKy'), keptValue(c, step, 'textKy'))}
${textarea(`${step}-textRu`, 'textRu', t(page, 'formation.field.textRu'), keptValue(c, step, 'textRu'))}
</details>`,
  );
}

function sexSelect(c: FormContext, id: string, value: string, required: boolean): Html {
  const { page } = c;
  return select(
    id,
    'sex',
    t(page, 'formation.field.sex'),
    [
      ...(required ? [] : [{ value: '', label: '—' }]),
      { value: 'F', label: t(page, 'formation.sex.F') },
      { value: 'M', label: t(page, 'formation.sex.M') },
    ],
    value,
    required,
  );
}

/** One person's fields; `i` numbers the row (ids stay unique), `required` for a single-person form. */
function personFields(
  c: FormContext,
  step: FormationStepName,
  i: number,
  opts: { votes?: boolean; required?: boolean } = {},
): Html {
  const { page } = c;
  const id = (f: string) => `${step}-${f}-${i}`;
  const v = (f: string) => keptValue(c, step, f, '', i);
  return html`${input(id('fullName'), { name: 'fullName', label: t(page, 'formation.field.fullName'), value: v('fullName'), required: opts.required === true, maxlength: 200 })}
${sexSelect(c, id('sex'), v('sex'), opts.required === true)}
${input(id('birthDate'), { name: 'birthDate', label: t(page, 'formation.field.birthDate'), value: v('birthDate'), hint: t(page, 'formation.field.birthDateHint'), required: opts.required === true, maxlength: 10 })}
${opts.votes ? input(id('votes'), { name: 'votes', label: t(page, 'formation.field.votes'), type: 'number', value: v('votes') }) : ''}
${input(id('workplace'), { name: 'workplace', label: t(page, 'formation.field.workplace'), value: v('workplace') })}
${input(id('village'), { name: 'village', label: t(page, 'formation.field.village'), value: v('village'), maxlength: 200 })}
${input(id('phone'), { name: 'phone', label: t(page, 'formation.field.phone'), type: 'tel', value: v('phone'), hint: t(page, 'formation.field.phoneHint'), maxlength: 40 })}
${input(id('email'), { name: 'email', label: t(page, 'formation.field.email'), type: 'email', value: v('email'), maxlength: 254 })}`;
}

function listForm(c: FormContext, step: 'staff-candidates' | 'deputy-members' | 'gathering', dateField: string): Html {
  const { page } = c;
  const votes = step === 'gathering';
  const keptRows = c.kept?.step === step ? Math.max(0, ...PERSON_FIELDS.map((f) => c.kept!.values[f]?.length ?? 0)) : 0;
  const rows = Math.max(c.rows, keptRows + 1);
  const header = templateHeader(page.lang, { votes }).join(', ');
  const category =
    step === 'staff-candidates' ? 'municipal_employee' : step === 'deputy-members' ? 'deputy' : 'citizen';
  const more = `/manage/groups/${encodeURIComponent(c.groupId)}/formation?lang=${page.lang}&rows=${Math.min(rows + 5, 40)}#form-${step}`;
  return form(
    c,
    step,
    html`${input(`${step}-${dateField}`, { name: dateField, label: t(page, `formation.field.${dateField}` as MessageKey), type: 'date', required: true, value: keptValue(c, step, dateField, c.state.today) })}
${
  votes
    ? html`${input(`${step}-protocolRef`, { name: 'protocolRef', label: t(page, 'formation.field.protocolRef'), required: true, value: keptValue(c, step, 'protocolRef'), maxlength: 200 })}
${input(`${step}-place`, { name: 'place', label: t(page, 'formation.field.place'), value: keptValue(c, step, 'place') })}
${input(`${step}-participants`, { name: 'participants', label: t(page, 'formation.field.participants'), type: 'number', required: true, value: keptValue(c, step, 'participants') })}`
    : ''
}
<label for="${step}-file">${t(page, 'formation.field.file')}</label>
<span class="muted" id="${step}-file-hint">${t(page, 'formation.field.fileHint', { header, category: categoryWord(category, page.lang) })} ${t(page, 'formation.template.values')}</span>
<input id="${step}-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="${step}-file-hint">
<p><a href="${listTemplatePath(step, page.lang)}" download>${t(page, 'formation.template.link')}</a></p>
<p class="muted">${t(page, 'formation.field.rowsHint')}</p>
${Array.from({ length: rows }, (_, i) => html`<fieldset><legend>${t(page, 'formation.person.legend', { n: String(i + 1) })}</legend>${personFields(c, step, i, { votes })}</fieldset>`)}
<p><a href="${more}">${t(page, 'formation.moreRows')}</a></p>`,
    { multipart: true },
  );
}

function candidateOptions(
  c: FormContext,
  filter: (x: FormState['candidates'][number]) => boolean = () => true,
): { value: string; label: string }[] {
  return c.state.candidates
    .filter(filter)
    .map((x) => ({ value: x.candidateId, label: `${x.fullName} — ${msg(c.page.lang, `category.${x.category}`)}` }));
}

function candidateFields(c: FormContext, step: 'add-candidate' | 'replace-candidate'): Html {
  const { page } = c;
  const categories = CATEGORIES.map((x) => ({ value: x, label: msg(page.lang, `category.${x}`) }));
  const protocols = [
    { value: '', label: t(page, 'formation.field.protocolNone') },
    ...c.state.protocols.map((p) => ({ value: p.protocolId, label: `${p.protocolRef} (${dmy(p.heldOn)})` })),
  ];
  return html`${select(`${step}-category`, 'category', t(page, 'formation.field.category'), categories, keptValue(c, step, 'category', 'citizen'), true)}
${input(`${step}-nominatedOn`, { name: 'nominatedOn', label: t(page, 'formation.field.nominatedOn'), type: 'date', required: true, value: keptValue(c, step, 'nominatedOn', c.state.today) })}
${select(`${step}-protocolId`, 'protocolId', t(page, 'formation.field.protocolId'), protocols, keptValue(c, step, 'protocolId'))}
${personFields(c, step, 0, { required: true })}`;
}

/** One step's form. */
export function oneForm(c: FormContext, step: FormationStepName): Html {
  const { page, state } = c;
  switch (step) {
    case 'formation-notice':
    case 'creation-notice':
      return noticeForm(c, step);
    case 'staff-candidates':
      return listForm(c, step, 'submittedOn');
    case 'deputy-members':
      return listForm(c, step, 'approvedOn');
    case 'gathering':
      return listForm(c, step, 'heldOn');
    case 'add-candidate':
      return form(c, step, candidateFields(c, step));
    case 'remove-candidate':
      return form(
        c,
        step,
        html`${select('remove-candidate-candidateId', 'candidateId', t(page, 'formation.field.candidate'), candidateOptions(c), keptValue(c, step, 'candidateId'), true)}
${input('remove-candidate-reason', { name: 'reason', label: t(page, 'formation.field.reason'), required: true, value: keptValue(c, step, 'reason'), maxlength: 2000 })}`,
      );
    case 'replace-candidate':
      return form(
        c,
        step,
        html`${select('replace-candidate-candidateId', 'candidateId', t(page, 'formation.field.candidateReplaced'), candidateOptions(c), keptValue(c, step, 'candidateId'), true)}
${input('replace-candidate-reason', { name: 'reason', label: t(page, 'formation.field.reason'), required: true, value: keptValue(c, step, 'reason'), maxlength: 2000 })}
<p class="muted">${t(page, 'formation.field.replacement')}</p>
${candidateFields(c, step)}`,
      );
    case 'decision':
      return form(
        c,
        step,
        html`${input('decision-decidedOn', { name: 'decidedOn', label: t(page, 'formation.field.decidedOn'), type: 'date', required: true, value: keptValue(c, step, 'decidedOn', state.today) })}
${input('decision-resolutionNumber', { name: 'resolutionNumber', label: t(page, 'formation.field.resolutionNumber'), required: true, value: keptValue(c, step, 'resolutionNumber'), maxlength: 100 })}
${select(
  'decision-chairCandidateId',
  'chairCandidateId',
  t(page, 'formation.field.chairNamed'),
  [
    { value: '', label: t(page, 'formation.field.chairNamedNone') },
    ...candidateOptions(c, (x) => x.category === 'citizen'),
  ],
  keptValue(c, step, 'chairCandidateId'),
)}`,
      );
    case 'move-first-meeting': {
      const wq = keptValue(c, step, 'withoutQuorum') === 'yes';
      return form(
        c,
        step,
        html`${input('move-first-meeting-date', { name: 'date', label: t(page, 'formation.field.meetingDate'), type: 'date', required: true, value: keptValue(c, step, 'date') })}
${input('move-first-meeting-time', { name: 'time', label: t(page, 'formation.field.time'), type: 'time', required: true, value: keptValue(c, step, 'time', '10:00'), maxlength: 5 })}
${input('move-first-meeting-place', { name: 'place', label: t(page, 'formation.field.meetingPlace'), required: true, value: keptValue(c, step, 'place') })}
${input('move-first-meeting-reason', { name: 'reason', label: t(page, 'formation.field.moveReason'), value: keptValue(c, step, 'reason'), maxlength: 500 })}
<fieldset><legend>${t(page, 'formation.field.withoutQuorum')}</legend>
<label for="move-first-meeting-withoutQuorum" class="plain"><input type="checkbox" id="move-first-meeting-withoutQuorum" name="withoutQuorum" value="yes"${wq ? html` checked` : ''}> ${t(page, 'formation.field.withoutQuorum')}</label>
${input('move-first-meeting-heldOn', { name: 'heldOn', label: t(page, 'formation.field.withoutQuorumHeldOn'), type: 'date', value: keptValue(c, step, 'heldOn', state.meeting?.date ?? state.today) })}
${input('move-first-meeting-present', { name: 'present', label: t(page, 'formation.field.withoutQuorumPresent', { total: String(state.candidates.length) }), type: 'number', value: keptValue(c, step, 'present') })}
</fieldset>`,
      );
    }
    case 'meeting':
      return form(
        c,
        step,
        html`${input('meeting-date', { name: 'date', label: t(page, 'formation.field.meetingDate'), type: 'date', required: true, value: keptValue(c, step, 'date') })}
${input('meeting-time', { name: 'time', label: t(page, 'formation.field.time'), type: 'time', required: true, value: keptValue(c, step, 'time', '10:00'), maxlength: 5 })}
${input('meeting-place', { name: 'place', label: t(page, 'formation.field.meetingPlace'), required: true, value: keptValue(c, step, 'place') })}`,
      );
    case 'first-meeting': {
      const named = state.decision?.chair ?? null;
      const meetingFields = html`${input('first-meeting-heldOn', { name: 'heldOn', label: t(page, 'formation.field.heldOnMeeting'), type: 'date', required: true, value: keptValue(c, step, 'heldOn', state.meeting?.date ?? state.today) })}
${input('first-meeting-present', { name: 'present', label: t(page, 'formation.field.present', { total: String(state.candidates.length) }), type: 'number', required: true, value: keptValue(c, step, 'present') })}`;
      if (named)
        return form(
          c,
          step,
          html`${meetingFields}
<p>${t(page, 'formation.recorded.chairNamed', { name: named.fullName })}</p>`,
        );
      return form(
        c,
        step,
        html`${meetingFields}
${select(
  'first-meeting-chairCandidateId',
  'chairCandidateId',
  t(page, 'formation.field.chair'),
  candidateOptions(c, (x) => x.category === 'citizen'),
  keptValue(c, step, 'chairCandidateId'),
  true,
)}
${input('first-meeting-votesFor', { name: 'votesFor', label: t(page, 'formation.field.votesFor'), type: 'number', required: true, value: keptValue(c, step, 'votesFor') })}
${input('first-meeting-votesAgainst', { name: 'votesAgainst', label: t(page, 'formation.field.votesAgainst'), type: 'number', value: keptValue(c, step, 'votesAgainst', '0') })}
${input('first-meeting-abstained', { name: 'abstained', label: t(page, 'formation.field.abstained'), type: 'number', value: keptValue(c, step, 'abstained', '0') })}`,
      );
    }
  }
}

/** The steps whose forms the current step shows. */
export function formsOfStep(state: FormState): FormationStepName[] {
  switch (state.step) {
    case 'formation-notice':
      return ['formation-notice'];
    case 'nominations':
    case 'council-decision':
      return [
        ...(state.staffCandidatesOn ? [] : (['staff-candidates'] as const)),
        ...(state.deputyMembersOn ? [] : (['deputy-members'] as const)),
        'gathering',
        'add-candidate',
        ...(state.candidates.length > 0 ? (['remove-candidate', 'replace-candidate'] as const) : []),
        'decision',
      ];
    case 'first-meeting-scheduling':
      return ['meeting'];
    case 'creation-notice':
      return ['creation-notice', 'move-first-meeting'];
    case 'first-meeting':
      return ['first-meeting', 'move-first-meeting'];
    case 'handed-over':
      return [];
  }
}

/** The forms of the current step (staff only; none once handed over). */
export function stepForms(c: FormContext): Html {
  return html`${formsOfStep(c.state).map((step) => oneForm(c, step))}`;
}

/** The "start the procedure" form of a group whose start did not go through. */
export function restartForm(page: PageRequest, groupId: string, needsDate: boolean, kept: FormValues | null): Html {
  return html`<form method="post" action="${stepAction(page, groupId, 'start')}">
${csrfField(page)}
${needsDate ? input('start-formedOn', { name: 'formedOn', label: msg(page.lang, 'formation.field.formedOn'), type: 'date', required: true, value: one(kept ?? undefined, 'formedOn') }) : ''}
<button type="submit">${msg(page.lang, 'formation.restart.submit')}</button>
</form>`;
}
