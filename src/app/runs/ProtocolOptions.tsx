import { useRun } from './runStore';

function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/** The two protocols, each with its settings. */
export function ProtocolOptions({ disabled }: { disabled: boolean }) {
  const config = useRun((s) => s.config);
  const setConfig = useRun((s) => s.setConfig);
  const study = config.study;

  return (
    <fieldset className="protocols" disabled={disabled}>
      <legend>Protocols</legend>
      <div className="protocol">
        <label className="check">
          <input type="checkbox" checked={config.useStudy} onChange={(e) => setConfig({ useStudy: e.target.checked })} data-testid="use-study" />
          Study: sampled generation, repeated runs, mean ± 1.96·σ/√runs
        </label>
        <div className="fields">
          <label>
            Runs
            <input type="number" min={1} max={100} value={study.nRuns} onChange={(e) => setConfig({ study: { ...study, nRuns: Number(e.target.value) } })} data-testid="study-runs" />
          </label>
          <label>
            Temperature
            <input type="number" min={0.01} step={0.1} value={study.temperature} disabled={study.greedy} onChange={(e) => setConfig({ study: { ...study, temperature: Number(e.target.value) } })} />
          </label>
          <label>
            Top-k
            <input type="number" min={1} placeholder="none" value={study.topK ?? ''} disabled={study.greedy} onChange={(e) => setConfig({ study: { ...study, topK: numberOrNull(e.target.value) } })} />
          </label>
          <label>
            Seed
            <input type="number" min={0} value={study.seed} onChange={(e) => setConfig({ study: { ...study, seed: Number(e.target.value) } })} data-testid="study-seed" />
          </label>
          <label className="check">
            <input type="checkbox" checked={study.greedy} onChange={(e) => setConfig({ study: { ...study, greedy: e.target.checked } })} />
            Greedy
          </label>
        </div>
      </div>
      <div className="protocol">
        <label className="check">
          <input type="checkbox" checked={config.useHarness} onChange={(e) => setConfig({ useHarness: e.target.checked })} data-testid="use-harness" />
          lm-evaluation-harness: log-likelihood of " A" … " D", acc ± 1.96·stderr
        </label>
        <div className="fields">
          <label>
            Few-shot examples
            <input type="number" min={0} max={5} value={config.harness.numFewshot} onChange={(e) => setConfig({ harness: { protocol: 'harness', numFewshot: Number(e.target.value) } })} />
          </label>
        </div>
      </div>
    </fieldset>
  );
}
