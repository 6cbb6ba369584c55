// Labels of the deliberate receipt through a link (4.3, 7.3.2(1)) and of re-sending a fresh link (which revokes the
// earlier one): the object's "I have received it" button on the act page, and the staff's re-send forms.
import { defineMessages } from '../ui/define-messages';

export const linksMessages = defineMessages({
  ky: {
    'links.receiveIntro':
      'Бул баракты ачуу эч нерсени каттабайт. Актыны алганыңызды ырастоо үчүн баскычты басыңыз: мөөнөт ошол күндөн эсептелет (4.3).',
    'links.receive': 'Алдым',
    'links.received': 'Актыны алганыңыз катталды: {on}.',
    'links.receiveFirst': 'Жооп берүү үчүн адегенде актыны алганыңызды ырастаңыз.',
    'links.resendTitle': 'Жаңы шилтеме жиберүү',
    'links.resendHint':
      'Жаңы шилтеме катка жиберилет; мурунку шилтеме ошол замат иштебей калат. Кат алынбаса же шилтеме жоголсо колдонуңуз.',
    'links.resendObject': 'Объектке жаңы шилтеме жиберүү',
    'links.resendExecutive': 'Айыл өкмөтүнө жаңы шилтеме жиберүү',
    'links.resendRequest': 'Жаңы шилтеме',
    'links.back': 'Артка',
    'links.receiptLater':
      'Актыны алганыңыз азыр катталган жок (кызмат убактылуу жеткиликсиз); бир аздан кийин баскычты кайра басыңыз.',
    'links.resent': 'Жаңы шилтеме жиберилди ({to}); мурунку шилтеме мындан ары иштебейт.',
    'links.resentPending':
      'Жаңы шилтеме катталды, бирок кат азыр жөнөтүлгөн жок (почта сервери жеткиликсиз); кайра басыңыз.',
  },
  ru: {
    'links.receiveIntro':
      'Открытие этой страницы ничего не регистрирует. Чтобы подтвердить получение акта, нажмите кнопку: срок считается с этого дня (4.3).',
    'links.receive': 'Акт получен',
    'links.received': 'Получение акта зарегистрировано: {on}.',
    'links.receiveFirst': 'Чтобы ответить, сначала подтвердите получение акта.',
    'links.resendTitle': 'Новая ссылка',
    'links.resendHint':
      'Новая ссылка отправляется письмом; прежняя ссылка сразу перестаёт действовать. Используйте, если письмо не дошло или ссылка утеряна.',
    'links.resendObject': 'Отправить объекту новую ссылку',
    'links.resendExecutive': 'Отправить айыл окмоту новую ссылку',
    'links.resendRequest': 'Новая ссылка',
    'links.back': 'Назад',
    'links.receiptLater':
      'Получение акта сейчас не зарегистрировано (служба временно недоступна); нажмите кнопку ещё раз чуть позже.',
    'links.resent': 'Новая ссылка отправлена ({to}); прежняя ссылка больше не действует.',
    'links.resentPending':
      'Новая ссылка создана, но письмо сейчас не отправлено (почтовый сервер недоступен); нажмите ещё раз.',
  },
  en: {
    'links.receiveIntro':
      'Opening this page records nothing. To confirm that you have received the act, press the button: the period counts from that day (4.3).',
    'links.receive': 'I have received it',
    'links.received': 'Your receipt of the act is recorded: {on}.',
    'links.receiveFirst': 'To answer, first confirm that you have received the act.',
    'links.resendTitle': 'A fresh link',
    'links.resendHint':
      'A fresh link is sent by e-mail; the earlier link stops working at once. Use it when the mail did not arrive or the link was lost.',
    'links.resendObject': 'Send the object a fresh link',
    'links.resendExecutive': 'Send the executive body a fresh link',
    'links.resendRequest': 'Fresh link',
    'links.back': 'Back',
    'links.receiptLater':
      'Your receipt of the act could not be recorded now (the service is briefly unavailable); press the button again in a moment.',
    'links.resent': 'A fresh link was sent ({to}); the earlier link no longer works.',
    'links.resentPending':
      'The fresh link is recorded but its mail was not sent now (the mail server is unavailable); press again.',
  },
});
