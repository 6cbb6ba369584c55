// The link to a candidate list's template beside each CSV upload of the formation page (csv-template.ts).
import { defineMessages } from '../ui/define-messages';

export const listTemplateMessages = defineMessages({
  ky: {
    'formation.template.link': 'Тизменин үлгүсүн жүктөп алуу (CSV, баш сабы кыргызча)',
    'formation.template.values':
      'Жынысы: эркек же аял; туулган күнү: КК.АА.ЖЖЖЖ. Баш сап жана маанилер кыргызча, орусча же англисче жазылса болот.',
  },
  ru: {
    'formation.template.link': 'Скачать шаблон списка (CSV, заголовки на русском)',
    'formation.template.values':
      'Пол: мужской или женский; дата рождения: ДД.ММ.ГГГГ. Заголовки и значения можно писать на кыргызском, русском или английском.',
  },
  en: {
    'formation.template.link': 'Download the list template (CSV, headers in English)',
    'formation.template.values':
      'Sex: male or female; birth date: DD.MM.YYYY. Headers and values may be in Kyrgyz, Russian or English.',
  },
});
