/**
 * The last refused action, shown until it times out or another replaces it; and
 * `settle`, which turns an ack that never came into a value callers branch on.
 */
import { type Signal, signal } from '@preact/signals';
import type { ErrorCode } from '@switchboard/shared';

export type FailureCode = ErrorCode | 'timeout';

export const NOTICE_MS = 6000;

export interface NoticeModel {
  notice: Signal<FailureCode | null>;
  show(code: FailureCode): void;
  dispose(): void;
}

export function createNoticeModel(): NoticeModel {
  const notice = signal<FailureCode | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    notice,
    show(code) {
      notice.value = code;
      clearTimeout(timer);
      timer = setTimeout(() => {
        notice.value = null;
      }, NOTICE_MS);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}

/**
 * A request that timed out (or lost its connection) resolves to 'timeout' instead of
 * throwing. DESIGN.md: an ack not back in time leaves the outcome unknown.
 */
export async function settle<T>(pending: Promise<T>): Promise<T | 'timeout'> {
  try {
    return await pending;
  } catch {
    return 'timeout';
  }
}
