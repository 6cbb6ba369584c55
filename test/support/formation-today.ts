// The formation's nomination steps (5.4.1-5.4.4) all recorded today, with a valid composition: 2 municipal
// employees, 1 deputy, 4 citizens elected by the gathering. The dev-server test and the procedures benchmark both
// drive a formation this way, in real time.
import type { WorkflowHandle } from '@temporalio/client';
import type { IsoDate } from '../../domain/dates';
import * as f from '../../workflows/formation/contract';

const person = (fullName: string, sex: 'M' | 'F') => ({ fullName, sex, birthDate: '1980' });

/** The citizen elected chair at the first meeting (5.4.6). */
export const TODAY_CHAIR = 'Сыдыкова Жамила';

/** The notice, both lists and the gathering's protocol, each on `today`. */
export async function nominateToday(handle: WorkflowHandle, today: IsoDate): Promise<void> {
  await handle.executeUpdate(f.publishFormationNoticeUpdate, { args: [{ publishedOn: today, channels: ['website'] }] });
  await handle.executeUpdate(f.submitStaffCandidatesUpdate, {
    args: [{ submittedOn: today, candidates: [person('Асанов Бакыт', 'M'), person('Токтогулова Айгүл', 'F')] }],
  });
  await handle.executeUpdate(f.approveDeputyMembersUpdate, {
    args: [{ approvedOn: today, deputies: [person('Жумабеков Нурлан', 'M')] }],
  });
  const citizens = [
    person('Исакова Гүлмира', 'F'),
    person('Осмонов Талант', 'M'),
    person(TODAY_CHAIR, 'F'),
    person('Мамытов Эрлан', 'M'),
  ].map((p) => ({ ...p, votes: 60 }));
  await handle.executeUpdate(f.recordGatheringProtocolUpdate, {
    args: [{ heldOn: today, protocolRef: '1', participants: 90, candidates: citizens }],
  });
}
