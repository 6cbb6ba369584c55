// The public pages (no login): notice board, its Atom feed, printable notices, group composition, deadline calculator.
import type { App, AppDeps } from '../app-types';
import { actPage } from './act-page';
import { deadlinePage } from './deadline-page';
import { groupActsPage } from './group-acts';
import { groupCompositionPage } from './group-composition';
import { noticeBoardPage } from './notice-board';
import { noticeFeed } from './notice-feed';
import { noticePrintPage } from './notice-print';

export function publicPages(app: App, deps: AppDeps): void {
  noticeBoardPage(app, deps);
  noticeFeed(app, deps);
  noticePrintPage(app, deps);
  groupCompositionPage(app, deps);
  deadlinePage(app, deps);
  groupActsPage(app, deps);
  actPage(app, deps);
}
