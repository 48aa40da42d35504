import { useTranslation } from 'react-i18next';
import { del, post } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { useSubmit } from '../../components/use-submit.js';

/** The night team's members: the alliance's nurses and coordinators, each added or removed by the alliance administrator (audited). */
export function NightTeamSection() {
  const { t } = useTranslation();
  const staff = useApi('GET /api/night-team/members');
  const submit = useSubmit();
  const toggle = async (member: { userId: string; organisationId: string; member: boolean }) => {
    const ok = await submit.run(async () => {
      if (member.member) await del(`/api/night-team/members/${member.userId}`);
      else await post('/api/night-team/members', { userId: member.userId, organisationId: member.organisationId });
    });
    if (ok) staff.reload();
  };
  return (
    <section aria-labelledby="night-team-title">
      <h2 id="night-team-title" className="section-title">
        {t('nightTeam.title')}
      </h2>
      <p>{t('nightTeam.intro')}</p>
      {submit.general && (
        <p className="notice notice--error" role="alert">
          {submit.general}
        </p>
      )}
      {staff.state === 'ok' && (
        <div className="table-scroll" role="region" aria-label={t('nightTeam.title')} tabIndex={0}>
          <table className="table--fit">
            <thead>
              <tr>
                <th scope="col">{t('nightTeam.name')}</th>
                <th scope="col">{t('nightTeam.organisation')}</th>
                <th scope="col">{t('nightTeam.member')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.data.items.map((m) => (
                <tr key={`${m.userId}-${m.organisationId}`}>
                  <th scope="row">{m.name}</th>
                  <td>{m.organisationName}</td>
                  <td>
                    <button type="button" className="button button--secondary" disabled={submit.busy} onClick={() => void toggle(m)}>
                      {m.member ? t('nightTeam.remove', { name: m.name }) : t('nightTeam.add', { name: m.name })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
