import { useLayoutEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, post } from '../../api/client.js';
import type { paths } from '../../api/openapi.js';
import type { ApiItem, ApiJson } from '../../api/types.js';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { inputId } from '../../i18n/errors.js';
import { useSubmit } from '../../components/use-submit.js';

export type Recipient = ApiItem<'GET /api/medcom/recipients'>;
export type Received = ApiItem<'GET /api/medcom/messages'>;
type Person = ApiJson<'POST /api/medcom/people'>;

type Category = NonNullable<paths['/api/medcom/clients/{clientId}/care-communications']['post']['requestBody']['content']['application/json']['category']>;

/** The profile's category value set (MedCom terminology) in the order staff pick from; checked against the server's list below. */
const categories = [
  'nursing',
  'examination-results',
  'medicine',
  'assistive-devices',
  'discharge',
  'carecoordination',
  'home-care-assessment',
  'training',
  'telemedicine',
  'healthcare',
  'outpatient',
  'acute-ambulant',
  'extended-care-responsibility',
  'regarding-referral',
  'psychiatry-social-disability',
  'alcohol-and-drug-treatment',
  'decease',
  'other',
] as const satisfies readonly Category[];
type Assert<T extends true> = T;
/** Fails to compile when the server knows a category the form does not offer. */
export type CategoriesListed = Assert<[Exclude<Category, (typeof categories)[number]>] extends [never] ? true : false>;

/** An error on one field of this form, raised in the browser, through the same summary as the server's. */
const fieldProblem = (path: string) => new ApiError(400, 'INVALID_INPUT', path, [{ path, code: 'required', message: path }]);

/** Finds the person by CPR number: the server answers only for someone the user may reach (never a list). */
function PersonFinder({ errors, onFound }: { errors: Record<string, string>; onFound: (person: Person | null) => void }) {
  const { t } = useTranslation();
  const [cpr, setCpr] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const lookup = useSubmit('medcom');
  // Not found (or not reachable, which reads the same): back to the number, whose error now describes
  // it. Focused in the commit that shows the error, so nothing between the answer and that commit
  // (the button's busy state) can leave the focus elsewhere.
  const [misses, setMisses] = useState(0);
  useLayoutEffect(() => {
    if (misses > 0) document.getElementById(inputId('cpr'))?.focus();
  }, [misses]);
  const find = async () => {
    setPerson(null);
    onFound(null);
    const ok = await lookup.run(async () => {
      const found = await post<Person>('/api/medcom/people', { cpr });
      setPerson(found);
      onFound(found);
    });
    if (!ok) setMisses((n) => n + 1);
  };
  const shown = { ...errors, ...lookup.errors, ...(lookup.general ? { cpr: t('fieldErrors.scoped.medcom.cpr') } : {}) };
  return (
    <div className="form__group">
      <TextField path="cpr" label={t('medcom.send.cpr')} hint={t('medcom.send.cprHint')} errors={shown} value={cpr} onChange={(e) => setCpr(e.target.value)} inputMode="numeric" autoComplete="off" placeholder="ddmmåå-xxxx" />
      <button type="button" className="button button--secondary button--small" onClick={() => void find()} disabled={lookup.busy}>
        {t('medcom.send.find')}
      </button>
      <p role="status">{person && t('medcom.send.person', { name: person.name })}</p>
    </div>
  );
}

/**
 * The form that sends a CareCommunication, or answers a received one in its thread (the reply keeps
 * the thread's category and topic and goes to its sender). The server validates the Bundle against
 * MedCom's profile before it is queued; its refusal lands in the error summary, which takes the focus.
 */
export function SendForm({ recipients, replyTo, onCancelReply, onSent }: { recipients: Recipient[]; replyTo: Received | null; onCancelReply: () => void; onSent: () => void }) {
  const { t } = useTranslation();
  const submit = useSubmit('medcom');
  const [person, setPerson] = useState<Person | null>(null);
  const [values, setValues] = useState({ recipientOrganisationId: '', category: '', topic: '', text: '', authorRole: '', contactPhone: '' });
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));
  const clientId = replyTo?.client?.id ?? person?.clientId;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      if (!clientId) throw fieldProblem('cpr');
      const common = { text: values.text, authorRole: values.authorRole, contactPhone: values.contactPhone };
      const body = replyTo ? { ...common, replyTo: replyTo.id } : { ...common, recipientOrganisationId: values.recipientOrganisationId || undefined, category: values.category || undefined, topic: values.topic || undefined };
      await post(`/api/medcom/clients/${clientId}/care-communications`, body);
    });
    // The page remounts the form empty and confirms with the focus on the confirmation.
    if (ok) onSent();
  };
  const labels: Record<string, string> = {
    cpr: t('medcom.send.cpr'),
    recipientOrganisationId: t('medcom.send.recipient'),
    category: t('medcom.send.category'),
    topic: t('medcom.send.topic'),
    text: t('medcom.send.text'),
    authorRole: t('medcom.send.authorRole'),
    contactPhone: t('medcom.send.contactPhone'),
  };
  const errors = submit.errors;
  const from = recipients.find((r) => r.sorCode === replyTo?.peerSorCode)?.name ?? replyTo?.peerSorCode ?? '';
  return (
    <form className="form" onSubmit={(e) => void send(e)} noValidate aria-labelledby="medcom-send-title">
      <h2 id="medcom-send-title">{t(replyTo ? 'medcom.send.replyTitle' : 'medcom.send.title')}</h2>
      <p>{t('medcom.send.intro')}</p>
      <ErrorSummary errors={errors} general={submit.general} labelFor={(path) => labels[path]} attempt={submit.attempt} />
      {replyTo ? (
        <div className="notice">
          <p>{t('medcom.send.replyTo', { topic: replyTo.topic ?? '', from, person: replyTo.client?.name ?? '' })}</p>
          <button type="button" className="button button--secondary button--small" onClick={onCancelReply}>
            {t('medcom.send.cancelReply')}
          </button>
        </div>
      ) : (
        <>
          {recipients.length === 0 ? (
            <p className="status status--empty">{t('medcom.send.noRecipients')}</p>
          ) : (
            <SelectField path="recipientOrganisationId" label={labels.recipientOrganisationId!} errors={errors} value={values.recipientOrganisationId} onChange={set('recipientOrganisationId')}>
              <option value="">{t('medcom.send.chooseRecipient')}</option>
              {recipients.map((r) => (
                <option key={r.organisationId} value={r.organisationId}>
                  {r.name} ({t(`kinds.${r.kind}`, { defaultValue: r.kind })}, SOR {r.sorCode})
                </option>
              ))}
            </SelectField>
          )}
          <PersonFinder errors={errors} onFound={setPerson} />
          <SelectField path="category" label={labels.category!} errors={errors} value={values.category} onChange={set('category')}>
            <option value="">{t('medcom.send.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {t(`medcom.category.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField path="topic" label={labels.topic!} hint={t('medcom.send.topicHint')} errors={errors} value={values.topic} onChange={set('topic')} maxLength={60} />
        </>
      )}
      <TextAreaField path="text" label={labels.text!} errors={errors} value={values.text} onChange={set('text')} maxLength={4000} rows={5} />
      <TextField path="authorRole" label={labels.authorRole!} errors={errors} value={values.authorRole} onChange={set('authorRole')} maxLength={60} autoComplete="organization-title" />
      <TextField path="contactPhone" label={labels.contactPhone!} errors={errors} value={values.contactPhone} onChange={set('contactPhone')} type="tel" autoComplete="tel" />
      <button type="submit" className="button" disabled={submit.busy}>
        {t('medcom.send.submit')}
      </button>
    </form>
  );
}
