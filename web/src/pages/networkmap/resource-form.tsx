import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post, put } from '../../api/client.js';
import { CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { errorMessage, fieldPath, type FieldErrors } from '../../i18n/errors.js';
import { InitiativePicker, type Linked } from './initiative-picker.js';
import { THEMES, type OwnResource } from './types.js';

type Kind = OwnResource['kind'];
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function draftOf(r?: OwnResource) {
  return {
    kind: r?.kind ?? 'persona', title: r?.title ?? '', summary: r?.summary ?? '', url: r?.url ?? '', themes: r?.themes ?? [],
    situation: r?.persona?.situation ?? '', needs: r?.persona?.needs.join('\n') ?? '', helps: r?.persona?.helps.join('\n') ?? '', quotes: r?.persona?.quotes.join('\n') ?? '',
    madeBy: r?.provenance.madeBy ?? '', conversations: r?.provenance.conversations?.toString() ?? '', madeOn: r?.provenance.madeOn ?? '', licence: r?.provenance.licence ?? '',
    fictional: r?.fictional ?? false, documentSource: r?.file ? 'file' : 'link', initiatives: r?.initiatives ?? ([] as Linked[]),
  };
}
type Draft = ReturnType<typeof draftOf>;
/** The draft's text fields, which the generic inputs edit. */
type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

/** The body the API takes: empty optional fields are left out, so the server names what is missing. */
function bodyOf(d: Draft, file: { fileName: string; contentBase64: string } | undefined) {
  const link = d.kind === 'film' || (d.kind === 'document' && d.documentSource === 'link');
  return {
    kind: d.kind, title: d.title, summary: d.summary, themes: d.themes, fictional: d.fictional, initiativeIds: d.initiatives.map((i) => i.id),
    ...(link && d.url ? { url: d.url } : {}),
    ...(d.kind === 'document' && d.documentSource === 'file' && file ? { file } : {}),
    ...(d.kind === 'persona' ? {
      persona: { situation: d.situation, needs: lines(d.needs), helps: lines(d.helps), quotes: lines(d.quotes) },
      madeBy: d.madeBy, licence: d.licence, ...(d.madeOn ? { madeOn: d.madeOn } : {}), ...(d.conversations ? { conversations: Number(d.conversations) } : {}),
    } : {}),
  };
}

/** The form field a server path belongs to: `persona.needs.0` is the needs box, `file.contentBase64` the file input. */
const formField = (path: string) => {
  const [head = '', next = ''] = fieldPath(path).split('.');
  return head === 'persona' && next ? next : head;
};

const readBase64 = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result.replace(/^data:[^,]*,/, '') : '');
  reader.onerror = () => reject(reader.error ?? new Error('read'));
  reader.readAsDataURL(file);
});

/**
 * Publishing or editing a persona, film or document. The server checks everything; its refusals come
 * back per field and are shown beside the field and in a summary that takes focus.
 */
export function ResourceForm({ editing, onSaved, onCancel }: { editing?: OwnResource; onSaved: (title: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(editing));
  const [file, setFile] = useState<File | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((previous) => ({ ...previous, [key]: value }));
  const label = (field: string) => t(`networkmap.publish.field.${field}`);
  // This form's own wording per field and problem first, then the general wording of the problem.
  const message = (field: string, code: string) => t([`networkmap.publish.errors.${field}.${code}`, `networkmap.publish.errors.${field}.any`, `fieldErrors.byCode.${code}`, 'fieldErrors.byCode.invalid']);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((a) => a + 1);
    try {
      const upload = file ? { fileName: file.name, contentBase64: await readBase64(file) } : undefined;
      const body = bodyOf(d, upload);
      if (editing) await put(`/api/networkmap/resources/${editing.id}`, body);
      else await post('/api/networkmap/resources', body);
      onSaved(d.title);
    } catch (e) {
      const found: FieldErrors = {};
      // Nested paths (persona.needs, file.contentBase64) belong to the field the form shows for them.
      if (e instanceof ApiError) for (const f of e.fields) found[formField(f.path)] ??= message(formField(f.path), f.code);
      setErrors(found);
      setGeneral(Object.keys(found).length ? undefined : errorMessage(t, e));
    }
  };
  const text = (field: TextKey, extra: object = {}) => <TextField path={field} label={label(field)} errors={errors} value={d[field]} onChange={(e) => set(field, e.target.value)} {...extra} />;
  const area = (field: TextKey, hint?: string) => <TextAreaField path={field} label={label(field)} hint={hint} errors={errors} value={d[field]} onChange={(e) => set(field, e.target.value)} />;
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="publish-title" noValidate>
      <h2 id="publish-title">{editing ? t('networkmap.publish.editTitle', { title: editing.title }) : t('networkmap.publish.newTitle')}</h2>
      <ErrorSummary errors={errors} general={general} labelFor={label} attempt={attempt} />
      <SelectField path="kind" label={label('kind')} errors={errors} value={d.kind} disabled={!!editing} onChange={(e) => set('kind', e.target.value as Kind)}>
        {(['persona', 'film', 'document'] as const).map((k) => <option key={k} value={k}>{t(`networkmap.publish.kind.${k}`)}</option>)}
      </SelectField>
      {text('title')}
      {area('summary')}
      {d.kind === 'persona' && (
        <fieldset>
          <legend>{t('networkmap.publish.personaLegend')}</legend>
          {area('situation')}
          {area('needs', t('networkmap.publish.onePerLine'))}
          {area('helps', t('networkmap.publish.onePerLine'))}
          {area('quotes', t('networkmap.publish.onePerLine'))}
          {text('madeBy')}
          {text('conversations', { type: 'number', min: 1, inputMode: 'numeric' })}
          {text('madeOn', { type: 'date' })}
          {text('licence', { hint: t('networkmap.publish.licenceHint') })}
        </fieldset>
      )}
      {d.kind === 'document' && (
        <fieldset className="field">
          <legend>{t('networkmap.publish.documentSource')}</legend>
          {(['link', 'file'] as const).map((s) => <label key={s}><input type="radio" name="documentSource" checked={d.documentSource === s} onChange={() => set('documentSource', s)} /> {t(`networkmap.publish.source.${s}`)}</label>)}
        </fieldset>
      )}
      {(d.kind === 'film' || (d.kind === 'document' && d.documentSource === 'link')) && text('url', { type: 'url', hint: t(d.kind === 'film' ? 'networkmap.publish.filmHint' : 'networkmap.publish.linkHint') })}
      {d.kind === 'document' && d.documentSource === 'file' && (
        <div className={`field${errors.file ? ' field--invalid' : ''}`}>
          <label htmlFor="f-file">{label('file')}</label>
          <p className="field__hint" id="f-file-hint">{editing?.file ? t('networkmap.publish.fileKept', { name: editing.file.name }) : t('networkmap.publish.fileHint')}</p>
          {errors.file && <p className="field__error" id="f-file-error">{errors.file}</p>}
          <input id="f-file" type="file" accept="application/pdf,.pdf" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'} onChange={(e) => setFile(e.target.files?.[0])} />
        </div>
      )}
      <fieldset className="field">
        <legend>{label('themes')}</legend>
        {THEMES.map((theme) => (
          <label key={theme}><input type="checkbox" checked={d.themes.includes(theme)} onChange={(e) => set('themes', e.target.checked ? [...d.themes, theme] : d.themes.filter((x) => x !== theme))} /> {t(`networkmap.theme.${theme}`)}</label>
        ))}
      </fieldset>
      <CheckboxField path="fictional" label={label('fictional')} errors={errors} checked={d.fictional} onChange={(e) => set('fictional', e.target.checked)} />
      <InitiativePicker linked={d.initiatives} onChange={(linked) => set('initiatives', linked)} />
      {errors.initiativeIds && <p className="field__error">{errors.initiativeIds}</p>}
      <div className="networkmap-actions">
        <button type="submit" className="button">{editing ? t('networkmap.publish.saveEdit') : t('networkmap.publish.publish')}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('networkmap.publish.cancel')}</button>
      </div>
    </form>
  );
}
