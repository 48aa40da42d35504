import { describe, expect, it } from 'vitest';
import type { AccessContext } from '../../platform/access/index.js';
import { clientRecordOut, nightSummaryOut } from './schemas.js';
import { clientRecordView, nightSummaryOf, nightSummaryView } from './views.js';

const row = {
  id: '0f79d3d8-5a5e-4ee5-9c2d-4d3ca5cc227d',
  given_name: 'Jantje',
  family_name: 'de Vries',
  date_of_birth: '1938-04-12',
  street: 'Brink',
  house_number: '3',
  postcode: '7941 AB',
  city: 'Meppel',
  alarm_account: '1A2B',
  organisation_id: 'org-own',
  organisation_name: 'Tangenborgh',
  district_nursing: true,
  personal_alarm: true,
  cpr: '0101401234',
  updated_at: new Date('2026-12-01T10:00:00Z'),
  latitude: 52.7,
  longitude: 6.2,
  phone: '0522 123456',
  gp_name: 'Huisarts Brink',
  gp_phone: '0522 654321',
  key_safe_code_enc: 'sealed',
  key_safe_location: 'naast de voordeur',
  // A row from before the wishes and instructions existed.
  night_summary: { risks: ['fall_risk'], allergies: 'penicilline', medication: 'metoprolol' },
  municipality: 'Meppel',
  alarm_device: 'Tunstall Lifeline',
  gp_post_id: null,
  letter_sent_at: null,
  objected_at: null,
  objection_note: null,
  client_number: 'T-17',
  care_ended_on: null,
};
const contacts = [{ id: 'c1', name: 'Piet de Vries', relation: 'zoon', phone: '06 12345678', informal_caregiver: true }];
const ctx = { actorKind: 'user', actorId: 'u', actorName: 'Dag', organisationId: 'org-own', roles: ['coordinator'], allianceIds: ['a'], allianceId: 'a' } as AccessContext;
// A view needs only the basis of the permit the read was given.
const permit = { basis: 'own_organisation' } as const;

describe('client views', () => {
  it('fill the night-summary fields a stored row predates with empty values and keep the rest', () => {
    expect(nightSummaryOf({})).toEqual({ risks: [], allergies: '', medication: '', wishes: '', instructions: '' });
    expect(nightSummaryOf(row.night_summary)).toEqual({ risks: ['fall_risk'], allergies: 'penicilline', medication: 'metoprolol', wishes: '', instructions: '' });
  });

  it('build a record that is exactly the response shape, every field from its column', () => {
    const record = clientRecordView(row, contacts, permit, ctx);
    // The response schema strips nothing and adds nothing: the view already has every field and no other.
    expect(clientRecordOut.parse(record)).toEqual(record);
    expect(Object.keys(record).sort()).toEqual(Object.keys(clientRecordOut.shape).sort());
    expect(record).toMatchObject({
      familyName: 'de Vries',
      ownOrganisation: true,
      nightCareScope: ['district_nursing', 'personal_alarm'],
      cprMasked: '010140-xxxx',
      cpr: '0101401234',
      hasKeySafe: true,
      keySafeLocation: 'naast de voordeur',
      clientNumber: 'T-17',
      accessBasis: 'own_organisation',
      contacts: [{ id: 'c1', name: 'Piet de Vries', relation: 'zoon', phone: '06 12345678', informalCaregiver: true }],
      nightSummary: { risks: ['fall_risk'], allergies: 'penicilline', medication: 'metoprolol', wishes: '', instructions: '' },
    });
  });

  it('leave the record-only fields out of the night summary', () => {
    const summary = nightSummaryView(row, contacts, permit, { ...ctx, organisationId: 'org-other' });
    expect(Object.keys(summary).sort()).toEqual(Object.keys(nightSummaryOut.shape).sort());
    expect(summary).not.toHaveProperty('cpr');
    expect(summary).not.toHaveProperty('clientNumber');
    expect(summary.ownOrganisation).toBe(false);
  });
});
