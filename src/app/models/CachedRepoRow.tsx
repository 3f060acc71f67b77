import type { CachedRepoSummary, StoredFileCheck } from '../../hub/cache';
import { formatBytes, shortCommit } from '../format';
import { useCache, type VerifyResult } from './cacheStore';

/** One stored repository: what it is, where from, its size and date, with Verify and Delete. */
export function CachedRepoRow({ repo }: { repo: CachedRepoSummary }) {
  const busy = useCache((s) => s.busy[repo.key]);
  const error = useCache((s) => s.errors[repo.key]);
  const verified = useCache((s) => s.verified[repo.key]);
  const remove = useCache((s) => s.remove);
  const verify = useCache((s) => s.verify);

  return (
    <li className="cache-row" data-testid="cached-row" data-repo={repo.repo} data-key={repo.key}>
      <div className="cache-main">
        <span className="cache-name">
          {repo.repo} <span className="tag">{repo.kind === 'dataset' ? 'dataset' : (repo.dtype ?? 'model')}</span>
        </span>
        <span className="muted">
          {repo.endpoint === 'bundled' ? 'bundled' : repo.endpoint} · {repo.revision} → <code>{shortCommit(repo.commit)}</code> ·{' '}
          {repo.files.length} files · {formatBytes(repo.bytes)} · {new Date(repo.completedAt).toLocaleString()}
          {repo.sharedWith > 0 && ` · shares its files with ${repo.sharedWith} other ${repo.sharedWith === 1 ? 'entry' : 'entries'}`}
        </span>
      </div>
      <div className="cache-actions">
        <button type="button" onClick={() => void verify(repo.key)} disabled={busy !== undefined}>
          {busy === 'verifying' ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" onClick={() => void remove(repo.key)} disabled={busy !== undefined}>
          {busy === 'deleting' ? 'Deleting…' : 'Delete'}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {verified && <VerifyReport result={verified} />}
    </li>
  );
}

/** Describes how a file was checked, or what failed. */
function checkOutcome(check: StoredFileCheck): string {
  if (!check.ok) return check.problem ?? 'failed';
  if (check.method === 'size') return 'size only';
  return `${check.method} matches`;
}

/** The outcome of a verify: one line, and each file with the sha256 of its stored bytes. */
function VerifyReport({ result }: { result: VerifyResult }) {
  if ('error' in result) return <p className="error" role="alert">{result.error}</p>;
  const failed = result.checks.filter((c) => !c.ok);
  return (
    <details className="verify-report" data-testid="verify-report" open={failed.length > 0}>
      <summary className={failed.length === 0 ? 'ok' : 'error'}>
        {failed.length === 0
          ? `All ${result.checks.length} files match their listed hashes.`
          : `${failed.length} of ${result.checks.length} files do not match; delete the entry and download it again.`}
      </summary>
      <ul className="file-list">
        {result.checks.map((check) => (
          <li key={check.path} data-testid="verify-file" data-path={check.path} data-sha256={check.sha256} data-ok={String(check.ok)}>
            <span className="file-path">{check.path}</span>
            <span className="file-size">
              {checkOutcome(check)} · sha256 <code>{check.sha256.slice(0, 12)}…</code>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
