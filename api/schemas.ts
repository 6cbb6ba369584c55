// Schema pieces shared by the routes. Every object schema says additionalProperties: false, so unknown fields are
// refused (400) rather than silently dropped.
import { Type, type TObject, type TProperties } from 'typebox';
import { LANGS } from '../domain/i18n';

/** A value or null. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** An object that refuses properties it does not name. */
export const Strict = <P extends TProperties>(properties: P, options: { description?: string } = {}): TObject<P> =>
  Type.Object(properties, { ...options, additionalProperties: false });

export const LangSchema = Type.Enum([...LANGS], {
  description: 'Language of texts and error messages (default: Accept-Language, else ky)',
});
export const LangQuery = Strict({ lang: Type.Optional(LangSchema) });

/** YYYY-MM-DD; impossible dates (2026-02-30) are refused by the domain with the same rule. */
export const IsoDateSchema = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A date, YYYY-MM-DD',
});
export const InstantSchema = Type.String({ description: 'A UTC instant (ISO 8601)' });

export const LocalizedSchema = Type.Object({ ky: Type.String(), ru: Type.String(), en: Type.String() });
export const CalendarNameSchema = Type.Object({ ky: Type.String(), ru: Type.String() });

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String({ description: "In the request's language" }),
      field: Type.Optional(Type.String()),
      rule: Type.Optional(Type.String()),
      allowed: Type.Optional(Type.Array(Type.String())),
      problems: Type.Optional(
        Type.Array(
          Type.Object({
            field: Type.String(),
            rule: Type.String(),
            clause: Type.Union([Type.String(), Type.Null()]),
            message: Type.String(),
          }),
          { description: "A workflow's reasons for refusing, in the request's language" },
        ),
      ),
    }),
  },
  { description: 'An error' },
);

export const GroupParams = Strict({ groupId: Type.String({ minLength: 1, maxLength: 200 }) });
