import { useSettings } from '../settings/settingsStore';
import { InterruptedBanner } from './InterruptedBanner';
import { ProtocolOptions } from './ProtocolOptions';
import { RunProgressView } from './RunProgressView';
import { configProblem, useRun } from './runStore';
import { SubjectPicker } from './SubjectPicker';
import { TaskPicker } from './TaskPicker';

/** The run form: tasks, protocols, subjects, item limit and device; Run and Cancel. */
export function RunPanel() {
  const status = useRun((s) => s.status);
  const config = useRun((s) => s.config);
  const setConfig = useRun((s) => s.setConfig);
  const start = useRun((s) => s.start);
  const cancel = useRun((s) => s.cancel);
  const device = useSettings((s) => s.device);
  const setDevice = useSettings((s) => s.setDevice);
  const running = status === 'running';
  const problem = configProblem(config);

  return (
    <section className="panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Run</h2>
      <InterruptedBanner />
      <TaskPicker disabled={running} />
      <ProtocolOptions disabled={running} />
      {config.tasks.includes('mmlu') && (config.sources.mmlu?.kind ?? 'bundled') === 'bundled' && <SubjectPicker disabled={running} />}
      <fieldset className="run-options" disabled={running}>
        <legend>Options</legend>
        <label>
          Items per subject or direction
          <input
            type="number"
            min={1}
            placeholder="all"
            value={config.limit ?? ''}
            onChange={(e) => setConfig({ limit: e.target.value.trim() === '' ? null : Number(e.target.value) })}
            data-testid="item-limit"
          />
        </label>
        <label>
          Device
          <select value={device} onChange={(e) => setDevice(e.target.value as typeof device)} data-testid="device-select">
            <option value="auto">WebGPU if available, else WASM</option>
            <option value="webgpu">WebGPU</option>
            <option value="wasm">WASM</option>
          </select>
        </label>
      </fieldset>
      <div className="run-actions">
        {running ? (
          <button type="button" onClick={cancel} data-testid="cancel-run" aria-keyshortcuts="Alt+C">
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void start()} disabled={problem !== null} title={problem ?? 'Alt+R'} data-testid="start-run" aria-keyshortcuts="Alt+R">
            Run
          </button>
        )}
        {problem && !running && <span className="muted">{problem}</span>}
      </div>
      <RunProgressView />
    </section>
  );
}
