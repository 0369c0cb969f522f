import { signal } from '@preact/signals';
import type { PublicDepartment } from '@switchboard/shared';

export interface SiteInfo {
  key: string;
  name: string;
}

type ConfigResponse =
  | { ok: true; site: SiteInfo; departments: PublicDepartment[] }
  | { ok: false; error: { code: string; message: string } };

/** The site's name and departments, from GET /api/widget/config. */
export function createSiteModel(siteKey: string, fetcher: typeof fetch = fetch) {
  const site = signal<SiteInfo | null>(null);
  const departments = signal<PublicDepartment[]>([]);
  const failed = signal(false);

  async function load(): Promise<void> {
    try {
      const response = await fetcher(`/api/widget/config?site=${encodeURIComponent(siteKey)}`, {
        headers: { accept: 'application/json' },
      });
      const body = (await response.json()) as ConfigResponse;
      if (!body.ok) throw new Error(body.error.code);
      site.value = body.site;
      departments.value = body.departments;
    } catch {
      failed.value = true;
    }
  }

  return { site, departments, failed, load };
}

export type SiteModel = ReturnType<typeof createSiteModel>;
