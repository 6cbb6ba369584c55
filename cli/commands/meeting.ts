// `jmeg meeting schedule|move|cancel|attendance|minutes|decision|list --group ID ...`: the meetings of a group's term
// (7.2.1-7.2.4), as the pages and the API do them (a decision's subject and who stood aside from it: 6.4). Every action goes through the use cases of procedures/term (and
// procedures/meetings: an annual gathering, 7.2.4, is announced by a public notice); a refusal is one line naming the
// field and the clause (exit 1), nothing written.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../../config/config';
import { isLang, type Lang } from '../../domain/i18n';
import { quorum } from '../../domain/meeting';
import { checkMinutesInput } from '../../domain/term';
import { bishkekDateOf } from '../../domain/dates';
import {
  cancelAnnouncedMeeting,
  moveAnnouncedMeeting,
  scheduleAnnouncedMeeting,
} from '../../procedures/meetings/announced-meetings';
import { ProcedureRefusedError } from '../../procedures/engine';
import { recordAttendance, recordDecision, recordMinutes } from '../../procedures/term/meetings';
import { termState } from '../../procedures/term/term-state';
import type { TermMeeting } from '../../workflows/term/contract';
import { storeMinutesFile } from '../../api/meetings/minutes-file';
import { AppError } from '../../api/app-error';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';

const KINDS = ['regular', 'extraordinary', 'annual-gathering'] as const;
const GROUP = { type: 'string', placeholder: 'ID', description: 'the group', required: true } as const;
const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;
const ID = [{ name: 'MEETING_ID', description: 'the meeting (see "jmeg meeting list")' }] as const;
const TEMPORAL = "Needs a Temporal server (TEMPORAL_ADDRESS) and the group's running term procedure.";
const DATE = (what: string) =>
  ({ type: 'string', placeholder: 'YYYY-MM-DD', description: what, required: true }) as const;

const SCHEDULE = {
  group: GROUP,
  date: DATE('the day, today or later (7.2.1)'),
  time: { type: 'string', placeholder: 'HH:MM', description: 'the time in Bishkek', required: true },
  place: { type: 'string', placeholder: 'TEXT', description: 'where', required: true },
  agenda: { type: 'string', placeholder: 'TEXT', description: 'what will be discussed', required: true },
  kind: {
    type: 'string',
    placeholder: KINDS.join('|'),
    description: 'default regular; annual-gathering publishes a public notice (7.2.4)',
  },
  id: { type: 'string', placeholder: 'ID', description: 'your id for the meeting (default: a new UUID)' },
  ...LANG,
} as const satisfies Options;
const MOVE = {
  group: GROUP,
  date: DATE('the new day, today or later'),
  time: { type: 'string', placeholder: 'HH:MM', description: 'the new time', required: true },
  place: { type: 'string', placeholder: 'TEXT', description: 'a new place (default: the same)' },
  reason: { type: 'string', placeholder: 'TEXT', description: 'why it moves' },
  ...LANG,
} as const satisfies Options;
const CANCEL = {
  group: GROUP,
  reason: { type: 'string', placeholder: 'TEXT', description: 'why it is cancelled', required: true },
  ...LANG,
} as const satisfies Options;
const ATTENDANCE = {
  group: GROUP,
  'held-on': DATE('the day it was held (not in the future)'),
  present: {
    type: 'string',
    placeholder: 'ID,ID,...',
    description: 'membership ids of those present, comma-separated (see "jmeg meeting list")',
    required: true,
  },
  ...LANG,
} as const satisfies Options;
const MINUTES = {
  group: GROUP,
  date: { type: 'string', placeholder: 'YYYY-MM-DD', description: "the minutes' date (required)" },
  text: { type: 'string', placeholder: 'TEXT', description: 'the minutes', required: true },
  file: { type: 'string', placeholder: 'FILE', description: 'the signed minutes (PDF, JPEG, PNG, DOCX, ...)' },
  ...LANG,
} as const satisfies Options;
const DECISION = {
  group: GROUP,
  text: { type: 'string', placeholder: 'TEXT', description: 'the decision', required: true },
  for: { type: 'string', placeholder: 'N', description: 'votes for', required: true },
  against: { type: 'string', placeholder: 'N', description: 'votes against', required: true },
  abstained: { type: 'string', placeholder: 'N', description: 'abstained', required: true },
  object: { type: 'string', placeholder: 'ID', description: 'the monitored object it is about (6.4)' },
  'plan-item': { type: 'string', placeholder: 'ID', description: 'the work-plan item it is about (6.4)' },
  matter: { type: 'string', placeholder: 'TEXT', description: 'the matter it is about (6.4)' },
  participants: {
    type: 'string',
    placeholder: 'ID,ID,...',
    description: 'membership ids of those who voted (default: present minus those standing aside, 6.4)',
  },
  ...LANG,
} as const satisfies Options;
const LIST = { group: GROUP, json: { type: 'boolean', description: 'print JSON' }, ...LANG } as const satisfies Options;

type Sub = 'schedule' | 'move' | 'cancel' | 'attendance' | 'minutes' | 'decision' | 'list';

function step(sub: Sub, options: Options, summary: string, withId: boolean) {
  return leaf({
    name: sub,
    summary,
    positionals: withId ? ID : [],
    options,
    notes: [TEMPORAL],
    run: (parsed) => meeting(sub, parsed),
  });
}

export const command: Group = {
  name: 'meeting',
  summary: "The meetings of a group's term (7.2.1-7.2.4): schedule, move, cancel, attendance and quorum, minutes.",
  subcommands: [
    step(
      'schedule',
      SCHEDULE,
      'Schedules a meeting; members are mailed; an annual gathering is announced (7.2.4).',
      false,
    ),
    step('move', MOVE, 'Moves a scheduled meeting; members are mailed again.', true),
    step('cancel', CANCEL, 'Cancels a scheduled meeting with its reason.', true),
    step('attendance', ATTENDANCE, 'Records who attended; prints the quorum of 7.2.3 with its arithmetic.', true),
    step('minutes', MINUTES, "Records the meeting's minutes (date, text, the signed file).", true),
    step(
      'decision',
      DECISION,
      'Records a decision with its votes (not taken without quorum, 7.2.3); members removed from its subject stand aside (6.4).',
      true,
    ),
    step('list', LIST, "Lists the term's meetings, their quorum and the members' ids.", false),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

type Values = Partial<Record<string, string | boolean>>;
const str = (values: Values, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};
const count = (sub: string, values: Values, name: string): number => {
  const v = str(values, name).trim();
  if (!/^\d{1,6}$/.test(v)) throw new CliError(`meeting ${sub}: --${name} "${v}" must be a whole number of 0 or more`);
  return Number(v);
};

const ids = (list: string): string[] =>
  list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function meetingLine(m: TermMeeting): string {
  const a = m.attendance;
  const held = a ? ` present ${a.present}/${a.total} (${a.quorate ? 'quorum' : 'no quorum'})` : '';
  return `${m.meetingId}  ${m.date} ${m.time}  ${m.kind}  ${m.status}${held}  ${m.place}`;
}

async function meeting(sub: Sub, { values, positionals }: Parsed<Options>): Promise<number> {
  const langValue = str(values, 'lang') || 'ky';
  if (!isLang(langValue)) throw new CliError(`meeting ${sub}: --lang "${langValue}" must be ky, ru or en`);
  const lang: Lang = langValue;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const groupId = str(values, 'group');
  const meetingId = positionals[0] ?? '';
  if (sub === 'schedule' && str(values, 'kind') !== '' && !(KINDS as readonly string[]).includes(str(values, 'kind')))
    throw new CliError(`meeting schedule: --kind must be one of ${KINDS.join(', ')}`);
  const votes =
    sub === 'decision'
      ? {
          for: count(sub, values, 'for'),
          against: count(sub, values, 'against'),
          abstained: count(sub, values, 'abstained'),
        }
      : null;
  const config = loadConfig();
  return withDatabase((db) =>
    withRequiredEngine(config, async (engine) => {
      const deps = { db, engine, now: Date.now };
      const notRunning = `group ${groupId} has no running term procedure (not created yet, or its term has ended)`;
      const actor = 'cli:staff';
      const printQuorum = (m: TermMeeting) => {
        if (m.attendance && m.attendance.total > 0)
          out(quorum(m.attendance.total, Math.min(m.attendance.present, m.attendance.total)).text[lang]);
      };
      try {
        switch (sub) {
          case 'list': {
            const state = await termState(deps, { groupId });
            if (state.source !== 'procedure') throw new CliError(`meeting list: ${notRunning}`, 1);
            const t = state.state;
            if (values.json) {
              out(
                JSON.stringify(
                  { termStart: t.termStart, termEnd: t.termEnd, members: t.members, meetings: t.meetings },
                  null,
                  2,
                ),
              );
              return 0;
            }
            out(`term ${t.termStart} – ${t.termEnd} (${t.status})`);
            for (const m of t.meetings) out(meetingLine(m));
            out('members:');
            for (const m of t.members) out(`  ${m.membershipId}  ${m.fullName}`);
            return 0;
          }
          case 'schedule': {
            const kind = (str(values, 'kind') || 'regular') as (typeof KINDS)[number];
            const done = await scheduleAnnouncedMeeting(deps, {
              groupId,
              meetingId: str(values, 'id') || randomUUID(),
              kind,
              date: str(values, 'date'),
              time: str(values, 'time'),
              place: str(values, 'place'),
              agenda: str(values, 'agenda'),
              actor,
            });
            out(
              `meeting ${done.meeting.meetingId} scheduled on ${done.meeting.date} ${done.meeting.time}; members are mailed`,
            );
            if (done.notice) out(`public notice ${done.notice.noticeId} (7.2.4)`);
            return 0;
          }
          case 'move': {
            const done = await moveAnnouncedMeeting(deps, {
              groupId,
              meetingId,
              date: str(values, 'date'),
              time: str(values, 'time'),
              ...(str(values, 'place') ? { place: str(values, 'place') } : {}),
              reason: str(values, 'reason') || null,
              actor,
            });
            out(`meeting ${meetingId} moved to ${done.meeting.date} ${done.meeting.time}, ${done.meeting.place}`);
            return 0;
          }
          case 'cancel': {
            await cancelAnnouncedMeeting(deps, { groupId, meetingId, reason: str(values, 'reason'), actor });
            out(`meeting ${meetingId} cancelled`);
            return 0;
          }
          case 'attendance': {
            const present = ids(str(values, 'present'));
            const m = await recordAttendance(deps, {
              groupId,
              meetingId,
              heldOn: str(values, 'held-on'),
              presentMembershipIds: present,
              actor,
            });
            out(`meeting ${meetingId} held on ${m.attendance?.heldOn ?? ''}`);
            printQuorum(m);
            return 0;
          }
          case 'minutes': {
            const input = { date: str(values, 'date'), text: str(values, 'text') };
            const problems = checkMinutesInput(input, bishkekDateOf(Date.now()));
            if (problems.length > 0)
              throw new ProcedureRefusedError(problems.map((p) => p.message.en).join(' '), problems);
            const path = str(values, 'file');
            let file = null;
            if (path) {
              try {
                file = storeMinutesFile(config.dataDir, { fileName: basename(path), bytes: readFileSync(path) });
              } catch (error) {
                if (error instanceof AppError) throw new CliError(`meeting minutes: --file: ${error.message}`, 1);
                throw new CliError(`meeting minutes: --file ${path}: ${(error as Error).message}`, 1);
              }
            }
            await recordMinutes(deps, { groupId, meetingId, ...input, ...(file ? { file } : {}), actor });
            out(`minutes of meeting ${meetingId} recorded (${input.date})${file ? `, file ${file.fileName}` : ''}`);
            return 0;
          }
          case 'decision': {
            const listed = ids(str(values, 'participants'));
            const about = {
              objectId: str(values, 'object') || null,
              planItemId: str(values, 'plan-item') || null,
              matter: str(values, 'matter') || null,
            };
            const d = await recordDecision(deps, {
              groupId,
              meetingId,
              decisionId: randomUUID(),
              text: str(values, 'text'),
              votes: votes!,
              about,
              participantMembershipIds: listed.length > 0 ? listed : null,
              actor,
            });
            out(`decision ${d.decisionId}: ${d.taken ? 'taken' : `not taken (${d.because})`}`);
            if (d.subject) out(`about: ${d.subject.label}`);
            if (d.stoodAsideMembershipIds && d.stoodAsideMembershipIds.length > 0)
              out(`stood aside (6.4): ${d.stoodAsideMembershipIds.join(', ')}`);
            return 0;
          }
        }
        return 2;
      } catch (error) {
        throw procedureCliError(`meeting ${sub}`, error, lang, notRunning);
      }
    }),
  );
}
