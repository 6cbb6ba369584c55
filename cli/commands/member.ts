// `jmeg member leave|nominate|appoint|elect-chair|add --group ID ...`: a member's departure and replacement over the
// term (5.4.8), a new chair (5.4.6) and the council's decision adding a member (5.4.5 with 5.4.2-5.4.4, the cure of a
// category short of its 5.2.3 share), as the API does them (procedures/term/membership.ts). After a change of members the
// composition is printed with its arithmetic (5.2); a refusal is one line naming the field and the clause (exit 1),
// nothing written.
import { loadConfig } from '../../config/config';
import type { CompositionResult } from '../../domain/composition';
import { isLang, type Lang } from '../../domain/i18n';
import { DEPARTURE_REASONS } from '../../domain/term-membership';
import {
  addMembersByDecision,
  appointReplacement,
  electChair,
  nominateReplacement,
  recordDeparture,
} from '../../procedures/term/membership';
import type { DepartureReason, TermNomination, TermMember } from '../../workflows/term/contract';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';

type Sub = 'leave' | 'nominate' | 'appoint' | 'elect-chair' | 'add';
const GROUP = { type: 'string', placeholder: 'ID', description: 'the group', required: true } as const;
const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;
const TEMPORAL = "Needs a Temporal server (TEMPORAL_ADDRESS) and the group's running term procedure.";
const DATE = (what: string) =>
  ({ type: 'string', placeholder: 'YYYY-MM-DD', description: what, required: true }) as const;
const VACANCY = [{ name: 'VACANCY_ID', description: 'the vacancy: the membership id of the member who left' }] as const;

const LEAVE = {
  group: GROUP,
  on: DATE('the day the member left (not in the future); the quorum counts the smaller membership from that day'),
  reason: {
    type: 'string',
    placeholder: DEPARTURE_REASONS.join('|'),
    description: 'why the member left',
    required: true,
  },
  note: { type: 'string', placeholder: 'TEXT', description: 'details (required for reason other)' },
  ...LANG,
} as const satisfies Options;
const NOMINATE = {
  group: GROUP,
  name: { type: 'string', placeholder: 'TEXT', description: "the nominee's full name", required: true },
  category: {
    type: 'string',
    placeholder: 'municipal_employee|deputy|citizen',
    description: "the nominee's category: the vacancy's (5.4.8)",
    required: true,
  },
  source: {
    type: 'string',
    placeholder: 'executive-head|council-chair|community-gathering',
    description: 'who named them: 5.4.2 head of the executive body, 5.4.3 council chair, 5.4.4 gathering',
    required: true,
  },
  ref: { type: 'string', placeholder: 'TEXT', description: 'the order, approval or protocol', required: true },
  date: DATE("the source's date"),
  participants: { type: 'string', placeholder: 'N', description: "a gathering's participants (5.4.4)" },
  'votes-for': { type: 'string', placeholder: 'N', description: "a gathering's votes for the nominee (a majority)" },
  ...LANG,
} as const satisfies Options;
const APPOINT = {
  group: GROUP,
  number: { type: 'string', placeholder: 'TEXT', description: "the council decision's number", required: true },
  date: DATE("the council decision's date; the member counts from it"),
  name: { type: 'string', placeholder: 'TEXT', description: 'the nominee, as nominated', required: true },
  sex: { type: 'string', placeholder: 'M|F', description: 'for the composition check (5.2.3)', required: true },
  'birth-date': { type: 'string', placeholder: 'YYYY[-MM[-DD]]', description: 'for the age rule (5.2.1)' },
  category: { type: 'string', placeholder: 'CATEGORY', description: "if given, must be the vacancy's (5.4.8)" },
  village: { type: 'string', placeholder: 'TEXT', description: 'village' },
  phone: { type: 'string', placeholder: '+996...', description: 'phone (personal data, never public)' },
  email: { type: 'string', placeholder: 'ADDRESS', description: 'e-mail (personal data, never public)' },
  ...LANG,
} as const satisfies Options;
const ELECT = {
  group: GROUP,
  meeting: { type: 'string', placeholder: 'ID', description: 'the held, quorate meeting (7.2.3)', required: true },
  'votes-for': {
    type: 'string',
    placeholder: 'N',
    description: 'votes for (a majority of those present)',
    required: true,
  },
  ...LANG,
} as const satisfies Options;

const ADD = {
  group: GROUP,
  number: { type: 'string', placeholder: 'TEXT', description: "the council decision's number", required: true },
  date: DATE("the council decision's date; the member counts from it"),
  category: {
    type: 'string',
    placeholder: 'municipal_employee|deputy|citizen',
    description: "the new member's category",
    required: true,
  },
  source: {
    type: 'string',
    placeholder: 'executive-head|council-chair|community-gathering',
    description: "who named them: the category's route (5.4.2 head, 5.4.3 council chair, 5.4.4 gathering)",
    required: true,
  },
  ref: { type: 'string', placeholder: 'TEXT', description: 'the order, approval or protocol', required: true },
  'source-date': DATE("the nomination's date (on or before the decision)"),
  participants: { type: 'string', placeholder: 'N', description: "a gathering's participants (5.4.4)" },
  'votes-for': { type: 'string', placeholder: 'N', description: "a gathering's votes for the nominee (a majority)" },
  name: { type: 'string', placeholder: 'TEXT', description: "the new member's full name", required: true },
  sex: { type: 'string', placeholder: 'M|F', description: 'for the composition check (5.2.3)', required: true },
  'birth-date': { type: 'string', placeholder: 'YYYY[-MM[-DD]]', description: 'for the age rule (5.2.1)' },
  village: { type: 'string', placeholder: 'TEXT', description: 'village' },
  phone: { type: 'string', placeholder: '+996...', description: 'phone (personal data, never public)' },
  email: { type: 'string', placeholder: 'ADDRESS', description: 'e-mail (personal data, never public)' },
  ...LANG,
} as const satisfies Options;

function step(sub: Sub, options: Options, summary: string, positionals: typeof VACANCY | readonly []) {
  return leaf({
    name: sub,
    summary,
    positionals,
    options,
    notes: [TEMPORAL],
    run: (parsed) => member(sub, parsed),
  });
}

const MEMBER = [{ name: 'MEMBERSHIP_ID', description: 'the member (see "jmeg meeting list")' }] as const;

export const command: Group = {
  name: 'member',
  summary: "A member's departure and replacement over the term (5.4.8) and a new chair (5.4.6).",
  subcommands: [
    leaf({
      name: 'leave',
      summary: 'Records that a member left (date, reason); a vacancy opens in their category; prints the composition.',
      positionals: MEMBER,
      options: LEAVE,
      notes: [TEMPORAL],
      run: (parsed) => member('leave', parsed),
    }),
    step(
      'nominate',
      NOMINATE,
      "Records the replacement named by the vacancy's category's source (5.4.2-5.4.4).",
      VACANCY,
    ),
    step(
      'appoint',
      APPOINT,
      "Records the council's decision appointing the nominee; a public notice names them.",
      VACANCY,
    ),
    leaf({
      name: 'add',
      summary:
        "Records the council's decision adding a member (5.4.5) named through their category's route (5.4.2-5.4.4): how a category short of its 5.2.3 share is cured (a replacement stays in its category, 5.4.8); prints the composition.",
      positionals: [],
      options: ADD,
      notes: [TEMPORAL, 'Run it once for each member one decision adds, with the same --number and --date.'],
      run: (parsed) => member('add', parsed),
    }),
    leaf({
      name: 'elect-chair',
      summary: 'Records the election of a new chair from the citizen members at a quorate meeting (5.4.6).',
      positionals: MEMBER,
      options: ELECT,
      notes: [TEMPORAL],
      run: (parsed) => member('elect-chair', parsed),
    }),
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

type Values = Partial<Record<string, string | boolean>>;
const str = (values: Values, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v.trim() : '';
};
const num = (sub: string, values: Values, name: string): number | null => {
  const v = str(values, name);
  if (v === '') return null;
  if (!/^\d{1,6}$/.test(v)) throw new CliError(`member ${sub}: --${name} "${v}" must be a whole number of 0 or more`);
  return Number(v);
};

function printComposition(out: (t: string) => void, c: CompositionResult, lang: Lang): void {
  out(`composition: ${c.size} members${c.ok ? '' : ' (does not meet 5.2)'}`);
  for (const line of c.arithmetic) out(`  ${line.holds ? 'ok ' : 'NO '} ${line.text[lang]}`);
  for (const f of c.findings) out(`  ${f.severity}${f.clause ? ` (${f.clause})` : ''}: ${f.message[lang]}`);
}

async function member(sub: Sub, { values, positionals }: Parsed<Options>): Promise<number> {
  const langValue = str(values, 'lang') || 'ky';
  if (!isLang(langValue)) throw new CliError(`member ${sub}: --lang "${langValue}" must be ky, ru or en`);
  const lang: Lang = langValue;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const groupId = str(values, 'group');
  const id = positionals[0] ?? '';
  const actor = 'cli:staff';
  const participants = sub === 'nominate' || sub === 'add' ? num(sub, values, 'participants') : null;
  const votesFor = sub === 'nominate' || sub === 'elect-chair' || sub === 'add' ? num(sub, values, 'votes-for') : null;
  const config = loadConfig();
  return withDatabase((db) =>
    withRequiredEngine(config, async (engine) => {
      const deps = { db, engine, now: Date.now };
      const notRunning = `group ${groupId} has no running term procedure (not created yet, or its term has ended)`;
      try {
        switch (sub) {
          case 'leave': {
            const done = await recordDeparture(deps, {
              groupId,
              membershipId: id,
              leftOn: str(values, 'on'),
              reason: str(values, 'reason') as DepartureReason,
              note: str(values, 'note') || null,
              actor,
            });
            const v = done.state.vacancies.find((x) => x.vacancyId === id);
            out(`member ${id} left on ${str(values, 'on')}; vacancy ${id} (${v?.category ?? ''}) is open`);
            if (v?.nominateBy) out(`to be named by ${v.nominateBy} (5.4.2/5.4.3, 15 working days)`);
            if (done.state.chairVacantSince) out('the chair is vacant: a quorate meeting elects a new one (5.4.6)');
            out(`the quorum counts ${done.state.members.length} members from ${str(values, 'on')} (7.2.3)`);
            printComposition(out, done.composition, lang);
            return 0;
          }
          case 'nominate': {
            const v = await nominateReplacement(deps, {
              groupId,
              vacancyId: id,
              nominee: { fullName: str(values, 'name'), category: str(values, 'category') as TermMember['category'] },
              source: {
                kind: str(values, 'source') as TermNomination['source']['kind'],
                ref: str(values, 'ref'),
                date: str(values, 'date'),
                participants,
                votesFor,
              },
              actor,
            });
            out(
              `${v.nomination?.fullName ?? ''} nominated for vacancy ${id}${v.nomination?.late ? ' (late: after ' + (v.nominateBy ?? '') + ')' : ''}`,
            );
            return 0;
          }
          case 'appoint': {
            const done = await appointReplacement(deps, {
              groupId,
              vacancyId: id,
              ...(str(values, 'category') ? { category: str(values, 'category') } : {}),
              decisionNumber: str(values, 'number'),
              decisionDate: str(values, 'date'),
              person: {
                fullName: str(values, 'name'),
                sex: str(values, 'sex') as 'M',
                birthDate: str(values, 'birth-date') || null,
                village: str(values, 'village') || null,
                phone: str(values, 'phone') || null,
                email: str(values, 'email') || null,
              },
              actor,
            });
            out(`${str(values, 'name')} is a member from ${str(values, 'date')}; a public notice names them (5.4.8)`);
            printComposition(out, done.composition, lang);
            return 0;
          }
          case 'add': {
            const done = await addMembersByDecision(deps, {
              groupId,
              decisionNumber: str(values, 'number'),
              decisionDate: str(values, 'date'),
              members: [
                {
                  category: str(values, 'category') as TermMember['category'],
                  source: {
                    kind: str(values, 'source') as TermNomination['source']['kind'],
                    ref: str(values, 'ref'),
                    date: str(values, 'source-date'),
                    participants,
                    votesFor,
                  },
                  person: {
                    fullName: str(values, 'name'),
                    sex: str(values, 'sex') as 'M',
                    birthDate: str(values, 'birth-date') || null,
                    village: str(values, 'village') || null,
                    phone: str(values, 'phone') || null,
                    email: str(values, 'email') || null,
                  },
                },
              ],
              actor,
            });
            out(
              `${str(values, 'name')} is a member from ${str(values, 'date')} by the council's decision № ${str(values, 'number')} (5.4.5)`,
            );
            printComposition(out, done.composition, lang);
            return 0;
          }
          case 'elect-chair': {
            await electChair(deps, {
              groupId,
              meetingId: str(values, 'meeting'),
              membershipId: id,
              votesFor: votesFor ?? -1,
              actor,
            });
            out(`${id} elected chair (5.4.6)`);
            return 0;
          }
        }
      } catch (error) {
        throw procedureCliError(`member ${sub}`, error, lang, notRunning);
      }
    }),
  );
}
