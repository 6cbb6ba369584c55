// Schemas of the acts' JSON routes: drafts (8.1 content), annexes, the issue, and the act procedure (4.3).
import { Type } from 'typebox';
import { FINDING_METHODS, MONITORED_OBJECT_KINDS } from '../../domain/act';
import {
  CalendarNameSchema,
  ErrorSchema,
  GroupParams,
  InstantSchema,
  IsoDateSchema,
  LangSchema,
  LocalizedSchema,
  Nullable,
  Strict,
} from '../schemas';

/** The error body (api/error-handler.ts), with a refusal's problems: each missing 8.1 item, or the workflow's reasons. */
export { ErrorSchema };
const Text = (maxLength: number) => Nullable(Type.String({ maxLength }));

export const ActParams = Strict({ actId: Type.String({ minLength: 1, maxLength: 200 }) });
export const LangOnly = Strict({ lang: Type.Optional(LangSchema) });

/** The act's content (8.1) as a draft: every field may be missing or null; unknown fields are refused. */
export const DraftContentSchema = Strict(
  {
    purpose: Type.Optional(Text(5000)),
    subject: Type.Optional(Text(5000)),
    object: Type.Optional(
      Nullable(
        Strict({
          kind: Type.Optional(Nullable(Type.Enum(Object.keys(MONITORED_OBJECT_KINDS)))),
          name: Type.Optional(Text(500)),
        }),
      ),
    ),
    place: Type.Optional(Text(1000)),
    periodStart: Type.Optional(Nullable(IsoDateSchema)),
    periodEnd: Type.Optional(Nullable(IsoDateSchema)),
    resultsSummary: Type.Optional(Text(20000)),
    findings: Type.Optional(
      Nullable(
        Type.Array(
          Strict({
            kind: Type.Enum(['fact', 'evaluation']),
            text: Type.Optional(Text(20000)),
            method: Type.Optional(Nullable(Type.Enum(Object.keys(FINDING_METHODS)))),
            methodNote: Type.Optional(Text(1000)),
          }),
          { maxItems: 200 },
        ),
      ),
    ),
    recommendations: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 5000 }), { maxItems: 200 }))),
    annexes: Type.Optional(
      Nullable(
        Type.Array(
          Strict({
            title: Type.String({ maxLength: 500 }),
            kind: Type.Optional(Type.Enum(['protocol', 'photo', 'visual', 'other'])),
          }),
          { maxItems: 200 },
        ),
      ),
    ),
  },
  {
    description:
      'The 8.1 content: purpose, subject, object, place, period, results (findings), recommendations, annexes',
  },
);

const ProblemSchema = Type.Object({ field: Type.String(), clause: Type.String(), message: LocalizedSchema });

export const AnnexSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  url: Type.String({ description: 'GET it (public once the act is issued)' }),
});

export const ActSummarySchema = Type.Object({
  id: Type.String(),
  number: Nullable(Type.String()),
  title: Type.String(),
  status: Type.String(),
  objectId: Type.String(),
  objectName: CalendarNameSchema,
  issuedOn: Nullable(IsoDateSchema),
  receivedOn: Nullable(IsoDateSchema),
});

export const ActDetailSchema = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  objectId: Type.String(),
  title: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  content: Type.Unsafe<Record<string, unknown>>({
    type: 'object',
    additionalProperties: true,
    description: 'The 8.1 content (see DraftContentSchema)',
  }),
  issuedOn: Nullable(IsoDateSchema),
  receivedOn: Nullable(IsoDateSchema),
  receivedVia: Nullable(Type.String()),
  annexes: Type.Array(AnnexSchema),
  missing: Type.Array(ProblemSchema, { description: '8.1: what is still missing before the act can be issued' }),
  warnings: Type.Array(ProblemSchema),
  publicPath: Nullable(Type.String()),
});

const DaysLeftSchema = Type.Object({
  unit: Type.String(),
  left: Type.Integer(),
  working: Type.Integer(),
  calendar: Type.Integer(),
});

export const ResponseFileSchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedAt: InstantSchema,
  url: Type.String(),
});

export const ObligationProgressSchema = Type.Object({
  obligationId: Type.String(),
  key: Type.String(),
  clause: Type.String(),
  party: Type.String(),
  title: LocalizedSchema,
  anchor: Nullable(IsoDateSchema),
  due: Nullable(IsoDateSchema),
  status: Type.String(),
  fulfilled: Nullable(Type.Object({ on: Nullable(IsoDateSchema), late: Type.Boolean() })),
  escalated: Type.Boolean(),
  daysLeft: Nullable(DaysLeftSchema),
  overdue: Type.Boolean(),
  calendar: Type.Object(
    { kind: Type.Enum(['with-transfers', 'labour-code']), name: LocalizedSchema },
    { description: 'The working-day calendar of the party that owes it (4.2): the one its days left are counted on' },
  ),
});

export const ResponseProgressSchema = Type.Object({
  responseId: Type.String(),
  obligationKey: Type.String(),
  respondedOn: IsoDateSchema,
  submittedAt: InstantSchema,
  late: Type.Boolean(),
  supersedes: Nullable(Type.String()),
  responder: Type.String(),
  text: Type.String(),
  files: Type.Array(ResponseFileSchema),
});

export const ActProgressSchema = Type.Object({
  actId: Type.String(),
  source: Type.Enum(['procedure', 'database'], {
    description: "procedure: the act's workflow answered; database: read from Postgres (the engine is away)",
  }),
  procedure: Type.Enum(['running', 'not-started', 'unknown', 'none']),
  step: Type.String(),
  today: IsoDateSchema,
  receipt: Nullable(Type.Object({ receivedOn: IsoDateSchema, via: Type.String() })),
  /** 4.3(4): the executive body's own receipt of an act about another object (its 30 days count from it). */
  executiveReceipt: Nullable(Type.Object({ receivedOn: IsoDateSchema, via: Type.String() })),
  delivery: Nullable(Type.Object({ to: Type.Array(Type.String()), linkExpiresAt: InstantSchema })),
  obligations: Type.Array(ObligationProgressSchema),
  responses: Type.Array(ResponseProgressSchema),
  closed: Nullable(Type.Object({ on: Nullable(IsoDateSchema), by: Type.String(), reason: Nullable(Type.String()) })),
});

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};

export const listActsSchema = {
  tags: ['staff'],
  summary: "The group's acts, drafts included: staff and deputies of its council, its chair and members",
  params: GroupParams,
  querystring: LangOnly,
  response: {
    200: Type.Object({ groupId: Type.String(), acts: Type.Array(ActSummarySchema) }),
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};

export const draftActSchema = {
  tags: ['staff'],
  summary:
    'Drafts an act about one of the council’s objects (the group’s chair or members, or staff; 8.1, 7.2.4); the draft may be incomplete: `missing` lists what 8.1 still needs',
  params: GroupParams,
  querystring: LangOnly,
  body: Strict({
    objectId: Type.String({ minLength: 1, maxLength: 200 }),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    content: Type.Optional(DraftContentSchema),
  }),
  response: { 201: ActDetailSchema, ...errors },
};

export const getActSchema = {
  tags: ['staff'],
  summary: 'One act with its 8.1 content, annexes and what is still missing for the issue',
  params: ActParams,
  querystring: LangOnly,
  response: { 200: ActDetailSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const patchActSchema = {
  tags: ['staff'],
  summary:
    "Changes a draft (the group's chair or members, or staff): the fields of `content` given replace the draft's (null clears one); issued acts do not change (409)",
  params: ActParams,
  querystring: LangOnly,
  body: Strict({ title: Type.Optional(Type.String({ maxLength: 500 })), content: Type.Optional(DraftContentSchema) }),
  response: { 200: ActDetailSchema, ...errors },
};

export const attachAnnexSchema = {
  tags: ['staff'],
  summary:
    'Attaches an annex file to a draft (the group’s chair or members, or staff; multipart/form-data, field `file`): pdf, jpg, png, docx, xlsx, odt by content, ≤ 10 MB, ≤ 30 per act',
  params: ActParams,
  querystring: Strict({ lang: Type.Optional(LangSchema), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
  consumes: ['multipart/form-data'],
  response: { 201: AnnexSchema, ...errors },
};

export const removeAnnexSchema = {
  tags: ['staff'],
  summary:
    'Removes an annex file from a draft (the group’s chair or members, or staff); 409 once the act is issued (8.1)',
  params: Strict({
    actId: Type.String({ minLength: 1, maxLength: 200 }),
    annexId: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  querystring: LangOnly,
  response: {
    200: Type.Object({ removed: Type.Object({ id: Type.String(), fileName: Type.String() }), act: ActDetailSchema }),
    ...errors,
  },
};

export const issueActSchema = {
  tags: ['staff'],
  summary:
    'The group’s chair (or staff) issues the act (8.1; 400 with every missing item, at least one annex among them; 409 while the group is still forming (5.4.5) or after its term (5.3.1)) and starts its procedure, which mails it to the object (4.3). 503 without the engine, nothing written. `delivery: not-started`: issued, but the procedure did not start: call again',
  params: ActParams,
  querystring: LangOnly,
  response: {
    200: Type.Object({
      act: ActDetailSchema,
      delivery: Type.Enum(['started', 'already-started', 'not-started']),
      alreadyIssued: Type.Boolean(),
    }),
    ...errors,
  },
};

export const receiptSchema = {
  tags: ['staff'],
  summary: 'Records the receipt of the act (e.g. delivered on paper): the 4.3 counts start that day',
  params: ActParams,
  querystring: LangOnly,
  body: Strict({
    receivedOn: IsoDateSchema,
    party: Type.Optional(
      Type.Union([Type.Literal('object'), Type.Literal('executive_body')], {
        description:
          "Whose receipt: the object's (default) or the executive body's own, from which its 30 days count (4.3(4))",
      }),
    ),
  }),
  response: {
    200: Type.Object({
      receivedOn: IsoDateSchema,
      via: Type.String(),
      party: Type.Optional(Type.String()),
      recordedAt: InstantSchema,
    }),
    ...errors,
  },
};

export const ResponseBody = Strict({
  obligationKey: Type.Enum(['object-response', 'executive-report']),
  respondedOn: IsoDateSchema,
  text: Type.String({ minLength: 1, maxLength: 50000 }),
  submissionKey: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Your key for this submission: the same key again records nothing new',
  }),
});

export const RecordedResponseSchema = Type.Object({
  responseId: Type.String(),
  obligationKey: Type.String(),
  respondedOn: IsoDateSchema,
  late: Type.Boolean(),
  supersedes: Nullable(Type.String()),
  file: Nullable(ResponseFileSchema),
});

export const responsesSchema = {
  tags: ['staff'],
  summary:
    'Records a response received outside the link (e.g. on paper; 4.3): JSON, or multipart/form-data with the same fields and an optional `file`. Late ones are accepted and marked late',
  params: ActParams,
  querystring: Strict({ lang: Type.Optional(LangSchema), _csrf: Type.Optional(Type.String({ maxLength: 200 })) }),
  body: { content: { 'application/json': { schema: ResponseBody } } },
  response: { 200: RecordedResponseSchema, ...errors },
};

export const closeSchema = {
  tags: ['chair'],
  summary:
    "The group's chair closes the act with a reason, only after an escalation to the council (409 otherwise, with the workflow's problems)",
  params: ActParams,
  querystring: LangOnly,
  body: Strict({ reason: Type.String({ minLength: 1, maxLength: 5000 }), on: Type.Optional(IsoDateSchema) }),
  response: { 200: Type.Object({ on: IsoDateSchema, by: Type.String(), reason: Nullable(Type.String()) }), ...errors },
};

export const stateSchema = {
  tags: ['staff', 'chair'],
  summary:
    "Where the act's procedure stands (4.3): step, receipt, obligations with due dates and days left, responses with late flags",
  params: ActParams,
  querystring: LangOnly,
  response: { 200: ActProgressSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const RespondQuery = Strict({
  t: Type.Optional(Type.String({ maxLength: 2000 })),
  lang: Type.Optional(LangSchema),
});

export const ObjectViewSchema = Type.Object({
  act: Type.Object({
    id: Type.String(),
    number: Nullable(Type.String()),
    title: Type.String(),
    issuedOn: Nullable(IsoDateSchema),
    content: Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
    annexes: Type.Array(AnnexSchema),
  }),
  receipt: Nullable(Type.Object({ receivedOn: IsoDateSchema, via: Type.String() })),
  receiptNote: Nullable(
    Type.String({
      description: 'Why the receipt could not be recorded now (the engine is away), in the request language',
    }),
  ),
  obligations: Type.Array(ObligationProgressSchema, {
    description: 'What this object owes (4.3), with the due date and days left',
  }),
  responses: Type.Array(
    Type.Object({
      responseId: Type.String(),
      obligationKey: Type.String(),
      respondedOn: IsoDateSchema,
      late: Type.Boolean(),
      supersedes: Nullable(Type.String()),
      files: Type.Array(Type.Object({ fileName: Type.String(), sizeBytes: Type.Integer() })),
    }),
  ),
});

const linkErrors = {
  400: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  410: ErrorSchema,
  429: ErrorSchema,
  503: ErrorSchema,
};

export const respondGetSchema = {
  tags: ['object'],
  summary:
    "The monitored object's view through its signed link: the act, its due dates with days left, its responses. Opening it records the receipt (4.3)",
  params: ActParams,
  querystring: RespondQuery,
  response: { 200: ObjectViewSchema, ...linkErrors },
};

export const respondPostSchema = {
  tags: ['object'],
  summary:
    'The object answers through its link: JSON { text, submissionKey }, or multipart/form-data with text, submissionKey and an optional file. Late answers are accepted and marked late',
  params: ActParams,
  querystring: RespondQuery,
  body: {
    content: {
      'application/json': {
        schema: Strict({
          text: Type.String({ minLength: 1, maxLength: 50000 }),
          submissionKey: Type.String({ minLength: 1, maxLength: 200 }),
        }),
      },
    },
  },
  response: {
    200: Type.Object({
      responseId: Type.String(),
      obligationKey: Type.String(),
      respondedOn: IsoDateSchema,
      late: Type.Boolean(),
      supersedes: Nullable(Type.String()),
      file: Nullable(Type.Object({ fileName: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer() })),
    }),
    ...linkErrors,
  },
};

export const respondReceiptSchema = {
  tags: ['object'],
  summary:
    "Records the receipt through the link's own party (the object, or the executive body: 4.3(4), its 30 days count from its own receipt). A party named in the body must be the link's: another party's is refused (403 link-wrong-party)",
  params: ActParams,
  querystring: RespondQuery,
  body: Type.Optional(
    Strict({ party: Type.Optional(Type.Union([Type.Literal('object'), Type.Literal('executive_body')])) }),
  ),
  response: {
    200: Type.Object({
      party: Type.String(),
      receivedOn: IsoDateSchema,
      via: Type.String(),
      recordedAt: InstantSchema,
    }),
    ...linkErrors,
  },
};
