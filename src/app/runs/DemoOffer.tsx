import { BUNDLED_MODELS, useModels } from '../models/modelsStore';
import { ImportButton } from '../share/ImportButton';
import { useRun } from './runStore';

/** The subjects, item limit and study runs of the demo: small enough to finish in about a minute on WASM. */
export const DEMO = { subjects: ['abstract_algebra', 'anatomy', 'astronomy'], limit: 10, studyRuns: 3 } as const;

/** Sets the form to the demo, both bundled tiny models on a few MMLU subjects, and starts it. */
export async function runDemo(): Promise<void> {
  const models = useModels.getState();
  const [first, second, ...rest] = models.slots;
  for (const slot of rest) models.removeSlot(slot.id);
  if (first) models.updateSlot(first.id, { source: 'bundled', repo: BUNDLED_MODELS[0], revision: 'main', dtype: 'fp32', backend: 'auto' });
  if (second) models.updateSlot(second.id, { source: 'bundled', repo: BUNDLED_MODELS[1], revision: 'main', dtype: 'fp32', backend: 'auto' });
  else models.addSlot();
  const run = useRun.getState();
  run.setConfig({
    tasks: ['mmlu'],
    subjects: [...DEMO.subjects],
    limit: DEMO.limit,
    useStudy: true,
    useHarness: true,
    study: { ...run.config.study, nRuns: DEMO.studyRuns },
    sources: {},
  });
  await useRun.getState().start();
}

/** Offers, before any result exists, the bundled demo in one click or a results file to open. */
export function DemoOffer() {
  return (
    <section className="panel empty-state" aria-labelledby="empty-heading" data-testid="empty-state">
      <h2 id="empty-heading">No results yet</h2>
      <p>
        Try the bundled demo: the two tiny GPT-2-style models, one trained with frozen token embeddings and one with trainable ones, on{' '}
        {DEMO.subjects.length} MMLU subjects ({DEMO.limit} questions each), under both protocols. Nothing is downloaded from outside this app.
      </p>
      <p>
        <button type="button" className="primary" onClick={() => void runDemo()} data-testid="run-demo">
          Run the demo
        </button>
      </p>
      <p className="muted">
        Or set up your own comparison below, or <ImportButton />
      </p>
    </section>
  );
}
