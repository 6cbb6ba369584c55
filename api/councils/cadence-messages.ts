// Labels of a council's cadence setting (7.2.2): which reading of "once a quarter" its groups' meetings are checked
// against. The readings' own words are domain/meeting.ts's CADENCE_READINGS.
import { defineMessages } from '../ui/define-messages';

export const cadenceMessages = defineMessages({
  ky: {
    'cadence.title': 'Жыйналыштардын мезгилдүүлүгү (7.2.2)',
    'cadence.link': 'Жыйналыштардын мезгилдүүлүгү (7.2.2)',
    'cadence.intro':
      'Жобонун 7.2.2-пунктунун кыргызча тексти топтун жыйналыштары "кварталда бир жолудан көп эмес" өткөрүлөт дейт; "кварталда кеминде бир жолу" деген маани ыктымалыраак. Кеңеш кайсы окууну тандаса, ошол боюнча төрагага башкаруу тактасында эскертүү чыгат (квартал бүтөөрдөн үч жумуш күнү мурун). Эскертүү эч нерсени бөгөттөбөйт.',
    'cadence.current': 'Азыр: {value}',
    'cadence.reading': 'Окуу',
    'cadence.submit': 'Сактоо',
    'cadence.saved': 'Сакталды.',
    'cadence.back': 'Башкаруу барагына кайтуу',
    'cadence.problem.reading': 'Эки окуунун бирин тандаңыз (7.2.2).',
  },
  ru: {
    'cadence.title': 'Периодичность заседаний (7.2.2)',
    'cadence.link': 'Периодичность заседаний (7.2.2)',
    'cadence.intro':
      'Кыргызский текст п. 7.2.2 Положения говорит, что заседания группы проводятся «не чаще одного раза в квартал»; вероятнее, имелось в виду «не реже одного раза в квартал». По выбранному кенешем прочтению председатель видит предупреждение на панели (за три рабочих дня до конца квартала). Предупреждение ничего не блокирует.',
    'cadence.current': 'Сейчас: {value}',
    'cadence.reading': 'Прочтение',
    'cadence.submit': 'Сохранить',
    'cadence.saved': 'Сохранено.',
    'cadence.back': 'Вернуться на страницу управления',
    'cadence.problem.reading': 'Выберите одно из двух прочтений (7.2.2).',
  },
  en: {
    'cadence.title': 'Cadence of meetings (7.2.2)',
    'cadence.link': 'Cadence of meetings (7.2.2)',
    'cadence.intro':
      'The Kyrgyz text of clause 7.2.2 says the group meets "not more than once a quarter"; "at least once a quarter" is the likelier intent. The chair is warned on the dashboard by the reading the council chooses (three working days before a quarter ends). The warning never blocks anything.',
    'cadence.current': 'Now: {value}',
    'cadence.reading': 'Reading',
    'cadence.submit': 'Save',
    'cadence.saved': 'Saved.',
    'cadence.back': 'Back to the management page',
    'cadence.problem.reading': 'Choose one of the two readings (7.2.2).',
  },
});
