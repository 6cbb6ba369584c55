// `jmeg request send|list|show|receive|extend|answer|refuse`: information requests (7.3.2(1), Law No. 217 of
// 29.12.2023). Sending starts the request's procedure (workflows/request); receive, extend, answer and refuse are its
// updates, checked by domain/request.ts. Every step goes through the use cases of procedures/requests.
import { loadConfig } from '../../config/config';
import { findRequest, listGroupRequests, type InformationRequest } from '../../db/requests';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang, type Lang } from '../../domain/i18n';
import { CALENDAR_KIND_NAMES } from '../../domain/object-calendar';
import { isRefusalGround, REFUSAL_GROUNDS, requestOutcome } from '../../domain/request';
import {
  answerRequest,
  extendRequest,
  recordRequestReceipt,
  refuseRequest,
} from '../../procedures/requests/request-steps';
import { writeRequest } from '../../procedures/requests/write-request';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';
import { requestResendLink } from './resend-link';

type Values = Partial<Record<string, string | boolean>>;

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;
const ID = [{ name: 'REQUEST_ID', description: 'the request (see "jmeg request list")' }] as const;
const ON = { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the day it happened', required: true } as const;
const TEMPORAL = 'Needs a Temporal server (TEMPORAL_ADDRESS).';

const SEND = {
  group: { type: 'string', placeholder: 'ID', description: 'the group sending the request', required: true },
  object: { type: 'string', placeholder: 'ID', description: 'the monitored object asked', required: true },
  subject: { type: 'string', placeholder: 'TEXT', description: 'what is asked for', required: true },
  purpose: { type: 'string', placeholder: 'TEXT', description: 'what the information is for', required: true },
  reference: { type: 'string', placeholder: 'TEXT', description: "the requester's reference" },
  act: { type: 'string', placeholder: 'ID', description: 'the act the request belongs to' },
  ...LANG,
} as const satisfies Options;

const LIST = {
  group: { type: 'string', placeholder: 'ID', description: 'the group', required: true },
  json: { type: 'boolean', description: 'print JSON' },
  ...LANG,
} as const satisfies Options;

const SHOW = { json: { type: 'boolean', description: 'print JSON' }, ...LANG } as const satisfies Options;

const RECEIVE = {
  on: ON,
  via: { type: 'string', placeholder: 'staff|link', description: 'who records the receipt (default staff)' },
  ...LANG,
} as const satisfies Options;

const EXTEND = {
  on: ON,
  due: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the new due date', required: true },
  reason: { type: 'string', placeholder: 'TEXT', description: 'why the object needs longer', required: true },
  ...LANG,
} as const satisfies Options;

const ANSWER = {
  on: ON,
  text: { type: 'string', placeholder: 'TEXT', description: 'the answer', required: true },
  ...LANG,
} as const satisfies Options;

const REFUSE = {
  on: ON,
  ground: {
    type: 'string',
    placeholder: REFUSAL_GROUNDS.join('|'),
    description: 'the ground of the refusal (Law No. 217)',
    required: true,
  },
  text: { type: 'string', placeholder: 'TEXT', description: 'the refusal as written', required: true },
  ...LANG,
} as const satisfies Options;

type Sub = 'send' | 'list' | 'show' | 'receive' | 'extend' | 'answer' | 'refuse';

function step(sub: Sub, options: Options, summary: string, withId: boolean, notes: readonly string[] = [TEMPORAL]) {
  return leaf({
    name: sub,
    summary,
    positionals: withId ? ID : [],
    options,
    notes,
    run: (parsed) => request(sub, parsed),
  });
}

export const command: Group = {
  name: 'request',
  summary: 'Information requests (7.3.2(1), Law No. 217 of 29.12.2023) and their procedure.',
  subcommands: [
    step('send', SEND, "Writes a request and starts its procedure; the object's link is mailed.", false),
    step('list', LIST, "Lists a group's requests with their due dates and outcomes.", false, []),
    step('show', SHOW, 'Shows one request: its dates, calendar, extension and outcome.', true, []),
    step('receive', RECEIVE, "Records the object's receipt; the answer's deadline opens.", true),
    step('extend', EXTEND, 'Records an extension of the due date (by up to 10 working days).', true),
    step('answer', ANSWER, "Records the object's answer.", true),
    step('refuse', REFUSE, "Records the object's refusal, with its ground.", true),
    requestResendLink,
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function langOf(sub: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`request ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

function need(sub: string, values: Values, name: string, what: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CliError(`request ${sub}: --${name} ${what} is required`);
  return v;
}

function date(sub: string, values: Values, name: string): string {
  const v = need(sub, values, name, 'YYYY-MM-DD');
  if (!isIsoDate(v)) throw new CliError(`request ${sub}: --${name} "${v}" is not a date (YYYY-MM-DD)`);
  return v;
}

function oneId(positionals: string[]): string {
  return positionals[0]!;
}

function line(r: InformationRequest, today: string): string {
  const outcome = requestOutcome({ outcome: r.outcome, outcomeOn: r.outcomeOn, due: r.due }, today);
  return `${r.id}  sent ${r.sentOn}  due ${r.due ?? '-'}  ${outcome}  ${r.subject}`;
}

async function request(sub: Sub, { values, positionals }: Parsed<Options>): Promise<number> {
  const lang = langOf(sub, values.lang);
  const today = bishkekDateOf(Date.now());
  const out = (text: string) => process.stdout.write(`${text}\n`);

  if (sub === 'list' || sub === 'show') {
    return withDatabase(async (db) => {
      if (sub === 'list') {
        const requests = await listGroupRequests(db, need(sub, values, 'group', 'ID'));
        if (values.json) out(JSON.stringify(requests, null, 2));
        else for (const r of requests) out(line(r, today));
        return 0;
      }
      const id = oneId(positionals);
      const r = await findRequest(db, id);
      if (!r) throw new CliError(`request show: there is no request ${id}`, 1);
      if (values.json) out(JSON.stringify(r, null, 2));
      else {
        out(line(r, today));
        out(`purpose: ${r.purpose}`);
        if (r.reference) out(`reference: ${r.reference}`);
        out(`calendar: ${CALENDAR_KIND_NAMES[r.calendarKind][lang]}`);
        if (r.receivedOn) out(`received: ${r.receivedOn} (${r.receivedVia ?? ''}), first due ${r.firstDue ?? ''}`);
        if (r.extension) out(`extended on ${r.extension.on} to ${r.due ?? ''}: ${r.extension.reason}`);
        if (r.refusal) out(`refused on ${r.outcomeOn ?? ''} (${r.refusal.ground}): ${r.refusal.text}`);
        if (r.answerText) out(`answered on ${r.outcomeOn ?? ''}: ${r.answerText}`);
        if (r.escalated) out('escalated to the council');
      }
      return 0;
    });
  }

  // Usage errors before any connection: a refusal cites its ground (Law No. 217).
  if (sub === 'refuse' && !isRefusalGround(values.ground))
    throw new CliError(
      `request refuse: --ground must be one of ${REFUSAL_GROUNDS.join(', ')} (Law No. 217: a refusal cites its ground)`,
    );
  const config = loadConfig();
  return withDatabase((db) =>
    withRequiredEngine(config, async (engine) => {
      const deps = { db, engine, now: Date.now };
      const notRunning =
        'the request has no running procedure (unknown, or already answered or refused): see jmeg request show';
      try {
        switch (sub) {
          case 'send': {
            const { request } = await writeRequest(deps, {
              groupId: need(sub, values, 'group', 'ID'),
              objectId: need(sub, values, 'object', 'ID'),
              subject: values.subject ?? '',
              purpose: values.purpose ?? '',
              reference: values.reference ?? null,
              actId: values.act ?? null,
              actor: 'cli:staff',
            });
            out(`request ${request.id} sent on ${request.sentOn}; the object's link is mailed`);
            return 0;
          }
          case 'receive': {
            const via = values.via ?? 'staff';
            if (via !== 'staff' && via !== 'link') throw new CliError('request receive: --via must be staff or link');
            const receipt = await recordRequestReceipt(deps, {
              requestId: oneId(positionals),
              receivedOn: date(sub, values, 'on'),
              via,
            });
            out(`received on ${receipt.receivedOn} (${receipt.via})`);
            return 0;
          }
          case 'extend': {
            const ext = await extendRequest(deps, {
              requestId: oneId(positionals),
              on: date(sub, values, 'on'),
              newDue: date(sub, values, 'due'),
              reason: values.reason ?? '',
            });
            out(`extended on ${ext.on} to ${ext.newDue}`);
            return 0;
          }
          case 'answer':
          case 'refuse': {
            const requestId = oneId(positionals);
            const on = date(sub, values, 'on');
            const text = values.text ?? '';
            let result;
            if (sub === 'answer') result = await answerRequest(deps, { requestId, on, text });
            else {
              const ground = values.ground;
              if (!isRefusalGround(ground))
                throw new CliError(
                  `request refuse: --ground must be one of ${REFUSAL_GROUNDS.join(', ')} (Law No. 217: a refusal cites its ground)`,
                );
              result = await refuseRequest(deps, { requestId, on, ground, text });
            }
            out(`${result.kind} on ${result.on}${result.late ? ` (late: due ${result.due})` : ''}`);
            return 0;
          }
        }
        return 2;
      } catch (error) {
        throw procedureCliError(`request ${sub}`, error, lang, notRunning);
      }
    }),
  );
}
