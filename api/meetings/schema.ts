// Schemas of the meetings' JSON routes (7.2.1-7.2.4). Inputs refuse unknown fields; the rules themselves (a date not in
// the past, attendance not more than the members, minutes with their date) are the domain's (domain/term.ts), checked
// by the use cases and the term procedure, refused as 400 naming the field and the clause.
import { Type } from 'typebox';
import { ErrorSchema, IsoDateSchema, LangQuery, LocalizedSchema, Nullable, Strict } from '../schemas';

const Id = Type.String({ minLength: 1, maxLength: 200 });
export const GroupParams = Strict({ groupId: Id });
export const MeetingParams = Strict({ groupId: Id, meetingId: Id });
const Text = (max: number, description: string) => Type.String({ maxLength: max, description });
const Time = Type.String({ maxLength: 5, description: "'HH:MM' in Bishkek" });
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};

export const MEETING_KINDS = ['regular', 'extraordinary', 'annual-gathering'] as const;

const Votes = Type.Object({ for: Type.Integer(), against: Type.Integer(), abstained: Type.Integer() });
export const MeetingSchema = Type.Object({
  meetingId: Type.String(),
  kind: Type.String({ description: 'first | regular | extraordinary | annual-gathering (7.2.4, announced publicly)' }),
  date: IsoDateSchema,
  time: Type.String(),
  place: Type.String(),
  agenda: Type.String(),
  status: Type.Enum(['scheduled', 'held', 'cancelled']),
  moves: Type.Integer(),
  cancelReason: Nullable(Type.String()),
  attendance: Nullable(
    Type.Object({
      heldOn: IsoDateSchema,
      presentMembershipIds: Type.Array(Type.String()),
      present: Type.Integer(),
      total: Type.Integer(),
      required: Type.Integer(),
      quorate: Type.Boolean(),
    }),
  ),
  /** 7.2.3's arithmetic in words, when attendance is recorded. */
  quorum: Nullable(
    Type.Object({
      total: Type.Integer(),
      required: Type.Integer(),
      present: Type.Integer(),
      met: Type.Boolean(),
      text: LocalizedSchema,
    }),
  ),
  minutes: Nullable(
    Type.Object({
      date: IsoDateSchema,
      text: Type.String(),
      file: Nullable(
        Type.Object({
          fileName: Type.String(),
          mediaType: Type.String(),
          sizeBytes: Type.Integer(),
          url: Type.String(),
        }),
      ),
    }),
  ),
  decisions: Type.Array(
    Type.Object({
      decisionId: Type.String(),
      text: Type.String(),
      votes: Votes,
      taken: Type.Boolean(),
      because: Type.Enum(['no-quorum', 'majority', 'no-majority']),
      /** 6.4: what it is about (null: neither an object, a plan item nor a matter). */
      subject: Nullable(
        Type.Object({
          kind: Type.Enum(['object', 'plan-item', 'matter']),
          objectId: Nullable(Type.String()),
          planItemId: Nullable(Type.String()),
          matter: Nullable(Type.String()),
          label: Type.String(),
        }),
      ),
      participantMembershipIds: Type.Array(Type.String()),
      stoodAsideMembershipIds: Type.Array(Type.String()),
    }),
  ),
});

const Announced = Type.Object({
  meeting: MeetingSchema,
  notice: Nullable(Type.Object({ noticeId: Type.String(), created: Type.Boolean() })),
});

export const ScheduleBody = Strict({
  meetingId: Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, description: 'Your id (a UUID): sending it again changes nothing' }),
  ),
  kind: Type.Optional(
    Type.Enum([...MEETING_KINDS], {
      description: 'Default regular; annual-gathering publishes a public notice (7.2.4)',
    }),
  ),
  date: Type.String({ maxLength: 20, description: 'YYYY-MM-DD, today or later (7.2.1)' }),
  time: Time,
  place: Text(300, 'Where'),
  agenda: Text(4000, 'What will be discussed'),
});
export const MoveBody = Strict({
  date: Type.String({ maxLength: 20, description: 'The new date, today or later' }),
  time: Time,
  place: Type.Optional(Text(300, 'A new place (absent: the same)')),
  reason: Type.Optional(Nullable(Text(1000, 'Why it moves'))),
});
export const CancelBody = Strict({ reason: Text(1000, 'Why it is cancelled (required)') });
export const AttendanceBody = Strict({
  heldOn: Type.String({ maxLength: 20, description: 'The day it was held (not in the future)' }),
  presentMembershipIds: Type.Array(Id, { maxItems: 200, description: 'The membership ids of those present (7.2.3)' }),
});
export const MinutesBody = Strict({
  date: Type.String({ maxLength: 20, description: "The minutes' date (required)" }),
  text: Text(20000, 'The minutes'),
});
export const DecisionBody = Strict({
  decisionId: Type.Optional(Type.String({ minLength: 8, maxLength: 100, description: 'Your id (a UUID)' })),
  text: Text(4000, 'The decision'),
  votes: Strict({
    for: Type.Integer({ minimum: 0, maximum: 1000 }),
    against: Type.Integer({ minimum: 0, maximum: 1000 }),
    abstained: Type.Integer({ minimum: 0, maximum: 1000 }),
  }),
  about: Type.Optional(
    Nullable(
      Strict({
        objectId: Type.Optional(Type.String({ maxLength: 200, description: 'A monitored object of the council' })),
        planItemId: Type.Optional(Type.String({ maxLength: 200, description: "An item of the group's work plan" })),
        matter: Type.Optional(Text(300, "A matter (free text, e.g. one of the group's declarations)")),
      }),
    ),
  ),
  participantMembershipIds: Type.Optional(
    Type.Array(Id, {
      maxItems: 200,
      description:
        'The members who voted (present ones; default: those present minus those standing aside). A member removed from the subject is refused (409, 6.4)',
    }),
  ),
});

const TermSchema = Nullable(
  Type.Object({
    termStart: IsoDateSchema,
    termEnd: IsoDateSchema,
    status: Type.String(),
    members: Type.Array(Type.Object({ membershipId: Type.String(), fullName: Type.String(), category: Type.String() })),
  }),
);

export const listMeetingsSchema = {
  tags: ['chair'],
  summary: "The group's meetings of its term (7.2), from its term procedure",
  params: GroupParams,
  querystring: LangQuery,
  response: {
    200: Type.Object({
      groupId: Type.String(),
      source: Type.Enum(['procedure', 'none']),
      term: TermSchema,
      meetings: Type.Array(MeetingSchema),
    }),
    ...errors,
  },
};
export const getMeetingSchema = {
  tags: ['chair'],
  summary: 'One meeting: attendance with the quorum of 7.2.3 and its arithmetic, minutes, decisions',
  params: MeetingParams,
  querystring: LangQuery,
  response: { 200: MeetingSchema, ...errors },
};
export const scheduleMeetingSchema = {
  tags: ['chair'],
  summary:
    'The chair (or staff) schedules a meeting (7.2.1); members are told; an annual gathering (7.2.4) is announced publicly',
  params: GroupParams,
  querystring: LangQuery,
  body: ScheduleBody,
  response: { 201: Announced, ...errors },
};
export const moveMeetingSchema = {
  tags: ['chair'],
  summary: 'Moves a scheduled meeting; members are told again',
  params: MeetingParams,
  querystring: LangQuery,
  body: MoveBody,
  response: { 200: Announced, ...errors },
};
export const cancelMeetingSchema = {
  tags: ['chair'],
  summary: 'Cancels a scheduled meeting with its reason; members are told',
  params: MeetingParams,
  querystring: LangQuery,
  body: CancelBody,
  response: { 200: Announced, ...errors },
};
export const attendanceSchema = {
  tags: ['chair'],
  summary: 'Who attended; the quorum of 7.2.3 (more than half of all current members) is checked and recorded',
  params: MeetingParams,
  querystring: LangQuery,
  body: AttendanceBody,
  response: { 200: MeetingSchema, ...errors },
};
export const minutesSchema = {
  tags: ['chair'],
  summary: "The meeting's minutes (date and text; the signed file on the meeting's page)",
  params: MeetingParams,
  querystring: LangQuery,
  body: MinutesBody,
  response: { 200: MeetingSchema, ...errors },
};
export const decisionSchema = {
  tags: ['chair'],
  summary:
    'A decision with its votes; at a meeting without quorum it is recorded as not taken (7.2.3); about an object, a plan item or a matter, members removed from it stand aside (6.4)',
  params: MeetingParams,
  querystring: LangQuery,
  body: DecisionBody,
  response: { 201: MeetingSchema, ...errors },
};
