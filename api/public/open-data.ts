// Open data (issue 15 point 4; 8.1: the group's results are public). GET /groups/:groupId/data lists the files with
// what each column holds (ky/ru/en); GET /api/groups/:groupId/data/:dataset.csv is one file: UTF-8 with a byte-order mark
// (so a spreadsheet opens Cyrillic right), a header row, one row per record, no personal data. The files are part of
// the API as well (the OpenAPI document lists them).
import { stringify } from 'csv-stringify/sync';
import { Type } from 'typebox';
import { findGroupById } from '../../db/groups';
import {
  openDataActs,
  openDataCouncilDecisions,
  openDataPlanItems,
  openDataReports,
  openDataRequests,
} from '../../db/open-data';
import { bishkekDateOf } from '../../domain/dates';
import { datasetRows, OPEN_DATASETS, openDataset, type OpenDataset } from '../../domain/open-data';
import { loc } from '../../domain/i18n';
import { AppError } from '../app-error';
import type { App, AppDeps } from '../app-types';
import { ErrorSchema } from '../schemas';
import { html } from '../ui/html';
import { layout, scrollBox } from '../ui/layout';
import { pageRequest, sendNotFound, sendPage } from '../ui/respond';
import { groupSite } from './site-context';

const TEXT = {
  title: loc('Ачык маалыматтар', 'Открытые данные', 'Open data'),
  intro: loc(
    'Топтун иштеринин жыйынтыктары CSV файлдарында (UTF-8, биринчи сапта тилкелердин аттары). Жеке маалыматтар жок.',
    'Результаты работы группы в файлах CSV (UTF-8, в первой строке названия столбцов). Персональных данных нет.',
    "The group's results as CSV files (UTF-8, the first row names the columns). No personal data.",
  ),
  column: loc('Тилке', 'Столбец', 'Column'),
  holds: loc('Эмнени камтыйт', 'Что содержит', 'What it holds'),
  download: loc('Жүктөп алуу', 'Скачать', 'Download'),
};

/** The link the public pages carry to the files. */
export const OPEN_DATA_LINK = loc('Ачык маалыматтар (CSV)', 'Открытые данные (CSV)', 'Open data (CSV)');

const dataPath = (groupId: string) => `/groups/${encodeURIComponent(groupId)}/data`;

export function openDataPages(app: App, deps: AppDeps): void {
  const today = () => bishkekDateOf((deps.clock ?? Date.now)());

  app.get(
    '/groups/:groupId/data',
    {
      schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) }) },
      config: { access: ['public'], page: true },
    },
    async (request, reply) => {
      const { groupId } = request.params as { groupId: string };
      const page = pageRequest(request, dataPath(groupId));
      const group = await findGroupById(deps.db, groupId);
      if (!group) return sendNotFound(reply, page);
      const l = page.lang;
      const section = (d: OpenDataset) => html`<section>
<h2>${d.title[l]}</h2>
<p><a href="/api${dataPath(groupId)}/${d.name}.csv" download>${TEXT.download[l]}: ${d.name}.csv</a></p>
${scrollBox(
  d.title[l],
  html`<table>
<thead><tr><th scope="col">${TEXT.column[l]}</th><th scope="col">${TEXT.holds[l]}</th></tr></thead>
<tbody>${d.columns.map((c) => html`<tr><td><code>${c.name}</code></td><td>${c.description[l]}</td></tr>\n`)}</tbody>
</table>`,
)}
</section>`;
      return sendPage(
        reply,
        page,
        200,
        layout(page, TEXT.title[l], html`<p>${TEXT.intro[l]}</p>${OPEN_DATASETS.map(section)}`, {
          site: await groupSite(deps.db, l, group),
        }),
      );
    },
  );

  app.get(
    '/api/groups/:groupId/data/:dataset',
    {
      schema: {
        summary:
          "A group's open data as CSV: acts.csv (acts and their answers), requests.csv, plan-items.csv (the approved plan), reports.csv, council-decisions.csv (the council's decision on each recommendation of an act or a report)",
        tags: ['public'],
        params: Type.Object({
          groupId: Type.String({ maxLength: 100 }),
          dataset: Type.String({
            maxLength: 40,
            description: 'acts.csv, requests.csv, plan-items.csv, reports.csv or council-decisions.csv',
          }),
        }),
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'UTF-8 CSV with a byte-order mark and a header row' }),
          404: ErrorSchema,
        },
      },
      config: { access: ['public'] },
    },
    async (request, reply) => {
      const { groupId, dataset: file } = request.params;
      const dataset = file.endsWith('.csv') ? openDataset(file.slice(0, -4)) : undefined;
      const group = dataset ? await findGroupById(deps.db, groupId) : undefined;
      if (!dataset || !group)
        throw new AppError(
          'not-found',
          `no open-data file ${file} for group ${groupId} (acts.csv, requests.csv, plan-items.csv, reports.csv, council-decisions.csv)`,
          {
            subject: groupId,
          },
        );
      const rows = await {
        acts: () => openDataActs(deps.db, groupId, today()),
        requests: () => openDataRequests(deps.db, groupId, today()),
        'plan-items': () => openDataPlanItems(deps.db, groupId),
        reports: () => openDataReports(deps.db, groupId),
        'council-decisions': () => openDataCouncilDecisions(deps.db, groupId),
      }[dataset.name]();
      const csv = stringify([dataset.columns.map((c) => c.name), ...datasetRows(dataset, rows)], {
        bom: true,
        record_delimiter: 'windows',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${dataset.name}.csv"`)
        .send(csv);
    },
  );
}
