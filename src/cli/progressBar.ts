/**
 * Sync progress on stderr: a bar redrawn in place on a terminal, a few plain lines otherwise
 * (a cron log should not fill with carriage returns).
 */
import type { SyncProgress } from '../shared/contract';

const WIDTH = 28;

export function createProgressReporter(
  stream: NodeJS.WriteStream,
  locale?: string,
): (p: SyncProgress) => void {
  const number = new Intl.NumberFormat(locale);
  const tty = Boolean(stream.isTTY);
  let lastDraw = 0;
  // `rows` counts from the run's first offset: a resumed run read only what follows it, and says
  // that, as the summary line on stdout does.
  let startedAt = 0;
  return (progress) => {
    const label = `emailing ${progress.emailingId}`;
    if (progress.phase === 'starting') startedAt = progress.rows;
    if (!tty) {
      if (progress.phase === 'starting') stream.write(`Syncing ${label}…\n`);
      if (progress.phase === 'done') {
        const read = progress.rows - startedAt;
        stream.write(`Synced ${label}: ${number.format(read)} click${read === 1 ? '' : 's'} read.\n`);
      }
      return;
    }
    const now = Date.now();
    const final = progress.phase !== 'fetching' && progress.phase !== 'starting';
    if (!final && now - lastDraw < 100) return;
    lastDraw = now;
    const fraction = progress.total ? Math.min(1, progress.rows / progress.total) : null;
    const filled = fraction === null ? 0 : Math.round(fraction * WIDTH);
    const bar = fraction === null ? '░'.repeat(WIDTH) : '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
    const percent = fraction === null ? '   ' : `${String(Math.round(fraction * 100)).padStart(3)}%`;
    const of = progress.total === null ? '' : ` of ${number.format(progress.total)}`;
    stream.write(`\r${label} ${bar} ${percent} ${number.format(progress.rows)}${of} clicks\x1b[K`);
    if (final) stream.write('\n');
  };
}
