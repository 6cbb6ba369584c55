// `jmeg request send|list|show|receive|extend|answer|refuse`: information requests (7.3.2(1), Law No. 217 of
// 29.12.2023). Sending starts the request's procedure (workflows/request); receive, extend, answer and refuse are its
// updates, checked by domain/request.ts. Every step goes through the use cases of procedures/requests.
import { parseArgs } from 'node:util';
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
import { procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withRequiredEngine } from '../with-engine';

const USAGE = [
  'usage: jmeg request send --group ID --object ID --subject TEXT --purpose TEXT [--reference TEXT] [--act ID]',
  '       jmeg request list --group ID [--json]',
  '       jmeg request show REQUEST_ID [--json]',
  '       jmeg request receive REQUEST_ID --on YYYY-MM-DD [--via staff|link]',
  '       jmeg request extend REQUEST_ID --on YYYY-MM-DD --due YYYY-MM-DD --reason TEXT',
  '       jmeg request answer REQUEST_ID --on YYYY-MM-DD --text TEXT',
  `       jmeg request refuse REQUEST_ID --on YYYY-MM-DD --ground ${REFUSAL_GROUNDS.join('|')} --text TEXT`,
  '       (send, receive, extend, answer and refuse need a Temporal server; each takes --lang ky|ru|en)',
].join('\n');

type Values = Partial<Record<string, string | boolean>>;

function parse(sub: string, args: string[]): { values: Values; positionals: string[]; lang: Lang } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        group: { type: 'string' },
        object: { type: 'string' },
        subject: { type: 'string' },
        purpose: { type: 'string' },
        reference: { type: 'string' },
        act: { type: 'string' },
        on: { type: 'string' },
        via: { type: 'string' },
        due: { type: 'string' },
        reason: { type: 'string' },
        text: { type: 'string' },
        ground: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliError(`request ${sub}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const lang = parsed.values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`request ${sub}: --lang "${lang}" must be ky, ru or en`);
  return { values: parsed.values, positionals: parsed.positionals, lang };
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

function oneId(sub: string, positionals: string[]): string {
  const [id, ...extra] = positionals;
  if (id === undefined) throw new CliError(`request ${sub}: REQUEST_ID is required\n${USAGE}`);
  if (extra.length > 0) throw new CliError(`request ${sub}: unexpected argument "${extra[0]}"`);
  return id;
}

function line(r: InformationRequest, today: string): string {
  const outcome = requestOutcome({ outcome: r.outcome, outcomeOn: r.outcomeOn, due: r.due }, today);
  return `${r.id}  sent ${r.sentOn}  due ${r.due ?? '-'}  ${outcome}  ${r.subject}`;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (!['send', 'list', 'show', 'receive', 'extend', 'answer', 'refuse'].includes(sub))
    throw new CliError(`request: unknown subcommand "${sub}"\n${USAGE}`);
  const { values, positionals, lang } = parse(sub, rest);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
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
      const id = oneId(sub, positionals);
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
              subject: (values.subject as string | undefined) ?? '',
              purpose: (values.purpose as string | undefined) ?? '',
              reference: (values.reference as string | undefined) ?? null,
              actId: (values.act as string | undefined) ?? null,
              actor: 'cli:staff',
            });
            out(`request ${request.id} sent on ${request.sentOn}; the object's link is mailed`);
            return 0;
          }
          case 'receive': {
            const via = (values.via as string | undefined) ?? 'staff';
            if (via !== 'staff' && via !== 'link') throw new CliError('request receive: --via must be staff or link');
            const receipt = await recordRequestReceipt(deps, {
              requestId: oneId(sub, positionals),
              receivedOn: date(sub, values, 'on'),
              via,
            });
            out(`received on ${receipt.receivedOn} (${receipt.via})`);
            return 0;
          }
          case 'extend': {
            const ext = await extendRequest(deps, {
              requestId: oneId(sub, positionals),
              on: date(sub, values, 'on'),
              newDue: date(sub, values, 'due'),
              reason: (values.reason as string | undefined) ?? '',
            });
            out(`extended on ${ext.on} to ${ext.newDue}`);
            return 0;
          }
          case 'answer':
          case 'refuse': {
            const requestId = oneId(sub, positionals);
            const on = date(sub, values, 'on');
            const text = (values.text as string | undefined) ?? '';
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
