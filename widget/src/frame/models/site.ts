import { signal } from '@preact/signals';
import type { Locale, PublicDepartment } from '@switchboard/shared';

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

  /** A department's name for people; its id if the site does not list it (any more). */
  function departmentName(id: string, locale: Locale): string {
    return departments.value.find((d) => d.id === id)?.name[locale] ?? id;
  }

  return { site, departments, failed, load, departmentName };
}

export type SiteModel = ReturnType<typeof createSiteModel>;
