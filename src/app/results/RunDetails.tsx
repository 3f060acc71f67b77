import type { TaskId } from '../../engine/tasks/task';
import type { ProtocolSettings } from '../../engine/types';
import { formatDuration, shortCommit } from '../format';
import { isPublished, taskOf, type ViewRun } from './viewModel';

const LETTERS = 'ABCDEFGH';

/** Describes protocol settings in one line. */
export function describeSettings(settings: ProtocolSettings): string {
  if (settings.protocol === 'harness') return `lm-evaluation-harness, ${settings.numFewshot}-shot`;
  const sampler = settings.greedy ? 'greedy' : `temperature ${settings.temperature}, top-k ${settings.topK ?? 'none'}`;
  return `study, ${settings.nRuns} runs, ${sampler}, seed ${settings.seed} (run r uses seed + r)`;
}

function deviceName(device: string): string {
  return device === 'webgpu' ? 'WebGPU' : device === 'wasm' ? 'WASM' : device;
}

function backendName(backend: ViewRun['execution']['backend']): string {
  return backend === 'onnxruntime' ? 'ONNX Runtime' : backend;
}

/** Lists how each series ran: endpoint, revision and commit, variant, backend, device, data and settings. */
export function RunDetails({ runs, taskId, protocol }: { runs: ViewRun[]; taskId: TaskId; protocol: ProtocolSettings['protocol'] }) {
  return (
    <dl className="run-details" data-testid="run-details">
      {runs.map((run, i) => {
        const task = taskOf(run, taskId, protocol);
        return (
          <div key={i}>
            <dt>
              <span className={`swatch model-${i}`} /> {isPublished(run) ? 'Published' : `Model ${LETTERS[i]}`}: <span data-testid={`run-model-${i}`}>{run.model.repo}</span>
            </dt>
            {isPublished(run) ? (
              <dd>figures read from {run.model.revision}; study protocol, 10 runs, sampling settings not published</dd>
            ) : (
              <dd>
                {run.model.endpoint === 'bundled' ? 'bundled hub' : run.model.endpoint} · revision {run.model.revision} → commit{' '}
                <code title={run.model.commit}>{shortCommit(run.model.commit)}</code> · {run.model.dtype} ·{' '}
                <span data-testid={`run-backend-${i}`}>{backendName(run.execution.backend)}</span> · ran on {deviceName(run.execution.device)} (
                {formatDuration(run.durationMs / 1000)})
              </dd>
            )}
            {task && !isPublished(run) && (
              <dd className="muted">
                {describeSettings(task.settings)} · {task.source}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
