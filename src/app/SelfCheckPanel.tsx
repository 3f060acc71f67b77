import { useState } from 'react';
import { SELF_CHECK_TOLERANCE } from '../model/selfCheck';
import type { DevicePreference, SelfCheckReport } from '../worker/protocol';
import { endpointContext, workerClient } from './workerClient';

/** Checks that this browser's WebGPU or WASM computes the bundled models' log-likelihoods as PyTorch does. */
export function SelfCheckPanel() {
  const [report, setReport] = useState<SelfCheckReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const check = async (device: DevicePreference) => {
    setBusy(true);
    setError(null);
    try {
      setReport(await workerClient().call('selfCheck', { device, context: endpointContext() }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const cases = report?.models.flatMap((m) => m.cases) ?? [];
  const worst = cases.reduce((max, c) => Math.max(max, c.difference), 0);
  const failed = cases.filter((c) => !c.passed).length;

  return (
    <details className="panel self-check">
      <summary>Self-check: does this browser compute what PyTorch computes?</summary>
      <p className="muted">
        Scores 16 reference continuations with both bundled models and compares the log-likelihoods with PyTorch's (tolerance {SELF_CHECK_TOLERANCE}).
      </p>
      <button type="button" onClick={() => void check('webgpu')} disabled={busy} data-testid="self-check-webgpu">Check WebGPU</button>{' '}
      <button type="button" onClick={() => void check('wasm')} disabled={busy} data-testid="self-check-wasm">Check WASM</button>
      {busy && <p role="status">Checking…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {report && !busy && (
        <div data-testid="self-check-report" data-device={report.choice.device} data-failed={failed} data-worst={worst}>
          <p className={failed === 0 ? 'ok' : 'error'}>
            {report.choice.device === 'webgpu' ? 'WebGPU' : 'WASM'}: {cases.length - failed} of {cases.length} cases match; largest difference {worst.toExponential(2)}.
          </p>
          <p className="muted">{report.choice.reason}</p>
        </div>
      )}
    </details>
  );
}
