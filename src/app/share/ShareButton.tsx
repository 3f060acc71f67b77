import { useState } from 'react';
import { shownRuns, useResults } from '../results/resultsStore';
import { buildShareUrl } from './sharedLink';

/** Builds the share link of the results on screen and copies it. */
export function ShareButton() {
  const runs = useResults((s) => s.runs);
  const published = useResults((s) => s.published);
  const view = useResults((s) => s.view);
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const share = async () => {
    setError(null);
    try {
      const url = buildShareUrl(shownRuns({ runs, published }), view);
      setLink(url);
      await navigator.clipboard?.writeText(url).catch(() => undefined);
    } catch (e) {
      setLink(null);
      setError((e as Error).message);
    }
  };

  return (
    <div className="share">
      <button type="button" onClick={() => void share()} data-testid="share-button">
        Share
      </button>
      {link && (
        <p className="share-link">
          Link copied ({link.length.toLocaleString('en-US')} characters):{' '}
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" aria-label="Share link" />
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
