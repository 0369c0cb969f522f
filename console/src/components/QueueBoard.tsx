import { useApp, useT } from '../context.ts';
import { formatDuration } from '../time-format.ts';
import type { Workspace } from '../workspace.ts';

/** The watched departments' queues: how many wait, and the longest wait, live. */
export function QueueBoard({ ws }: { ws: Workspace }) {
  const t = useT();
  const { locale } = useApp();
  const board = ws.queues.value;
  if (board.size === 0) return null;
  const names = new Map(ws.departments.value.map((d) => [d.id, d.name[locale.locale.value]]));
  return (
    <section class="queues" aria-labelledby="queues-heading">
      <h2 id="queues-heading">{t('queues')}</h2>
      <ul>
        {[...board].map(([department, q]) => (
          <li key={department} class={q.length > 0 ? 'busy' : undefined}>
            <span class="queue-name">{names.get(department) ?? department}</span>
            <span class="queue-figures">
              {q.length === 0
                ? t('queueEmpty')
                : q.waitingSince === null
                  ? t('queueLength', { count: q.length })
                  : t('queueLengthLongest', {
                      count: q.length,
                      duration: formatDuration(locale.locale.value, ws.now.value - q.waitingSince),
                    })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
