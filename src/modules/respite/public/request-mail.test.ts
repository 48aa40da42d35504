import { afterAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../alliance/index.js';
import { startTestApp } from '../../../../test/support/app.js';
import { createRespiteWorld } from '../../../../test/support/respite-world.js';
import { startSmtpCatcher } from '../../../../test/support/smtp.js';
import { SETUP } from '../../../../test/support/world.js';

// The app as deployed: respite's messages go out as platform mail over a real SMTP server on loopback.
const smtp = await startSmtpCatcher();
const t = await startTestApp({ mail: { smtpUrl: smtp.url }, respite: { holdSweep: false } });
afterAll(() => smtp.close());

describe('a public respite request by e-mail', () => {
  it('confirms to the caregiver and tells the intake, with the reference and without the needs described in the form', async () => {
    const w = await createRespiteWorld(t);
    const welfare = await createOrganisation(t.db, SETUP, { allianceId: w.allianceId, name: 'Vaart Welzijn', kind: 'welfare' });
    await t.db.insertInto('respite_intake').values({ alliance_id: w.allianceId, municipality: 'Assen', route: 'caregiver_support', organisation_id: welfare, email: 'mantelzorg@vaart.example', phone: '0592 - 111 222' }).execute();
    const from = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 62 * 86_400_000).toISOString().slice(0, 10);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/public/respite/alliances/${w.allianceId}/requests`,
      payload: { municipality: 'Assen', route: 'caregiver_support', from, to, forWhom: 'Mijn moeder', needs: 'Insuline om 22 uur', contactName: 'Els de Vries', contactEmail: 'els@example.nl' },
      remoteAddress: '192.0.2.44',
    });
    expect(response.statusCode, response.body).toBe(201);
    const { reference } = response.json<{ reference: string }>();
    const caregiver = await smtp.waitFor('els@example.nl');
    expect(caregiver.subject).toBe('We hebben uw aanvraag voor logeerzorg ontvangen');
    expect(caregiver.text).toContain(reference);
    expect(caregiver.text).toContain('Vaart Welzijn');
    const intake = await smtp.waitFor('mantelzorg@vaart.example');
    expect(intake.subject).toContain(reference);
    for (const mail of [caregiver, intake]) expect(mail.text).not.toContain('Insuline');
    const outbox = await t.db.selectFrom('outbox').select(['recipient', 'alliance_id']).where('alliance_id', '=', w.allianceId).execute();
    expect(outbox.map((m) => m.recipient).sort()).toEqual(['els@example.nl', 'mantelzorg@vaart.example']);
  });
});
