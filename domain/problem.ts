// One refusal, the same everywhere (domain checks, workflow validators, the HTTP layer, the CLI): the rule that was
// broken (code), the field it concerns, the clause of the regulation that sets the rule (null when no clause does),
// and the words in every language of the product.
import type { Lang, Localized } from './i18n';

export interface Problem {
  code: string;
  field: string;
  clause: string | null;
  message: Localized;
}

export const problem = (code: string, field: string, clause: string | null, message: Localized): Problem => ({
  code,
  field,
  clause,
  message,
});

/** The problems as one line per problem, `field: message`, for a refusal's message. */
export function describeProblems(problems: readonly Problem[], lang: Lang = 'en'): string {
  return problems.map((p) => `${p.field}: ${p.message[lang]}`).join('; ');
}
