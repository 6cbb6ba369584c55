import { Type } from 'typebox';
import { TIMELINE_KINDS } from '../../db/timeline';
import {
  CalendarNameSchema,
  ErrorSchema,
  GroupParams,
  InstantSchema,
  IsoDateSchema,
  LangSchema,
  Nullable,
  Strict,
} from '../schemas';
import { PendingObligationSchema } from './obligations.schema';

export const DashboardQuery = Strict({
  filter: Type.Optional(
    Type.Enum(['overdue', 'due-this-week'], {
      description: 'Only the overdue ones, or only those due from today to Sunday',
    }),
  ),
  object: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Only the obligations about this monitored object's acts",
    }),
  ),
  lang: Type.Optional(LangSchema),
});

const DashboardObligationSchema = Type.Object({
  ...PendingObligationSchema.properties,
  link: Nullable(
    Type.String({
      description:
        'Where to act on it: /manage/acts/:actId (chair, staff), the public act page (members, deputies), or /manage/groups/:groupId/formation',
    }),
  ),
  dueOnCurrentCalendar: Nullable(IsoDateSchema),
});

const TimelineEntrySchema = Type.Object({
  position: Type.Integer(),
  at: InstantSchema,
  date: IsoDateSchema,
  kind: Type.Enum([...TIMELINE_KINDS]),
  count: Type.Integer({ minimum: 1 }),
  text: Type.String({ description: "The entry in the request's language" }),
  obligation: Type.Optional(Type.Object({ id: Type.String(), key: Type.String(), clause: Type.String() })),
  rung: Type.Optional(Type.String()),
  dueDate: Type.Optional(IsoDateSchema),
  detail: Type.Optional(Type.String()),
  meetingDate: Type.Optional(IsoDateSchema),
  meetingTime: Type.Optional(Nullable(Type.String())),
  actNumber: Type.Optional(Type.String()),
  receivedVia: Type.Optional(Type.Enum(['link', 'staff'])),
  late: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Nullable(Type.String())),
});

export const FeedLinkSchema = Type.Object({
  createdAt: InstantSchema,
  url: Nullable(
    Type.String({
      description: 'The subscription URL with its token (null: made with another server secret; regenerate)',
    }),
  ),
  webcalUrl: Nullable(Type.String()),
});

export const DashboardResponse = Type.Object({
  groupId: Type.String(),
  councilId: Type.String(),
  councilName: Nullable(CalendarNameSchema),
  groupStatus: Type.String(),
  today: IsoDateSchema,
  viewer: Type.Object({ role: Type.String(), canManage: Type.Boolean(), seesContacts: Type.Boolean() }),
  filter: Type.Object({ filter: Nullable(Type.String()), objectId: Nullable(Type.String()) }),
  obligations: Type.Array(DashboardObligationSchema, {
    description: 'Overdue first (longest overdue first), then open by due date, then recently closed',
  }),
  counts: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), dueThisWeek: Type.Integer() }),
  chart: Type.Array(
    Type.Object({
      objectId: Nullable(Type.String()),
      name: Nullable(CalendarNameSchema),
      overdue: Type.Integer(),
      open: Type.Integer(),
    }),
    {
      description:
        'Open obligations by object (objectId null: the formation, which concerns no object); open = not yet overdue',
    },
  ),
  objects: Type.Array(Type.Object({ id: Type.String(), name: CalendarNameSchema })),
  timeline: Type.Object({
    formation: Type.Array(TimelineEntrySchema),
    acts: Type.Array(
      Type.Object({
        actId: Type.String(),
        number: Nullable(Type.String()),
        title: Type.String(),
        status: Type.String(),
        objectName: CalendarNameSchema,
        entries: Type.Array(TimelineEntrySchema),
      }),
      { description: 'Acts not closed, and closed acts whose last event is within 90 days' },
    ),
    olderClosedActs: Type.Integer({
      description: 'Closed acts left out of the timeline (older); the acts list has them all',
    }),
  }),
  meetings: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      date: IsoDateSchema,
      time: Nullable(Type.String()),
      place: Nullable(Type.String()),
    }),
  ),
  members: Type.Array(
    Type.Object({
      membershipId: Type.String(),
      fullName: Type.String(),
      category: Type.String(),
      role: Type.String(),
      village: Nullable(Type.String()),
      phone: Nullable(Type.String({ description: 'Only for the chair and staff' })),
      email: Nullable(Type.String({ description: 'Only for the chair and staff' })),
    }),
  ),
  feed: Nullable(FeedLinkSchema),
  term: Nullable(
    Type.Object(
      {
        start: IsoDateSchema,
        end: IsoDateSchema,
        daysLeft: Type.Integer(),
        ended: Type.Boolean(),
        next: Nullable(
          Type.Object({
            meetingId: Type.String(),
            kind: Type.String(),
            date: IsoDateSchema,
            time: Nullable(Type.String()),
            place: Nullable(Type.String()),
          }),
        ),
        quarter: Type.Object({
          year: Type.Integer(),
          quarter: Type.Integer(),
          start: IsoDateSchema,
          end: IsoDateSchema,
          meetings: Type.Integer(),
          reading: Type.String({ description: "The council's reading of 7.2.2" }),
          state: Type.Enum(['ok', 'no-meeting-yet', 'more-than-one'], { description: 'A warning unless ok (7.2.2)' }),
          warningOn: IsoDateSchema,
        }),
        held: Type.Integer({ description: 'Meetings held in the term' }),
        attendance: Type.Array(
          Type.Object({
            membershipId: Type.String(),
            fullName: Type.String(),
            role: Type.String(),
            attended: Type.Integer(),
          }),
        ),
      },
      { description: 'The term (5.3.1), the next meeting, the quarter (7.2.2), attendance per member (7.2.3)' },
    ),
  ),
});

export const dashboardSchema = {
  summary:
    "The chair's dashboard: obligations (overdue first), the chart by object, the timelines, meetings to come, members",
  description:
    'Chair, members, staff and deputies of the group read it; phones and e-mails of members and the feed link only for the chair and staff. Read from the database alone (works without Temporal).',
  tags: ['chair'],
  params: GroupParams,
  querystring: DashboardQuery,
  response: { 200: DashboardResponse, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema },
};

export const feedTokenSchema = {
  summary: "Makes a new subscription link for the group's calendar feed; the previous link stops working",
  tags: ['chair'],
  params: GroupParams,
  querystring: Strict({ lang: Type.Optional(LangSchema) }),
  response: {
    201: Type.Object({ createdAt: InstantSchema, url: Type.String(), webcalUrl: Type.String() }),
    401: ErrorSchema,
    403: ErrorSchema,
    404: ErrorSchema,
  },
};
