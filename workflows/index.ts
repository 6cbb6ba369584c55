// Every workflow the worker registers (unique names: webpack may drop clashing `export *` names).
export { formationWorkflow } from './formation/formation-workflow';
export { actWorkflow } from './act/act-workflow';
export { requestWorkflow } from './request/request-workflow';
export { termWorkflow } from './term/term-workflow';
export { reportWorkflow } from './report/report-workflow';
export { conflictWorkflow } from './conflict/conflict-workflow';
