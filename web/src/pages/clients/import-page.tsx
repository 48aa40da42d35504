import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { announceIfSignedOut, ApiError, toApiError } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorNotice, ProgressBar } from '../../components/status.js';
import { fieldMessage, inputId } from '../../i18n/errors.js';
import { COLUMN_OF_FIELD, templateHref } from './csv-template.js';

/** A refused CSV row in the IMPORT_REFUSED error's details (error bodies are not in the OpenAPI document). */
interface RefusedRow {
  line: number;
  problems: { field: string; code?: string; message: string }[];
}

type ImportReport = ApiJson<'POST /api/clients/import'>;

type Outcome = { kind: 'imported'; report: ImportReport } | { kind: 'refused'; total: number; refused: RefusedRow[] } | { kind: 'error'; error: ApiError };

const IMPORT_URL = '/api/clients/import';

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function uploadCsv(file: File, options: { endMissing: boolean; preview: boolean }, onProgress: (loaded: number, total: number) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${IMPORT_URL}?endMissing=${String(options.endMissing)}&preview=${String(options.preview)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: undefined });
    xhr.send(file);
  });
}

function toOutcome(status: number, body: unknown): Outcome {
  if (status === 200) {
    const report = body as ImportReport;
    // A preview with refused rows reports them like a refused import, but nothing was tried.
    if (report.preview && report.refused.length) return { kind: 'refused', total: report.added + report.updated + report.unchanged + report.errors, refused: report.refused };
    return { kind: 'imported', report };
  }
  if (status === 0) return { kind: 'error', error: new ApiError(0, 'NETWORK', 'Network error') };
  const error = toApiError(status, body);
  announceIfSignedOut(IMPORT_URL, error);
  const details = error.details as { total?: number; refused?: RefusedRow[] } | undefined;
  if (error.code === 'IMPORT_REFUSED' && Array.isArray(details?.refused)) return { kind: 'refused', total: details.total ?? 0, refused: details.refused };
  return { kind: 'error', error };
}

function RefusedTable({ total, refused }: { total: number; refused: RefusedRow[] }) {
  const { t } = useTranslation();
  const describe = (field: string, message: string, code = 'invalid') => {
    const key = field.split('.').filter((p) => !/^\d+$/.test(p)).join('_');
    const column = COLUMN_OF_FIELD[key];
    return { column: column ?? (field || t('import.wholeRow')), text: fieldMessage(t, { path: field, code, message }) };
  };
  return (
    <section aria-labelledby="refused-title">
      <div className="notice notice--error" role="alert">
        <h2 id="refused-title">{t('import.refusedTitle')}</h2>
        <p>{t('import.refusedSummary', { refused: refused.length, total })}</p>
        <p>
          <strong>{t('import.nothingImported')}</strong>
        </p>
      </div>
      <div className="table-scroll" role="region" aria-label={t('import.refusedTitle')} tabIndex={0}>
        <table className="table--fit">
          <thead>
            <tr>
              <th scope="col">{t('import.line')}</th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {refused.flatMap((row) => {
              // Two issues on one field read the same once translated; show each once.
              const lines = [...new Map(row.problems.map((p) => describe(p.field, p.message, p.code)).map((d) => [`${d.column}|${d.text}`, d])).values()];
              return lines.map(({ column, text }, i) => {
                return (
                  <tr key={`${row.line}-${i}`}>
                    {i === 0 && (
                      <th scope="row" rowSpan={lines.length}>
                        {row.line}
                      </th>
                    )}
                    <td>
                      <code>{column}</code>
                    </td>
                    <td>{text}</td>
                  </tr>
                );
              });
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What the import changed (or, as a preview, would change). */
function ImportReportNotice({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const counts = (['added', 'updated', 'ended', 'unchanged', 'errors'] as const).map((k) => ({ key: k, value: report[k] }));
  return (
    <div className="notice notice--ok" role="status">
      <p>{report.preview ? t('importUpdate.previewTitle') : t('import.imported', { count: report.added })}</p>
      <dl className="import-report">
        {counts.map(({ key, value }) => (
          <div key={key}>
            <dt>{t(`importUpdate.count.${key}`)}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      {report.endedClients.length > 0 && (
        <>
          <p>{t(report.preview ? 'importUpdate.wouldEnd' : 'importUpdate.didEnd')}</p>
          <ul>
            {report.endedClients.map((c) => (
              <li key={c.id}>
                {c.clientNumber} — {c.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {!report.preview && <Link to="/clients">{t('import.toClients')}</Link>}
    </div>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [endMissing, setEndMissing] = useState(false);
  const previewRef = useRef(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const preview = previewRef.current;
    previewRef.current = false;
    if (!file) {
      setMissingFile(true);
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setOutcome(null);
    setProgress({ loaded: 0, total: file.size });
    const { status, body } = await uploadCsv(file, { endMissing, preview }, (loaded, total) => setProgress({ loaded, total }));
    setOutcome(toOutcome(status, body));
    setBusy(false);
  };

  const fileId = inputId('file');
  return (
    <>
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <p>
        <a href={templateHref()} download={t('import.templateFileName')} className="button button--secondary">
          {t('import.template')}
        </a>
      </p>
      <p className="field__hint">{t('import.templateHint')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="card form">
        <div className={`field${missingFile ? ' field--invalid' : ''}`}>
          <label htmlFor={fileId}>{t('import.file')}</label>
          {missingFile && (
            <p className="field__error" id={`${fileId}-error`}>
              {t('import.chooseFile')}
            </p>
          )}
          <input
            ref={fileRef}
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={missingFile || undefined}
            aria-describedby={missingFile ? `${fileId}-error` : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setMissingFile(false);
              setOutcome(null);
            }}
          />
        </div>
        <div className="field field--checkbox">
          <input id="import-end-missing" type="checkbox" checked={endMissing} onChange={(e) => setEndMissing(e.target.checked)} aria-describedby="import-end-missing-hint" />
          <label htmlFor="import-end-missing">{t('importUpdate.endMissing')}</label>
          <p className="field__hint" id="import-end-missing-hint">
            {t('importUpdate.endMissingHint')}
          </p>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy} onClick={() => (previewRef.current = true)}>
          {t('importUpdate.preview')}
        </button>{' '}
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('import.upload')}
        </button>
        {progress && busy && <ProgressBar label={progress.loaded < progress.total ? t('import.uploading') : t('import.checking')} value={progress.loaded} max={progress.total} />}
      </form>
      <div aria-live="polite">
        {outcome?.kind === 'imported' && <ImportReportNotice report={outcome.report} />}
      </div>
      {outcome?.kind === 'refused' && <RefusedTable total={outcome.total} refused={outcome.refused} />}
      {outcome?.kind === 'error' &&
        (outcome.error.code === 'INVALID_INPUT' ? (
          <div className="notice notice--error" role="alert">
            <p>{t('import.invalidFile')}</p>
            <p>
              <strong>{t('import.nothingImported')}</strong>
            </p>
          </div>
        ) : (
          <ErrorNotice error={outcome.error} />
        ))}
    </>
  );
}
