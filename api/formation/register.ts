// Everything of the formation area in one registration: the JSON API, the step-by-step page with its forms, the
// start page and the staff/deputy home (/manage) that links to every area.
import type { App, AppDeps } from '../app-types';
import { formationPages } from './page';
import { formationStartPage } from './start-page';
import { manageHomePage } from '../councils/manage-home';
import { formationApiRoutes } from './routes';
import { formationRecordRoute } from './record';
import { csvTemplateRoute } from './csv-template';

export function formationRoutes(app: App, deps: AppDeps): void {
  formationApiRoutes(app, deps);
  formationRecordRoute(app, deps);
  formationStartPage(app, deps);
  formationPages(app, deps);
  manageHomePage(app, deps);
  csvTemplateRoute(app);
}
