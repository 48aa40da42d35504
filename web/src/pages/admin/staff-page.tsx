import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client.js';
import type { Role } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorSummary, TextField } from '../../components/form.js';
import { CardList } from '../../components/card-list.js';
import { useSubmit } from '../../components/use-submit.js';
import { inputId } from '../../i18n/errors.js';
import { useRoles } from '../../session/session.js';

const GRANTABLE: Role[] = ['nurse', 'coordinator', 'organisation_admin', 'network_coordinator'];

export function StaffPage() {
  const { t } = useTranslation();
  const myRoles = useRoles();
  const list = useApi('GET /api/staff');
  const [form, setForm] = useState({ email: '', name: '', password: '', roles: [] as Role[] });
  const [created, setCreated] = useState<string | null>(null);
  const submit = useSubmit('staff');
  // Only an alliance administrator may make another one (the server checks this too).
  const grantable = myRoles.includes('alliance_admin') ? [...GRANTABLE, 'alliance_admin' as const] : GRANTABLE;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit.run(async () => {
      await post('/api/staff', form);
    });
    if (ok) {
      setCreated(form.name);
      setForm({ email: '', name: '', password: '', roles: [] });
      list.reload();
    }
  };
  const labels: Record<string, string> = { email: t('admin.staff.email'), name: t('admin.staff.name'), password: t('admin.staff.password'), roles: t('admin.staff.roles') };
  const rolesError = submit.errors.roles;

  return (
    <>
      <h1>{t('admin.staff.title')}</h1>
      <CardList resource={list} empty={t('admin.staff.empty')}>
        {(s) => (
          <>
            <strong>{s.name}</strong>
            <p className="muted">{s.email}</p>
            <p>
              {s.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ')} ·{' '}
              <span className={`badge badge--${s.totpEnabled ? 'ok' : 'warn'}`}>{s.totpEnabled ? t('admin.staff.totpOn') : t('admin.staff.totpOff')}</span>
            </p>
          </>
        )}
      </CardList>
      <h2 className="section-title">{t('admin.staff.create')}</h2>
      <ErrorSummary errors={submit.errors} general={submit.general} labelFor={(p) => labels[p]} attempt={submit.attempt} />
      {created && (
        <p className="notice notice--ok" role="status">
          {t('admin.created', { name: created })}
        </p>
      )}
      <form className="card form" onSubmit={(e) => void create(e)} noValidate>
        <TextField path="name" label={labels.name ?? ''} errors={submit.errors} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} autoComplete="off" />
        <TextField path="email" label={labels.email ?? ''} errors={submit.errors} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} autoComplete="off" />
        <TextField
          path="password"
          label={labels.password ?? ''}
          hint={t('admin.staff.passwordHint')}
          errors={submit.errors}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        <fieldset className={`choice${rolesError ? ' field--invalid' : ''}`} aria-describedby={rolesError ? `${inputId('roles')}-error` : undefined}>
          <legend id={inputId('roles')} tabIndex={-1}>
            {labels.roles}
          </legend>
          {rolesError && (
            <p className="field__error" id={`${inputId('roles')}-error`}>
              {rolesError}
            </p>
          )}
          {grantable.map((role) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={form.roles.includes(role)}
                onChange={(e) => setForm({ ...form, roles: e.target.checked ? [...form.roles, role] : form.roles.filter((r) => r !== role) })}
              />{' '}
              {t(`roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={submit.busy}>
          {t('admin.staff.create')}
        </button>
      </form>
    </>
  );
}
