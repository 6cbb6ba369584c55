import { Type } from 'typebox';
import { LANGS } from '../../domain/i18n';
import { ErrorSchema, GroupParams, Strict } from '../schemas';

export const GroupIcsQuery = Strict({
  token: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        "The group's feed token (from the dashboard's subscription link); not needed with a signed-in session of the group",
    }),
  ),
  lang: Type.Optional(
    Type.Enum([...LANGS], {
      description:
        'Language of the event texts (default ky; Accept-Language is not used: calendar apps send their own)',
    }),
  ),
});

export const groupIcsSchema = {
  summary: "The group's open deadlines and scheduled meetings as an iCalendar feed (subscribe on a phone)",
  description:
    "text/calendar: one all-day event per open obligation on its due date (UID obligation-<id>@jmeg, a reminder at 09:00 the day before) and one event per scheduled meeting in Asia/Bishkek time. No personal data. Needs the group's feed token (?token=) or a signed-in chair, member, staff or deputy of the group; otherwise 404, the same for a group that does not exist.",
  tags: ['chair'],
  params: GroupParams,
  querystring: GroupIcsQuery,
  produces: ['text/calendar'],
  response: {
    200: Type.String({ description: 'An iCalendar (RFC 5545) document, text/calendar' }),
    400: ErrorSchema,
    404: ErrorSchema,
  },
};
