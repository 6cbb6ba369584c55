import type { DomainEvent, EventMeta } from '../events';

/** A stored event of one family: what a projection's apply receives. */
export type Stored<E extends DomainEvent> = E & EventMeta;
