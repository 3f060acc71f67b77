import type { ProtocolSettings } from '../../engine/types';
import { formatDuration, shortCommit } from '../format';
import { mmluTask, type ViewRun } from './viewModel';

const LETTERS = 'ABCDEFGH';

/** Describes protocol settings in one line. */
export function describeSettings(settings: ProtocolSettings): string {
  if (settings.protocol === 'harness') return `lm-evaluation-harness, ${settings.numFewshot}-shot, acc ± 1.96·stderr`;
  const sampler = settings.greedy ? 'greedy' : `temperature ${settings.temperature}, top-k ${settings.topK ?? 'none'}`;
  return `study, ${settings.nRuns} runs, ${sampler}, seed ${settings.seed} (run r uses seed + r), mean ± 1.96·σ/√runs`;
}

/** What each model was and how it ran: endpoint, revision and commit, variant, device, settings. */
export function RunDetails({ runs, protocol }: { runs: ViewRun[]; protocol: ProtocolSettings['protocol'] }) {
  return (
    <dl className="run-details" data-testid="run-details">
      {runs.map((run, i) => {
        const task = mmluTask(run, protocol);
        return (
          <div key={i}>
            <dt>
              <span className={`swatch model-${i}`} /> Model {LETTERS[i]}: <span data-testid={`run-model-${i}`}>{run.model.repo}</span>
            </dt>
            <dd>
              {run.model.endpoint === 'bundled' ? 'bundled hub' : run.model.endpoint} · revision {run.model.revision} → commit{' '}
              <code title={run.model.commit}>{shortCommit(run.model.commit)}</code> · {run.model.dtype} · ran on{' '}
              {run.execution.device === 'webgpu' ? 'WebGPU' : run.execution.device === 'wasm' ? 'WASM' : run.execution.device} ({formatDuration(run.durationMs / 1000)})
            </dd>
            {task && (
              <dd className="muted">
                {describeSettings(task.settings)}
                {task.limit !== null ? ` · first ${task.limit} items per subject` : ''}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
