import type { PendingSummary } from '../../hub/cache';
import { formatBytes, shortCommit } from '../format';
import { useCache } from './cacheStore';

/** One interrupted download: how much is stored, with Resume (or Cancel while it runs) and Discard. */
export function PendingRow({ pending }: { pending: PendingSummary }) {
  const busy = useCache((s) => s.busy[pending.key]);
  const error = useCache((s) => s.errors[pending.key]);
  const progress = useCache((s) => s.progress[pending.key]);
  const resume = useCache((s) => s.resume);
  const cancel = useCache((s) => s.cancelResume);
  const discard = useCache((s) => s.discard);
  const stored = progress?.status === 'downloading' ? progress.loaded : pending.bytesStored;
  const percent = pending.bytesTotal > 0 ? (100 * stored) / pending.bytesTotal : 0;

  return (
    <li className="cache-row" data-testid="pending-row" data-repo={pending.repo} data-key={pending.key}>
      <div className="cache-main">
        <span className="cache-name">
          {pending.repo} <span className="tag">{pending.kind === 'dataset' ? 'dataset' : (pending.dtype ?? 'model')}</span>
        </span>
        <span className="muted">
          {pending.endpoint === 'bundled' ? 'bundled' : pending.endpoint} · {pending.revision} → <code>{shortCommit(pending.commit)}</code> · started{' '}
          {new Date(pending.startedAt).toLocaleString()}
        </span>
        <progress max={100} value={percent} aria-label={`Stored part of ${pending.repo}`} />
        <span className="muted" data-testid="pending-bytes">
          {formatBytes(stored)} of {formatBytes(pending.bytesTotal)} stored ({percent.toFixed(0)}%)
        </span>
      </div>
      <div className="cache-actions">
        {busy === 'resuming' ? (
          <button type="button" onClick={() => cancel(pending.key)}>Cancel</button>
        ) : (
          <button type="button" onClick={() => void resume(pending.key)} disabled={busy !== undefined}>Resume</button>
        )}
        <button type="button" onClick={() => void discard(pending.key)} disabled={busy !== undefined}>
          {busy === 'discarding' ? 'Discarding…' : 'Discard'}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </li>
  );
}
