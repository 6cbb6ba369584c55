// A catalogue's texts: the Kyrgyz keys are the keys; ru and en must have exactly them (a type error otherwise).
// Texts are ICU MessageFormat (domain/format-message.ts): {name}, {n, plural, ...}, {x, select, ...}.
export interface AreaMessages<K extends string> {
  ky: Readonly<Record<K, string>>;
  ru: Readonly<Record<K, string>>;
  en: Readonly<Record<K, string>>;
}

export function defineMessages<K extends string>(messages: AreaMessages<K>): AreaMessages<K> {
  return messages;
}
