// The formation API's schemas: the contract's input types (workflows/formation/contract.ts) as TypeBox objects that
// refuse unknown fields, and its results and state as typed responses. The rules themselves (dates in order, quotas,
// majorities) are the workflow's validators; these only check shapes, so a refusal names its clause.
import { Type } from 'typebox';
import { ErrorSchema, GroupParams, IsoDateSchema, LangQuery, LocalizedSchema, Nullable, Strict } from '../schemas';

const Text = (maxLength: number, description?: string) =>
  Type.String({ maxLength, ...(description ? { description } : {}) });
const Count = (description: string) => Type.Integer({ description });

export const CouncilParams = Strict({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
export { GroupParams, LangQuery };

const BilingualSchema = Type.Object({ ky: Type.String(), ru: Type.String() });
const BilingualInput = Strict({ ky: Text(20_000), ru: Text(20_000) });
const BirthDateObject = Strict({
  year: Type.Integer(),
  month: Type.Optional(Type.Integer()),
  day: Type.Optional(Type.Integer()),
});
const ChannelSchema = Type.Enum(['website', 'notice_board'], {
  description: 'website: the official website; notice_board: the public notice boards',
});
const CategorySchema = Type.Enum(['municipal_employee', 'deputy', 'citizen']);
const SourceSchema = Type.Enum(['executive_head', 'council_chair', 'community_gathering']);

// ---- inputs -------------------------------------------------------------------------------------------------------

export const StartFormationBody = Strict({
  formedOn: Type.String({
    maxLength: 10,
    description: "The council's own formation date (YYYY-MM-DD): 5.4.1 counts 1 month from it",
  }),
  previousGroupId: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'The group whose term ended (5.3.1) that this formation follows; the new group links to it',
    }),
  ),
});
export const StartFormationHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 8,
      maxLength: 200,
      description:
        'A key of your choosing (8 to 200 characters, e.g. a UUID): repeating the request with it opens no second group',
    }),
  ),
});

/** A person as staff enter them (PersonInput); phone, e-mail and birth date are personal data, never published. */
export const PersonSchema = Strict({
  fullName: Text(200),
  sex: Type.Enum(['M', 'F']),
  birthDate: Type.Union([Text(10, "'YYYY', 'YYYY-MM-DD' or 'DD.MM.YYYY'"), BirthDateObject]),
  workplace: Type.Optional(Nullable(Text(300))),
  village: Type.Optional(Nullable(Text(200))),
  phone: Type.Optional(Nullable(Text(40))),
  email: Type.Optional(Nullable(Text(254))),
});

const VotedPersonSchema = Strict({
  ...PersonSchema.properties,
  votes: Count("The votes this person got at the gathering (5.4.4: more than half the participants' elects)"),
});

export const PublishNoticeBody = Strict({
  publishedOn: IsoDateSchema,
  channels: Type.Array(ChannelSchema, { maxItems: 2 }),
  text: Type.Optional(BilingualInput),
});
export const StaffCandidatesBody = Strict({
  submittedOn: IsoDateSchema,
  candidates: Type.Array(PersonSchema, { maxItems: 60 }),
});
export const DeputyMembersBody = Strict({
  approvedOn: IsoDateSchema,
  deputies: Type.Array(PersonSchema, { maxItems: 60 }),
});
export const GatheringBody = Strict({
  heldOn: IsoDateSchema,
  protocolRef: Text(200),
  place: Type.Optional(Nullable(Text(300))),
  participants: Count('How many took part in the vote'),
  candidates: Type.Array(VotedPersonSchema, { maxItems: 200 }),
});
export const AddCandidateBody = Strict({
  category: CategorySchema,
  person: PersonSchema,
  nominatedOn: IsoDateSchema,
  protocolId: Type.Optional(Text(300, "Citizens: the gathering's protocol that elected them (5.4.4)")),
});
export const RemoveCandidateBody = Strict({ candidateId: Text(300), reason: Text(2000) });
export const ReplaceCandidateBody = Strict({
  ...AddCandidateBody.properties,
  candidateId: Text(300),
  reason: Text(2000),
});
export const CouncilDecisionBody = Strict({
  decidedOn: IsoDateSchema,
  resolutionNumber: Text(100),
  chair: Type.Optional(
    Strict({
      candidateId: Type.Optional(Text(300)),
      fullName: Type.Optional(Text(200)),
    }),
  ),
});
export const ScheduleMeetingBody = Strict({
  date: IsoDateSchema,
  time: Text(5, 'HH:MM, Bishkek time'),
  place: Text(300),
});
export const MoveMeetingBody = Strict({
  date: IsoDateSchema,
  time: Text(5, 'HH:MM, Bishkek time'),
  place: Text(300),
  reason: Type.Optional(Nullable(Text(500))),
  withoutQuorum: Type.Optional(
    Strict({
      heldOn: IsoDateSchema,
      present: Count('Members present at the meeting held without quorum (7.2.3)'),
    }),
  ),
});
export const FirstMeetingBody = Strict({
  heldOn: IsoDateSchema,
  present: Count('Members present (7.2.3: more than half of all members is a quorum)'),
  chairElection: Type.Optional(
    Strict({
      candidateId: Type.Optional(Text(300)),
      fullName: Type.Optional(Text(200)),
      votesFor: Count('5.4.6: more than half of those present elects'),
      votesAgainst: Count('Votes against'),
      abstained: Count('Abstentions'),
    }),
  ),
});

// ---- results and state --------------------------------------------------------------------------------------------

export const StartFormationResponse = Type.Object({
  groupId: Type.String(),
  workflowId: Type.String(),
  procedure: Type.Enum(['started', 'already-started'], {
    description: "'already-started': a repeated request; nothing new was opened",
  }),
});

const BirthDateSchema = Type.Object({
  year: Type.Integer(),
  month: Type.Optional(Type.Integer()),
  day: Type.Optional(Type.Integer()),
});

export const CandidateSchema = Type.Object({
  candidateId: Type.String(),
  fullName: Type.String(),
  sex: Type.Enum(['M', 'F']),
  birthDate: Nullable(BirthDateSchema),
  category: CategorySchema,
  workplace: Nullable(Type.String()),
  village: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  source: SourceSchema,
  nominatedOn: IsoDateSchema,
  protocolId: Nullable(Type.String()),
  votes: Nullable(Type.Integer()),
});

export const PublishedNoticeSchema = Type.Object({
  noticeId: Type.String(),
  publishedOn: IsoDateSchema,
  channels: Type.Array(ChannelSchema),
  text: BilingualSchema,
});

export const GatheringProtocolSchema = Type.Object({
  protocolId: Type.String(),
  heldOn: IsoDateSchema,
  protocolRef: Type.String(),
  place: Nullable(Type.String()),
  participants: Type.Integer(),
  results: Type.Array(Type.Object({ fullName: Type.String(), votes: Type.Integer(), elected: Type.Boolean() })),
});

const MemberRefSchema = Type.Object({ index: Type.Integer(), fullName: Type.String() });

export const CompositionSchema = Type.Object({
  ok: Type.Boolean({ description: 'No violations (warnings allowed)' }),
  size: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  quota: Type.Object({
    size: Type.Integer(),
    municipalEmployeesMin: Type.Integer(),
    deputiesMin: Type.Integer(),
    deputiesMax: Type.Integer(),
    citizensMin: Type.Integer(),
    maxOneSex: Type.Integer(),
    sizeAllowed: Type.Boolean(),
  }),
  rounding: LocalizedSchema,
  ageRule: LocalizedSchema,
  arithmetic: Type.Array(
    Type.Object({
      rule: Type.String(),
      clause: Type.String(),
      required: Type.Number(),
      actual: Type.Number(),
      holds: Type.Boolean(),
      text: LocalizedSchema,
    }),
  ),
  findings: Type.Array(
    Type.Object({
      code: Type.String(),
      clause: Nullable(Type.String()),
      severity: Type.Enum(['violation', 'warning']),
      numbers: Type.Record(Type.String(), Type.Number()),
      member: Type.Optional(MemberRefSchema),
      otherMember: Type.Optional(MemberRefSchema),
      message: LocalizedSchema,
    }),
  ),
});

export const ObligationStateSchema = Type.Object({
  obligationId: Type.String(),
  key: Type.String(),
  clause: Type.String(),
  party: Type.String(),
  anchor: IsoDateSchema,
  due: Nullable(IsoDateSchema),
  dueInstant: Nullable(Type.String()),
  ladder: Type.Array(
    Type.Object({
      rung: Type.String(),
      date: IsoDateSchema,
      at: Type.String(),
      status: Type.Enum(['pending', 'sent', 'skipped']),
    }),
  ),
  fulfilled: Nullable(Type.Object({ on: IsoDateSchema, late: Type.Boolean() })),
  escalated: Type.Boolean(),
  calendarLoads: Type.Integer(),
});

export const FormationStepSchema = Type.Enum([
  'formation-notice',
  'nominations',
  'council-decision',
  'first-meeting-scheduling',
  'creation-notice',
  'first-meeting',
  'handed-over',
]);

const DecisionViolationSchema = Type.Object({
  code: Type.String(),
  clause: Nullable(Type.String()),
  message: LocalizedSchema,
});

const MeetingSchema = Type.Object({
  meetingId: Type.String(),
  date: IsoDateSchema,
  time: Type.String(),
  place: Type.String(),
  warnings: Type.Array(LocalizedSchema),
  late: Type.Optional(Type.Boolean({ description: '5.3.2: the date is after the first meeting is due' })),
});

export const FormationStateSchema = Type.Object({
  councilId: Type.String(),
  groupId: Type.String(),
  formedOn: IsoDateSchema,
  step: FormationStepSchema,
  today: IsoDateSchema,
  formationNotice: Nullable(PublishedNoticeSchema),
  staffCandidatesOn: Nullable(IsoDateSchema),
  deputyMembersOn: Nullable(IsoDateSchema),
  protocols: Type.Array(GatheringProtocolSchema),
  candidates: Type.Array(CandidateSchema, {
    description: 'Phone, e-mail and birth date only for staff; null for chair and deputies',
  }),
  composition: Nullable(CompositionSchema),
  decision: Nullable(
    Type.Object({
      decidedOn: IsoDateSchema,
      resolutionNumber: Type.String(),
      termEnd: IsoDateSchema,
      violations: Type.Optional(Type.Array(DecisionViolationSchema)),
      chair: Type.Optional(Nullable(Type.Object({ candidateId: Type.String(), fullName: Type.String() }))),
    }),
  ),
  meeting: Nullable(MeetingSchema),
  creationNotice: Nullable(PublishedNoticeSchema),
  earlierMeetings: Type.Optional(
    Type.Array(
      Type.Object({
        meetingId: Type.String(),
        date: IsoDateSchema,
        time: Type.String(),
        place: Type.String(),
        notice: Nullable(PublishedNoticeSchema),
        outcome: Type.Union([
          Type.Object({ kind: Type.Literal('moved'), on: IsoDateSchema, reason: Nullable(Type.String()) }),
          Type.Object({
            kind: Type.Literal('no-quorum'),
            heldOn: IsoDateSchema,
            present: Type.Integer(),
            total: Type.Integer(),
          }),
        ]),
      }),
    ),
  ),
  firstMeeting: Nullable(
    Type.Object({
      heldOn: IsoDateSchema,
      present: Type.Integer(),
      chair: Type.Object({
        candidateId: Type.String(),
        fullName: Type.String(),
        votesFor: Nullable(Type.Integer()),
        votesAgainst: Nullable(Type.Integer()),
        abstained: Nullable(Type.Integer()),
      }),
    }),
  ),
  obligations: Type.Array(ObligationStateSchema),
});

export const CouncilDecisionResult = Type.Object({
  termEnd: IsoDateSchema,
  firstMeetingDue: IsoDateSchema,
  violations: Type.Optional(Type.Array(DecisionViolationSchema, { description: '5.4.5: recorded as adopted' })),
  chair: Type.Optional(Nullable(Type.String({ description: 'The chair the decision named' }))),
});
export const MoveMeetingResult = Type.Object({
  meetingId: Type.String(),
  creationNoticeDue: IsoDateSchema,
  warnings: Type.Array(LocalizedSchema),
  late: Type.Boolean({ description: '5.3.2: the new date is after the first meeting is due' }),
});
export const ScheduleMeetingResult = Type.Object({
  meetingId: Type.String(),
  creationNoticeDue: IsoDateSchema,
  warnings: Type.Array(LocalizedSchema),
});
export const RemoveCandidateResult = Type.Object({ candidateId: Type.String(), removed: Type.Literal(true) });
export const FormationResultSchema = Type.Object({
  groupId: Type.String(),
  createdOn: IsoDateSchema,
  resolutionNumber: Type.String(),
  termEnd: IsoDateSchema,
  chair: Type.String(),
  members: Type.Integer(),
  firstMeetingOn: IsoDateSchema,
});

/** The error body; a refused step lists the problems with their clause (api/schemas.ts ErrorSchema). */
export const StepErrorSchema = ErrorSchema;

export const STEP_ERRORS = {
  400: StepErrorSchema,
  401: StepErrorSchema,
  403: StepErrorSchema,
  404: StepErrorSchema,
  409: StepErrorSchema,
  503: StepErrorSchema,
};
