import { useEffect, useState } from 'react';
import { endpointProblem, TIMEOUT_RANGE, timeoutProblem, useSettings } from './settingsStore';

/** The Hub endpoint, the request timeout and the access token. */
export function SettingsPanel() {
  const endpoint = useSettings((s) => s.endpoint);
  const token = useSettings((s) => s.token);
  const timeoutSeconds = useSettings((s) => s.timeoutSeconds);
  const setEndpoint = useSettings((s) => s.setEndpoint);
  const setToken = useSettings((s) => s.setToken);
  const setTimeoutSeconds = useSettings((s) => s.setTimeoutSeconds);
  const [draft, setDraft] = useState(endpoint);
  const [timeoutDraft, setTimeoutDraft] = useState(String(timeoutSeconds));
  const [saved, setSaved] = useState(false);
  const problem = endpointProblem(draft.trim().replace(/\/+$/, '')) ?? timeoutProblem(Number(timeoutDraft));

  // The saved settings load after the first render; the fields follow the store when it changes.
  useEffect(() => setDraft(endpoint), [endpoint]);
  useEffect(() => setTimeoutDraft(String(timeoutSeconds)), [timeoutSeconds]);

  return (
    <details className="settings">
      <summary>Settings</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (problem) return;
          setEndpoint(draft);
          setTimeoutSeconds(Number(timeoutDraft));
          setSaved(true);
        }}
      >
        <label>
          Hub endpoint
          <input value={draft} onChange={(e) => { setDraft(e.target.value); setSaved(false); }} spellCheck={false} data-testid="endpoint-input" />
        </label>
        <label>
          Request timeout (seconds without data before a retry)
          <input
            type="number"
            min={TIMEOUT_RANGE.min}
            max={TIMEOUT_RANGE.max}
            step={1}
            value={timeoutDraft}
            onChange={(e) => { setTimeoutDraft(e.target.value); setSaved(false); }}
            data-testid="timeout-input"
          />
        </label>
        <button type="submit" disabled={problem !== null} data-testid="settings-save">Save</button>
        {saved && <span className="ok" role="status"> Saved.</span>}
        {problem && <p className="error">{problem}</p>}
        <p className="muted">The bundled models and data are always available beside this endpoint, offline.</p>
        <label>
          Access token (gated or private repositories)
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" data-testid="token-input" />
        </label>
        <p className="muted">
          The token is kept in this tab only and sent only to the endpoint above, never to the storage host that large files redirect to;
          it never enters a result, a link or a log.
        </p>
      </form>
    </details>
  );
}
