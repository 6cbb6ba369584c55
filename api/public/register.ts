// The public pages (no login): the home page, notice board, its Atom feed, printable notices, group composition, acts,
// deadline calculator.
import type { App, AppDeps } from '../app-types';
import { actPage } from '../acts/public-page';
import { deadlinePage } from '../calendar/deadline-page';
import { groupActsPage } from './group-acts';
import { homePage } from './home-page';
import { groupCompositionPage } from './composition-page';
import { noticeBoardPage } from './notice-board';
import { noticeFeed } from './notice-feed';
import { noticePrintPage } from './notice-print';
import { openDataPages } from './open-data';

export function publicPages(app: App, deps: AppDeps): void {
  homePage(app, deps);
  noticeBoardPage(app, deps);
  noticeFeed(app, deps);
  noticePrintPage(app, deps);
  groupCompositionPage(app, deps);
  deadlinePage(app, deps);
  groupActsPage(app, deps);
  actPage(app, deps);
  openDataPages(app, deps);
}
