/** Fictional people and places for the demo region; coordinates are town centres in Zuid-Drenthe, where the partners work. */
export const towns = [
  { city: 'Emmen', municipality: 'Emmen', postcode: 7811, lat: 52.7858, lon: 6.8975 },
  { city: 'Klazienaveen', municipality: 'Emmen', postcode: 7891, lat: 52.725, lon: 6.9917 },
  { city: 'Emmer-Compascuum', municipality: 'Emmen', postcode: 7881, lat: 52.8111, lon: 7.0472 },
  { city: 'Nieuw-Amsterdam', municipality: 'Emmen', postcode: 7833, lat: 52.7167, lon: 6.85 },
  { city: 'Coevorden', municipality: 'Coevorden', postcode: 7741, lat: 52.6617, lon: 6.7403 },
  { city: 'Dalen', municipality: 'Coevorden', postcode: 7751, lat: 52.7, lon: 6.75 },
  { city: 'Schoonebeek', municipality: 'Coevorden', postcode: 7761, lat: 52.6633, lon: 6.8867 },
  { city: 'Hoogeveen', municipality: 'Hoogeveen', postcode: 7901, lat: 52.7225, lon: 6.4764 },
  { city: 'Hollandscheveld', municipality: 'Hoogeveen', postcode: 7913, lat: 52.7, lon: 6.53 },
  { city: 'Zuidwolde', municipality: 'De Wolden', postcode: 7921, lat: 52.6722, lon: 6.4278 },
  { city: 'Ruinen', municipality: 'De Wolden', postcode: 7963, lat: 52.7625, lon: 6.3553 },
  { city: 'Meppel', municipality: 'Meppel', postcode: 7941, lat: 52.6958, lon: 6.1944 },
  { city: 'Nijeveen', municipality: 'Meppel', postcode: 7948, lat: 52.7333, lon: 6.1667 },
  { city: 'Havelte', municipality: 'Westerveld', postcode: 7971, lat: 52.7708, lon: 6.2417 },
  { city: 'Dwingeloo', municipality: 'Westerveld', postcode: 7991, lat: 52.8333, lon: 6.3667 },
] as const;

export const streets = ['Hoofdstraat', 'Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Schoolstraat', 'Julianastraat', 'Wilhelminastraat', 'Beatrixlaan', 'Stationsstraat', 'Brink', 'Esweg', 'Heidelaan', 'Boslaan', 'Veenstraat', 'Parallelweg', 'Zuiderstraat', 'Noorderstraat', 'Kanaalweg', 'Eikenlaan', 'Berkenweg'];

export const givenNames = ['Jan', 'Hendrik', 'Geert', 'Albert', 'Roelof', 'Harm', 'Jantje', 'Grietje', 'Aaltje', 'Hilligje', 'Gerrit', 'Willem', 'Maria', 'Johanna', 'Anna', 'Berend', 'Klaas', 'Trijntje', 'Geesje', 'Jacoba', 'Lammert', 'Fenna', 'Egbert', 'Roelfien', 'Marten', 'Hennie', 'Jo', 'Riek', 'Bertus', 'Annie'];

export const familyNames = ['Bakker', 'Mulder', 'Hofman', 'Brouwer', 'Smit', 'Meijer', 'de Vries', 'Jansen', 'Oosting', 'Kuiper', 'Dijkstra', 'Boer', 'Veenstra', 'Lubbers', 'Hulshof', 'Schepers', 'Wubs', 'Nijmeijer', 'Lanting', 'Bos', 'Post', 'Hoving', 'Kamphuis', 'Tiben', 'Drenth', 'Zwiers', 'Seinen', 'Kremer', 'Eising', 'Bruins'];

export const relations = ['dochter', 'zoon', 'echtgenoot', 'echtgenote', 'buurvrouw', 'neef', 'nicht'];

export const risks = ['fall_risk', 'dementia', 'diabetes', 'heart_failure', 'copd', 'anticoagulants', 'wandering', 'palliative'] as const;

export const medications = ['Metoprolol 50 mg 1x daags', 'Metformine 500 mg 2x daags', 'Acenocoumarol volgens trombosedienst', 'Furosemide 40 mg ochtend', 'Paracetamol 1000 mg zo nodig', 'Insuline (NovoRapid) volgens schema', 'Salbutamol inhalator zo nodig'];

export const instructions = ['Gehoorapparaat ligt op het nachtkastje', 'Bij onrust eerst dochter bellen', 'Rollator staat naast het bed', 'Hond in de keuken, is vriendelijk', 'Achterdeur gebruiken, voordeur klemt', 'Cliënt slaapt beneden in de woonkamer'];

export const careProviders = [
  { name: 'Icare', city: 'Meppel', slug: 'icare' },
  { name: 'Tangenborgh', city: 'Emmen', slug: 'tangenborgh' },
  { name: 'Treant', city: 'Hoogeveen', slug: 'treant' },
  { name: 'Noorderboog', city: 'Meppel', slug: 'noorderboog' },
  { name: 'Beter Thuis Wonen', city: 'Emmen', slug: 'beterthuiswonen' },
] as const;

/** The region's four GP out-of-hours posts (DESIGN.md §1); there is no post in Coevorden. */
export const gpPosts = ['Huisartsenpost Assen', 'Huisartsenpost Emmen', 'Huisartsenpost Hoogeveen', 'Huisartsenpost Meppel'];

/** The municipalities of Zuid-Drenthe where the partners work; Assen and Midden-Drenthe belong to the respite pilot's alliance. */
export const municipalities = ['Emmen', 'Coevorden', 'Hoogeveen', 'De Wolden', 'Meppel', 'Westerveld'];

/** mulberry32: a small seeded PRNG so the demo region is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
