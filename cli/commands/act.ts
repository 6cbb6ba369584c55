// `jmeg act draft|update|attach|show|issue`: acts of monitoring and evaluation (8.1). Drafts may be incomplete;
// issuing checks 8.1, names every missing item, then starts the act's procedure (workflows/act: delivery, receipt, 4.3 deadlines).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config/config';
import { ActError, checkActForIssue, findAct, parseActDraft, type Act } from '../../db/acts';
import { findObjectById } from '../../db/objects';
import { actPath } from '../../db/pending';
import { MONITORED_OBJECT_KINDS } from '../../domain/act';
import { bishkekDateOf, isIsoDate } from '../../domain/dates';
import { isLang, type Lang, type Localized } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { closeAct } from '../../procedures/acts/close-act';
import { annexFile, draftAct, removeAnnexFile, updateActDraft } from '../../procedures/acts/draft-act';
import { ConflictError } from '../../procedures/refusals';
import { issueAct } from '../../procedures/acts/issue-act';
import { recordReceipt } from '../../procedures/acts/record-receipt';
import { recordResponse } from '../../procedures/acts/record-response';
import type { ProcedureDeps } from '../../procedures/deps';
import { actWorkflowId } from '../../workflows/act/contract';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group, type Options, type Parsed } from '../command';
import { problemText, procedureCliError } from '../refusal';
import { withDatabase } from '../with-database';
import { withEngine, withRequiredEngine } from '../with-engine';
import { actResendLink } from './resend-link';

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

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;
const ID = [{ name: 'ACT_ID', description: 'the act (printed by "jmeg act draft")' }] as const;
const ON = { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the day it happened', required: true } as const;
const FILE_JSON = {
  type: 'string',
  placeholder: 'ACT.json',
  description:
    'the act as an ActDraft (purpose, subject, object, place, periodStart, periodEnd, findings, recommendations, annexes)',
  required: true,
} as const;
const TITLE = { type: 'string', placeholder: 'TEXT', description: 'the title of the act' } as const;
const JSON_OUT = { type: 'boolean', description: 'print JSON' } as const;
const TEMPORAL = 'An update of the running act workflow: needs a Temporal server (TEMPORAL_ADDRESS).';

type Values = Parsed<Options>['values'];
/** The values of a subcommand's options, every one a string (--json is read on its own). */
const strings = (values: Values): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));

interface ActValues {
  group?: string;
  object?: string;
  file?: string;
  title?: string;
  on?: string;
  json: boolean;
  lang: Lang;
}

function valuesOf(sub: string, values: Values): ActValues {
  return { ...strings(values), json: Boolean(values.json), lang: langOf(sub, values.lang) };
}

export const command: Group = {
  name: 'act',
  summary: 'Acts of monitoring and evaluation (8.1) and their procedure (4.3).',
  subcommands: [
    leaf({
      name: 'draft',
      summary: 'Writes a draft act (it may be incomplete) and prints its id and what 8.1 still needs.',
      options: {
        group: { type: 'string', placeholder: 'ID', description: 'the group writing the act', required: true },
        object: {
          type: 'string',
          placeholder: 'ID',
          description: 'the monitored object (see "jmeg object list --council ID")',
          required: true,
        },
        file: FILE_JSON,
        title: TITLE,
        ...LANG,
      },
      run: draft,
    }),
    leaf({
      name: 'update',
      summary: "Replaces a draft's content and prints what 8.1 still needs.",
      positionals: ID,
      options: { file: FILE_JSON, title: TITLE, ...LANG },
      run: update,
    }),
    leaf({
      name: 'attach',
      summary: 'Attaches an annex file to a draft act.',
      positionals: [...ID, { name: 'FILE', description: 'the annex (pdf, jpg, png, docx, xlsx, odt)' }],
      options: { ...LANG },
      run: attach,
    }),
    leaf({
      name: 'annex-remove',
      summary: 'Removes an annex file from a draft act (refused once the act is issued).',
      positionals: [
        ...ID,
        { name: 'ANNEX_ID', description: 'the annex file (printed by "jmeg act attach" and "jmeg act show")' },
      ],
      options: { ...LANG },
      run: annexRemove,
    }),
    leaf({
      name: 'show',
      summary: 'Shows an act: its status, content, annexes and, for a draft, what 8.1 still needs.',
      positionals: ID,
      options: { json: JSON_OUT, ...LANG },
      run: show,
    }),
    leaf({
      name: 'issue',
      summary: 'Issues an act complete under 8.1 and starts its procedure (4.3): delivery, receipt, deadlines.',
      positionals: ID,
      options: {
        on: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the day of issue (default today)' },
        json: JSON_OUT,
        ...LANG,
      },
      notes: ['Exit 1 when refused, or issued but not delivered (no Temporal server now: run it again).'],
      run: issue,
    }),
    leaf({
      name: 'receive',
      summary: "Records a party's receipt of the act; its deadline (4.3) opens.",
      positionals: ID,
      options: {
        on: ON,
        via: { type: 'string', placeholder: 'staff|link', description: 'who records the receipt (default staff)' },
        party: {
          type: 'string',
          placeholder: 'object|executive_body',
          description: 'whose receipt (default object; 4.3 (4))',
        },
        ...LANG,
      },
      notes: [TEMPORAL],
      run: (parsed) => procedureStep('receive', parsed),
    }),
    leaf({
      name: 'respond',
      summary: "Records the object's response or the executive body's report (4.3).",
      positionals: ID,
      options: {
        obligation: {
          type: 'string',
          placeholder: 'object-response|executive-report',
          description: 'the obligation answered',
          required: true,
        },
        on: ON,
        text: { type: 'string', placeholder: 'TEXT', description: 'the response (or --file)' },
        file: { type: 'string', placeholder: 'TEXT.txt', description: 'the response from a file (or --text)' },
        submission: {
          type: 'string',
          placeholder: 'KEY',
          description: 'the submission key (default: from the obligation and the text)',
        },
        ...LANG,
      },
      notes: [TEMPORAL],
      run: (parsed) => procedureStep('respond', parsed),
    }),
    leaf({
      name: 'close',
      summary: "Closes the act's procedure by the chair.",
      positionals: ID,
      options: {
        on: ON,
        reason: { type: 'string', placeholder: 'TEXT', description: 'why it is closed', required: true },
        ...LANG,
      },
      notes: [TEMPORAL],
      run: (parsed) => procedureStep('close', parsed),
    }),
    actResendLink,
  ],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);

function langOf(sub: string, value: string | boolean | undefined): Lang {
  const lang = typeof value === 'string' ? value : 'ky';
  if (!isLang(lang)) throw new CliError(`act ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
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
  // 8.1, 5.4.5, 5.3.1: a group still forming or past its term issues nothing (the API's 409, the same words).
  if (error instanceof ConflictError)
    return new CliError(
      `act ${sub}: refused: ${problemText(error.problems, lang)} [${error.problems.map((p) => p.code).join(', ')}]`,
      1,
    );
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

async function draft({ values }: Parsed<Options>): Promise<number> {
  const v = valuesOf('draft', values);
  const content = readDraftFile('draft', v.file, v.lang);
  const input = {
    groupId: v.group!,
    objectId: v.object!,
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

async function update({ values, positionals }: Parsed<Options>): Promise<number> {
  const v = valuesOf('update', values);
  const actId = positionals[0]!;
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

async function attach({ values, positionals }: Parsed<Options>): Promise<number> {
  const v = { lang: langOf('attach', values.lang) };
  const [actId, file] = positionals as [string, string];
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

async function annexRemove({ values, positionals }: Parsed<Options>): Promise<number> {
  const lang = langOf('annex-remove', values.lang);
  const [actId, annexId] = positionals as [string, string];
  return withDatabase(async (db) => {
    try {
      const removed = await removeAnnexFile({ db }, { actId, annexId, actor: 'cli' });
      process.stdout.write(`${removed.id}\t${removed.fileName}\n`);
      return 0;
    } catch (error) {
      throw refusal('annex-remove', error, lang);
    }
  });
}

const label = (l: Localized, lang: Lang) => l[lang];

async function show({ values, positionals }: Parsed<Options>): Promise<number> {
  const v = { json: Boolean(values.json), lang: langOf('show', values.lang) };
  const actId = positionals[0]!;
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
        (a) => `  - ${a.fileName} (${a.mediaType}, ${a.sizeBytes} B, sha256:${a.sha256.slice(0, 12)}…) id ${a.id}`,
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
async function issue({ values, positionals }: Parsed<Options>): Promise<number> {
  const v = valuesOf('issue', values);
  const actId = positionals[0]!;
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

function requiredOption(sub: string, values: Record<string, string | undefined>, name: string): string {
  const v = values[name]?.trim();
  if (!v) throw new CliError(`act ${sub}: --${name} is required`);
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
async function procedureStep(sub: string, parsed: Parsed<Options>): Promise<number> {
  const actId = parsed.positionals[0]!;
  const values = strings(parsed.values);
  const lang = langOf(sub, values.lang);
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
