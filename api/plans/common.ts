// Shared by the work plan's routes (7.3.1): loading a plan of the group in the path, refusals as AppErrors, labels.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { buildTransport } from '../../activities/mail/build-transport';
import type { Database } from '../../db/database';
import { findPlan, type WorkPlan } from '../../db/plans';
import type { Lang } from '../../domain/i18n';
import type { SendPlanDeps } from '../../procedures/plans/plans';
import { responseLinkSecret } from '../../security/server-secret';
import { AppError } from '../app-error';
import type { AppDeps } from '../app-types';
import { engineAppError } from '../engine-errors';
import { origin } from '../ui/respond';

export const managePlansPath = (groupId: string) => `/manage/groups/${encodeURIComponent(groupId)}/plans`;
export const managePlanPath = (groupId: string, planId: string) =>
  `${managePlansPath(groupId)}/${encodeURIComponent(planId)}`;
export const publicPlanPath = (groupId: string) => `/groups/${encodeURIComponent(groupId)}/plan`;

/** The plan, when it is the group's: else a 404 (a plan id of another group tells nothing). */
export async function planOfGroup(db: Kysely<Database>, groupId: string, planId: string): Promise<WorkPlan> {
  const plan = await findPlan(db, planId);
  if (!plan || plan.groupId !== groupId)
    throw new AppError('not-found', `plan ${planId} of group ${groupId}`, { subject: planId });
  return plan;
}

export const planError = (error: unknown): AppError | null =>
  error instanceof AppError ? error : engineAppError(error);

/** An object's name in the page's language (Kyrgyz, else Russian: the register keeps the two state languages). */
export const objectName = (name: { ky: string; ru: string }, lang: Lang): string => (lang === 'ky' ? name.ky : name.ru);

/** The link secret, the link's life and the address people reach the app at; the caller closes the transport. */
export function sendDeps(deps: AppDeps, request: FastifyRequest): SendPlanDeps & { close: () => void } {
  const transport = buildTransport(deps.config);
  return {
    db: deps.db,
    now: deps.clock ?? Date.now,
    link: {
      secret: responseLinkSecret(deps.config),
      days: deps.config.responseLinkDays,
      baseUrl: origin(request, deps.config).replace(/\/+$/, ''),
    },
    transport,
    close: () => transport.close(),
  };
}
