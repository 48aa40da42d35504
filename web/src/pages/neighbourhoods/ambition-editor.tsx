import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../../api/client.js';
import type { ApiJson } from '../../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { useSubmit } from '../../components/use-submit.js';

type Neighbourhood = ApiJson<'GET /api/neighbourhoods/{id}'>;
type Ambition = Neighbourhood['ambitions'][number];
type Commitment = Ambition['commitments'][number];
type Partner = Neighbourhood['partners'][number];

/** One partner's commitment: its words and date, and the progress residents see (0-100 with a note). */
function CommitmentEditor({ neighbourhoodId, commitment, onChange }: { neighbourhoodId: string; commitment: Commitment; onChange: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(commitment.text);
  const [dueOn, setDueOn] = useState(commitment.dueOn ?? '');
  const [progress, setProgress] = useState(String(commitment.progress));
  const [note, setNote] = useState(commitment.note);
  const [saved, setSaved] = useState(false);
  const submit = useSubmit();
  const scope = `c-${commitment.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit.run(async () => {
      await put(`/api/neighbourhoods/${neighbourhoodId}/commitments/${commitment.id}`, { text, dueOn: dueOn || null });
      await put(`/api/neighbourhoods/${neighbourhoodId}/commitments/${commitment.id}/progress`, { progress: Number(progress), note });
    });
    if (ok) {
      setSaved(true);
      onChange();
    }
  };
  const labels: Record<string, string> = { text: t('neighbourhoodAdmin.commitmentText'), dueOn: t('neighbourhoodAdmin.dueOn'), progress: t('neighbourhoodAdmin.progress'), note: t('neighbourhoodAdmin.note') };
  return (
    <form className="card" onSubmit={(event) => void save(event)} noValidate aria-label={t('neighbourhoodAdmin.commitmentOf', { partner: commitment.partner })}>
      <p>
        <strong>{commitment.partner}</strong>
      </p>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      <TextField path={`${scope}-text`} label={labels.text ?? ''} errors={submit.errors} value={text} onChange={(e) => setText(e.target.value)} required maxLength={500} />
      <TextField path={`${scope}-due`} type="date" label={labels.dueOn ?? ''} errors={submit.errors} value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
      <TextField path={`${scope}-progress`} type="number" min={0} max={100} label={labels.progress ?? ''} errors={submit.errors} value={progress} onChange={(e) => setProgress(e.target.value)} />
      <TextField path={`${scope}-note`} label={labels.note ?? ''} errors={submit.errors} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('neighbourhoodAdmin.save')}
      </button>
      {saved && <p role="status">{t('neighbourhoodAdmin.saved')}</p>}
    </form>
  );
}

function NewCommitment({ neighbourhoodId, ambitionId, partners, onChange }: { neighbourhoodId: string; ambitionId: string; partners: Partner[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [organisationId, setOrganisationId] = useState('');
  const [text, setText] = useState('');
  const submit = useSubmit(`new-${ambitionId}`);
  if (partners.length === 0) return <p>{t('neighbourhoodAdmin.partnersFirst')}</p>;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => post(`/api/neighbourhoods/${neighbourhoodId}/commitments`, { ambitionId, organisationId: organisationId || partners[0]?.organisationId, text }))) {
      setText('');
      onChange();
    }
  };
  return (
    <form onSubmit={(event) => void add(event)} noValidate>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('neighbourhoodAdmin.commitmentText')} attempt={submit.attempt} />
      <SelectField path={`new-${ambitionId}-partner`} label={t('neighbourhoodAdmin.partner')} value={organisationId || partners[0]?.organisationId} onChange={(e) => setOrganisationId(e.target.value)}>
        {partners.map((p) => (
          <option key={p.organisationId} value={p.organisationId}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField path={`new-${ambitionId}-text`} label={t('neighbourhoodAdmin.newCommitment')} errors={submit.errors} value={text} onChange={(e) => setText(e.target.value)} required maxLength={500} />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('neighbourhoodAdmin.addCommitment')}
      </button>
    </form>
  );
}

/** A shared ambition with each partner's commitments under it. */
export function AmbitionEditor({ neighbourhoodId, ambition, partners, onChange }: { neighbourhoodId: string; ambition: Ambition; partners: Partner[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(ambition.title);
  const [description, setDescription] = useState(ambition.description);
  const submit = useSubmit();
  const scope = `a-${ambition.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit.run(() => put(`/api/neighbourhoods/${neighbourhoodId}/ambitions/${ambition.id}`, { title, description }))) onChange();
  };
  return (
    <article className="card" aria-labelledby={`${scope}-heading`}>
      <h3 id={`${scope}-heading`}>{ambition.title}</h3>
      <form onSubmit={(event) => void save(event)} noValidate>
        <ErrorSummary errors={submit.errors} general={submit.general} labelFor={() => t('neighbourhoodAdmin.ambitionTitle')} attempt={submit.attempt} />
        <TextField path={`${scope}-title`} label={t('neighbourhoodAdmin.ambitionTitle')} errors={submit.errors} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        <TextAreaField path={`${scope}-description`} label={t('neighbourhoodAdmin.ambitionDescription')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        <button type="submit" className="button" disabled={submit.busy}>
          {t('neighbourhoodAdmin.save')}
        </button>
      </form>
      {ambition.commitments.map((c) => (
        <CommitmentEditor key={c.id} neighbourhoodId={neighbourhoodId} commitment={c} onChange={onChange} />
      ))}
      <NewCommitment neighbourhoodId={neighbourhoodId} ambitionId={ambition.id} partners={partners} onChange={onChange} />
    </article>
  );
}
