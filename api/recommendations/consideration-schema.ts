// The JSON shapes of the council's decisions on an act's or a summary report's recommendations (issue 15 point 3; 3.1;
// 8.1): what staff post and what the API answers, the same for both but for the word naming the subject.
import { Type } from 'typebox';
import { COUNCIL_DECISIONS } from '../../domain/council-consideration';

/** A council session's decisions as posted; the descriptions name the act or the report. */
export const considerationBody = (subject: 'act' | 'report') =>
  Type.Object(
    {
      sessionOn: Type.String({
        maxLength: 20,
        description: `YYYY-MM-DD, the council session that considered the ${subject}`,
      }),
      agendaItem: Type.String({ maxLength: 500 }),
      decisions: Type.Array(
        Type.Object(
          {
            recommendation: Type.Integer({
              minimum: 1,
              maximum: 1000,
              description: `numbered from 1 as the ${subject} lists them`,
            }),
            decision: Type.Enum([...COUNCIL_DECISIONS]),
            text: Type.Optional(Type.String({ maxLength: 4000, description: 'required unless accepted' })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  );

const DecisionView = Type.Object({
  recommendation: Type.Integer(),
  decision: Type.Enum([...COUNCIL_DECISIONS]),
  text: Type.String(),
});

/** The recorded session with its decisions; recorded false: recorded before, nothing new was written. */
export const ConsiderationView = Type.Object({
  considerationId: Type.String(),
  sessionOn: Type.String(),
  agendaItem: Type.String(),
  decisions: Type.Array(DecisionView),
  recorded: Type.Boolean({
    description: 'false: this session and agenda item were recorded before; nothing new was written',
  }),
});

/** Each recommendation with the council's decisions on it, and the sessions, as the public API shows them. */
export const RecommendationDecisionsView = {
  recommendations: Type.Array(
    Type.Object({
      number: Type.Integer(),
      text: Type.String(),
      decisions: Type.Array(
        Type.Object({
          sessionOn: Type.String(),
          agendaItem: Type.String(),
          decision: Type.Enum([...COUNCIL_DECISIONS]),
          text: Type.String(),
        }),
      ),
    }),
  ),
  sessions: Type.Array(Type.Object({ sessionOn: Type.String(), agendaItem: Type.String() })),
};
