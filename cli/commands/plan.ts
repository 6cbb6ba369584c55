// `jmeg plan show PLAN_ID` and `jmeg plan approve PLAN_ID --session DATE --decision N --text TEXT`: the group's work
// plan (7.3.1) from the command line: its items, the executive body's proposals and where it stands; staff record
// the council's approval of a submitted plan (refused before submission, nothing written), published as a notice.
import { findPlan } from '../../db/plans';
import { isLang, type Lang } from '../../domain/i18n';
import { ITEM_STATE_NAMES, PLAN_METHOD_NAMES } from '../../domain/work-plan';
import { ProcedureRefusedError } from '../../procedures/engine';
import { approvePlan } from '../../procedures/plans/plans';
import { ConflictError } from '../../procedures/refusals';
import { CliError } from '../cli-error';
import { leaf, runCommand, type Group } from '../command';
import { problemText } from '../refusal';
import { withDatabase } from '../with-database';

const LANG = {
  lang: { type: 'string', placeholder: 'ky|ru|en', description: 'language of the output (default ky)' },
} as const;

function langOf(sub: string, value: string | undefined): Lang {
  const lang = value ?? 'ky';
  if (!isLang(lang)) throw new CliError(`plan ${sub}: --lang "${lang}" must be ky, ru or en`);
  return lang;
}

const STATUS: Record<string, Record<Lang, string>> = {
  draft: { ky: 'долбоор', ru: 'проект', en: 'draft' },
  submitted: { ky: 'кеңешке тапшырылды', ru: 'внесён в кенеш', en: 'submitted to the council' },
  approved: { ky: 'кеңеш бекитти', ru: 'утверждён кенешем', en: 'approved by the council' },
};

const show = leaf({
  name: 'show',
  summary: 'Shows a work plan: its status, items (object, subject, period, method, state) and proposals.',
  positionals: [{ name: 'PLAN_ID', description: 'the plan (shown on its page)' }],
  options: { ...LANG },
  run: async ({ values, positionals }) => {
    const lang = langOf('show', values.lang);
    return withDatabase(async (db) => {
      const plan = await findPlan(db, positionals[0]!);
      if (!plan) throw new CliError(`plan show: no plan ${positionals[0]!}`);
      const name = (n: { ky: string; ru: string }) => (lang === 'ky' ? n.ky : n.ru);
      console.log(`${plan.title}: ${STATUS[plan.status]![lang]}`);
      if (plan.approval) console.log(`${plan.approval.sessionOn} № ${plan.approval.decisionNumber}`);
      plan.items.forEach((i, n) =>
        console.log(
          `${n + 1}. ${name(i.objectName)}: ${i.subject} (${i.from} – ${i.to}; ${PLAN_METHOD_NAMES[i.method][lang]}; ${ITEM_STATE_NAMES[i.state][lang]})`,
        ),
      );
      for (const p of plan.proposals)
        console.log(
          `  ? ${name(p.objectName)}: ${p.subject} [${p.status}]${p.declineReason ? ` ${p.declineReason}` : ''}`,
        );
      return 0;
    });
  },
});

const approve = leaf({
  name: 'approve',
  summary: "Records the council's approval of a submitted plan (7.3.1); refused before submission, nothing written.",
  positionals: [{ name: 'PLAN_ID', description: 'the plan' }],
  options: {
    session: { type: 'string', placeholder: 'YYYY-MM-DD', description: 'the council session that approved it' },
    decision: { type: 'string', placeholder: 'NUMBER', description: "the council's decision number" },
    text: { type: 'string', placeholder: 'TEXT', description: 'the text of the decision' },
    by: { type: 'string', placeholder: 'NAME', description: 'who records it (default cli)' },
    ...LANG,
  },
  notes: ['Exit 1 when refused (the rule and clause are printed).'],
  run: async ({ values, positionals }) => {
    const lang = langOf('approve', values.lang);
    return withDatabase(async (db) => {
      try {
        await approvePlan(
          { db, now: Date.now },
          {
            planId: positionals[0]!,
            sessionOn: values.session ?? '',
            decisionNumber: values.decision ?? '',
            text: values.text ?? '',
            actor: `cli:${values.by ?? 'cli'}`,
          },
        );
      } catch (error) {
        if (error instanceof ConflictError || error instanceof ProcedureRefusedError)
          throw new CliError(`plan approve: refused: ${problemText(error.problems, lang)}`, 1);
        throw error;
      }
      console.log(STATUS.approved![lang]);
      return 0;
    });
  },
});

export const command: Group = {
  name: 'plan',
  summary: "The group's work plan (7.3.1).",
  subcommands: [show, approve],
};

export const run = (argv: string[]): Promise<number> => runCommand(command, argv);
