// The formation of a group (5.3, 5.4) as data: the steps, the people nominated and the gathering's protocols,
// the notices, the state the checks of formation-checks.ts read, and what staff send for each step.
import type { CompositionResult } from './composition';
import type { IsoDate } from './dates';
import type { Localized } from './i18n';
import type { ObligationState } from './obligation-state';
import type { BirthDate, Category, RosterMember, Sex } from './roster';

export type FormationStep =
  | 'formation-notice' // 5.4.1
  | 'nominations' // 5.4.2-5.4.4 and the composition check
  | 'council-decision' // 5.4.5
  | 'first-meeting-scheduling' // 5.3.2
  | 'creation-notice' // 5.3.3, 5.4.7
  | 'first-meeting' // 5.4.6
  | 'handed-over'; // the group is active; its term takes over

export type NoticeChannel = 'website' | 'notice_board';

/** A person as staff enter them; phone, e-mail and birth date are personal data (never published). */
export interface PersonInput {
  fullName: string;
  sex: Sex;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', or the parsed form. */
  birthDate: BirthDate | string;
  workplace?: string | null;
  village?: string | null;
  phone?: string | null;
  email?: string | null;
}

export type NominationSource = 'executive_head' | 'council_chair' | 'community_gathering';

/** A nominated person: the roster fields (domain/roster.ts) plus where the nomination came from. */
export interface Candidate extends RosterMember {
  candidateId: string;
  source: NominationSource;
  nominatedOn: IsoDate;
  /** 5.4.4: the gathering's protocol and the votes, for citizens. */
  protocolId: string | null;
  votes: number | null;
}

export interface GatheringProtocol {
  protocolId: string;
  heldOn: IsoDate;
  protocolRef: string;
  place: string | null;
  participants: number;
  /** Every name voted on, elected or not (5.4.4: a majority of participants' votes elects). */
  results: { fullName: string; votes: number; elected: boolean }[];
}

export interface PublishedNotice {
  noticeId: string;
  publishedOn: IsoDate;
  channels: NoticeChannel[];
  text: { ky: string; ru: string };
}

export interface FormationState {
  councilId: string;
  groupId: string;
  formedOn: IsoDate;
  step: FormationStep;
  /** The date the workflow's clock reads (Asia/Bishkek). */
  today: IsoDate;
  formationNotice: PublishedNotice | null;
  staffCandidatesOn: IsoDate | null;
  deputyMembersOn: IsoDate | null;
  protocols: GatheringProtocol[];
  candidates: Candidate[];
  /** The composition check on the decision date (or today before it), with the clause and arithmetic of each finding. */
  composition: CompositionResult | null;
  decision: {
    decidedOn: IsoDate;
    resolutionNumber: string;
    termEnd: IsoDate;
    /**
     * 5.4.5: the decision is recorded as the council adopted it; each rule of 5.2 its composition breaks, with the
     * clause (absent in procedures recorded before decisions were recorded as adopted: those had none).
     */
    violations?: DecisionViolation[];
    /** The chair the decision itself named (5.4.6 is then not voted at the first meeting), or null. */
    chair?: { candidateId: string; fullName: string } | null;
  } | null;
  meeting: {
    meetingId: string;
    date: IsoDate;
    time: string;
    place: string;
    warnings: Localized[];
    /** 5.3.2: the first meeting's last day, and whether this date is after it (a move past it is shown as late). */
    late?: boolean;
  } | null;
  creationNotice: PublishedNotice | null;
  /** The first meetings scheduled before the current one: moved (5.3.3) or held without quorum (7.2.3). */
  earlierMeetings?: EarlierMeeting[];
  firstMeeting: {
    heldOn: IsoDate;
    present: number;
    /** Null votes: the council's decision named the chair (5.4.5), so none was elected at the meeting. */
    chair: {
      candidateId: string;
      fullName: string;
      votesFor: number | null;
      votesAgainst: number | null;
      abstained: number | null;
    };
  } | null;
  /** Every obligation the procedure opened, in the order opened, with its due date, ladder and status. */
  obligations: ObligationState[];
}

export interface PublishNoticeInput {
  publishedOn: IsoDate;
  channels: NoticeChannel[];
  /** The notice's text; a standard text is composed when absent. */
  text?: { ky: string; ru: string };
}

export interface StaffCandidatesInput {
  /** The day the executive head sent the list to the council (5.4.2). */
  submittedOn: IsoDate;
  candidates: PersonInput[];
}

export interface DeputyMembersInput {
  /** The day the council chair approved the deputies (5.4.3). */
  approvedOn: IsoDate;
  deputies: PersonInput[];
}

export interface GatheringInput {
  heldOn: IsoDate;
  protocolRef: string;
  place?: string | null;
  participants: number;
  candidates: (PersonInput & { votes: number })[];
}

/** A candidate added outside the first lists: a municipal employee or deputy by the same authority, a citizen by a gathering protocol. */
export interface AddCandidateInput {
  category: Category;
  person: PersonInput;
  nominatedOn: IsoDate;
  /** Citizens: the protocol of the gathering that elected them (they must be in it with a majority, 5.4.4). */
  protocolId?: string;
}

export interface RemoveCandidateInput {
  candidateId: string;
  reason: string;
}

export interface ReplaceCandidateInput extends AddCandidateInput {
  candidateId: string;
  reason: string;
}

export interface CouncilDecisionInput {
  decidedOn: IsoDate;
  resolutionNumber: string;
  /** The chair, when the resolution names one directly (by candidate id or full name). */
  chair?: { candidateId?: string; fullName?: string };
}

/** One rule of 5.2 the adopted composition breaks (domain/composition.ts findings of severity 'violation'). */
export interface DecisionViolation {
  code: string;
  clause: string | null;
  message: Localized;
}

/** A first meeting that did not become the first meeting: moved before it was held, or held without quorum. */
export interface EarlierMeeting {
  meetingId: string;
  date: IsoDate;
  time: string;
  place: string;
  /** The creation notice published for it (5.3.3), if one was. */
  notice: PublishedNotice | null;
  outcome:
    | { kind: 'moved'; on: IsoDate; reason: string | null }
    | { kind: 'no-quorum'; heldOn: IsoDate; present: number; total: number };
}

/**
 * 5.3.3, 5.3.2: a scheduled first meeting moved before it is held (new date, time, place), or, with `withoutQuorum`,
 * recorded as held without quorum (7.2.3) and a new one scheduled.
 */
export interface MoveFirstMeetingInput {
  date: IsoDate;
  /** 'HH:MM', Asia/Bishkek. */
  time: string;
  place: string;
  reason?: string | null;
  withoutQuorum?: { heldOn: IsoDate; present: number };
}

export interface ScheduleFirstMeetingInput {
  date: IsoDate;
  /** 'HH:MM', Asia/Bishkek. */
  time: string;
  place: string;
}

export interface FirstMeetingInput {
  heldOn: IsoDate;
  present: number;
  /** 5.4.6: required unless the council's decision named the chair. */
  chairElection?: {
    candidateId?: string;
    fullName?: string;
    votesFor: number;
    votesAgainst: number;
    abstained: number;
  };
}
