import { formatBytes } from '../format';
import { CachedRepoRow } from './CachedRepoRow';
import { PendingRow } from './PendingRow';
import { useCache, type StorageInfo } from './cacheStore';
import './cache.css';

/**
 * The cache manager: storage used and granted, the repositories stored in IndexedDB with delete and
 * verify, and interrupted downloads with resume and discard. It reads IndexedDB when opened.
 */
export function CacheManager() {
  const listing = useCache((s) => s.listing);
  const storage = useCache((s) => s.storage);
  const refresh = useCache((s) => s.refresh);

  return (
    <details
      className="cache-manager"
      data-testid="cache-manager"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) void refresh();
      }}
    >
      <summary>Stored models and data</summary>
      <StorageLine storage={storage} />
      {listing === null ? (
        <p className="muted">Reading IndexedDB…</p>
      ) : (
        <>
          {listing.pending.length > 0 && (
            <section aria-labelledby="pending-heading">
              <h3 id="pending-heading">Interrupted downloads</h3>
              <ul className="cache-list" data-testid="pending-list">
                {listing.pending.map((pending) => (
                  <PendingRow key={pending.key} pending={pending} />
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="stored-heading">
            <h3 id="stored-heading">Stored</h3>
            {listing.repos.length === 0 ? (
              <p className="muted">Nothing is stored yet.</p>
            ) : (
              <ul className="cache-list" data-testid="cached-list">
                {listing.repos.map((repo) => (
                  <CachedRepoRow key={repo.key} repo={repo} />
                ))}
              </ul>
            )}
          </section>
          <button type="button" className="link" onClick={() => void refresh()}>
            Reload the list
          </button>
        </>
      )}
    </details>
  );
}

/** Usage, quota and persistence, as the browser reports them. */
function StorageLine({ storage }: { storage: StorageInfo }) {
  if (storage.usage === null || storage.quota === null) {
    return <p className="muted" data-testid="storage-info">This browser does not report its storage use.</p>;
  }
  // Chromium reports usage plus a whole number of GiB (its StaticStorageQuota), not the enforced quota.
  const fixedReport = storage.quota > storage.usage && (storage.quota - storage.usage) % 2 ** 30 === 0;
  return (
    <p data-testid="storage-info">
      {formatBytes(storage.usage)} used; the browser reports a quota of {formatBytes(storage.quota)}
      {fixedReport ? ' (a fixed figure: the real limit shows only when storage runs out).' : '.'}{' '}
      {storage.persisted
        ? 'Storage is persistent: the browser keeps it when the disk runs low.'
        : 'Storage is not persistent: the browser may evict it when the disk runs low.'}
    </p>
  );
}
