import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { useResults } from './resultsStore';
import { PUBLISHED_ENDPOINT, type ViewRun } from './viewModel';

function series(endpoint: string, task: string): ViewRun {
  return {
    model: { endpoint, repo: `org/${task}`, revision: 'main', commit: 'c', dtype: 'fp32' },
    execution: { device: 'wasm', reason: 'test', backend: 'transformers.js', counters: null },
    tasks: [{ task, source: 'test', protocol: 'harness', settings: { protocol: 'harness', numFewshot: 0 }, limit: null, subsets: [], figures: [] }],
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
  } as unknown as ViewRun;
}

describe('results view', () => {
  it('prefers a task of the new runs', () => {
    useResults.getState().setView({ task: 'mmlu' });
    useResults.getState().showShared([series(PUBLISHED_ENDPOINT, 'mmlu'), series('bundled', 'arc_challenge')], {});
    expect(useResults.getState().view.task).toBe('arc_challenge');
  });
});

describe('published series', () => {
  it('survive a reload', async () => {
    const { restoreLastResults } = await import('./resultsStore');
    const series = published('mmlu');
    useResults.setState({ published: [] });
    useResults.getState().addPublished(series);
    await new Promise((resolve) => setTimeout(resolve, 50));
    useResults.setState({ published: [] });

    await restoreLastResults();
    expect(useResults.getState().published.map((s) => s.model.repo)).toEqual([series.model.repo]);
  });
});

function published(task: string): ViewRun {
  return series(PUBLISHED_ENDPOINT, task);
}
