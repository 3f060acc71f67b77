import { useEffect, useState } from 'react';
import { PermalinkError, type DroppedItems } from '../../share/permalink';
import { shownRuns, useResults } from '../results/resultsStore';
import { saveResults } from './exportFiles';
import { buildShareUrl } from './sharedLink';

/** Builds the share link of the results on screen and copies it, or explains why a file must be sent instead. */
export function ShareButton() {
  const runs = useResults((s) => s.runs);
  const published = useResults((s) => s.published);
  const view = useResults((s) => s.view);
  const [link, setLink] = useState<{ url: string; dropped: DroppedItems[]; copied: boolean } | null>(null);
  const [error, setError] = useState<{ message: string; tooLong: boolean } | null>(null);

  // A link or an error belongs to the results it was made from.
  useEffect(() => {
    setLink(null);
    setError(null);
  }, [runs, published]);

  const share = async () => {
    setError(null);
    try {
      const built = buildShareUrl(shownRuns({ runs, published }), view);
      const copied = navigator.clipboard ? await navigator.clipboard.writeText(built.url).then(() => true, () => false) : false;
      setLink({ ...built, copied });
    } catch (e) {
      setLink(null);
      setError({ message: (e as Error).message, tooLong: e instanceof PermalinkError && e.code === 'too-long' });
    }
  };

  return (
    <div className="share">
      <button type="button" onClick={() => void share()} data-testid="share-button" aria-keyshortcuts="Alt+S">
        Share
      </button>
      {link && (
        <div className="share-link">
          {link.copied ? 'Link copied' : 'Link (copy it from the field; the browser did not allow copying)'} ({link.url.length.toLocaleString('en-US')} characters):{' '}
          <input readOnly value={link.url} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" aria-label="Share link" />
          {link.dropped.length > 0 && (
            <p className="share-hint muted" data-testid="share-dropped">
              To stay under 8 KB, the link leaves out the per-question results of {link.dropped.map((d) => `${d.task} (${d.protocol})`).join(', ')}, so
              it cannot recompute their paired tests. Use "Results file" below to send everything.
            </p>
          )}
        </div>
      )}
      {error && (
        <div className="share-hint" role="alert" data-testid="share-error">
          <p className="error">{error.message}</p>
          {error.tooLong && (
            <button type="button" onClick={() => saveResults('json', shownRuns({ runs, published }))} data-testid="share-export-json">
              Save the results file
            </button>
          )}
        </div>
      )}
    </div>
  );
}
