// `jmeg act draft|update|attach|show|issue`: acts of monitoring and evaluation (8.1). Drafts may be incomplete;
// issuing checks 8.1, names every missing item, then starts the act's procedure (workflows/act: delivery, receipt, 4.3 deadlines).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config';
import { ActError, checkActForIssue, findAct, parseActDraft, type Act } from '../../db/acts';
import { findObjectById } from '../../db/objects';
import { actPath } from '../../db/pending';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang, type Lang, type Localized } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { closeAct } from '../../procedures/acts/close-act';
import { annexFile, draftAct, updateActDraft } from '../../procedures/acts/draft-act';
import { issueAct } from '../../procedures/acts/issue-act';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { recordResponse } from '../../procedures/acts/record-response';
import type { ProcedureDeps } from '../../procedures/deps';
import { actWorkflowId } from '../../workflows/act/contract';
import { CliError } from '../cli-error';
import { procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withEngine, withRequiredEngine } from '../with-engine';

const USAGE = [
  'usage: jmeg act draft --group ID --object ID --file ACT.json [--title TEXT]',
  '       jmeg act update ACT_ID --file ACT.json [--title TEXT]',
  '       jmeg act attach ACT_ID FILE',
  '       jmeg act show ACT_ID [--json]',
  '       jmeg act issue ACT_ID [--on YYYY-MM-DD] [--json]',
  '       jmeg act receive ACT_ID --on YYYY-MM-DD [--via staff|link] [--party object|executive_body]',
  '       jmeg act respond ACT_ID --obligation object-response|executive-report --on YYYY-MM-DD (--text TEXT | --file TEXT.txt) [--submission KEY]',
  '       jmeg act close ACT_ID --on YYYY-MM-DD --reason TEXT',
  '       (receive, respond and close are updates of the running act workflow: they need a Temporal server)',
  '       (each takes --lang ky|ru|en; ACT.json is an ActDraft: purpose, subject, object, place, periodStart, periodEnd, findings, recommendations, annexes)',
].join('\n');

type Texts = Record<
  | 'stillMissing'
  | 'complete'
  | 'warning'
  | 'issued'
  | 'already'
  | 'notIssued'
  | 'status'
  | 'object'
  | 'annexes'
  | 'none'
  | 'owes'
  | 'delivery',
  string
> & {
  notDelivered: (actId: string) => string;
};

const T: Record<Lang, Texts> = {
  ky: {
    stillMissing: 'Чыгаруу үчүн дагы керек (8.1):',
    complete: 'Акт толук: чыгарууга болот.',
    warning: 'Эскертүү',
    issued: 'Акт чыгарылды',
    already: 'Акт мурда эле чыгарылган',
    notIssued: 'Акт чыгарылган жок.',
    status: 'Абалы',
    object: 'Объект',
    annexes: 'Тиркеме файлдар',
    none: 'жок',
    owes: 'Мөөнөттөр (4.3) акт алынгандан кийин ачылат',
    delivery: 'Актыны жеткирүү башталды (4.3)',
    notDelivered: (id: string) =>
      `Акт объектиге жөнөтүлгөн жок: Temporal иштеп турганда "jmeg act issue ${id}" кайра иштетиңиз.`,
  },
  ru: {
    stillMissing: 'Для выдачи ещё нужно (8.1):',
    complete: 'Акт заполнен полностью: его можно выдать.',
    warning: 'Предупреждение',
    issued: 'Акт выдан',
    already: 'Акт уже был выдан',
    notIssued: 'Акт не выдан.',
    status: 'Статус',
    object: 'Объект',
    annexes: 'Файлы приложений',
    none: 'нет',
    owes: 'Сроки (4.3) откроются после получения акта',
    delivery: 'Доставка акта начата (4.3)',
    notDelivered: (id: string) =>
      `Акт не отправлен объекту: запустите "jmeg act issue ${id}" снова, когда Temporal работает.`,
  },
  en: {
    stillMissing: 'Still needed before issuing (8.1):',
    complete: 'The act is complete: it can be issued.',
    warning: 'Warning',
    issued: 'Act issued',
    already: 'The act was already issued',
    notIssued: 'The act was not issued.',
    status: 'Status',
    object: 'Object',
    annexes: 'Annex files',
    none: 'none',
    owes: 'Deadlines (4.3) open on receipt of the act',
    delivery: 'Delivery of the act started (4.3)',
    notDelivered: (id: string) =>
      `The act was not sent to the object yet: run "jmeg act issue ${id}" again once Temporal runs.`,
  },
};

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'draft':
      return draft(rest);
    case 'update':
      return update(rest);
    case 'attach':
      return attach(rest);
    case 'show':
      return show(rest);
    case 'issue':
      return issue(rest);
    case 'receive':
    case 'respond':
    case 'close':
      return procedureStep(sub, rest);
    default:
      throw new CliError(sub === undefined ? USAGE : `act: unknown subcommand "${sub}"\n${USAGE}`);
  }
}

function parse(sub: string, args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        group: { type: 'string' },
        object: { type: 'string' },
        file: { type: 'string' },
        title: { type: 'string' },
        on: { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new CliError(`act ${sub}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const lang = parsed.values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`act ${sub}: --lang "${lang}" must be ky, ru or en`);
  return { ...parsed.values, positionals: parsed.positionals, lang };
}

function oneId(sub: string, positionals: string[], what = 'ACT_ID'): string {
  if (positionals.length !== 1) throw new CliError(`act ${sub}: expected ${what}\n${USAGE}`);
  return positionals[0]!;
}

function readDraftFile(sub: string, file: string | undefined, lang: Lang) {
  if (!file) throw new CliError(`act ${sub}: --file ACT.json is required`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`act ${sub}: ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  try {
    return parseActDraft(json);
  } catch (error) {
    throw refusal(sub, error, lang, file);
  }
}

function refusal(sub: string, error: unknown, lang: Lang, where?: string): unknown {
  if (error instanceof ActError)
    return new CliError(`act ${sub}: ${where ? `${where}: ` : ''}${error.messages[lang]} [${error.code}]`);
  return error;
}

function completeness(act: Act, lang: Lang): string {
  const { missing, warnings } = checkActForIssue(act);
  const lines =
    missing.length === 0
      ? [T[lang].complete]
      : [T[lang].stillMissing, ...missing.map((m) => `  - ${m.field}: ${m.message[lang]}`)];
  for (const w of warnings) lines.push(`${T[lang].warning}: ${w.message[lang]}`);
  return lines.join('\n') + '\n';
}

async function draft(args: string[]): Promise<number> {
  const v = parse('draft', args);
  if (v.positionals.length > 0) throw new CliError(`act draft: unexpected ${v.positionals.join(' ')}\n${USAGE}`);
  if (!v.group || !v.object)
    throw new CliError('act draft: --group ID and --object ID are required (see "jmeg object list --council ID")');
  const content = readDraftFile('draft', v.file, v.lang);
  const input = {
    groupId: v.group,
    objectId: v.object,
    draft: content,
    ...(v.title !== undefined ? { title: v.title } : {}),
  };
  return withDatabase(async (db) => {
    try {
      const act = await draftAct({ db }, { ...input, actor: 'cli' });
      process.stdout.write(`${act.id}\n${completeness(act, v.lang)}`);
      return 0;
    } catch (error) {
      throw refusal('draft', error, v.lang);
    }
  });
}

async function update(args: string[]): Promise<number> {
  const v = parse('update', args);
  const actId = oneId('update', v.positionals);
  const content = readDraftFile('update', v.file, v.lang);
  return withDatabase(async (db) => {
    try {
      const act = await updateActDraft({ db }, { actId, draft: content, title: v.title, actor: 'cli' });
      process.stdout.write(completeness(act, v.lang));
      return 0;
    } catch (error) {
      throw refusal('update', error, v.lang);
    }
  });
}

async function attach(args: string[]): Promise<number> {
  const v = parse('attach', args);
  if (v.positionals.length !== 2) throw new CliError(`act attach: expected ACT_ID FILE\n${USAGE}`);
  const [actId, file] = v.positionals as [string, string];
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CliError(`act attach: ${file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const { dataDir } = loadConfig();
  return withDatabase(async (db) => {
    try {
      const annex = await annexFile({ db, dataDir }, { actId, fileName: file, bytes, actor: 'cli' });
      process.stdout.write(
        `${annex.id}\t${annex.fileName}\t${annex.mediaType}\t${annex.sizeBytes}\tsha256:${annex.sha256}\n`,
      );
      return 0;
    } catch (error) {
      throw refusal('attach', error, v.lang);
    }
  });
}

const label = (l: Localized, lang: Lang) => l[lang];

async function show(args: string[]): Promise<number> {
  const v = parse('show', args);
  const actId = oneId('show', v.positionals);
  return withDatabase(async (db) => {
    const act = await findAct(db, actId);
    if (!act) throw new CliError(`act show: no act with id ${actId}`);
    const check = checkActForIssue(act);
    if (v.json) {
      process.stdout.write(
        JSON.stringify({ ...act, path: actPath(act.id), missing: check.missing, warnings: check.warnings }, null, 2) +
          '\n',
      );
      return 0;
    }
    const object = await findObjectById(db, act.objectId);
    const t = T[v.lang];
    const d = act.draft;
    const lines = [
      `${act.number ?? act.id}  ${act.title}`,
      `${t.status}: ${act.status}${act.issuedOn ? ` ${dmy(act.issuedOn)}` : ''}${act.receivedOn ? `, received ${dmy(act.receivedOn)} (${act.receivedVia})` : ''}`,
      `${t.object}: ${object ? `${object.name[v.lang === 'ru' ? 'ru' : 'ky']} — ${label(MONITORED_OBJECT_KINDS[object.kind], v.lang)}` : act.objectId}`,
      `purpose: ${d.purpose ?? '—'}`,
      `subject: ${d.subject ?? '—'}`,
      `place: ${d.place ?? '—'}`,
      `period: ${d.periodStart ?? '—'} … ${d.periodEnd ?? '—'}`,
      `findings: ${d.findings?.length ?? 0}; recommendations: ${d.recommendations?.length ?? 0}; annexes listed: ${d.annexes?.length ?? 0}`,
      `${t.annexes}: ${act.annexes.length === 0 ? t.none : ''}`,
      ...act.annexes.map(
        (a) => `  - ${a.fileName} (${a.mediaType}, ${a.sizeBytes} B, sha256:${a.sha256.slice(0, 12)}…)`,
      ),
      `path: ${actPath(act.id)}`,
    ];
    process.stdout.write(lines.join('\n') + '\n' + (act.status === 'draft' ? completeness(act, v.lang) : ''));
    return 0;
  });
}

/**
 * Exit 0: issued (or already issued) and its procedure started; 1: refused (the missing 8.1 items, or an act whose
 * procedure ran: the same Problem as the API's), or issued but not delivered (no Temporal now: run it again); 2: usage.
 */
async function issue(args: string[]): Promise<number> {
  const v = parse('issue', args);
  const actId = oneId('issue', v.positionals);
  const on = v.on ?? bishkekDateOf(Date.now());
  if (!isIsoDate(on)) throw new CliError(`act issue: --on "${on}" is not a real date in the form YYYY-MM-DD`);
  const config = loadConfig();
  return withDatabase((db) =>
    withEngine(config, async (engine, unavailable) => {
      let result;
      try {
        result = await issueAct({ db, engine, now: Date.now }, { actId, actor: 'cli', on, whenEngineAway: 'issue' });
      } catch (error) {
        if (error instanceof ActError && error.code === 'act-incomplete') {
          const lines = [
            error.messages[v.lang],
            ...error.problems.map((p) => `  - ${p.field}: ${p.message[v.lang]}`),
            T[v.lang].notIssued,
          ];
          process.stderr.write(lines.join('\n') + '\n');
          return 1;
        }
        throw procedureCliError('act issue', refusal('issue', error, v.lang), v.lang, '');
      }
      const { issued } = result;
      if (v.json) {
        process.stdout.write(JSON.stringify(issued, null, 2) + '\n');
      } else {
        const t = T[v.lang];
        process.stdout.write(
          `${issued.alreadyIssued ? t.already : t.issued}: ${issued.number}, ${dmy(issued.issuedOn)}\n`,
        );
        process.stdout.write(
          `${t.owes}: ${issued.obligationKeys.map((k, i) => `${k} (${issued.parties[i]})`).join(', ')}\n`,
        );
        for (const w of issued.warnings) process.stdout.write(`${t.warning}: ${w.message[v.lang]}\n`);
      }
      if (result.delivery === 'not-started') {
        process.stderr.write(`${T[v.lang].notDelivered(actId)} ${unavailable ?? result.notStartedBecause ?? ''}\n`);
        return 1;
      }
      process.stderr.write(`${T[v.lang].delivery}: ${actWorkflowId(issued.actId)}\n`);
      return 0;
    }),
  );
}

// ---- the act workflow (4.3): receipt, responses, closing by the chair ----

function procedureArgs(sub: string, args: string[]): { actId: string; values: Record<string, string | undefined> } {
  let parsed;
  try {
    const options = Object.fromEntries(
      ['on', 'via', 'party', 'obligation', 'text', 'file', 'submission', 'reason', 'lang'].map((n) => [
        n,
        { type: 'string' as const },
      ]),
    );
    parsed = parseArgs({ args, strict: true, allowPositionals: true, options });
  } catch (error) {
    throw new CliError(`act ${sub}: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  return { actId: oneId(sub, parsed.positionals), values: parsed.values };
}

function requiredOption(sub: string, values: Record<string, string | undefined>, name: string): string {
  const v = values[name]?.trim();
  if (!v) throw new CliError(`act ${sub}: --${name} is required\n${USAGE}`);
  if (name === 'on' && !isIsoDate(v)) throw new CliError(`act ${sub}: --on "${v}" is not a date YYYY-MM-DD`);
  return v;
}

/** The use case for one step, its input checked before connecting (usage errors exit 2). */
function stepOf(
  sub: string,
  actId: string,
  values: Record<string, string | undefined>,
): (deps: ProcedureDeps & { dataDir: string }) => Promise<unknown> {
  const on = requiredOption(sub, values, 'on');
  if (sub === 'receive') {
    const via = values.via ?? 'staff';
    if (via !== 'staff' && via !== 'link') throw new CliError(`act receive: --via "${via}" must be staff or link`);
    // 4.3 (4): the executive body's own receipt of an act about another object starts its 30 days.
    const party = values.party ?? 'object';
    if (party !== 'object' && party !== 'executive_body')
      throw new CliError(`act receive: --party "${party}" must be object or executive_body (4.3 (4))`);
    return (deps) =>
      recordReceipt(deps, {
        actId,
        receivedOn: on,
        via,
        party: party === 'executive_body' ? 'executive-body' : 'object',
      });
  }
  if (sub === 'close') {
    const reason = requiredOption(sub, values, 'reason');
    return (deps) => closeAct(deps, { actId, reason, on });
  }
  const obligation = requiredOption(sub, values, 'obligation');
  if (obligation !== 'object-response' && obligation !== 'executive-report')
    throw new CliError(`act respond: --obligation "${obligation}" must be object-response or executive-report (4.3)`);
  if ((values.text === undefined) === (values.file === undefined))
    throw new CliError(`act respond: give the response as --text TEXT or --file TEXT.txt (one of them)`);
  let text = values.text ?? '';
  if (values.file !== undefined) {
    try {
      text = readFileSync(values.file, 'utf8');
    } catch (error) {
      throw new CliError(
        `act respond: ${values.file}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
  if (text.trim() === '') throw new CliError('act respond: the response text is empty');
  // The same text for the same obligation is the same submission (a repeated command records nothing new).
  const submissionKey =
    values.submission ??
    `cli:${createHash('sha256').update(`${obligation}\n${text.trim()}`).digest('hex').slice(0, 32)}`;
  return async (deps) =>
    (
      await recordResponse(deps, {
        actId,
        obligationKey: obligation,
        respondedOn: on,
        text,
        submissionKey,
        file: null,
        uploadedBy: 'cli',
      })
    ).response;
}

/** One step of act-<id>'s procedure; no server is one line (exit 1), a refusal one line with the API's words (exit 1). */
async function procedureStep(sub: string, args: string[]): Promise<number> {
  const { actId, values } = procedureArgs(sub, args);
  const lang = values.lang ?? 'ky';
  if (!isLang(lang)) throw new CliError(`act ${sub}: --lang "${lang}" must be ky, ru or en`);
  const send = stepOf(sub, actId, values);
  const config = loadConfig();
  return withRequiredEngine(config, async (engine) =>
    withDatabase(async (db) => {
      try {
        const result = await send({ db, engine, now: Date.now, dataDir: config.dataDir });
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      } catch (error) {
        throw procedureCliError(
          `act ${sub}`,
          error,
          lang,
          `no act procedure running for ${actId} (it starts when the act is issued)`,
        );
      }
    }),
  );
}
