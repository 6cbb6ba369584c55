// Conflict of interest (6.1-6.4; 5.2.3 keeps the composition's shares, so a removal is temporary and from one subject
// only): a member declares it in writing (6.3), the council chair removes the member from monitoring that object or
// matter for a time (6.4). Pure: the date is a parameter.
import type { Calendar } from './calendar';
import { addWorkingDays } from './deadlines';
import { compareDates, isIsoDate, type IsoDate } from './dates';
import { loc } from './i18n';
import { problem, type Problem } from './problem';

/**
 * 6.3 says "promptly" and sets no number of days: the product shows a target of this many working days after the
 * declaration for the chair to record the removal. A product setting, not a statutory deadline.
 */
export const REMOVAL_TARGET_WORKING_DAYS = 3;

/** What a removal (6.4) applies to: the member (by account or person) and the object, the plan item or the matter. */
export interface Removal {
  accountId: string | null;
  personId: string | null;
  objectId: string | null;
  /** An item of the group's work plan (7.3.1): acts and requests linked to it are blocked too. */
  planItemId: string | null;
  /** A free-text matter: blocks the group's meeting decisions tagged with it, not acts (acts are about objects). */
  matter: string | null;
  from: IsoDate;
  to: IsoDate;
}

/** Whether the removal is in force on `on` (both ends included). */
export const removalInForce = (r: Pick<Removal, 'from' | 'to'>, on: IsoDate): boolean =>
  compareDates(r.from, on) <= 0 && compareDates(on, r.to) <= 0;

/**
 * 6.4: a member removed from an object, or from an item of the group's work plan, cannot draft or edit the group's acts
 * or requests about it (or linked to it) while the removal is in force. `memberAccountOrPersonId` is the account that
 * acts and the person of the membership it is linked to; a staff account never matches. `planItemIds`: the plan items
 * the act or request is linked to (or is being linked to). A free-text matter blocks no act (acts are about objects):
 * the group's meeting decisions tagged with it check it themselves.
 */
export function checkNotRemoved(
  removals: readonly Removal[],
  input: {
    memberAccountOrPersonId: string | readonly string[];
    objectId?: string | null;
    planItemIds?: readonly string[];
    on: IsoDate;
  },
): Problem[] {
  const ids =
    typeof input.memberAccountOrPersonId === 'string' ? [input.memberAccountOrPersonId] : input.memberAccountOrPersonId;
  const mine = removals.filter(
    (r) =>
      ((r.accountId !== null && ids.includes(r.accountId)) || (r.personId !== null && ids.includes(r.personId))) &&
      removalInForce(r, input.on),
  );
  const byObject = input.objectId ? mine.find((r) => r.objectId === input.objectId) : undefined;
  if (byObject)
    return [
      problem(
        'removed-for-conflict-of-interest',
        'objectId',
        '6.4',
        loc(
          `Сиз кызыкчылыктардын кагылышуусу боюнча ${byObject.from} – ${byObject.to} аралыгында бул объекттин мониторингинен убактылуу четтетилгенсиз (6.4-пункт): бул объект боюнча актыларды жана сурамдарды түзө да, өзгөртө да албайсыз.`,
          `Вы временно отстранены от мониторинга этого объекта из-за конфликта интересов с ${byObject.from} по ${byObject.to} (п. 6.4): составлять и изменять акты и запросы по нему нельзя.`,
          `You are temporarily removed from monitoring this object for a conflict of interest from ${byObject.from} to ${byObject.to} (clause 6.4): you cannot draft or edit acts or requests about it.`,
        ),
      ),
    ];
  const items = input.planItemIds ?? [];
  const byItem = mine.find((r) => r.planItemId !== null && items.includes(r.planItemId));
  if (byItem)
    return [
      problem(
        'removed-for-conflict-of-interest',
        'planItemId',
        '6.4',
        loc(
          `Сиз кызыкчылыктардын кагылышуусу боюнча ${byItem.from} – ${byItem.to} аралыгында иш планынын бул пунктунан убактылуу четтетилгенсиз (6.4-пункт): ага байланышкан актыларды жана сурамдарды түзө да, өзгөртө да албайсыз.`,
          `Вы временно отстранены от этого пункта плана работы из-за конфликта интересов с ${byItem.from} по ${byItem.to} (п. 6.4): составлять и изменять связанные с ним акты и запросы нельзя.`,
          `You are temporarily removed from this item of the work plan for a conflict of interest from ${byItem.from} to ${byItem.to} (clause 6.4): you cannot draft or edit acts or requests linked to it.`,
        ),
      ),
    ];
  return [];
}

export interface DeclarationInput {
  membershipId: string;
  objectId?: string | null | undefined;
  planItemId?: string | null | undefined;
  matter?: string | null | undefined;
  text?: string | null | undefined;
  hasFile: boolean;
}

/** 6.3: in writing (a text or a scan), about an object, an item of the group's work plan or a matter. */
export function checkDeclaration(input: DeclarationInput): Problem[] {
  const problems: Problem[] = [];
  if (!input.membershipId.trim())
    problems.push(
      problem(
        'required',
        'membershipId',
        '6.3',
        loc(
          'Ким билдирүү берип жатканын тандаңыз.',
          'Укажите, кто подаёт заявление.',
          'Choose the member who declares.',
        ),
      ),
    );
  if (!input.objectId?.trim() && !input.planItemId?.trim() && !input.matter?.trim())
    problems.push(
      problem(
        'object-or-matter-required',
        'objectId',
        '6.3',
        loc(
          'Кагылышуу кайсы объект, иш планынын пункту же маселе боюнча экенин көрсөтүңүз (6.3-пункт).',
          'Укажите объект, пункт плана работы или вопрос, по которому возник конфликт интересов (п. 6.3).',
          'Name the object, the work-plan item or the matter the conflict is about (clause 6.3).',
        ),
      ),
    );
  if (!input.text?.trim() && !input.hasFile)
    problems.push(
      problem(
        'in-writing',
        'text',
        '6.3',
        loc(
          'Билдирүү жазуу түрүндө болот: текстти жазыңыз же сканерленген файлды тиркеңиз (6.3-пункт).',
          'Уведомление подаётся письменно: напишите текст или приложите скан (п. 6.3).',
          'The notice is in writing: write the text or attach a scan (clause 6.3).',
        ),
      ),
    );
  if ((input.text ?? '').length > 20000)
    problems.push(
      problem('range', 'text', null, loc('Текст өтө узун.', 'Текст слишком длинный.', 'The text is too long.')),
    );
  return problems;
}

export interface RemovalInput {
  declarationId?: string | null | undefined;
  from: string;
  to: string;
  reason: string;
}

/** 6.4: a removal follows a declaration; its dates are a period (from ≤ to) and it gives a reason. */
export function checkRemoval(input: RemovalInput, declarationFound: boolean): Problem[] {
  const problems: Problem[] = [];
  if (!input.declarationId?.trim() || !declarationFound)
    problems.push(
      problem(
        'declaration-required',
        'declarationId',
        '6.4',
        loc(
          'Четтетүү мүчөнүн жазуу жүзүндөгү билдирүүсүнөн кийин гана жазылат (6.3–6.4-пункттар): мындай билдирүү жок.',
          'Отстранение записывается только по письменному уведомлению члена группы (пп. 6.3–6.4): такого уведомления нет.',
          "A removal is recorded only on the member's written declaration (clauses 6.3-6.4): there is no such declaration.",
        ),
      ),
    );
  for (const field of ['from', 'to'] as const)
    if (!isIsoDate(input[field]))
      problems.push(
        problem(
          'date',
          field,
          null,
          loc('Күндү ЖЖЖЖ-АА-КК түрүндө жазыңыз.', 'Дата в виде ГГГГ-ММ-ДД.', 'A date as YYYY-MM-DD.'),
        ),
      );
  if (isIsoDate(input.from) && isIsoDate(input.to) && compareDates(input.from, input.to) > 0)
    problems.push(
      problem(
        'range',
        'to',
        '6.4',
        loc(
          'Четтетүүнүн акыркы күнү биринчи күнүнөн мурда боло албайт.',
          'Дата окончания отстранения не может быть раньше даты начала.',
          'The removal cannot end before it starts.',
        ),
      ),
    );
  if (!input.reason.trim())
    problems.push(
      problem('required', 'reason', '6.4', loc('Себебин жазыңыз.', 'Укажите основание.', 'Give the reason.')),
    );
  return problems;
}

/** The target date for recording the removal (not statutory) and whether it has passed without one. */
export function removalTarget(
  calendar: Calendar,
  declaredOn: IsoDate,
  today: IsoDate,
  removed: boolean,
): { targetOn: IsoDate; overdue: boolean } {
  const targetOn = addWorkingDays(calendar, declaredOn, REMOVAL_TARGET_WORKING_DAYS);
  return { targetOn, overdue: !removed && compareDates(today, targetOn) > 0 };
}

/**
 * 6.3: a member declares their own conflict of interest. `linkedMembershipId` is the membership the member's account
 * speaks for (null: linked to none); staff enter a member's paper declaration and are not checked here.
 */
export function checkOwnDeclaration(linkedMembershipId: string | null, declaredMembershipId: string): Problem[] {
  if (linkedMembershipId === null)
    return [
      problem(
        'account-not-linked',
        'membershipId',
        '6.3',
        loc(
          'Бул эсеп топтун эч бир мүчөсүнө байланган эмес: кеңештин кызматкеринен эсепти өзүңүзгө байлап берүүнү сураныңыз (6.3-пункт боюнча мүчө өзүнүн кагылышуусу жөнүндө билдирет).',
          'Эта учётная запись не привязана ни к одному члену группы: попросите сотрудника кенеша привязать её к вам (по п. 6.3 член группы уведомляет о своём конфликте интересов).',
          'This account is not linked to a member of the group: ask council staff to link it to you (under clause 6.3 a member declares their own conflict of interest).',
        ),
      ),
    ];
  if (linkedMembershipId !== declaredMembershipId)
    return [
      problem(
        'own-declaration-only',
        'membershipId',
        '6.3',
        loc(
          'Мүчө өзүнүн кызыкчылыктардын кагылышуусу жөнүндө гана билдирет (6.3-пункт): бул эсеп башка мүчөгө байланган эмес. Кагаз билдирүүнү кеңештин кызматкери киргизет.',
          'Член группы уведомляет только о своём конфликте интересов (п. 6.3): эта учётная запись не привязана к другому члену. Бумажное уведомление вносит сотрудник кенеша.',
          "A member declares their own conflict of interest (clause 6.3): this account is not linked to that member. Staff enter a member's paper declaration.",
        ),
      ),
    ];
  return [];
}
