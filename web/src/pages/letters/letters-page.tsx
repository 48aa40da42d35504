import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client.js';
import type { ApiJson, LetterBatch } from '../../api/types.js';
import { ErrorSummary } from '../../components/form.js';
import { ErrorNotice, ProgressBar } from '../../components/status.js';
import { errorMessage, fieldErrorsOf, type FieldErrors } from '../../i18n/errors.js';

const POLL_MS = 1000;

/** Polls the batch until it is done or failed; stops when the page goes away. */
function useBatchProgress(batchId: string | null): { batch: LetterBatch | null; error: unknown } {
  const [batch, setBatch] = useState<LetterBatch | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!batchId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await get<LetterBatch>(`/api/letters/batches/${batchId}`);
        if (stopped) return;
        setBatch(next);
        if (next.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId]);
  return { batch, error };
}

export function LettersPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'unsent' | 'all'>('unsent');
  const [markSent, setMarkSent] = useState(true);
  const [busy, setBusy] = useState(false);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const { batch, error } = useBatchProgress(batchId);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(undefined);
    try {
      const started = await post<ApiJson<'POST /api/letters/batches'>>('/api/letters/batches', { scope, markSent });
      setTotal(started.total);
      setBatchId(started.id);
    } catch (e) {
      const fields = fieldErrorsOf(t, e);
      // "No clients match" is a field problem of the scope; it reads best as a plain message.
      setGeneral(Object.values(fields)[0] ?? errorMessage(t, e));
      setAttempt((a) => a + 1);
    } finally {
      setBusy(false);
    }
  };

  const running = batchId !== null && batch?.status !== 'done' && batch?.status !== 'failed' && !error;
  return (
    <>
      <h1>{t('letters.title')}</h1>
      <p>{t('letters.intro')}</p>
      <ErrorSummary errors={errors} general={general} labelFor={() => undefined} attempt={attempt} />
      <form className="card form" onSubmit={(e) => void start(e)}>
        <fieldset className="choice">
          <legend>{t('letters.scope')}</legend>
          <label>
            <input type="radio" name="scope" value="unsent" checked={scope === 'unsent'} onChange={() => setScope('unsent')} /> {t('letters.scopeUnsent')}
          </label>
          <label>
            <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} /> {t('letters.scopeAll')}
          </label>
        </fieldset>
        <div className="field field--check">
          <input id="mark-sent" type="checkbox" checked={markSent} onChange={(e) => setMarkSent(e.target.checked)} aria-describedby="mark-sent-hint" />
          <label htmlFor="mark-sent">{t('letters.markSent')}</label>
          <p className="field__hint" id="mark-sent-hint">
            {t('letters.markSentHint')}
          </p>
        </div>
        <button type="submit" className="button button--primary" disabled={busy || running}>
          {t('letters.start')}
        </button>
      </form>
      {batchId && (
        <section className="card" aria-labelledby="batch-title" aria-live="polite">
          <h2 id="batch-title">{t('letters.batchTitle')}</h2>
          <ProgressBar label={t(`letters.status.${batch?.status ?? 'running'}`)} value={batch?.done ?? 0} max={batch?.total ?? total} />
          <p>{t('letters.counted', { done: batch?.done ?? 0, total: batch?.total ?? total })}</p>
          {batch?.status === 'done' && (
            <a href={`/api/letters/batches/${batchId}/pdf`} className="button button--primary" download>
              {t('letters.download')}
            </a>
          )}
          {batch?.status === 'failed' && (
            <div className="notice notice--error" role="alert">
              <p>{t('letters.failed')}</p>
            </div>
          )}
          {error !== null && <ErrorNotice error={error} />}
        </section>
      )}
    </>
  );
}
