import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { del, post, put } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { CheckboxField, ErrorSummary, SelectField, TextField } from '../../components/form.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useSubmit } from '../../components/use-submit.js';
import { formatDateTime } from '../../i18n/format.js';

type Overview = ApiJson<'GET /api/fhir-import'>;
type Source = NonNullable<Overview['source']>;
type Run = Overview['runs'][number];
type AuthKind = Source['auth']['kind'];

interface Form {
  baseUrl: string;
  clientNumberSystem: string;
  kind: AuthKind;
  secret: string;
  tokenUrl: string;
  clientId: string;
  intervalMinutes: string;
  districtNursing: boolean;
  enabled: boolean;
}

const EMPTY: Form = { baseUrl: '', clientNumberSystem: '', kind: 'bearer', secret: '', tokenUrl: '', clientId: '', intervalMinutes: '60', districtNursing: true, enabled: true };

/** The stored set-up as the form shows it: the secret is never sent back, so its field starts empty. */
const formOf = (s: Source): Form => ({
  baseUrl: s.baseUrl,
  clientNumberSystem: s.clientNumberSystem,
  kind: s.auth.kind,
  secret: '',
  tokenUrl: s.auth.tokenUrl ?? '',
  clientId: s.auth.clientId ?? '',
  intervalMinutes: String(s.intervalMinutes),
  districtNursing: s.districtNursing,
  enabled: s.enabled,
});

/** The body of PUT /api/fhir-import/source; an empty secret keeps the stored one. */
function bodyOf(f: Form) {
  const secret = f.secret.trim() || undefined;
  const auth =
    f.kind === 'none' ? { kind: f.kind } : f.kind === 'bearer' ? { kind: f.kind, token: secret } : { kind: f.kind, tokenUrl: f.tokenUrl, clientId: f.clientId, clientSecret: secret };
  return { baseUrl: f.baseUrl, clientNumberSystem: f.clientNumberSystem, auth, intervalMinutes: Number(f.intervalMinutes), districtNursing: f.districtNursing, enabled: f.enabled };
}

function RunReport({ run }: { run: Run }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <strong>{t(`fhirImport.status.${run.status}`)}</strong> · {formatDateTime(run.startedAt)}
      <p>{t('fhirImport.counts', { created: run.created, updated: run.updated, ended: run.ended, unchanged: run.unchanged })}</p>
      {run.errors.length > 0 && (
        <ul>
          {run.errors.map((e, i) => (
            <li key={i}>
              {e.reference && <code>{e.reference}</code>} {e.clientNumber && `(${e.clientNumber})`} {t(`fhirImport.error.${e.code}`, { defaultValue: e.code })}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The organisation administrator connects the organisation's own record system (FHIR R4) so its clients are kept current without a CSV file. */
export function FhirImportPage() {
  const { t } = useTranslation();
  const overview = useApi('GET /api/fhir-import');
  const source = overview.data?.source ?? null;
  const [form, setForm] = useState<Form>(EMPTY);
  const [actionError, setActionError] = useState<unknown>(null);
  const submit = useSubmit();
  useEffect(() => {
    if (source) setForm(formOf(source));
  }, [source]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(async () => void (await put('/api/fhir-import/source', bodyOf(form))))) overview.reload();
  };
  const act = async (action: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await action();
    } catch (e) {
      setActionError(e);
    }
    overview.reload();
  };
  const remove = () => window.confirm(t('fhirImport.removeConfirm')) && void act(() => del('/api/fhir-import/source'));

  if (overview.loading) return <Loading />;
  return (
    <>
      <h1>{t('fhirImport.title')}</h1>
      <p>{t('fhirImport.intro')}</p>
      {overview.error && <ErrorNotice error={overview.error} />}
      {actionError !== null && <ErrorNotice error={actionError} />}
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(path) => t(`fhirImport.field.${path.split('.').at(-1) ?? path}`, { defaultValue: path })} attempt={submit.attempt} />
      <form className="card form" onSubmit={(e) => void save(e)} noValidate>
        <TextField path="baseUrl" label={t('fhirImport.field.baseUrl')} hint={t('fhirImport.hint.baseUrl')} errors={submit.errors} value={form.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} type="url" />
        <TextField path="clientNumberSystem" label={t('fhirImport.field.clientNumberSystem')} hint={t('fhirImport.hint.clientNumberSystem')} errors={submit.errors} value={form.clientNumberSystem} onChange={(e) => set('clientNumberSystem', e.target.value)} />
        <SelectField path="auth.kind" label={t('fhirImport.field.kind')} errors={submit.errors} value={form.kind} onChange={(e) => set('kind', e.target.value as AuthKind)}>
          {(['bearer', 'client_credentials', 'none'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`fhirImport.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        {form.kind === 'client_credentials' && (
          <>
            <TextField path="auth.tokenUrl" label={t('fhirImport.field.tokenUrl')} errors={submit.errors} value={form.tokenUrl} onChange={(e) => set('tokenUrl', e.target.value)} type="url" />
            <TextField path="auth.clientId" label={t('fhirImport.field.clientId')} errors={submit.errors} value={form.clientId} onChange={(e) => set('clientId', e.target.value)} />
          </>
        )}
        {form.kind !== 'none' && (
          <TextField
            path="auth"
            label={t(form.kind === 'bearer' ? 'fhirImport.field.token' : 'fhirImport.field.clientSecret')}
            hint={source?.auth.hasSecret && source.auth.kind === form.kind ? t('fhirImport.hint.secretKept') : undefined}
            errors={submit.errors}
            value={form.secret}
            onChange={(e) => set('secret', e.target.value)}
            type="password"
            autoComplete="off"
          />
        )}
        <TextField path="intervalMinutes" label={t('fhirImport.field.intervalMinutes')} errors={submit.errors} value={form.intervalMinutes} onChange={(e) => set('intervalMinutes', e.target.value)} type="number" min={5} max={1440} />
        <CheckboxField path="districtNursing" label={t('fhirImport.field.districtNursing')} errors={submit.errors} checked={form.districtNursing} onChange={(e) => set('districtNursing', e.target.checked)} />
        <CheckboxField path="enabled" label={t('fhirImport.field.enabled')} errors={submit.errors} checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={submit.busy}>
            {t('fhirImport.save')}
          </button>
          {source && (
            <>
              <button type="button" className="button button--secondary" onClick={() => void act(() => post('/api/fhir-import/run', {}))}>
                {t('fhirImport.runNow')}
              </button>
              <button type="button" className="button button--danger" onClick={remove}>
                {t('fhirImport.remove')}
              </button>
            </>
          )}
        </div>
        {source && <p className="muted">{t('fhirImport.nextRun', { date: formatDateTime(source.nextRunAt) })}</p>}
      </form>
      <h2 className="section-title">{t('fhirImport.runs')}</h2>
      {overview.data?.runs.length ? (
        <ul className="card-list">
          {overview.data.runs.map((run) => (
            <RunReport key={run.id} run={run} />
          ))}
        </ul>
      ) : (
        <p>{t('fhirImport.noRuns')}</p>
      )}
    </>
  );
}
