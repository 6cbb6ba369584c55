// The schema pieces of the manage pages' posted forms: a form sends every field as text, perhaps empty or absent, and
// the use case refuses what is wrong (naming the field and the clause), so the schema bounds only the length. A page
// that redirects after a step says what was done in `done`.
import { Type } from 'typebox';
import { Strict } from '../schemas';

/** One text field of a posted form, at most `max` characters. */
export const formText = (max: number) => Type.Optional(Type.String({ maxLength: max }));

/** A page's query: its language and, after a redirect, what was done. */
export const PageDoneQuery = Strict({
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  done: Type.Optional(Type.String({ maxLength: 30 })),
});
