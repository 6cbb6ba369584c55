// PUT /api/councils/:councilId/<setting>: a number of calendar days the council sets for itself where the regulation
// sets none (the summary report's due date, the period for considering acts and reports); staff of the council only.
// Answers { days, changed }: the same number again changes nothing.
import { Type } from 'typebox';
import { actorOf } from '../acts/common';
import type { App, AppDeps } from '../app-types';
import { requireCouncilRole } from '../auth/require-role';
import { engineAppError } from '../engine-errors';
import { ErrorSchema } from '../schemas';

const CouncilParams = Type.Object({ councilId: Type.String({ minLength: 1, maxLength: 200 }) });
const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  503: ErrorSchema,
};

export function councilDaysSettingRoute(
  app: App,
  deps: AppDeps,
  setting: {
    url: string;
    summary: string;
    range: { min: number; max: number };
    set: (input: { councilId: string; days: number; actor: string }) => Promise<{ days: number; changed: boolean }>;
  },
): void {
  app.put(
    setting.url,
    {
      schema: {
        summary: setting.summary,
        tags: ['councils'],
        params: CouncilParams,
        body: Type.Object(
          { days: Type.Integer({ minimum: setting.range.min, maximum: setting.range.max }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ days: Type.Integer(), changed: Type.Boolean() }), ...errors },
      },
      config: { access: ['staff'] },
      preValidation: requireCouncilRole(deps.db, ['staff']),
    },
    async (request) => {
      const { councilId } = request.params;
      const { days } = request.body;
      try {
        return await setting.set({ councilId, days, actor: actorOf(request) });
      } catch (error) {
        throw engineAppError(error) ?? error;
      }
    },
  );
}
