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
  decision: { decidedOn: IsoDate; resolutionNumber: string; termEnd: IsoDate } | null;
  meeting: { meetingId: string; date: IsoDate; time: string; place: string; warnings: Localized[] } | null;
  creationNotice: PublishedNotice | null;
  firstMeeting: {
    heldOn: IsoDate;
    present: number;
    chair: { candidateId: string; fullName: string; votesFor: number; votesAgainst: number; abstained: number };
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
  chairElection: { candidateId?: string; fullName?: string; votesFor: number; votesAgainst: number; abstained: number };
}
