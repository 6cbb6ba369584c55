// `jmeg act resend-link ACT_ID [--party object|executive_body]` and `jmeg request resend-link REQUEST_ID`: a fresh
// response link mailed to the party (4.3; the executive body's own for an act about another object, 4.3(4); the
// object of an information request, 7.3.2(1)); the party's earlier link is revoked and answers 410. The mail goes
// through the outbox (one mail per link generation). Needs no Temporal server.
import { buildTransport } from '../../activities/mail/build-transport';
import { loadConfig } from '../../config/config';
import { isLang, type Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { resendActLink, resendRequestLink, type ResendLinkResult } from '../../procedures/links/resend-link';
import { ConflictError } from '../../procedures/refusals';
import { responseLinkSecret } from '../../security/server-secret';
import { CliError } from '../cli-error';
import { leaf, type Leaf } from '../command';
import { problemText } from '../refusal';
import { withDatabase } from '../with-database';

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the messages (default ky)' },
} as const;
const ACTOR = {
  by: { type: 'string', placeholder: 'NAME', description: 'who sends it, kept with the link (default cli)' },
} as const;

const SENT: Record<Lang, (r: ResendLinkResult) => string> = {
  ky: (r) =>
    r.mail === 'pending'
      ? `Жаңы шилтеме (${r.generation}) катталды, кат азыр жөнөтүлгөн жок; буйрукту кайра иштетиңиз.`
      : `Жаңы шилтеме (${r.generation}) жиберилди: ${r.to.join(', ')}; ${dmy(r.linkExpiresAt.slice(0, 10))} күнүнө чейин жарактуу. Мурунку шилтеме иштебейт.`,
  ru: (r) =>
    r.mail === 'pending'
      ? `Новая ссылка (${r.generation}) создана, письмо сейчас не отправлено; запустите команду ещё раз.`
      : `Новая ссылка (${r.generation}) отправлена: ${r.to.join(', ')}; действует до ${dmy(r.linkExpiresAt.slice(0, 10))}. Прежняя ссылка не действует.`,
  en: (r) =>
    r.mail === 'pending'
      ? `Fresh link (${r.generation}) recorded; its mail was not sent now: run the command again.`
      : `Fresh link (${r.generation}) sent to ${r.to.join(', ')}; valid until ${dmy(r.linkExpiresAt.slice(0, 10))}. The earlier link no longer works.`,
};

function langOf(command: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`${command}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

async function send(command: string, lang: Lang, run: Parameters<typeof withLink>[0]): Promise<number> {
  try {
    const result = await withLink(run);
    console.log(SENT[lang](result));
    return result.mail === 'pending' ? 1 : 0;
  } catch (error) {
    if (error instanceof ConflictError)
      throw new CliError(`${command}: refused: ${problemText(error.problems, lang)}`, 1);
    throw error;
  }
}

async function withLink(
  run: (deps: Parameters<typeof resendActLink>[0]) => Promise<ResendLinkResult>,
): Promise<ResendLinkResult> {
  const config = loadConfig();
  return withDatabase(async (db) => {
    const transport = buildTransport(config);
    try {
      return await run({
        db,
        now: Date.now,
        link: {
          secret: responseLinkSecret(config),
          days: config.responseLinkDays,
          baseUrl: (config.publicBaseUrl ?? `http://${config.httpHost}:${config.httpPort}`).replace(/\/+$/, ''),
        },
        transport,
      });
    } finally {
      transport.close();
    }
  });
}

export const actResendLink: Leaf = leaf({
  name: 'resend-link',
  summary: "Mails a fresh response link of an issued act to its party; the party's earlier link is revoked (4.3).",
  positionals: [{ name: 'ACT_ID', description: 'the act (printed by "jmeg act draft")' }],
  options: {
    party: {
      type: 'string',
      placeholder: 'object|executive_body',
      description: "whose link (default object; the executive body's own for an act about another object, 4.3(4))",
    },
    ...ACTOR,
    ...LANG,
  },
  notes: ['The earlier link then answers 410 ("replaced: use the newest mail"). Exit 1 when refused or not mailed.'],
  run: async ({ values, positionals }) => {
    const lang = langOf('act resend-link', values.lang);
    const party = values.party ?? 'object';
    if (party !== 'object' && party !== 'executive_body')
      throw new CliError(`act resend-link: --party "${party}" must be object or executive_body`);
    return send('act resend-link', lang, (deps) =>
      resendActLink(deps, {
        actId: positionals[0]!,
        party: party === 'executive_body' ? 'executive-body' : 'object',
        actor: `cli:${values.by ?? 'cli'}`,
      }),
    );
  },
});

export const requestResendLink: Leaf = leaf({
  name: 'resend-link',
  summary: 'Mails a fresh link of an open information request to its object; the earlier link is revoked (7.3.2(1)).',
  positionals: [{ name: 'REQUEST_ID', description: 'the request (printed by "jmeg request send")' }],
  options: { ...ACTOR, ...LANG },
  notes: ['The earlier link then answers 410 ("replaced: use the newest mail"). Exit 1 when refused or not mailed.'],
  run: async ({ values, positionals }) =>
    send('request resend-link', langOf('request resend-link', values.lang), (deps) =>
      resendRequestLink(deps, { requestId: positionals[0]!, actor: `cli:${values.by ?? 'cli'}` }),
    ),
});
