// Everything of taking on an existing group in one registration: the JSON route and the staff pages.
import type { App, AppDeps } from '../app-types';
import { groupsAdoptPages } from './adopt-page';
import { groupsApiRoutes } from './routes';

export function groupsRoutes(app: App, deps: AppDeps): void {
  groupsApiRoutes(app, deps);
  groupsAdoptPages(app, deps);
}
