// The JSON answer when staff record a council session's decisions on an act's or a summary report's recommendations
// (issue 15 point 3; 3.1; 8.1): 201 with the session when it is new, 200 with recorded false when this session and
// agenda item were recorded before (nothing new written), a refusal as the error it names.
import type { FastifyReply } from 'fastify';
import type { Static } from 'typebox';
import type { ActConsideration } from '../../db/considerations';
import { engineAppError } from '../engine-errors';
import type { considerationBody } from './consideration-schema';

/** The posted session as the use case takes it: a decision without text has the empty text. */
export const postedConsideration = (b: Static<ReturnType<typeof considerationBody>>) => ({
  sessionOn: b.sessionOn,
  agendaItem: b.agendaItem,
  decisions: b.decisions.map((d) => ({ ...d, text: d.text ?? '' })),
});

/** Sends what the use case recorded: 201 when new, 200 when recorded before; a refusal is thrown as its AppError. */
export async function sendConsideration(
  reply: FastifyReply,
  recording: () => Promise<{ consideration: ActConsideration; recorded: boolean }>,
) {
  try {
    const { consideration, recorded } = await recording();
    return reply.code(recorded ? 201 : 200).send({ ...consideration, recorded });
  } catch (error) {
    throw engineAppError(error) ?? error;
  }
}
