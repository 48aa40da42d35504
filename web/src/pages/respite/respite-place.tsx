import { useTranslation } from 'react-i18next';

export interface Place {
  id: string;
  name: string;
  offerType: string;
  description: string;
  city: string;
  features: string[];
  capabilities: string[];
  fundingAccepted: string[];
  pricePerNightCents: number;
  photos: string[];
  accessibility: string;
  introVisitPossible: boolean;
  room: { month: string; level: 'plenty' | 'some' | 'little' | 'none' }[];
}

/** One place on the public page: photo, what it offers, price and roughly when there is room. */
export function RespitePlace({ place }: { place: Place }) {
  const { t, i18n } = useTranslation();
  const month = (m: string) => new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
  const price = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'EUR' }).format(place.pricePerNightCents / 100);
  return (
    <li className="card respite-place">
      <h3>{place.name}</h3>
      {place.photos[0] && <img src={place.photos[0]} alt={t('respitePublic.photoOf', { name: place.name })} width={320} height={180} />}
      <p>{t(`respitePublic.offer.${place.offerType}`)} · {place.city}</p>
      <p>{place.description}</p>
      <ul aria-label={t('respitePublic.featuresLabel')}>
        {[...place.features, ...place.capabilities].map((f) => <li key={f}>{t(`respitePublic.feature.${f}`)}</li>)}
      </ul>
      <p>{t('respitePublic.price', { price })} {t('respitePublic.funding', { schemes: place.fundingAccepted.map((f) => t(`respitePublic.scheme.${f}`)).join(', ') })}</p>
      <p>{place.accessibility}</p>
      {place.introVisitPossible && <p>{t('respitePublic.introVisit')}</p>}
      <h4>{t('respitePublic.roomTitle')}</h4>
      <ul className="respite-room">
        {place.room.map((r) => <li key={r.month}>{month(r.month)}: {t(`respitePublic.room.${r.level}`)}</li>)}
      </ul>
    </li>
  );
}
