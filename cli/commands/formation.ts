// `jmeg formation ...`: staff drive the formation procedure (5.4, 5.3) from the command line, through the same use
// cases as the JSON API and the pages (procedures/formation): every step of procedures/formation/steps.ts under the
// name of the API's path segment (POST /api/groups/:groupId/formation/<step>), refused by the workflow's validators
// with the same words. Needs a Temporal server (cli/with-engine.ts); usage and file errors are found before connecting.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { loadConfig } from '../../config/config';
import { findCouncilById } from '../../db/councils';
import { findGroupById } from '../../db/groups';
import { isIsoDate } from '../../domain/dates';
import { isLang, type Lang } from '../../domain/i18n';
import { ROSTER_COLUMNS, validateRosterRows, type Category, type RosterMember } from '../../domain/roster';
import { formationState, recordFormationStep } from '../../procedures/formation/record-step';
import { restartFormation, startFormation } from '../../procedures/formation/start-formation';
import { FORMATION_STEP_NAMES, isFormationStepName, type FormationStepName } from '../../procedures/formation/steps';
import { ConflictError, InvalidInputError } from '../../procedures/refusals';
import type { FormationState, NoticeChannel, PersonInput } from '../../workflows/formation/contract';
import { CliError } from '../cli-error';
import { readRosterFile } from '../read-roster';
import { procedureCliError, problemText } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';

const STEP_USAGE: Readonly<Record<FormationStepName, string>> = {
  'formation-notice': 'formation-notice --group ID --date YYYY-MM-DD [--channels website,notice_board]',
  'staff-candidates': 'staff-candidates FILE.csv --group ID --date YYYY-MM-DD',
  'deputy-members': 'deputy-members FILE.csv --group ID --date YYYY-MM-DD',
  gathering: 'gathering FILE.csv --group ID --date YYYY-MM-DD --participants N --protocol REF [--place TEXT]',
  'add-candidate': 'add-candidate PERSON.csv --group ID --date YYYY-MM-DD [--protocol PROTOCOL_ID]',
  'remove-candidate': 'remove-candidate --group ID --candidate ID --reason TEXT',
  'replace-candidate':
    'replace-candidate PERSON.csv --group ID --candidate ID --reason TEXT --date YYYY-MM-DD [--protocol PROTOCOL_ID]',
  decision: 'decision --group ID --date YYYY-MM-DD --resolution NUMBER',
  meeting: 'meeting --group ID --date YYYY-MM-DD --time HH:MM --place TEXT',
  'creation-notice': 'creation-notice --group ID --date YYYY-MM-DD [--channels website,notice_board]',
  'first-meeting':
    'first-meeting --group ID --date YYYY-MM-DD --present N (--chair NAME | --chair-candidate ID) --votes-for N [--votes-against N] [--abstained N]',
};

/** The names the command had before it took the API's: still understood. */
const ALIASES: Readonly<Record<string, FormationStepName>> = {
  'publish-notice': 'formation-notice',
  deputies: 'deputy-members',
};

const USAGE = [
  'usage: jmeg formation start --council ID --formed-on YYYY-MM-DD [--group ID]',
  '       jmeg formation status --group ID',
  ...FORMATION_STEP_NAMES.map((s) => `       jmeg formation ${STEP_USAGE[s]}`),
  "       (each takes --lang ky|ru|en; PERSON.csv is a roster file of one row, whose category is the candidate's)",
].join('\n');

type Options = Record<string, { type: 'string' }>;
const str = (...names: string[]): Options =>
  Object.fromEntries([...names, 'lang'].map((n) => [n, { type: 'string' as const }]));

function args(
  sub: string,
  argv: string[],
  options: Options,
  positionals = 0,
): { values: Record<string, string | undefined>; files: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    throw new CliError(`formation ${sub}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (parsed.positionals.length !== positionals)
    throw new CliError(
      `formation ${sub}: expected ${positionals === 1 ? 'one FILE.csv' : 'no file'} argument\n${USAGE}`,
    );
  return { values: parsed.values as Record<string, string | undefined>, files: parsed.positionals };
}

function required(sub: string, values: Record<string, string | undefined>, name: string): string {
  const v = values[name];
  if (v === undefined || v.trim() === '') throw new CliError(`formation ${sub}: --${name} is required\n${USAGE}`);
  return v.trim();
}

function date(sub: string, values: Record<string, string | undefined>, name: string): string {
  const v = required(sub, values, name);
  if (!isIsoDate(v)) throw new CliError(`formation ${sub}: --${name} "${v}" is not a date YYYY-MM-DD`);
  return v;
}

function count(sub: string, values: Record<string, string | undefined>, name: string, fallback?: number): number {
  const v = values[name];
  if (v === undefined && fallback !== undefined) return fallback;
  const text = required(sub, values, name);
  if (!/^\d+$/.test(text)) throw new CliError(`formation ${sub}: --${name} "${text}" is not a whole number`);
  return Number(text);
}

function channels(sub: string, values: Record<string, string | undefined>): NoticeChannel[] {
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
function langOf(sub: string, values: Record<string, string | undefined>): Lang {
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
async function stepInput(step: FormationStepName, sub: string, rest: string[]): Promise<StepCall & { lang: Lang }> {
  const call = async (
    options: Options,
    files: 0 | 1,
    build: (v: Record<string, string | undefined>, file: string) => unknown,
  ) => {
    const { values, files: given } = args(sub, rest, options, files);
    const lang = langOf(sub, values);
    const groupId = required(sub, values, 'group');
    return { groupId, lang, input: await build(values, given[0] ?? '') };
  };
  switch (step) {
    case 'formation-notice':
    case 'creation-notice':
      return call(str('group', 'date', 'channels'), 0, (v) => ({
        publishedOn: date(sub, v, 'date'),
        channels: channels(sub, v),
      }));
    case 'staff-candidates':
      return call(str('group', 'date'), 1, async (v, file) => ({
        submittedOn: date(sub, v, 'date'),
        candidates: await listOf(sub, file, 'municipal_employee'),
      }));
    case 'deputy-members':
      return call(str('group', 'date'), 1, async (v, file) => ({
        approvedOn: date(sub, v, 'date'),
        deputies: await listOf(sub, file, 'deputy'),
      }));
    case 'gathering':
      return call(str('group', 'date', 'participants', 'protocol', 'place'), 1, async (v, file) => ({
        heldOn: date(sub, v, 'date'),
        participants: count(sub, v, 'participants'),
        protocolRef: required(sub, v, 'protocol'),
        place: v.place ?? null,
        candidates: await gatheringOf(file),
      }));
    case 'add-candidate':
      return call(str('group', 'date', 'protocol'), 1, async (v, file) => ({
        ...(await oneCandidate(sub, file)),
        nominatedOn: date(sub, v, 'date'),
        ...(v.protocol !== undefined ? { protocolId: required(sub, v, 'protocol') } : {}),
      }));
    case 'remove-candidate':
      return call(str('group', 'candidate', 'reason'), 0, (v) => ({
        candidateId: required(sub, v, 'candidate'),
        reason: required(sub, v, 'reason'),
      }));
    case 'replace-candidate':
      return call(str('group', 'candidate', 'reason', 'date', 'protocol'), 1, async (v, file) => ({
        candidateId: required(sub, v, 'candidate'),
        reason: required(sub, v, 'reason'),
        ...(await oneCandidate(sub, file)),
        nominatedOn: date(sub, v, 'date'),
        ...(v.protocol !== undefined ? { protocolId: required(sub, v, 'protocol') } : {}),
      }));
    case 'decision':
      return call(str('group', 'date', 'resolution'), 0, (v) => ({
        decidedOn: date(sub, v, 'date'),
        resolutionNumber: required(sub, v, 'resolution'),
      }));
    case 'meeting':
      return call(str('group', 'date', 'time', 'place'), 0, (v) => {
        const time = required(sub, v, 'time');
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
          throw new CliError(`formation ${sub}: --time "${time}" is not HH:MM`);
        return { date: date(sub, v, 'date'), time, place: required(sub, v, 'place') };
      });
    case 'first-meeting':
      return call(
        str('group', 'date', 'present', 'chair', 'chair-candidate', 'votes-for', 'votes-against', 'abstained'),
        0,
        (v) => {
          const heldOn = date(sub, v, 'date');
          const present = count(sub, v, 'present');
          if ((v.chair === undefined) === (v['chair-candidate'] === undefined))
            throw new CliError(`formation ${sub}: --chair is required (or --chair-candidate ID instead)\n${USAGE}`);
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
        },
      );
  }
}

const notRunning = (groupId: string) =>
  `no formation running for group ${groupId} (start it with "jmeg formation start")`;

/** Sends one step; the workflow's refusal is one line with the API's words (exit 1). */
async function step(step: FormationStepName, sub: string, rest: string[]): Promise<number> {
  const { groupId, input, lang } = await stepInput(step, sub, rest);
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

async function start(argv: string[]): Promise<number> {
  const { values } = args('start', argv, str('council', 'formed-on', 'group'));
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
  if (s.composition) {
    out(`composition: ${s.composition.ok ? 'ok' : 'violations'}`);
    for (const a of s.composition.arithmetic) out(`  ${a.holds ? 'ok ' : 'NO '} ${a.text.en}`);
    for (const f of s.composition.findings) out(`  ${f.severity} (${f.clause ?? '-'}): ${f.message.en}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'start') return start(rest);
  if (sub === 'status') {
    const { values } = args(sub, rest, str('group'));
    langOf(sub, values);
    const groupId = required(sub, values, 'group');
    return withRequiredEngine(loadConfig(), async (engine) => {
      try {
        printState(await formationState({ engine }, groupId));
      } catch (error) {
        throw procedureCliError('formation status', error, 'en', notRunning(groupId));
      }
      return 0;
    });
  }
  const name = sub === undefined ? undefined : (ALIASES[sub] ?? sub);
  if (name !== undefined && isFormationStepName(name)) return step(name, sub!, rest);
  throw new CliError(sub === undefined ? USAGE : `formation: unknown step "${sub}"\n${USAGE}`);
}
