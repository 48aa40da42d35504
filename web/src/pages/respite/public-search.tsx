import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';
import { formPaths } from '../nightcare/form-paths.js';

type Answer = ApiJson<'POST /api/public/respite/alliances/{allianceId}/search'>;

// The server's public needs (features and care, public/search-schemas.ts); labels under respitePublic.feature.
const NEEDS = ['ground_floor', 'hoist', 'dementia_safe', 'partner_may_stay', 'pets', 'night_supervision', 'two_person_transfer', 'medication', 'nursing'] as const;
const OFFERS = ['care_home', 'respite_house', 'host_family', 'at_home', 'day_care'] as const;
const paths = formPaths('search');

/**
 * "Is there room for us on these dates?": the places that fit the ticked needs and have a bed for every
 * night. A search that finds nothing is counted (anonymously) as unmet demand; the page then points to the
 * request form, so the intake can still look for a way.
 */
export function RoomSearch({ allianceId, municipalities }: { allianceId: string; municipalities: string[] }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [municipality, setMunicipality] = useState('');
  const [offerType, setOfferType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [needs, setNeeds] = useState<string[]>([]);
  const [answer, setAnswer] = useState<Answer>();
  const search = async (event: FormEvent) => {
    event.preventDefault();
    await submit.run(async () => {
      setAnswer(await post<Answer>(`/api/public/respite/alliances/${allianceId}/search`, { from, to, needs, ...(municipality ? { municipality } : {}), ...(offerType ? { offerType } : {}) }));
    });
  };
  const errors = paths.errors(submit.errors);
  const labels: Record<string, string> = { from: t('respitePartners.search.from'), to: t('respitePartners.search.to'), municipality: t('respitePartners.search.municipality'), offerType: t('respitePartners.search.offerType') };
  const fitting = answer?.places.filter((p) => p.fits && p.room) ?? [];
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('respitePartners.search.title')}</h2>
      <form className="form" noValidate onSubmit={(e) => void search(e)}>
        <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[paths.field(path)]} attempt={submit.attempt} />
        <SelectField path={paths.path('municipality')} label={labels.municipality!} errors={errors} value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          <option value="">{t('respitePartners.search.anyMunicipality')}</option>
          {municipalities.map((m) => <option key={m} value={m}>{m}</option>)}
        </SelectField>
        <SelectField path={paths.path('offerType')} label={labels.offerType!} errors={errors} value={offerType} onChange={(e) => setOfferType(e.target.value)}>
          <option value="">{t('respitePartners.search.anyOffer')}</option>
          {OFFERS.map((o) => <option key={o} value={o}>{t(`respitePublic.offer.${o}`)}</option>)}
        </SelectField>
        <TextField path={paths.path('from')} type="date" label={labels.from!} errors={errors} value={from} onChange={(e) => setFrom(e.target.value)} required />
        <TextField path={paths.path('to')} type="date" label={labels.to!} errors={errors} value={to} onChange={(e) => setTo(e.target.value)} required />
        <fieldset>
          <legend>{t('respitePartners.search.needs')}</legend>
          {NEEDS.map((need) => (
            <CheckboxField key={need} path={paths.path(`need.${need}`)} label={t(`respitePublic.feature.${need}`)} checked={needs.includes(need)} onChange={(e) => setNeeds(e.target.checked ? [...needs, need] : needs.filter((n) => n !== need))} />
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={submit.busy}>{t('respitePartners.search.submit')}</button>
      </form>
      <div role="status">
        {answer && (answer.found ? (
          <>
            <p>{t('respitePartners.search.found', { count: fitting.length })}</p>
            <ul>{fitting.map((p) => <li key={p.id}>{p.name}, {p.city}</li>)}</ul>
          </>
        ) : (
          <p>{t('respitePartners.search.nothing')}</p>
        ))}
      </div>
    </section>
  );
}
