// A meeting as the API and the pages show it: the term procedure's record plus the quorum of 7.2.3 with its arithmetic
// in words (domain/meeting.ts quorum), and the minutes' file as a link. Read from the group's term procedure.
import { quorum } from '../../domain/meeting';
import { termState } from '../../procedures/term/term-state';
import type { TermMeeting, TermState } from '../../workflows/term/contract';
import { AppError } from '../app-error';
import type { AppDeps } from '../app-types';
import { procedureDeps } from '../procedure-deps';

export const meetingsPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/meetings`;
export const meetingPath = (groupId: string, meetingId: string) =>
  `${meetingsPath(groupId)}/${encodeURIComponent(meetingId)}`;
export const minutesFilePath = (groupId: string, meetingId: string) =>
  `${meetingPath(groupId, meetingId)}/minutes-file`;

export function meetingView(groupId: string, m: TermMeeting) {
  const a = m.attendance;
  return {
    meetingId: m.meetingId,
    kind: m.kind,
    date: m.date,
    time: m.time,
    place: m.place,
    agenda: m.agenda,
    status: m.status,
    moves: m.moves,
    cancelReason: m.cancelReason,
    attendance: a,
    quorum: a && a.total > 0 ? quorum(a.total, Math.min(a.present, a.total)) : null,
    minutes: m.minutes
      ? {
          date: m.minutes.date,
          text: m.minutes.text,
          file: m.minutes.file
            ? {
                fileName: m.minutes.file.fileName,
                mediaType: m.minutes.file.mediaType,
                sizeBytes: m.minutes.file.sizeBytes,
                url: minutesFilePath(groupId, m.meetingId),
              }
            : null,
        }
      : null,
    decisions: m.decisions.map((d) => ({
      decisionId: d.decisionId,
      text: d.text,
      votes: d.votes,
      taken: d.taken,
      because: d.because,
      subject: d.subject ?? null,
      // Decisions recorded before 6.4 was kept: those present took part.
      participantMembershipIds: d.participantMembershipIds ?? a?.presentMembershipIds ?? [],
      stoodAsideMembershipIds: d.stoodAsideMembershipIds ?? [],
    })),
  };
}
export type MeetingView = ReturnType<typeof meetingView>;

/** The group's term as its procedure keeps it, or null when none runs (never started, ended, or the engine away). */
export async function termOf(deps: AppDeps, groupId: string): Promise<TermState | null> {
  const result = await termState(procedureDeps(deps), { groupId });
  return result.source === 'procedure' ? result.state : null;
}

/** The meeting of the group's term, or 404 naming meetingId. */
export async function meetingOf(
  deps: AppDeps,
  groupId: string,
  meetingId: string,
): Promise<{ term: TermState; meeting: TermMeeting }> {
  const term = await termOf(deps, groupId);
  const meeting = term?.meetings.find((m) => m.meetingId === meetingId);
  if (!term || !meeting)
    throw new AppError('not-found', `meeting ${meetingId} of group ${groupId}`, {
      field: 'meetingId',
      subject: meetingId,
    });
  return { term, meeting };
}
