/**
 * The network map's tools and demand side in the demo, all fictional and labelled so: the personas the
 * issue names (Parkinson, COPD, informal caregivers), each made from two conversations; a film for
 * municipalities and a document (demo addresses, nothing is loaded from them); needs per municipality;
 * and two quick-scan rounds for a few municipalities, so the comparison over time is not empty.
 */
type Theme = 'palliative_care' | 'spiritual_care' | 'informal_care' | 'loneliness' | 'dementia' | 'grief' | 'end_of_life_talks' | 'volunteers';
type TargetGroup = 'incurably_ill' | 'informal_caregivers' | 'older_people' | 'professionals' | 'volunteers' | 'bereaved' | 'migrants';

export interface DemoResource {
  key: string;
  kind: 'persona' | 'film' | 'document';
  title: string;
  summary: string;
  url?: string;
  network: string;
  themes: Theme[];
  persona?: { situation: string; needs: string[]; helps: string[]; quotes: string[] };
  initiatives: string[];
}

const zuidwest = 'Netwerk Palliatieve Zorg Zuidwest-Drenthe';
const zuidoost = 'Netwerk Palliatieve Zorg Zuidoost-Drenthe';
const noordmidden = 'Netwerk Palliatieve Zorg Noord- en Midden-Drenthe';

export const demoResources: DemoResource[] = [
  {
    key: 'parkinson', kind: 'persona', title: 'Annie (72) leeft met Parkinson', network: zuidwest, themes: ['palliative_care', 'informal_care'],
    summary: 'Annie heeft al vijftien jaar de ziekte van Parkinson. Ze woont met haar man Jan in Meppel.',
    persona: {
      situation: 'Annie wordt steeds stijver en valt vaker. Praten kost moeite. Jan zorgt dag en nacht voor haar en slaapt slecht. De kinderen wonen ver weg.',
      needs: ['Eén persoon die het overzicht houdt', 'Rust voor Jan, ook een nacht', 'Praten over wat Annie nog wil'],
      helps: ['De casemanager die thuis langskomt', 'Een vrijwilliger die een middag bij Annie zit', 'Een gesprek met de huisarts over later'],
      quotes: ['Ik wil niet dat Jan eraan onderdoor gaat.', 'Niemand vraagt wat ik zelf nog wil.'],
    },
    initiatives: ['Mantelzorgers van mensen met Parkinson'],
  },
  {
    key: 'copd', kind: 'persona', title: 'Henk (68) heeft ernstige COPD', network: zuidoost, themes: ['palliative_care', 'loneliness'],
    summary: 'Henk woont alleen in Coevorden en is snel buiten adem. Zijn dochter woont in Groningen.',
    persona: {
      situation: 'Henk komt de deur bijna niet meer uit. Hij is vaak benauwd en bang om te stikken. Na de dood van zijn vrouw is hij veel alleen.',
      needs: ['Iemand om mee te praten', 'Weten wie hij kan bellen als het benauwd wordt', 'Hulp bij boodschappen'],
      helps: ['Een buurman die elke dag even aanbelt', 'Een vast telefoonnummer bij de wijkverpleging', 'Een plan voor benauwde nachten'],
      quotes: ['Als ik benauwd ben, durf ik niemand te bellen.', 'De dagen zijn lang.'],
    },
    initiatives: ['Mantelzorgondersteuning bij COPD', 'Eenzaamheid in de laatste levensfase: huisbezoeken'],
  },
  {
    key: 'caregiver', kind: 'persona', title: 'Marga (55) zorgt voor haar moeder', network: noordmidden, themes: ['informal_care', 'spiritual_care'],
    summary: 'Marga werkt vier dagen en zorgt voor haar moeder, die ongeneeslijk ziek is en thuis wil sterven.',
    persona: {
      situation: 'Marga rijdt elke dag naar haar moeder in Assen. Ze regelt de zorg, de medicijnen en de papieren. Ze is moe en voelt zich schuldig als ze er niet is.',
      needs: ['Iemand die meedenkt over de laatste weken', 'Ruimte om zelf ook verdrietig te zijn', 'Minder regelwerk'],
      helps: ['Het mantelzorgcafé', 'Een geestelijk verzorger die bij haar moeder thuis komt', 'Vrijwilligers die ’s nachts waken'],
      quotes: ['Ik ben dochter, geen zorgcoördinator.', 'Ik wil straks geen spijt hebben.'],
    },
    initiatives: ['Mantelzorgcafé palliatieve zorg', 'Zingeving aan huis in Midden-Drenthe'],
  },
  {
    key: 'film', kind: 'film', title: 'Film voor gemeenten: samen zorgen in de laatste levensfase', network: noordmidden, themes: ['palliative_care'],
    summary: 'Een korte film over hoe gemeente, netwerk en welzijn samenwerken. Voorbeeld: het adres is verzonnen.', url: 'https://video.voorbeeld.demo/embed/samen-zorgen', initiatives: [],
  },
  {
    key: 'document', kind: 'document', title: 'Handreiking quick-scan voor gemeenten', network: noordmidden, themes: ['palliative_care'],
    summary: 'Hoe u de drie vragen van de quick-scan samen met de gemeente beantwoordt. Voorbeeld: het adres is verzonnen.', url: 'https://voorbeeld.demo/handreiking-quick-scan.pdf', initiatives: [],
  },
];

export interface DemoNeed {
  municipality: string;
  description: string;
  theme: Theme;
  targetGroup: TargetGroup;
  source: 'signal' | 'interview' | 'persona';
  persona?: string;
  notedOn: string;
}

export const demoNeeds: DemoNeed[] = [
  { municipality: 'Meppel', description: 'Partners van mensen met Parkinson willen af en toe een nacht doorslapen.', theme: 'informal_care', targetGroup: 'informal_caregivers', source: 'persona', persona: 'parkinson', notedOn: '2026-01-20' },
  { municipality: 'Coevorden', description: 'Alleenwonenden met ernstige COPD zijn veel alleen en bang in de nacht.', theme: 'loneliness', targetGroup: 'incurably_ill', source: 'persona', persona: 'copd', notedOn: '2026-02-03' },
  { municipality: 'Assen', description: 'Mantelzorgers willen praten over zingeving en afscheid, niet alleen over regelwerk.', theme: 'spiritual_care', targetGroup: 'informal_caregivers', source: 'interview', notedOn: '2026-02-10' },
  { municipality: 'Emmen', description: 'Huisartsen zien dat nabestaanden met een migratieachtergrond geen rouwsteun vinden.', theme: 'grief', targetGroup: 'migrants', source: 'signal', notedOn: '2026-01-28' },
  { municipality: 'Hoogeveen', description: 'Ongeneeslijk zieken willen thuis geestelijke verzorging.', theme: 'spiritual_care', targetGroup: 'incurably_ill', source: 'signal', notedOn: '2026-02-14' },
  { municipality: 'Tynaarlo', description: 'Wijkverpleging mist vrijwilligers die bij mensen met dementie kunnen waken.', theme: 'dementia', targetGroup: 'volunteers', source: 'signal', notedOn: '2026-03-02' },
];

/** Rounds per municipality: [held on, work together, find each other, needs aligned]. */
export const demoScans: Record<string, [string, number, number, number][]> = {
  Assen: [['2025-03-12', 3, 2, 2], ['2026-03-10', 4, 3, 3]],
  Emmen: [['2025-04-02', 2, 2, 3], ['2026-03-18', 3, 3, 3]],
  Coevorden: [['2026-02-20', 2, 1, 2]],
  Meppel: [['2025-05-15', 3, 4, 3], ['2026-03-05', 4, 4, 4]],
  Westerveld: [['2026-01-30', 2, 2, 1]],
};
