// An area's labels: the Kyrgyz keys are the keys; ru and en must have exactly them (a type error otherwise).
export { defineMessages, type AreaMessages } from '../../domain/define-messages';
