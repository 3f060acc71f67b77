import { useState } from 'react';
import { endpointProblem, useSettings } from './settingsStore';

/** The Hub endpoint and the access token. */
export function SettingsPanel() {
  const endpoint = useSettings((s) => s.endpoint);
  const token = useSettings((s) => s.token);
  const setEndpoint = useSettings((s) => s.setEndpoint);
  const setToken = useSettings((s) => s.setToken);
  const [draft, setDraft] = useState(endpoint);
  const problem = endpointProblem(draft.trim().replace(/\/+$/, ''));

  return (
    <details className="settings">
      <summary>Settings</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problem) setEndpoint(draft);
        }}
      >
        <label>
          Hub endpoint
          <input value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} data-testid="endpoint-input" />
        </label>
        <button type="submit" disabled={problem !== null}>Save</button>
        {problem && <p className="error">{problem}</p>}
        <p className="muted">The bundled models and data are always available beside this endpoint, offline.</p>
        <label>
          Access token (gated or private repositories)
          <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
        </label>
        <p className="muted">The token is kept in this tab only and sent only to the endpoint above; it never enters a result, a link or a log.</p>
      </form>
    </details>
  );
}
