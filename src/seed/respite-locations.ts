import type { LocationCreate } from '../modules/respite/index.js';

/** Fictional respite places in Assen and Midden-Drenthe (names invented; towns real), with illustrations in web/public. */
export const respiteLocations: LocationCreate[] = [
  {
    name: 'Zorgcentrum De Vijverhof', offerType: 'care_home', street: 'Vijverlaan 2', city: 'Assen', municipality: 'Assen', latitude: 52.9961, longitude: 6.5551,
    description: 'Twee logeerkamers op de begane grond van een zorgcentrum, met de zorg van het team dag en nacht dichtbij.',
    features: ['ground_floor', 'hoist', 'dementia_safe'], capabilities: ['night_supervision', 'two_person_transfer', 'medication', 'nursing'], exclusions: [],
    fundingAccepted: ['wmo', 'wlz', 'private'], pricePerNightCents: 14500, photos: ['/respite/vijverhof.svg'],
    accessibility: 'Gelijkvloers, drempelvrij, brede deuren, aangepaste badkamer met tillift. Parkeren voor de deur.', introVisitPossible: true, beds: ['Kamer 1', 'Kamer 2', 'Kamer 3'],
  },
  {
    name: 'Logeerhuis Het Anker', offerType: 'respite_house', street: 'Brink 14', city: 'Beilen', municipality: 'Midden-Drenthe', latitude: 52.8617, longitude: 6.5139,
    description: 'Een gewoon huis midden in het dorp, met vrijwilligers en een verzorgende. Uw partner mag mee logeren.',
    features: ['ground_floor', 'partner_may_stay', 'pets'], capabilities: ['medication'], exclusions: ['wandering', 'bedbound'],
    fundingAccepted: ['wmo', 'private'], pricePerNightCents: 8500, photos: ['/respite/anker.svg'],
    accessibility: 'Slaapkamers beneden. Eén kleine drempel bij de tuindeur. Geen tillift.', introVisitPossible: true, beds: ['Blauwe kamer', 'Groene kamer', 'Tuinkamer'],
  },
  {
    name: 'Woonzorgcentrum Smeerdijk', offerType: 'care_home', street: 'Hoofdstraat 80', city: 'Smilde', municipality: 'Midden-Drenthe', latitude: 52.9533, longitude: 6.4508,
    description: 'Logeren op een kleine afdeling voor mensen met geheugenproblemen.',
    features: ['ground_floor', 'hoist', 'dementia_safe'], capabilities: ['night_supervision', 'two_person_transfer', 'medication'], exclusions: ['agitation'],
    fundingAccepted: ['wmo', 'wlz', 'private'], pricePerNightCents: 13500, photos: ['/respite/smeerdijk.svg'],
    accessibility: 'Gesloten afdeling met een veilige tuin. Gelijkvloers.', introVisitPossible: true, beds: ['Logeerkamer A', 'Logeerkamer B'],
  },
  {
    name: 'Gastgezin in Westerbork', offerType: 'host_family', street: 'Esweg 7', city: 'Westerbork', municipality: 'Midden-Drenthe', latitude: 52.85, longitude: 6.6083,
    description: 'Logeren bij een gastgezin op een boerderij. Rust, dieren en een vaste gastvrouw.',
    features: ['pets'], capabilities: [], exclusions: ['dementia', 'wandering', 'bedbound', 'agitation'],
    fundingAccepted: ['wmo', 'private'], pricePerNightCents: 6000, photos: ['/respite/gastgezin.svg'],
    accessibility: 'De logeerkamer is boven; een trap met leuning.', introVisitPossible: true, beds: ['Logeerkamer'],
  },
];
