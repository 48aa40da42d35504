import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import { ErrorNotice } from '../../components/status.js';
import { localDate } from '../../i18n/format.js';
import type { Dashboard } from './dashboard-types.js';

const THEMES = ['palliative_care', 'spiritual_care', 'informal_care', 'loneliness', 'dementia', 'grief', 'end_of_life_talks', 'volunteers'] as const;
const GROUPS = ['incurably_ill', 'informal_caregivers', 'older_people', 'professionals', 'volunteers', 'bereaved', 'migrants'] as const;
const SOURCES = ['signal', 'interview'] as const;

/** A need in a municipality of the network; it is published, so it describes what is needed, not who needs it. */
export function NeedForm({ dashboard, onSaved }: { dashboard: Dashboard; onSaved: () => void }) {
  const { t } = useTranslation();
  const [municipalityId, setMunicipalityId] = useState(dashboard.municipalities[0]?.id ?? '');
  const [description, setDescription] = useState('');
  const [theme, setTheme] = useState<string>(THEMES[0]);
  const [targetGroup, setTargetGroup] = useState<string>(GROUPS[0]);
  const [source, setSource] = useState<string>(SOURCES[0]);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await post('/api/networkmap/needs', { municipalityId, description, theme, targetGroup, source, notedOn: localDate() });
      setSaved(true);
      setDescription('');
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const select = (id: string, label: string, value: string, set: (v: string) => void, options: readonly string[], text: (o: string) => string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>{options.map((o) => <option key={o} value={o}>{text(o)}</option>)}</select>
    </div>
  );
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="need-form">
      <h2 id="need-form">{t('networkmap.dashboard.needForm')}</h2>
      <p>{t('networkmap.dashboard.needPublic')}</p>
      {saved && <p className="notice notice--success" role="status">{t('networkmap.dashboard.needSaved')}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      {select('need-municipality', t('networkmap.dashboard.needMunicipality'), municipalityId, setMunicipalityId, dashboard.municipalities.map((m) => m.id), (id) => dashboard.municipalities.find((m) => m.id === id)?.name ?? id)}
      <div className="field">
        <label htmlFor="need-description">{t('networkmap.dashboard.needDescription')}</label>
        <textarea id="need-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} required minLength={10} />
      </div>
      {select('need-theme', t('networkmap.dashboard.needTheme'), theme, setTheme, THEMES, (o) => t(`networkmap.theme.${o}`))}
      {select('need-group', t('networkmap.dashboard.needGroup'), targetGroup, setTargetGroup, GROUPS, (o) => t(`networkmap.targetGroup.${o}`))}
      {select('need-source', t('networkmap.dashboard.needSource'), source, setSource, SOURCES, (o) => t(`networkmap.needs.source.${o}`))}
      <button type="submit" className="button">{t('networkmap.dashboard.saveNeed')}</button>
    </form>
  );
}
