// `jmeg formation ...`: staff drive the formation procedure (5.4, 5.3) from the command line, through the same use
// cases as the JSON API and the pages (procedures/formation): every step of procedures/formation/steps.ts under the
// name of the API's path segment (POST /api/groups/:groupId/formation/<step>), refused by the workflow's validators
// with the same words. Needs a Temporal server (cli/with-engine.ts); usage and file errors are found before connecting.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../../config/config';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { isIsoDate } from '../../domain/dates';
import { isLang, type Lang } from '../../domain/i18n';
import { ROSTER_COLUMNS, validateRosterRows, type Category, type RosterMember } from '../../domain/roster';
import { formationState, recordFormationStep } from '../../procedures/formation/record-step';
import { restartFormation, startFormation } from '../../procedures/formation/start-formation';
import { FORMATION_STEP_NAMES, FORMATION_STEPS, type FormationStepName } from '../../procedures/formation/steps';
import { ConflictError, InvalidInputError } from '../../procedures/refusals';
import type { FormationState, NoticeChannel, PersonInput } from '../../workflows/formation/contract';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Leaf, type OptionDef } from '../command';
import { readRosterFile } from '../read-roster';
import { procedureCliError, problemText } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;

const opt = (placeholder: string, description: string, required = false): OptionDef => ({
  type: 'string',
  placeholder,
  description,
  ...(required ? { required } : {}),
});
const GROUP = opt('ID', 'the group being formed', true);
const DATE = opt('YYYY-MM-DD', 'the day of the step', true);
const CHANNELS = opt('website,notice_board', 'where it was published (default both)');
const CANDIDATE = opt('ID', 'the candidate (see "jmeg formation status")', true);
const REASON = opt('TEXT', 'why', true);
const PROTOCOL_ID = opt('PROTOCOL_ID', 'the gathering protocol that elected a citizen (5.4.4)');

/** Each step's options (all but --lang) and its file argument, if it takes one. */
const STEP_ARGS: Readonly<Record<FormationStepName, { options: Record<string, OptionDef>; file?: string }>> = {
  'formation-notice': { options: { group: GROUP, date: DATE, channels: CHANNELS } },
  'staff-candidates': { options: { group: GROUP, date: DATE }, file: 'FILE.csv' },
  'deputy-members': { options: { group: GROUP, date: DATE }, file: 'FILE.csv' },
  gathering: {
    options: {
      group: GROUP,
      date: DATE,
      participants: opt('N', 'how many took part', true),
      protocol: opt('REF', "the protocol's reference", true),
      place: opt('TEXT', 'where it was held'),
    },
    file: 'FILE.csv',
  },
  'add-candidate': { options: { group: GROUP, date: DATE, protocol: PROTOCOL_ID }, file: 'PERSON.csv' },
  'remove-candidate': { options: { group: GROUP, candidate: CANDIDATE, reason: REASON } },
  'replace-candidate': {
    options: { group: GROUP, candidate: CANDIDATE, reason: REASON, date: DATE, protocol: PROTOCOL_ID },
    file: 'PERSON.csv',
  },
  decision: {
    options: {
      group: GROUP,
      date: DATE,
      resolution: opt('NUMBER', "the council's resolution", true),
      chair: opt('NAME', 'the chair, when the resolution names one (5.4.5; or --chair-candidate)'),
      'chair-candidate': opt('ID', 'the chair the resolution names, as a candidate (or --chair)'),
    },
  },
  meeting: {
    options: { group: GROUP, date: DATE, time: opt('HH:MM', 'the time', true), place: opt('TEXT', 'where', true) },
  },
  'creation-notice': { options: { group: GROUP, date: DATE, channels: CHANNELS } },
  'move-first-meeting': {
    options: {
      group: GROUP,
      date: opt('YYYY-MM-DD', 'the new date (a new notice is due 3 working days before it, 5.3.3)', true),
      time: opt('HH:MM', 'the new time', true),
      place: opt('TEXT', 'the new place', true),
      reason: opt('TEXT', 'why it moves'),
      'no-quorum-on': opt('YYYY-MM-DD', 'the meeting was held on this day without quorum (7.2.3)'),
      present: opt('N', 'members present at the meeting without quorum (with --no-quorum-on)'),
    },
  },
  'first-meeting': {
    options: {
      group: GROUP,
      date: DATE,
      present: opt('N', 'members present', true),
      chair: opt('NAME', "the chair elected (or --chair-candidate; neither when the council's decision named one)"),
      'chair-candidate': opt('ID', 'the chair elected, as a candidate (or --chair)'),
      'votes-for': opt('N', 'votes for the chair (required with --chair or --chair-candidate)'),
      'votes-against': opt('N', 'votes against (default 0)'),
      abstained: opt('N', 'abstentions (default 0)'),
    },
  },
};

const FILE_DESCRIPTION: Readonly<Record<string, string>> = {
  'FILE.csv': "a roster file (the gathering's with a votes column)",
  'PERSON.csv': "a roster file of one row, whose category is the candidate's",
};

/** The names the command had before it took the API's: still understood. */
const ALIASES: Readonly<Record<string, FormationStepName>> = {
  'publish-notice': 'formation-notice',
  deputies: 'deputy-members',
};

const TEMPORAL = 'Needs a Temporal server (TEMPORAL_ADDRESS).';

function stepLeaf(name: string, stepName: FormationStepName): Leaf {
  const { options, file } = STEP_ARGS[stepName];
  return leaf({
    name,
    summary: name === stepName ? FORMATION_STEPS[stepName].summary : `The former name of "${stepName}".`,
    positionals: file ? [{ name: file, description: FILE_DESCRIPTION[file] }] : [],
    options: { ...options, ...LANG },
    notes: [TEMPORAL],
    run: ({ values, positionals }) => step(stepName, name, values as Values, positionals),
  });
}

export const command: Group = {
  name: 'formation',
  summary: "The formation of a group (5.4, 5.3), step by step under the API's names.",
  subcommands: [
    leaf({
      name: 'start',
      summary: 'Starts the formation of a new group of a council (or again, of --group), and prints its id.',
      options: {
        council: opt('ID', 'the council (see "jmeg council list")', true),
        'formed-on': opt('YYYY-MM-DD', 'the day the formation starts', true),
        group: opt('ID', 'an existing group of the council to form again'),
        ...LANG,
      },
      notes: [TEMPORAL],
      run: ({ values }) => start(values as Values),
    }),
    leaf({
      name: 'status',
      summary: "Shows the formation's step, obligations, candidates and composition.",
      options: { group: GROUP, ...LANG },
      notes: [TEMPORAL],
      run: ({ values }) => status(values as Values),
    }),
    ...FORMATION_STEP_NAMES.map((s) => stepLeaf(s, s)),
    ...Object.entries(ALIASES).map(([alias, s]) => stepLeaf(alias, s)),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

type Values = Record<string, string | undefined>;

function required(sub: string, values: Values, name: string): string {
  const v = values[name];
  if (v === undefined || v.trim() === '') throw new CliError(`formation ${sub}: --${name} is required`);
  return v.trim();
}

function date(sub: string, values: Values, name: string): string {
  const v = required(sub, values, name);
  if (!isIsoDate(v)) throw new CliError(`formation ${sub}: --${name} "${v}" is not a date YYYY-MM-DD`);
  return v;
}

function count(sub: string, values: Values, name: string, fallback?: number): number {
  const v = values[name];
  if (v === undefined && fallback !== undefined) return fallback;
  const text = required(sub, values, name);
  if (!/^\d+$/.test(text)) throw new CliError(`formation ${sub}: --${name} "${text}" is not a whole number`);
  return Number(text);
}

function channels(sub: string, values: Values): NoticeChannel[] {
  const list = (values.channels ?? 'website,notice_board').split(',').map((c) => c.trim());
  for (const c of list)
    if (c !== 'website' && c !== 'notice_board')
      throw new CliError(`formation ${sub}: --channels "${c}" is not website or notice_board`);
  return list as NoticeChannel[];
}

const toPerson = (m: RosterMember): PersonInput => ({
  fullName: m.fullName,
  sex: m.sex,
  birthDate: m.birthDate,
  workplace: m.workplace,
  village: m.village,
  phone: m.phone,
  email: m.email,
});

/** A roster CSV whose rows must all be of `category` (5.4.2: municipal employees; 5.4.3: deputies). */
async function listOf(sub: string, path: string, category: Category): Promise<PersonInput[]> {
  const { members, errors } = await readRosterFile(path);
  if (errors.length > 0) throw new CliError(errors.map((e) => `${path}:${e.line}: ${e.message.en}`).join('\n'));
  if (members.length === 0) throw new CliError(`formation ${sub}: ${path} has no rows`);
  const other = members.findIndex((m) => m.category !== category);
  if (other >= 0)
    throw new CliError(
      `formation ${sub}: ${path} row ${other + 1}: category "${members[other]!.category}", expected ${category}`,
    );
  return members.map(toPerson);
}

/** The gathering's protocol: the roster columns plus `votes` (5.4.4). */
async function gatheringOf(path: string): Promise<(PersonInput & { votes: number })[]> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).replace(/^\uFEFF/u, '');
  } catch {
    throw new CliError(`${path}: cannot read the file`);
  }
  let rows: string[][];
  try {
    const firstLine = text.slice(0, text.search(/\r?\n|$/u));
    const records: unknown = parse(text, {
      delimiter: firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
    });
    rows = records as string[][];
  } catch (error) {
    throw new CliError(`${path}: not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header = [], ...body] = rows;
  const at = header.map((h) => h.trim()).indexOf('votes');
  if (at < 0) throw new CliError(`${path}: no "votes" column; expected ${ROSTER_COLUMNS.join(',')},votes`);
  const without = (r: string[]) => r.filter((_, i) => i !== at);
  const { members, errors } = validateRosterRows(without(header), body.map(without));
  if (errors.length > 0) throw new CliError(errors.map((e) => `${path}: row ${e.row}: ${e.message.en}`).join('\n'));
  return members.map((m, i) => {
    const votes = (body[i]![at] ?? '').trim();
    if (!/^\d+$/.test(votes)) throw new CliError(`${path}: row ${i + 1}: votes "${votes}" is not a whole number`);
    if (m.category !== 'citizen')
      throw new CliError(`${path}: row ${i + 1}: category "${m.category}"; the gathering elects citizens (5.4.4)`);
    return { ...toPerson(m), votes: Number(votes) };
  });
}

/** --lang: ky (default), ru or en. */
function langOf(sub: string, values: Values): Lang {
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`formation ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

/** A roster file of exactly one row: the candidate to add (its category is the candidate's). */
async function oneCandidate(sub: string, path: string): Promise<{ category: Category; person: PersonInput }> {
  const { members, errors } = await readRosterFile(path);
  if (errors.length > 0) throw new CliError(errors.map((e) => `${path}:${e.line}: ${e.message.en}`).join('\n'));
  if (members.length !== 1)
    throw new CliError(`formation ${sub}: ${path} must hold one row, it holds ${members.length}`);
  return { category: members[0]!.category, person: toPerson(members[0]!) };
}

interface StepCall {
  groupId: string;
  input: unknown;
}

/** A step's input from its arguments and files, all checked before any connection (exit 2). */
async function stepInput(
  step: FormationStepName,
  sub: string,
  values: Values,
  files: string[],
): Promise<StepCall & { lang: Lang }> {
  const call = async (build: (v: Values, file: string) => unknown) => {
    const lang = langOf(sub, values);
    const groupId = required(sub, values, 'group');
    return { groupId, lang, input: await build(values, files[0] ?? '') };
  };
  switch (step) {
    case 'formation-notice':
    case 'creation-notice':
      return call((v) => ({
        publishedOn: date(sub, v, 'date'),
        channels: channels(sub, v),
      }));
    case 'staff-candidates':
      return call(async (v, file) => ({
        submittedOn: date(sub, v, 'date'),
        candidates: await listOf(sub, file, 'municipal_employee'),
      }));
    case 'deputy-members':
      return call(async (v, file) => ({
        approvedOn: date(sub, v, 'date'),
        deputies: await listOf(sub, file, 'deputy'),
      }));
    case 'gathering':
      return call(async (v, file) => ({
        heldOn: date(sub, v, 'date'),
        participants: count(sub, v, 'participants'),
        protocolRef: required(sub, v, 'protocol'),
        place: v.place ?? null,
        candidates: await gatheringOf(file),
      }));
    case 'add-candidate':
      return call(async (v, file) => ({
        ...(await oneCandidate(sub, file)),
        nominatedOn: date(sub, v, 'date'),
        ...(v.protocol !== undefined ? { protocolId: required(sub, v, 'protocol') } : {}),
      }));
    case 'remove-candidate':
      return call((v) => ({
        candidateId: required(sub, v, 'candidate'),
        reason: required(sub, v, 'reason'),
      }));
    case 'replace-candidate':
      return call(async (v, file) => ({
        candidateId: required(sub, v, 'candidate'),
        reason: required(sub, v, 'reason'),
        ...(await oneCandidate(sub, file)),
        nominatedOn: date(sub, v, 'date'),
        ...(v.protocol !== undefined ? { protocolId: required(sub, v, 'protocol') } : {}),
      }));
    case 'decision':
      return call((v) => {
        if (v.chair !== undefined && v['chair-candidate'] !== undefined)
          throw new CliError(`formation ${sub}: --chair NAME or --chair-candidate ID, not both`);
        const chair =
          v.chair !== undefined
            ? { chair: { fullName: required(sub, v, 'chair') } }
            : v['chair-candidate'] !== undefined
              ? { chair: { candidateId: required(sub, v, 'chair-candidate') } }
              : {};
        return { decidedOn: date(sub, v, 'date'), resolutionNumber: required(sub, v, 'resolution'), ...chair };
      });
    case 'move-first-meeting':
      return call((v) => {
        const time = required(sub, v, 'time');
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
          throw new CliError(`formation ${sub}: --time "${time}" is not HH:MM`);
        if ((v['no-quorum-on'] === undefined) !== (v.present === undefined))
          throw new CliError(`formation ${sub}: --no-quorum-on DATE and --present N go together`);
        return {
          date: date(sub, v, 'date'),
          time,
          place: required(sub, v, 'place'),
          ...(v.reason !== undefined ? { reason: v.reason } : {}),
          ...(v['no-quorum-on'] !== undefined
            ? { withoutQuorum: { heldOn: date(sub, v, 'no-quorum-on'), present: count(sub, v, 'present') } }
            : {}),
        };
      });
    case 'meeting':
      return call((v) => {
        const time = required(sub, v, 'time');
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
          throw new CliError(`formation ${sub}: --time "${time}" is not HH:MM`);
        return { date: date(sub, v, 'date'), time, place: required(sub, v, 'place') };
      });
    case 'first-meeting':
      return call((v) => {
        const heldOn = date(sub, v, 'date');
        const present = count(sub, v, 'present');
        if (v.chair !== undefined && v['chair-candidate'] !== undefined)
          throw new CliError(`formation ${sub}: --chair NAME or --chair-candidate ID, not both`);
        // 5.4.5: a chair the council's decision named is not elected (the workflow refuses an election then).
        if (v.chair === undefined && v['chair-candidate'] === undefined) return { heldOn, present };
        const chair =
          v.chair !== undefined
            ? { fullName: required(sub, v, 'chair') }
            : { candidateId: required(sub, v, 'chair-candidate') };
        return {
          heldOn,
          present,
          chairElection: {
            ...chair,
            votesFor: count(sub, v, 'votes-for'),
            votesAgainst: count(sub, v, 'votes-against', 0),
            abstained: count(sub, v, 'abstained', 0),
          },
        };
      });
  }
}

const notRunning = (groupId: string) =>
  `no formation running for group ${groupId} (start it with "jmeg formation start")`;

/** Sends one step; the workflow's refusal is one line with the API's words (exit 1). */
async function step(step: FormationStepName, sub: string, values: Values, files: string[]): Promise<number> {
  const { groupId, input, lang } = await stepInput(step, sub, values, files);
  return withRequiredEngine(loadConfig(), async (engine) => {
    try {
      const result = await recordFormationStep({ engine }, groupId, step, input);
      if (result !== undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (error) {
      throw procedureCliError(`formation ${sub}`, error, lang, notRunning(groupId));
    }
  });
}

/** The use case's refusal of a start (a formation in progress, a date after today) as one line. */
function startRefusal(error: unknown, lang: Lang): unknown {
  if (error instanceof ConflictError) return new CliError(`formation start: ${problemText(error.problems, lang)}`, 1);
  if (error instanceof InvalidInputError)
    return new CliError(`formation start: --formed-on: ${error.message.replace(/^formedOn: /u, '')}`);
  return procedureCliError('formation start', error, lang, '');
}

async function start(values: Values): Promise<number> {
  const lang = langOf('start', values);
  const councilId = required('start', values, 'council');
  const formedOn = date('start', values, 'formed-on');
  const config = loadConfig();
  return withRequiredEngine(config, (engine) =>
    withDatabase(async (db) => {
      if (!(await findCouncilById(db, councilId)))
        throw new CliError(`formation start: no council with id ${councilId} (see "jmeg council list")`);
      const deps = { db, engine, now: Date.now };
      try {
        let started;
        if (values.group === undefined) {
          started = await startFormation(deps, { councilId, formedOn, key: null, actor: 'cli' });
        } else {
          const group = await findGroupById(db, values.group);
          if (!group || group.council_id !== councilId)
            throw new CliError(`formation start: no group ${values.group} of council ${councilId}`);
          started = await restartFormation(deps, group, formedOn);
        }
        process.stdout.write(`${started.groupId}\n`);
        return 0;
      } catch (error) {
        throw startRefusal(error, lang);
      }
    }),
  );
}

function printState(s: FormationState): void {
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`group ${s.groupId} (council ${s.councilId}), step: ${s.step}, today ${s.today}`);
  out('obligations:');
  for (const o of s.obligations) {
    const status = o.fulfilled
      ? `met on ${o.fulfilled.on}${o.fulfilled.late ? ' (late)' : ''}`
      : o.escalated
        ? 'escalated'
        : 'open';
    const sent = o.ladder.filter((r) => r.status === 'sent').map((r) => r.rung);
    out(
      `  ${o.clause}\t${o.key}\tdue ${o.due ?? '?'}\t${status}${sent.length ? `\treminded: ${sent.join(', ')}` : ''}`,
    );
  }
  out(`candidates (${s.candidates.length}):`);
  for (const c of s.candidates)
    out(`  ${c.candidateId}\t${c.fullName}\t${c.category}${c.votes !== null ? `\t${c.votes} votes` : ''}`);
  if (s.protocols.length > 0) out(`gathering protocols (5.4.4; add-candidate --protocol ID):`);
  for (const p of s.protocols) out(`  ${p.protocolId}\t${p.heldOn}\t${p.protocolRef}\t${p.participants} participants`);
  if (s.decision) {
    out(`decision (5.4.5): ${s.decision.decidedOn} № ${s.decision.resolutionNumber}, term ends ${s.decision.termEnd}`);
    const clauses = [...new Set((s.decision.violations ?? []).map((v) => v.clause ?? '5.2'))];
    if (clauses.length > 0) out(`  adopted with a composition that does not meet ${clauses.join(', ')}`);
    for (const v of s.decision.violations ?? []) out(`  violation (${v.clause ?? '-'}): ${v.message.en}`);
    if (s.decision.chair) out(`  chair named by the decision: ${s.decision.chair.fullName}`);
  }
  for (const m of s.earlierMeetings ?? [])
    out(
      m.outcome.kind === 'moved'
        ? `earlier first meeting ${m.date} ${m.time}, ${m.place}: moved on ${m.outcome.on}`
        : `earlier first meeting ${m.date} ${m.time}, ${m.place}: held on ${m.outcome.heldOn} without quorum (${m.outcome.present}/${m.outcome.total}, 7.2.3)`,
    );
  if (s.meeting)
    out(
      `first meeting: ${s.meeting.date} ${s.meeting.time}, ${s.meeting.place}${s.meeting.late ? ' (late, 5.3.2)' : ''}`,
    );
  if (s.composition) {
    out(`composition: ${s.composition.ok ? 'ok' : 'violations'}`);
    for (const a of s.composition.arithmetic) out(`  ${a.holds ? 'ok ' : 'NO '} ${a.text.en}`);
    for (const f of s.composition.findings) out(`  ${f.severity} (${f.clause ?? '-'}): ${f.message.en}`);
  }
}

async function status(values: Values): Promise<number> {
  langOf('status', values);
  const groupId = required('status', values, 'group');
  return withRequiredEngine(loadConfig(), async (engine) => {
    try {
      printState(await formationState({ engine }, groupId));
    } catch (error) {
      throw procedureCliError('formation status', error, 'en', notRunning(groupId));
    }
    return 0;
  });
}
