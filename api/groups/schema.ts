// The JSON shapes of taking on an existing group (procedures/groups/adopt-group.ts). The body's fields are loosely
// typed on purpose: the use case refuses a wrong value with the field, the rule and its clause in the caller's words.
import { Type } from 'typebox';
import { ErrorSchema, IsoDateSchema, LocalizedSchema, Nullable, Strict } from '../schemas';

export const AdoptGroupBody = Strict({
  decisionNumber: Type.Optional(Type.String({ maxLength: 100, description: "The council resolution's number" })),
  decidedOn: Type.Optional(Type.String({ maxLength: 10, description: 'The date of the resolution (YYYY-MM-DD)' })),
  publishedOn: Type.Optional(
    Type.String({
      maxLength: 10,
      description: "The date it was published on the council's website: it takes effect then and the term starts",
    }),
  ),
  termStartsOn: Type.Optional(
    Type.String({
      maxLength: 10,
      description: 'Only for a resolution in force from another date than its publication',
    }),
  ),
  chair: Nullable(
    Type.String({
      maxLength: 300,
      description: 'The chair the resolution names (a citizen member, 5.4.6); null: to be elected at a meeting',
    }),
  ),
  csv: Type.String({
    maxLength: 1024 * 1024,
    description: 'The members as CSV text, in the roster format of `jmeg roster check`',
  }),
});

const FindingSchema = Type.Object({
  code: Type.String(),
  clause: Nullable(Type.String()),
  severity: Type.Union([Type.Literal('violation'), Type.Literal('warning')]),
  message: LocalizedSchema,
});

const ProblemSchema = Type.Object({
  code: Type.String(),
  field: Type.String(),
  clause: Nullable(Type.String()),
  message: LocalizedSchema,
});

export const AdoptedGroupSchema = Type.Object({
  groupId: Type.String(),
  adoption: Type.Union([Type.Literal('adopted'), Type.Literal('already-adopted')]),
  resolutionNumber: Type.String(),
  decidedOn: IsoDateSchema,
  publishedOn: IsoDateSchema,
  termStart: IsoDateSchema,
  termEnd: IsoDateSchema,
  chair: Nullable(Type.String()),
  members: Type.Integer(),
  findings: Type.Array(FindingSchema),
  warnings: Type.Array(ProblemSchema),
  term: Type.Object({
    workflowId: Type.String(),
    start: Type.Union([Type.Literal('started'), Type.Literal('already-started')]),
    termStart: IsoDateSchema,
    termEnd: IsoDateSchema,
  }),
});

export const ADOPT_ERRORS = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};
