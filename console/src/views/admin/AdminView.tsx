/** The admin area's index: the screens to come (issue 12, items 11–17), placeholders. */
import { useT } from '../../context.ts';
import type { MessageKey } from '../../i18n.ts';

const SECTIONS: readonly MessageKey[] = [
  'admin_agents',
  'admin_departments',
  'admin_canned',
  'admin_sites',
  'admin_sensitiveWords',
  'admin_blocklist',
  'admin_dispositions',
];

export function AdminView() {
  const t = useT();
  return (
    <main class="page">
      <h1>{t('adminTitle')}</h1>
      <p>{t('adminIntro')}</p>
      <ul class="admin-index">
        {SECTIONS.map((key) => (
          <li key={key}>
            <span>{t(key)}</span> <span class="soon">{t('comingSoon')}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
