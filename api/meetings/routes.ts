// The meetings of the group's term over JSON (7.2.1-7.2.4), thin adapters over procedures/term (and
// procedures/meetings for the annual gathering's public notice):
//   GET  /api/groups/:groupId/meetings                          chair, member, staff, deputy   the term's meetings
//   GET  /api/groups/:groupId/meetings/:meetingId               chair, member, staff, deputy   one, with the quorum
//   POST /api/groups/:groupId/meetings                          chair, staff   schedule (7.2.1; 7.2.4 notice)
//   POST /api/groups/:groupId/meetings/:meetingId/move          chair, staff   another date, time, place
//   POST /api/groups/:groupId/meetings/:meetingId/cancel        chair, staff   with its reason
//   POST /api/groups/:groupId/meetings/:meetingId/attendance    chair, staff   who attended; quorum (7.2.3)
//   POST /api/groups/:groupId/meetings/:meetingId/minutes       chair, staff   date and text (the file: the page)
//   POST /api/groups/:groupId/meetings/:meetingId/decisions     chair, staff   a decision and its votes; what it is
//                                                                              about, who voted, who stood aside (6.4)
// Refusals are the use cases' and the procedure's: 400 naming the field and the clause, nothing written; a member
// removed from the decision's subject listed among those who voted is 409 naming 6.4 (procedures/term/meetings.ts).
import { randomUUID } from 'node:crypto';
import {
  cancelAnnouncedMeeting,
  moveAnnouncedMeeting,
  scheduleAnnouncedMeeting,
} from '../../procedures/meetings/announced-meetings';
import { recordAttendance, recordDecision, recordMinutes } from '../../procedures/term/meetings';
import { actorOf } from '../acts/common';
import type { App, AppDeps } from '../app-types';
import { requireRole } from '../auth/require-role';
import { procedureDeps } from '../procedure-deps';
import {
  attendanceSchema,
  cancelMeetingSchema,
  decisionSchema,
  getMeetingSchema,
  listMeetingsSchema,
  minutesSchema,
  moveMeetingSchema,
  scheduleMeetingSchema,
} from './schema';
import { meetingOf, meetingView, termOf } from './view';
import { meetingsPages } from './pages';
import { publicMinutesPages } from '../public/meeting-minutes';

export const MEETING_READERS = ['chair', 'member', 'staff', 'deputy'] as const;
export const MEETING_MANAGERS = ['chair', 'staff'] as const;

export function meetingsRoutes(app: App, deps: AppDeps): void {
  const readers = { config: { access: MEETING_READERS }, preValidation: requireRole(deps.db, MEETING_READERS) };
  const managers = { config: { access: MEETING_MANAGERS }, preValidation: requireRole(deps.db, MEETING_MANAGERS) };

  app.get('/api/groups/:groupId/meetings', { schema: listMeetingsSchema, ...readers }, async (request) => {
    const { groupId } = request.params;
    const term = await termOf(deps, groupId);
    return {
      groupId,
      source: term ? ('procedure' as const) : ('none' as const),
      term: term
        ? { termStart: term.termStart, termEnd: term.termEnd, status: term.status, members: term.members }
        : null,
      meetings: (term?.meetings ?? []).map((m) => meetingView(groupId, m)),
    };
  });

  app.get('/api/groups/:groupId/meetings/:meetingId', { schema: getMeetingSchema, ...readers }, async (request) => {
    const { groupId, meetingId } = request.params;
    return meetingView(groupId, (await meetingOf(deps, groupId, meetingId)).meeting);
  });

  app.post('/api/groups/:groupId/meetings', { schema: scheduleMeetingSchema, ...managers }, async (request, reply) => {
    const { groupId } = request.params;
    const b = request.body;
    const done = await scheduleAnnouncedMeeting(procedureDeps(deps, request.log), {
      groupId,
      meetingId: b.meetingId ?? randomUUID(),
      kind: b.kind ?? 'regular',
      date: b.date,
      time: b.time,
      place: b.place,
      agenda: b.agenda,
      actor: actorOf(request),
    });
    return reply.status(201).send({ meeting: meetingView(groupId, done.meeting), notice: done.notice });
  });

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/move',
    { schema: moveMeetingSchema, ...managers },
    async (request) => {
      const { groupId, meetingId } = request.params;
      const b = request.body;
      const done = await moveAnnouncedMeeting(procedureDeps(deps, request.log), {
        groupId,
        meetingId,
        date: b.date,
        time: b.time,
        ...(b.place === undefined ? {} : { place: b.place }),
        reason: b.reason ?? null,
        actor: actorOf(request),
      });
      return { meeting: meetingView(groupId, done.meeting), notice: done.notice };
    },
  );

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/cancel',
    { schema: cancelMeetingSchema, ...managers },
    async (request) => {
      const { groupId, meetingId } = request.params;
      const done = await cancelAnnouncedMeeting(procedureDeps(deps, request.log), {
        groupId,
        meetingId,
        reason: request.body.reason,
        actor: actorOf(request),
      });
      return { meeting: meetingView(groupId, done.meeting), notice: done.notice };
    },
  );

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/attendance',
    { schema: attendanceSchema, ...managers },
    async (request) => {
      const { groupId, meetingId } = request.params;
      const meeting = await recordAttendance(procedureDeps(deps, request.log), {
        groupId,
        meetingId,
        heldOn: request.body.heldOn,
        presentMembershipIds: request.body.presentMembershipIds,
        actor: actorOf(request),
      });
      return meetingView(groupId, meeting);
    },
  );

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/minutes',
    { schema: minutesSchema, ...managers },
    async (request) => {
      const { groupId, meetingId } = request.params;
      const meeting = await recordMinutes(procedureDeps(deps, request.log), {
        groupId,
        meetingId,
        date: request.body.date,
        text: request.body.text,
        actor: actorOf(request),
      });
      return meetingView(groupId, meeting);
    },
  );

  app.post(
    '/api/groups/:groupId/meetings/:meetingId/decisions',
    { schema: decisionSchema, ...managers },
    async (request, reply) => {
      const { groupId, meetingId } = request.params;
      await recordDecision(procedureDeps(deps, request.log), {
        groupId,
        meetingId,
        decisionId: request.body.decisionId ?? randomUUID(),
        text: request.body.text,
        votes: request.body.votes,
        about: request.body.about ?? null,
        participantMembershipIds: request.body.participantMembershipIds ?? null,
        actor: actorOf(request),
      });
      return reply.status(201).send(meetingView(groupId, (await meetingOf(deps, groupId, meetingId)).meeting));
    },
  );

  meetingsPages(app, deps);
  publicMinutesPages(app, deps);
}
