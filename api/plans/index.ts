// The group's work plan (7.3.1): every route of the area, registered by api/build-app.ts in one line.
import type { App, AppDeps } from '../app-types';
import { planLinkRoutes } from './link';
import { publicPlanRoutes } from './public';
import { planRoutes } from './routes';

export function plansArea(app: App, deps: AppDeps): void {
  planRoutes(app, deps);
  planLinkRoutes(app, deps);
  publicPlanRoutes(app, deps);
}
