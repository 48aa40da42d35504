import { createAlliance, createOrganisation } from '../../src/modules/alliance/index.js';
import { addNetworkRegion } from '../../src/modules/networkmap/index.js';
import type { Role } from '../../src/platform/access/index.js';
import { login, type Session, type TestApp } from './app.js';
import { addUser, SETUP } from './world.js';

let regions = 0;

/**
 * A palliative-care network with a region of two municipalities (unique names per call, so tests in one
 * file never find each other's), its network coordinator, and a national support body.
 */
export async function createNetworkWorld(t: TestApp) {
  const n = ++regions;
  const allianceId = await createAlliance(t.db, SETUP, { name: `Netwerk test ${n}`, region: 'Drenthe' });
  const networkId = await createOrganisation(t.db, SETUP, { allianceId, name: `Netwerk Palliatieve Zorg Test ${n}`, kind: 'palliative_care_network' });
  const nationalId = await createOrganisation(t.db, SETUP, { allianceId, name: `Agora ${n}`, kind: 'national_support_body' });
  const ids = await addNetworkRegion(t.db, {
    allianceId, networkId, province: 'Drenthe',
    municipalities: [{ name: `Emmen ${n}`, latitude: 52.786, longitude: 6.898 }, { name: `Coevorden ${n}`, latitude: 52.661, longitude: 6.74 }],
  });
  const session = async (organisationId: string, roles: Role[], label: string): Promise<Session> => login(t.app, await addUser(t.db, t.deps.secretBox, organisationId, roles, label));
  return {
    allianceId, networkId, nationalId,
    emmen: ids.get(`Emmen ${n}`) ?? '', coevorden: ids.get(`Coevorden ${n}`) ?? '',
    emmenName: `Emmen ${n}`, coevordenName: `Coevorden ${n}`,
    coordinator: await session(networkId, ['network_coordinator'], 'netcoord'),
    national: await session(nationalId, ['coordinator'], 'agora'),
    session,
  };
}

export const callFor = (municipalityId: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Samen in gesprek over het levenseinde',
  summary: 'Gemeente, netwerk en welzijn organiseren gespreksavonden over de laatste levensfase.',
  municipalityId,
  place: 'Emmen',
  partners: [{ name: 'Gemeente Emmen', kind: 'municipality' }, { name: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', kind: 'palliative_care_network' }, { name: 'Sedna Welzijn', kind: 'welfare' }],
  themes: ['palliative_care', 'end_of_life_talks'],
  targetGroups: ['incurably_ill', 'informal_caregivers'],
  stage: 'starting',
  contactName: 'Geesje Hulshof',
  contactEmail: 'geesje@example.nl',
  contactPhone: '0591 123 456',
  contactPublish: false,
  ...overrides,
});
