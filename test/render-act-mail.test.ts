// The act's delivery mail states the period the recipient owes under 4.3, in Kyrgyz and Russian.
import { describe, expect, it } from 'vitest';
import { renderActDelivery } from '../activities/acts/render-act-mail';

const mail = (isExecutiveBody: boolean) =>
  renderActDelivery({
    number: '7',
    title: 'Water supply',
    issuedOn: '2026-06-01',
    object: { ky: 'Суу', ru: 'Вода' },
    isExecutiveBody,
    link: 'https://example.org/acts/a-7/respond?t=x',
    linkExpiresAt: '2026-07-01T00:00:00.000Z',
  });

describe('4.3: the delivery mail names the recipient’s period', () => {
  it('an object: 10 working days to inform the executive body (4.3(3))', () => {
    const { text } = mail(false);
    expect(text).toContain('объект 10 жумуш күнүнүн ичинде');
    expect(text).toContain('объект в течение 10 рабочих дней');
    expect(text).not.toContain('30 календар');
  });
  it('the executive body: 30 calendar days to inform the council (4.3(4)); 4.3(3) does not apply to it', () => {
    const { text } = mail(true);
    expect(text).toContain('айыл өкмөтү 30 календардык күндүн ичинде');
    expect(text).toContain('в течение 30 календарных дней');
    expect(text).not.toContain('10 рабочих дней');
  });
});
