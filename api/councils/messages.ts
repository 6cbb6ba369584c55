// Labels of the councils area: registering a council (/manage/councils/new), the hints /manage shows for a council
// not ready yet (no executive body: 5.4.1 has nobody to remind), and the words of a refused council registration.
import { defineMessages } from '../ui/define-messages';

export const councilsMessages = defineMessages({
  ky: {
    'councils.new.title': 'Кеңешти каттоо',
    'councils.new.intro':
      'Бул система тейлеген айылдык кеңешти каттаңыз: аталышы кыргыз жана орус тилдеринде (жарыяларда ушундай жазылат). Кеңештин электрондук почтасына кеңештин төрагасына тиешелүү эскертүүлөр жиберилет (5.4.3).',
    'councils.new.next':
      'Андан кийин: кеңештин мониторинг объекттеринин барагында анын аткаруу органын (айыл өкмөтүн) каттаңыз: 5.4.1-пункттагы милдет ага жүктөлөт.',
    'councils.field.nameKy': 'Кеңештин аталышы кыргызча',
    'councils.field.nameKyHint': 'Мисалы: Ак-Суу айылдык кеңеши',
    'councils.field.nameRu': 'Кеңештин аталышы орусча',
    'councils.field.nameRuHint': 'Мисалы: Ак-Суйский айылный кенеш',
    'councils.field.email': 'Кеңештин электрондук почтасы (милдеттүү эмес)',
    'councils.field.emailHint':
      'Мисалы: kenesh@aksuu.kg. Кеңештин төрагасы 5.4.3-пункт боюнча эскертүүлөрдү ушул дарек аркылуу алат.',
    'councils.field.website': 'Расмий сайты (милдеттүү эмес)',
    'councils.field.websiteHint': 'Мисалы: https://aksuu.kg. Жарыялар ушул сайтта да жарыяланышы мүмкүн (5.4.1).',
    'councils.field.timeZone': 'Убакыт алкагы',
    'councils.submit': 'Кеңешти каттоо',
    'councils.back': 'Башкаруу барагына кайтуу',
    'councils.problem.required': 'Бул талаа толтурулушу керек.',
    'councils.problem.characters': 'Башкаруучу символдорго же бузулган символдорго жол берилбейт.',
    'councils.problem.tooLong': 'Өтө узун: {max} белгиден ашпашы керек.',
    'councils.problem.email': '«{value}» туура электрондук почта дареги эмес (мисалы, kenesh@aksuu.kg).',
    'councils.problem.website':
      '«{value}» туура сайт дареги эмес: http:// же https:// менен башталган дарек керек (мисалы, https://aksuu.kg).',
    'councils.problem.timeZone': '«{value}» IANA убакыт алкагы эмес (мисалы, Asia/Bishkek).',
    'councils.problem.keyReused':
      'Бул форма мурда башка маалымат менен колдонулган: «{name}» кеңеши катталган. Жаңы кеңеш үчүн форманы кайра ачыңыз.',
    'councils.manage.register': 'Кеңешти каттоо',
    'councils.manage.first':
      'Азырынча бир да кеңеш катталган эмес. Биринчи кадам: кеңешти каттаңыз (аталышы кыргызча жана орусча, электрондук почтасы), андан кийин анын аткаруу органын (айыл өкмөтүн) кеңештин объекттер барагында каттаңыз.',
    'councils.manage.registered': '«{name}» кеңеши катталды.',
    'councils.manage.executiveMissing':
      'Алгач аткаруу органын (айыл өкмөтүн) каттаңыз: 5.4.1-пункттагы милдет (топту түзүү жөнүндө жарыя) ага жүктөлөт; ансыз эскертүүлөр жөнөтүлбөйт.',
    'councils.manage.executiveLink': 'Аткаруу органын каттоо',
  },
  ru: {
    'councils.new.title': 'Регистрация кенеша',
    'councils.new.intro':
      'Зарегистрируйте айылный кенеш, который обслуживает эта система: название на кыргызском и русском языках (так оно пишется в объявлениях). На электронную почту кенеша отправляются напоминания, адресованные председателю кенеша (5.4.3).',
    'councils.new.next':
      'Затем на странице объектов мониторинга кенеша зарегистрируйте его исполнительный орган (айыл окмоту): на него возлагается обязанность по пункту 5.4.1.',
    'councils.field.nameKy': 'Название кенеша на кыргызском',
    'councils.field.nameKyHint': 'Например: Ак-Суу айылдык кеңеши',
    'councils.field.nameRu': 'Название кенеша на русском',
    'councils.field.nameRuHint': 'Например: Ак-Суйский айылный кенеш',
    'councils.field.email': 'Электронная почта кенеша (необязательно)',
    'councils.field.emailHint':
      'Например: kenesh@aksuu.kg. По этому адресу председатель кенеша получает напоминания по пункту 5.4.3.',
    'councils.field.website': 'Официальный сайт (необязательно)',
    'councils.field.websiteHint': 'Например: https://aksuu.kg. Объявления могут публиковаться и на этом сайте (5.4.1).',
    'councils.field.timeZone': 'Часовой пояс',
    'councils.submit': 'Зарегистрировать кенеш',
    'councils.back': 'Вернуться на страницу управления',
    'councils.problem.required': 'Это поле нужно заполнить.',
    'councils.problem.characters': 'Управляющие или повреждённые символы не допускаются.',
    'councils.problem.tooLong': 'Слишком длинно: не более {max} знаков.',
    'councils.problem.email': '«{value}» — неверный адрес электронной почты (пример: kenesh@aksuu.kg).',
    'councils.problem.website':
      '«{value}» — неверный адрес сайта: нужен адрес, начинающийся с http:// или https:// (пример: https://aksuu.kg).',
    'councils.problem.timeZone': '«{value}» — не часовой пояс IANA (пример: Asia/Bishkek).',
    'councils.problem.keyReused':
      'Эта форма уже использовалась с другими данными: зарегистрирован кенеш «{name}». Для нового кенеша откройте форму заново.',
    'councils.manage.register': 'Зарегистрировать кенеш',
    'councils.manage.first':
      'Пока не зарегистрировано ни одного кенеша. Первый шаг: зарегистрируйте кенеш (название на кыргызском и русском, электронная почта), затем на странице объектов кенеша — его исполнительный орган (айыл окмоту).',
    'councils.manage.registered': 'Кенеш «{name}» зарегистрирован.',
    'councils.manage.executiveMissing':
      'Сначала зарегистрируйте исполнительный орган (айыл окмоту): на него возлагается обязанность по пункту 5.4.1 (объявление о формировании группы); без него напоминания не отправляются.',
    'councils.manage.executiveLink': 'Зарегистрировать исполнительный орган',
  },
  en: {
    'councils.new.title': 'Register a council',
    'councils.new.intro':
      'Register the village council (aiyl kenesh) this installation serves: its name in Kyrgyz and in Russian (as notices print it). Reminders addressed to the council chair go to the council’s e-mail address (5.4.3).',
    'councils.new.next':
      'Then, on the council’s monitored objects page, register its executive body (aiyl okmotu): it receives the obligation of 5.4.1.',
    'councils.field.nameKy': 'The council’s name in Kyrgyz',
    'councils.field.nameKyHint': 'For example: Ак-Суу айылдык кеңеши',
    'councils.field.nameRu': 'The council’s name in Russian',
    'councils.field.nameRuHint': 'For example: Ак-Суйский айылный кенеш',
    'councils.field.email': 'The council’s e-mail (optional)',
    'councils.field.emailHint':
      'For example: kenesh@aksuu.kg. The council chair gets the reminders of 5.4.3 at this address.',
    'councils.field.website': 'Official website (optional)',
    'councils.field.websiteHint':
      'For example: https://aksuu.kg. Notices may be published on this website too (5.4.1).',
    'councils.field.timeZone': 'Time zone',
    'councils.submit': 'Register the council',
    'councils.back': 'Back to the management page',
    'councils.problem.required': 'This field is required.',
    'councils.problem.characters': 'Control characters and broken characters are not allowed.',
    'councils.problem.tooLong': 'Too long: {max} characters at most.',
    'councils.problem.email': '“{value}” is not a valid e-mail address (e.g. kenesh@aksuu.kg).',
    'councils.problem.website':
      '“{value}” is not a valid website address: it must start with http:// or https:// (e.g. https://aksuu.kg).',
    'councils.problem.timeZone': '“{value}” is not an IANA time zone (e.g. Asia/Bishkek).',
    'councils.problem.keyReused':
      'This form was used before with other data: the council “{name}” was registered. Open the form again for a new council.',
    'councils.manage.register': 'Register a council',
    'councils.manage.first':
      'No council is registered yet. First step: register the council (its name in Kyrgyz and in Russian, its e-mail), then its executive body (aiyl okmotu) on the council’s objects page.',
    'councils.manage.registered': 'The council “{name}” is registered.',
    'councils.manage.executiveMissing':
      'Register the executive body (aiyl okmotu) first: it receives the 5.4.1 obligation (the notice that the group’s formation has begun); without it no reminder can be sent.',
    'councils.manage.executiveLink': 'Register the executive body',
  },
});
