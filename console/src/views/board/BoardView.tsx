/** The supervisor board: a placeholder until the live board lands (issue 12, item 9). */
import { useT } from '../../context.ts';

export function BoardView() {
  const t = useT();
  return (
    <main class="page">
      <h1>{t('boardTitle')}</h1>
      <p>{t('boardComing')}</p>
    </main>
  );
}
