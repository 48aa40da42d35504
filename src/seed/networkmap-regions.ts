/**
 * The palliative-care networks of Drenthe with their municipalities (DESIGN.md §8). Network and
 * municipality names are real; the coordinates are the municipalities' main towns, the map's offline
 * base layer.
 */
export interface DemoNetwork {
  name: string;
  slug: string;
  municipalities: { name: string; latitude: number; longitude: number }[];
}

export const networks: DemoNetwork[] = [
  {
    name: 'Netwerk Palliatieve Zorg Noord- en Midden-Drenthe', slug: 'noordmidden',
    municipalities: [
      { name: 'Assen', latitude: 52.9928, longitude: 6.5625 },
      { name: 'Aa en Hunze', latitude: 53.0042, longitude: 6.7636 },
      { name: 'Midden-Drenthe', latitude: 52.8625, longitude: 6.5139 },
      { name: 'Noordenveld', latitude: 53.1375, longitude: 6.4208 },
      { name: 'Tynaarlo', latitude: 53.0767, longitude: 6.5775 },
    ],
  },
  {
    name: 'Netwerk Palliatieve Zorg Zuidoost-Drenthe', slug: 'zuidoost',
    municipalities: [
      { name: 'Emmen', latitude: 52.7858, longitude: 6.8975 },
      { name: 'Coevorden', latitude: 52.6617, longitude: 6.7403 },
      { name: 'Borger-Odoorn', latitude: 52.9236, longitude: 6.7931 },
    ],
  },
  {
    name: 'Netwerk Palliatieve Zorg Zuidwest-Drenthe', slug: 'zuidwest',
    municipalities: [
      { name: 'Hoogeveen', latitude: 52.7225, longitude: 6.4764 },
      { name: 'De Wolden', latitude: 52.6722, longitude: 6.4278 },
      { name: 'Meppel', latitude: 52.6958, longitude: 6.1944 },
      { name: 'Westerveld', latitude: 52.8333, longitude: 6.3667 },
    ],
  },
];
