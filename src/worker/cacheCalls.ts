/**
 * The cache manager's worker calls: resume an interrupted download, discard one, delete a stored
 * repository, and read one back to verify it. They run in the worker because downloads run only
 * there, so only the worker tracks which commits are busy.
 */
import { CacheEntryMissingError } from '../hub/cache';
import { ensureRepo, type DownloadHooks } from '../hub/download';
import { getPending, type RepoManifest } from '../hub/store';
import { resolveEndpoint } from './browserModels';
import { tokenFor, withEndpointPolicy } from './endpointAccess';
import type { EndpointContext } from './protocol';

export { deleteCachedRepo, discardDownload, verifyCachedRepo } from '../hub/cache';

/**
 * Resumes the pending download of a manifest key at the commit and with the files it pinned.
 * Throws a CacheEntryMissingError when no such download is pending, and whatever ensureRepo throws.
 */
export async function resumeDownload(key: string, context: EndpointContext, hooks: DownloadHooks): Promise<RepoManifest> {
  const pending = await getPending(key);
  if (!pending) throw new CacheEntryMissingError(`No interrupted download has the key ${key}; reload the cache list.`);
  return ensureRepo(
    {
      endpointKey: pending.endpoint,
      endpointUrl: resolveEndpoint(pending.endpoint, context),
      kind: pending.kind,
      repo: pending.repo,
      revision: pending.revision,
      dtype: pending.dtype,
      // A resume downloads the files the pending record lists; the listing is not asked for again.
      pickFiles: () => pending.files,
      token: tokenFor(pending.endpoint, context),
    },
    withEndpointPolicy(hooks, context),
  );
}
