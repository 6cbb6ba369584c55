// `jmeg formation ...`: staff drive the formation workflow (5.4, 5.3) from the command line until the API lands.
// Every step is a workflow update: the workflow's own validator accepts or refuses it. Needs a Temporal server.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { loadConfig, type AppConfig } from '../../config/config';
import { findCouncilById } from '../../db/councils';
import { findGroupById, openGroup } from '../../db/groups';
import { isIsoDate } from '../../domain/dates';
import { ROSTER_COLUMNS, validateRosterRows, type Category, type RosterMember } from '../../domain/roster';
import {
  canConnect,
  LOCAL_TEMPORAL_HOST,
  LOCAL_TEMPORAL_PORT,
  parseAddress,
  TemporalUnavailableError,
} from '../../worker/obtain-temporal';
import { connectClient, dataConverterOf, type ConnectedClient } from '../../worker/temporal-client';
import {
  approveDeputyMembersUpdate,
  formationStateQuery,
  formationWorkflowId,
  publishCreationNoticeUpdate,
  publishFormationNoticeUpdate,
  recordCouncilDecisionUpdate,
  recordFirstMeetingUpdate,
  recordGatheringProtocolUpdate,
  removeCandidateUpdate,
  scheduleFirstMeetingUpdate,
  submitStaffCandidatesUpdate,
  type FormationInput,
  type FormationState,
  type NoticeChannel,
  type PersonInput,
} from '../../workflows/formation/contract';
import { CliError } from '../cli-error';
import { readRosterFile } from '../read-roster';
import { withDatabase } from '../with-database';

const USAGE = [
  'usage: jmeg formation start --council ID --formed-on YYYY-MM-DD [--group ID]',
  '       jmeg formation status --group ID',
  '       jmeg formation publish-notice --group ID --date YYYY-MM-DD [--channels website,notice_board]',
  '       jmeg formation staff-candidates FILE.csv --group ID --date YYYY-MM-DD',
  '       jmeg formation deputies FILE.csv --group ID --date YYYY-MM-DD',
  '       jmeg formation gathering FILE.csv --group ID --date YYYY-MM-DD --participants N --protocol REF [--place TEXT]',
  '       jmeg formation remove-candidate --group ID --candidate ID --reason TEXT',
  '       jmeg formation decision --group ID --date YYYY-MM-DD --resolution NUMBER',
  '       jmeg formation meeting --group ID --date YYYY-MM-DD --time HH:MM --place TEXT',
  '       jmeg formation creation-notice --group ID --date YYYY-MM-DD [--channels website,notice_board]',
  '       jmeg formation first-meeting --group ID --date YYYY-MM-DD --present N --chair NAME --votes-for N [--votes-against N] [--abstained N]',
].join('\n');

type Options = Record<string, { type: 'string' }>;
const str = (...names: string[]): Options => Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));

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

/** A client of the configured Temporal server; one line (exit 1) when none answers. Starts no dev server: it would die with the command. */
async function withClient<T>(fn: (client: Client, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const address = config.temporalAddress ?? `${LOCAL_TEMPORAL_HOST}:${LOCAL_TEMPORAL_PORT}`;
  // The payload keys first: a bad JMEG_PAYLOAD_KEYS is its own one line, not "no server".
  dataConverterOf(config);
  let connected: ConnectedClient;
  try {
    const { host, port } = parseAddress(address);
    if (!(await canConnect(host, port))) throw new TemporalUnavailableError(`no server reachable at ${address}`);
    connected = await connectClient(address, config);
  } catch (error) {
    const message =
      error instanceof TemporalUnavailableError
        ? error.message
        : new TemporalUnavailableError(`${address}: ${firstLine(error)}`).message;
    throw new CliError(message, 1);
  }
  try {
    return await fn(connected.client, config);
  } finally {
    await connected.connection.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** Sends one step; a refusal by the workflow's validator is printed as one line per problem (exit 1). */
async function step(groupId: string, send: (handle: WorkflowHandle) => Promise<unknown>): Promise<number> {
  return withClient(async (client) => {
    const handle = client.workflow.getHandle(formationWorkflowId(groupId));
    try {
      const result = await send(handle);
      if (result !== undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError)
        throw new CliError(`refused: ${firstLine(error.cause ?? error)}`, 1);
      if (error instanceof Error && error.name === 'WorkflowNotFoundError')
        throw new CliError(`no formation running for group ${groupId} (start it with "jmeg formation start")`, 1);
      throw error;
    }
  });
}

async function start(argv: string[]): Promise<number> {
  const { values } = args('start', argv, str('council', 'formed-on', 'group'));
  const councilId = required('start', values, 'council');
  const formedOn = date('start', values, 'formed-on');
  return withClient(async (client, config) => {
    const groupId = await withDatabase(async (db) => {
      if (!(await findCouncilById(db, councilId)))
        throw new CliError(`formation start: no council with id ${councilId} (see "jmeg council list")`);
      if (values.group === undefined) return openGroup(db, { councilId, councilFormedOn: formedOn }, 'cli');
      const group = await findGroupById(db, values.group);
      if (!group || group.council_id !== councilId)
        throw new CliError(`formation start: no group ${values.group} of council ${councilId}`);
      return group.id;
    });
    const input: FormationInput = { councilId, groupId, formedOn };
    await client.workflow.start('formationWorkflow', {
      args: [input],
      taskQueue: config.temporalTaskQueue,
      workflowId: formationWorkflowId(groupId),
    });
    process.stdout.write(`${groupId}\n`);
    return 0;
  });
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
  if (s.composition) {
    out(`composition: ${s.composition.ok ? 'ok' : 'violations'}`);
    for (const a of s.composition.arithmetic) out(`  ${a.holds ? 'ok ' : 'NO '} ${a.text.en}`);
    for (const f of s.composition.findings) out(`  ${f.severity} (${f.clause ?? '-'}): ${f.message.en}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'start':
      return start(rest);
    case 'status': {
      const { values } = args(sub, rest, str('group'));
      const groupId = required(sub, values, 'group');
      return withClient(async (client) => {
        printState(await client.workflow.getHandle(formationWorkflowId(groupId)).query(formationStateQuery));
        return 0;
      });
    }
    case 'publish-notice':
    case 'creation-notice': {
      const { values } = args(sub, rest, str('group', 'date', 'channels'));
      const input = { publishedOn: date(sub, values, 'date'), channels: channels(sub, values) };
      const update = sub === 'publish-notice' ? publishFormationNoticeUpdate : publishCreationNoticeUpdate;
      return step(required(sub, values, 'group'), (h) => h.executeUpdate(update, { args: [input] }));
    }
    case 'staff-candidates': {
      const { values, files } = args(sub, rest, str('group', 'date'), 1);
      const groupId = required(sub, values, 'group');
      const input = {
        submittedOn: date(sub, values, 'date'),
        candidates: await listOf(sub, files[0]!, 'municipal_employee'),
      };
      return step(groupId, (h) => h.executeUpdate(submitStaffCandidatesUpdate, { args: [input] }));
    }
    case 'deputies': {
      const { values, files } = args(sub, rest, str('group', 'date'), 1);
      const groupId = required(sub, values, 'group');
      const input = { approvedOn: date(sub, values, 'date'), deputies: await listOf(sub, files[0]!, 'deputy') };
      return step(groupId, (h) => h.executeUpdate(approveDeputyMembersUpdate, { args: [input] }));
    }
    case 'gathering': {
      const { values, files } = args(sub, rest, str('group', 'date', 'participants', 'protocol', 'place'), 1);
      const groupId = required(sub, values, 'group');
      const input = {
        heldOn: date(sub, values, 'date'),
        participants: count(sub, values, 'participants'),
        protocolRef: required(sub, values, 'protocol'),
        place: values.place ?? null,
        candidates: await gatheringOf(files[0]!),
      };
      return step(groupId, (h) => h.executeUpdate(recordGatheringProtocolUpdate, { args: [input] }));
    }
    case 'remove-candidate': {
      const { values } = args(sub, rest, str('group', 'candidate', 'reason'));
      const input = { candidateId: required(sub, values, 'candidate'), reason: required(sub, values, 'reason') };
      return step(required(sub, values, 'group'), (h) => h.executeUpdate(removeCandidateUpdate, { args: [input] }));
    }
    case 'decision': {
      const { values } = args(sub, rest, str('group', 'date', 'resolution'));
      const input = { decidedOn: date(sub, values, 'date'), resolutionNumber: required(sub, values, 'resolution') };
      return step(required(sub, values, 'group'), (h) =>
        h.executeUpdate(recordCouncilDecisionUpdate, { args: [input] }),
      );
    }
    case 'meeting': {
      const { values } = args(sub, rest, str('group', 'date', 'time', 'place'));
      const time = required(sub, values, 'time');
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
        throw new CliError(`formation meeting: --time "${time}" is not HH:MM`);
      const input = { date: date(sub, values, 'date'), time, place: required(sub, values, 'place') };
      return step(required(sub, values, 'group'), (h) =>
        h.executeUpdate(scheduleFirstMeetingUpdate, { args: [input] }),
      );
    }
    case 'first-meeting': {
      const { values } = args(
        sub,
        rest,
        str('group', 'date', 'present', 'chair', 'votes-for', 'votes-against', 'abstained'),
      );
      const input = {
        heldOn: date(sub, values, 'date'),
        present: count(sub, values, 'present'),
        chairElection: {
          fullName: required(sub, values, 'chair'),
          votesFor: count(sub, values, 'votes-for'),
          votesAgainst: count(sub, values, 'votes-against', 0),
          abstained: count(sub, values, 'abstained', 0),
        },
      };
      return step(required(sub, values, 'group'), (h) => h.executeUpdate(recordFirstMeetingUpdate, { args: [input] }));
    }
    default:
      throw new CliError(sub === undefined ? USAGE : `formation: unknown step "${sub}"\n${USAGE}`);
  }
}
