import { nanoid } from 'nanoid';
import { hashPassword, newPassword, verifyPassword } from './auth/password.ts';
import type { Config } from './config.ts';
import type { NewDepartment } from './store/directory.ts';
import type { Store } from './store/store.ts';

export const DEMO_SITE_KEY = 'demo';

/** Their settings are DEFAULT_DEPARTMENT_SETTINGS: automatic, always open, leave-a-message on. */
const DEPARTMENTS: NewDepartment[] = [
  { id: 'pre_sales', name: { en: 'Pre-sales', 'zh-CN': '售前咨询' } },
  { id: 'post_sales', name: { en: 'Post-sales', 'zh-CN': '售后服务' } },
  { id: 'technical', name: { en: 'Technical support', 'zh-CN': '技术支持' } },
];

export interface BootstrapResult {
  /** Set only when this start created the admin with a generated password. */
  generatedPassword: string | null;
  adminCreated: boolean;
  /** What the operator should know about SWITCHBOARD_ADMIN_* on a later start. */
  warning: string | null;
}

/**
 * First-start data: the three departments, the demo site, and an admin who is a
 * member of every department so one person can try the whole product. Safe to run
 * on every start.
 */
export async function bootstrap(
  store: Store,
  config: Pick<Config, 'adminEmail' | 'adminPassword' | 'demoSiteOrigins'>,
  now: number,
): Promise<BootstrapResult> {
  for (const [i, d] of DEPARTMENTS.entries()) await store.directory.ensureDepartment(d, i);
  await store.directory.saveSite(
    {
      id: 'site_demo',
      key: DEMO_SITE_KEY,
      name: 'Spruce Store',
      allowedOrigins: config.demoSiteOrigins,
    },
    now,
  );
  if ((await store.agents.count()) > 0) {
    return {
      generatedPassword: null,
      adminCreated: false,
      warning: await adminDrift(store, config),
    };
  }
  const password = config.adminPassword ?? newPassword();
  await store.agents.create(
    {
      id: nanoid(),
      email: config.adminEmail,
      name: 'Admin',
      role: 'admin',
      passwordHash: await hashPassword(password),
      departments: (await store.directory.departments()).map((d) => d.id),
    },
    now,
  );
  return {
    generatedPassword: config.adminPassword ? null : password,
    adminCreated: true,
    warning: null,
  };
}

/**
 * SWITCHBOARD_ADMIN_PASSWORD only creates the first admin. Set later to a different
 * password it would be silently ignored, and the operator would think it works.
 */
async function adminDrift(
  store: Store,
  config: Pick<Config, 'adminEmail' | 'adminPassword'>,
): Promise<string | null> {
  if (!config.adminPassword) return null;
  const admin = await store.agents.byEmail(config.adminEmail);
  const fix = `to change a password: pnpm switchboard reset-password ${config.adminEmail}`;
  if (!admin) {
    return `SWITCHBOARD_ADMIN_PASSWORD is set, but no agent has the email ${config.adminEmail}: it only applies on the first start (${fix})`;
  }
  if (await verifyPassword(config.adminPassword, admin.passwordHash)) return null;
  return `SWITCHBOARD_ADMIN_PASSWORD differs from ${config.adminEmail}'s stored password and is ignored: it only applies on the first start (${fix})`;
}
