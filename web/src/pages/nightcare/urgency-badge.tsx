import { useTranslation } from 'react-i18next';

/** The urgency as a coloured badge; the colour is the same as the incident's dot on the map. */
export function UrgencyBadge({ urgency }: { urgency: string | null }) {
  const { t } = useTranslation();
  return (
    <span className={`nc-urgency nc-urgency--${urgency ?? 'none'}`} title={urgency ? t(`nightcare.urgencies.${urgency}`) : t('nightcare.untriaged')}>
      {urgency ?? t('nightcare.untriagedShort')}
    </span>
  );
}
