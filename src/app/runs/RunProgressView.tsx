import { formatDuration } from '../format';
import { DownloadBar } from '../models/DownloadBar';
import { useRun } from './runStore';

const LETTERS = 'ABCDEFGH';

/** The run's device with its reason, and what it is doing now: downloading, loading or scoring. */
export function RunProgressView() {
  const device = useRun((s) => s.device);
  const live = useRun((s) => s.live);
  const status = useRun((s) => s.status);
  const error = useRun((s) => s.error);
  const resumedItems = useRun((s) => s.resumedItems);

  return (
    <div className="run-progress">
      {device && (
        <p className="device" data-testid="device-info">
          Device: <strong data-testid="device-name">{device.device === 'webgpu' ? 'WebGPU' : 'WASM'}</strong>. {device.reason}
        </p>
      )}
      {status === 'running' && resumedItems !== null && (
        <p className="muted" data-testid="resumed-note" data-items={resumedItems}>
          Resumed an interrupted run: {resumedItems} items were already scored and saved, so only the rest are scored now.
        </p>
      )}
      {status === 'running' && live && (
        <div role="status" aria-live="polite" data-testid="run-status">
          <p>
            Model {LETTERS[live.modelIndex]} ({live.repo}):{' '}
            {live.phase === 'downloading' ? 'downloading' : live.phase === 'loading' ? 'loading the model' : `scoring ${live.task} under the ${live.protocol} protocol`}
          </p>
          {live.phase === 'downloading' && <DownloadBar progress={live.download} />}
          {live.scoring && (
            <>
              <progress max={live.scoring.total} value={live.scoring.done} aria-label="Items scored" />
              <p className="muted" data-testid="scoring-progress">
                {live.scoring.done} of {live.scoring.total} items
                {live.scoring.itemsPerSecond > 0 ? ` · ${live.scoring.itemsPerSecond.toFixed(1)} items/s` : ''}
                {live.scoring.secondsLeft !== null ? ` · ${formatDuration(live.scoring.secondsLeft)} left` : ''}
              </p>
            </>
          )}
        </div>
      )}
      {status === 'cancelled' && <p className="muted" role="status">The run was cancelled. The items scored so far are saved, and Resume continues the run from them.</p>}
      {status === 'failed' && error && <p className="error" role="alert" data-testid="run-error">{error}</p>}
    </div>
  );
}
