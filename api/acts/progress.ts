// Where an act stands is a use case of procedures/acts; the act pages' renderers read its types from here.
export type { ActProgress, ObligationProgress, ResponseProgress } from '../../procedures/acts/act-progress';
