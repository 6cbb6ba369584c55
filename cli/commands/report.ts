// `jmeg report show REPORT_ID` and `jmeg report decide REPORT_ID --session DATE --agenda TEXT --decide N=DECISION[:TEXT]`:
// a summary report (8.1) from the command line, its recommendations with the council's decisions and the annual
// gathering of a yearly report (7.2.4); staff record the council session that considered a submitted report and its
// decision on each recommendation (refused for a draft or a recommendation the report does not have, nothing written).
import { reportConsiderations } from '../../db/considerations';
import { findReport } from '../../db/summary-reports';
import { COUNCIL_DECISION_NAMES } from '../../domain/council-consideration';
import { isLang, type Lang } from '../../domain/i18n';
import { dmy } from '../../domain/messages';
import { periodName } from '../../domain/summary-report';
import { ProcedureRefusedError } from '../../procedures/engine';
import { recordReportCouncilConsideration } from '../../procedures/recommendations/record-report-consideration';
import { reportPresentation } from '../../procedures/reports/report-presentation';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group } from '../command';
import { problemText } from '../refusal';
import { withDatabase } from '../with-database';

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the output (default ky)' },
} as const;

function langOf(sub: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`report ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

const STATUS: Record<'draft' | 'submitted', Record<Lang, string>> = {
  draft: { ky: 'долбоор', ru: 'проект', en: 'draft' },
  submitted: { ky: 'жөнөтүлдү', ru: 'отправлен', en: 'submitted' },
};

const show = leaf({
  name: 'show',
  summary:
    "Shows a summary report: its period and state, each recommendation with the council's decisions, a yearly report's annual gathering.",
  positionals: [{ name: 'REPORT_ID', description: 'the report (shown on its page)' }],
  options: { ...LANG },
  run: async ({ values, positionals }) => {
    const lang = langOf('show', values.lang);
    return withDatabase(async (db) => {
      const report = await findReport(db, positionals[0]!);
      if (!report) throw new CliError(`report show: no report ${positionals[0]!}`);
      console.log(
        `${periodName(report.period, lang)}: ${STATUS[report.status][lang]}${report.submittedOn ? ` ${dmy(report.submittedOn)}` : ''}`,
      );
      const sessions = await reportConsiderations(db, report.id);
      report.texts.recommendations.forEach((text, i) => {
        console.log(`${i + 1}. ${text}`);
        for (const s of sessions)
          for (const d of s.decisions.filter((x) => x.recommendation === i + 1))
            console.log(
              `   ${dmy(s.sessionOn)} (${s.agendaItem}): ${COUNCIL_DECISION_NAMES[d.decision][lang]}${d.text ? `: ${d.text}` : ''}`,
            );
      });
      const gathering = await reportPresentation({ db, now: Date.now }, report);
      if (gathering)
        console.log(`7.2.4: ${dmy(gathering.scheduledOn)}${gathering.place ? `, ${gathering.place}` : ''}`);
      return 0;
    });
  },
});

const decide = leaf({
  name: 'decide',
  summary:
    'Records the council session that considered a submitted report and its decision on each recommendation (3.1; 8.1).',
  positionals: [{ name: 'REPORT_ID', description: 'the report' }],
  options: {
    session: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the council session that considered it' },
    agenda: { type: 'string', placeholder: 'TEXT', description: "the item of the session's agenda" },
    decide: {
      type: 'string',
      multiple: true,
      placeholder: 'N=DECISION[:TEXT]',
      description:
        'recommendation N: accepted, partly-accepted, rejected or deferred, with its text (repeat per recommendation)',
    },
    by: { type: 'string', placeholder: 'NAME', description: 'who records it (default cli)' },
    ...LANG,
  },
  notes: ['Exit 1 when refused (the rule and clause are printed); the same session again records nothing.'],
  run: async ({ values, positionals }) => {
    const lang = langOf('decide', values.lang);
    const decisions = (values.decide ?? []).map((spec) => {
      const m = /^(\d{1,4})=([a-z-]+)(?::([\s\S]*))?$/.exec(spec);
      if (!m) throw new CliError(`report decide: --decide "${spec}" must be N=DECISION[:TEXT]`);
      return { recommendation: Number(m[1]), decision: m[2]!, text: m[3] ?? '' };
    });
    return withDatabase(async (db) => {
      try {
        const { recorded } = await recordReportCouncilConsideration(
          { db, now: Date.now },
          {
            reportId: positionals[0]!,
            sessionOn: values.session ?? '',
            agendaItem: values.agenda ?? '',
            decisions,
            actor: `cli:${values.by ?? 'cli'}`,
          },
        );
        console.log(recorded ? 'recorded' : 'already recorded');
      } catch (error) {
        if (error instanceof ProcedureRefusedError)
          throw new CliError(`report decide: refused: ${problemText(error.problems, lang)}`, 1);
        throw error;
      }
      return 0;
    });
  },
});

export const command: Group = {
  name: 'report',
  summary: "The group's summary reports (8.1) and the council's decisions on their recommendations.",
  subcommands: [show, decide],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);
