// The `jmeg` commands: name, one line for `jmeg --help`, and the module that defines and runs each (loaded only when
// the command runs, so `jmeg --help` loads none of them).
import type { Command } from './command';

/** What a command's module exports: its definition (cli/command.ts) and the function that runs it. */
export type CommandModule = { command: Command; run: (argv: string[]) => Promise<number> };

export const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  deadline: {
    summary:
      'deadline <obligation-key> --from YYYY-MM-DD [--object-kind KIND]   due date of a statutory obligation, on the calendar of the kind',
    load: () => import('./commands/deadline'),
  },
  calendar: {
    summary:
      'calendar show YYYY | set DATE --type .. | remove DATE | import FILE   working days of a year; staff edits (events)',
    load: () => import('./commands/calendar'),
  },
  roster: {
    summary: 'roster check FILE.csv | roster import FILE.csv --group ID   composition check (5.2, 5.4.6)',
    load: () => import('./commands/roster'),
  },
  db: {
    summary:
      'db migrate                                   bring the database schema up to date (DATABASE_URL, else PGlite in ./data)',
    load: () => import('./commands/db'),
  },
  backup: {
    summary:
      'backup FILE [--force]                        the embedded database (PGlite) to FILE; refused while the server runs on it',
    load: () => import('./commands/backup'),
  },
  restore: {
    summary:
      'restore FILE [--force]                       the embedded database from a backup; --force replaces an existing one',
    load: () => import('./commands/restore'),
  },
  projections: {
    summary:
      'projections rebuild                          replay the event log into freshly truncated projection tables',
    load: () => import('./commands/projections'),
  },
  council: {
    summary:
      'council create --name-ky .. --name-ru .. | council list | council retention ID --months N   the councils served; retention of personal data',
    load: () => import('./commands/council'),
  },
  person: {
    summary:
      "person erase PERSON_ID --reason TEXT | person erase-expired [--on DATE] [--dry-run]   erase a person's phone, e-mail and birth date; those past retention",
    load: () => import('./commands/person'),
  },
  group: {
    summary: 'group create --council ID | group members ID   open a group; its public composition',
    load: () => import('./commands/group'),
  },
  object: {
    summary:
      'object register --council ID --kind KIND --name-ky .. --name-ru .. --email A | object list --council ID   monitored objects (4.2)',
    load: () => import('./commands/object'),
  },
  act: {
    summary:
      'act draft|update|attach|show|issue|receive|respond|close ...   acts of monitoring and evaluation (8.1) and their procedure (4.3)',
    load: () => import('./commands/act'),
  },
  request: {
    summary: 'request send|list|show|receive|extend|answer|refuse ...   information requests (7.3.2(1), Law No. 217)',
    load: () => import('./commands/request'),
  },
  plan: {
    summary:
      "plan show PLAN_ID | plan approve PLAN_ID --session .. --decision .. --text ..   the group's work plan (7.3.1)",
    load: () => import('./commands/plan'),
  },
  report: {
    summary:
      "report show REPORT_ID | report decide REPORT_ID --session .. --agenda .. --decide N=DECISION[:TEXT]   the council's decisions on a report (8.1)",
    load: () => import('./commands/report'),
  },
  meeting: {
    summary:
      'meeting schedule|move|cancel|attendance|minutes|decision|list --group ID ...   meetings of the term, quorum (7.2)',
    load: () => import('./commands/meeting'),
  },
  member: {
    summary:
      'member leave|nominate|appoint|elect-chair --group ID ...   departures and replacements (5.4.8), a new chair (5.4.6)',
    load: () => import('./commands/member'),
  },
  pending: {
    summary: "pending --group ID [--overdue|--week|--object ID]   the chair's open obligations, overdue first",
    load: () => import('./commands/pending'),
  },
  formation: {
    summary:
      "formation start|status|<step> --group ID ...    the 11 steps of the formation (5.4, 5.3) under the API's names; needs Temporal",
    load: () => import('./commands/formation'),
  },
  start: {
    summary:
      'start                                        the API and the worker on embedded defaults (PGlite, .eml mail, local Temporal)',
    load: () => import('./commands/start'),
  },
  worker: {
    summary:
      'worker                                       only the Temporal worker (TEMPORAL_ADDRESS, DATABASE_URL, SMTP_URL)',
    load: () => import('./commands/worker'),
  },
};
