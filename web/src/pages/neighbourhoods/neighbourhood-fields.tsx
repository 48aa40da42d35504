import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextAreaField, TextField } from '../../components/form.js';
import type { FieldErrors } from '../../i18n/errors.js';

export interface NeighbourhoodForm {
  name: string;
  slug: string;
  municipality: string;
  postcodes: string;
  intro: string;
  fictional: boolean;
}

export const emptyNeighbourhood: NeighbourhoodForm = { name: '', slug: '', municipality: '', postcodes: '', intro: '', fictional: false };

/** Postcode areas as typed ("7811, 7812"), sent as a list: the server says which one is not four digits. */
export const toBody = (form: NeighbourhoodForm) => ({ ...form, postcodes: form.postcodes.split(/[\s,;]+/).filter(Boolean) });

export const fieldLabels = (t: TFunction): Record<string, string> => ({
  name: t('neighbourhoodAdmin.fields.name'),
  slug: t('neighbourhoodAdmin.fields.slug'),
  municipality: t('neighbourhoodAdmin.fields.municipality'),
  postcodes: t('neighbourhoodAdmin.fields.postcodes'),
  intro: t('neighbourhoodAdmin.fields.intro'),
});

/** The neighbourhood's own fields, the same for a new one and an edit. */
export function NeighbourhoodFields({ form, onChange, errors }: { form: NeighbourhoodForm; onChange: (form: NeighbourhoodForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const labels = fieldLabels(t);
  const set = (field: keyof NeighbourhoodForm) => (event: { target: { value: string } }) => onChange({ ...form, [field]: event.target.value });
  // A postcode error names its index (postcodes.1); show it on the one field.
  const postcodeError = Object.entries(errors).find(([path]) => path.startsWith('postcodes'))?.[1];
  return (
    <>
      <TextField path="name" label={labels.name ?? ''} errors={errors} value={form.name} onChange={set('name')} required maxLength={200} />
      <TextField path="slug" label={labels.slug ?? ''} hint={t('neighbourhoodAdmin.hints.slug')} errors={errors} value={form.slug} onChange={set('slug')} required maxLength={80} />
      <TextField path="municipality" label={labels.municipality ?? ''} errors={errors} value={form.municipality} onChange={set('municipality')} required maxLength={200} />
      <TextField path="postcodes" label={labels.postcodes ?? ''} hint={t('neighbourhoodAdmin.hints.postcodes')} errors={postcodeError ? { ...errors, postcodes: postcodeError } : errors} value={form.postcodes} onChange={set('postcodes')} inputMode="numeric" />
      <TextAreaField path="intro" label={labels.intro ?? ''} errors={errors} value={form.intro} onChange={set('intro')} maxLength={2000} />
      <CheckboxField path="fictional" label={t('neighbourhoodAdmin.fields.fictional')} errors={errors} checked={form.fictional} onChange={(e) => onChange({ ...form, fictional: e.target.checked })} />
    </>
  );
}
