// Labels every signed-in page shares: the header, login, forms, the unavailable-engine banner, problems.
import { defineMessages } from './define-messages';

export const commonMessages = defineMessages({
  ky: {
    'nav.signedInAs': 'Кирген: {email}',
    'nav.home': 'Башкы барак',
    'nav.login': 'Кирүү',
    'nav.logout': 'Чыгуу',
    'login.title': 'Системага кирүү',
    'login.email': 'Электрондук почта',
    'login.password': 'Сырсөз',
    'login.submit': 'Кирүү',
    'form.save': 'Сактоо',
    'form.required': 'милдеттүү',
    'form.errors': 'Төмөнкүлөрдү оңдоңуз:',
    'form.saved': 'Сакталды.',
    'engine.unavailable':
      'Процедуралар кызматы азыр жеткиликсиз: маалыматтарды көрүүгө болот, бирок аракеттер (кадамдар, актылар) кызмат кайра иштегенде гана аткарылат. Эч нерсе жоголбойт.',
    'person.dataErased': 'өчүрүлдү',
  },
  ru: {
    'nav.signedInAs': 'Вы вошли: {email}',
    'nav.home': 'Главная',
    'nav.login': 'Войти',
    'nav.logout': 'Выйти',
    'login.title': 'Вход в систему',
    'login.email': 'Электронная почта',
    'login.password': 'Пароль',
    'login.submit': 'Войти',
    'form.save': 'Сохранить',
    'form.required': 'обязательно',
    'form.errors': 'Исправьте следующее:',
    'form.saved': 'Сохранено.',
    'engine.unavailable':
      'Служба процедур сейчас недоступна: данные можно просматривать, но действия (шаги, акты) выполнятся только когда служба снова заработает. Ничего не потеряется.',
    'person.dataErased': 'удалено',
  },
  en: {
    'nav.signedInAs': 'Signed in: {email}',
    'nav.home': 'Home',
    'nav.login': 'Log in',
    'nav.logout': 'Log out',
    'login.title': 'Log in',
    'login.email': 'E-mail',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'form.save': 'Save',
    'form.required': 'required',
    'form.errors': 'Please correct the following:',
    'form.saved': 'Saved.',
    'engine.unavailable':
      'The procedure service is unavailable right now: you can read everything, but actions (steps, acts) can only be done once it is back. Nothing is lost.',
    'person.dataErased': 'erased',
  },
});
