// The procedures' refusals as the CLI says them: one line, the same words as the API's (each Problem's message in
// the chosen language, joined by "; " as api/error-messages.ts joins them), exit 1; usage errors stay exit 2.
import type { Lang } from '../domain/i18n';
import type { Problem } from '../domain/problem';
import { EngineUnavailableError, ProcedureNotFoundError, ProcedureRefusedError } from '../procedures/engine';
import { CliError } from './cli-error';

/** The problems' words in `lang`, as the API puts them after its "cannot be done now" / "not accepted". */
export const problemText = (problems: readonly Problem[], lang: Lang): string =>
  problems.map((p) => p.message[lang]).join('; ');

/**
 * A procedure's refusal, a missing procedure or an engine gone away as a CliError of `command` (exit 1); anything
 * else as it is. `notRunning` words the missing procedure ("no formation running for group …").
 */
export function procedureCliError(command: string, error: unknown, lang: Lang, notRunning: string): unknown {
  if (error instanceof ProcedureRefusedError)
    return new CliError(
      `${command}: refused: ${error.problems.length > 0 ? problemText(error.problems, lang) : firstLine(error)}`,
      1,
    );
  if (error instanceof ProcedureNotFoundError) return new CliError(`${command}: ${notRunning}`, 1);
  if (error instanceof EngineUnavailableError) return new CliError(`${command}: ${error.message}`, 1);
  return error;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
