// ICU MessageFormat for every catalogue text: {name} placeholders, {n, plural, one {...} other {...}} and
// {x, select, a {...} other {...}}, compiled once per language and text. Markup such as <b> is plain text.
import { IntlMessageFormat } from 'intl-messageformat';
import type { Lang } from './i18n';

/** Values for a text's placeholders: plural and select arguments take a number or a word. */
export type MessageParams = Readonly<Record<string, string | number>>;

interface Compiled {
  format: IntlMessageFormat;
  /** The names of the simple {name} placeholders, to keep a missing one as written. */
  simple: readonly string[];
  /** The names of every argument: placeholders, plural and select. */
  all: readonly string[];
}

const compiled = new Map<string, Compiled>();

interface AstNode {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstNode[] }>;
}

// The parser's element types (@formatjs/icu-messageformat-parser TYPE): 0 literal, 1 argument, 7 '#', 8 tag;
// the others (number, date, time, select, plural) name an argument too.
const LITERAL = 0;
const ARGUMENT = 1;
const POUND = 7;
const TAG = 8;

function argumentNames(nodes: readonly AstNode[], simpleOnly: boolean, into: Set<string>): Set<string> {
  for (const node of nodes) {
    const named = node.type !== LITERAL && node.type !== POUND && node.type !== TAG;
    if (named && (!simpleOnly || node.type === ARGUMENT) && typeof node.value === 'string') into.add(node.value);
    for (const option of Object.values(node.options ?? {})) argumentNames(option.value, simpleOnly, into);
  }
  return into;
}

/** Parses a catalogue text as ICU MessageFormat; throws with the text when it does not parse. */
function compileMessage(lang: Lang, text: string): Compiled {
  const cacheKey = `${lang}\u0000${text}`;
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  let format: IntlMessageFormat;
  try {
    format = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true });
  } catch (error) {
    throw new Error(`not an ICU message (${lang}): ${text}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const ast = format.getAst();
  const entry = {
    format,
    simple: [...argumentNames(ast, true, new Set())],
    all: [...argumentNames(ast, false, new Set())].sort(),
  };
  compiled.set(cacheKey, entry);
  return entry;
}

/** A catalogue text with its placeholders filled; a simple placeholder without a value stays as written. */
export function formatMessage(lang: Lang, text: string, params: MessageParams = {}): string {
  const { format, simple } = compileMessage(lang, text);
  const values: Record<string, string | number> = { ...params };
  for (const name of simple) if (!Object.hasOwn(values, name)) values[name] = `{${name}}`;
  return String(format.format(values));
}

/** The names of a text's arguments, sorted; throws when the text is not ICU MessageFormat. */
export function messageArguments(lang: Lang, text: string): readonly string[] {
  return compileMessage(lang, text).all;
}
