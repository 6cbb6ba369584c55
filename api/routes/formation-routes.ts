// Everything of the formation area in one registration: the JSON API, the step-by-step page with its forms, the
// start page and the staff/deputy home (/manage) that links to every area.
import type { App, AppDeps } from '../app-types';
import { formationPages } from '../pages/formation-page';
import { formationStartPage } from '../pages/formation-start-page';
import { manageHomePage } from '../pages/manage-home';
import { formationApiRoutes } from './formation';
import { formationRecordRoute } from './formation-record';

export function formationRoutes(app: App, deps: AppDeps): void {
  formationApiRoutes(app, deps);
  formationRecordRoute(app, deps);
  formationStartPage(app, deps);
  formationPages(app, deps);
  manageHomePage(app, deps);
}
