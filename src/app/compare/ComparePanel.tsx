import { memo, useDeferredValue, useMemo } from 'react';
import type { TaskId } from '../../engine/tasks/task';
import type { Protocol } from '../../engine/types';
import { useDeferredResults } from '../results/deferredResults';
import { ALPHA } from '../../engine/compare';
import { seriesName, type ViewRun } from '../results/viewModel';
import { exploreSubset } from '../explore/explorerStore';
import { comparePair, seriesPairs } from './comparison';
import { fitPair, useCompare } from './compareStore';
import { PairTable } from './PairTable';
import { PairwiseSummary } from './PairwiseSummary';

/** How the differences and tests are computed, in the protocol's terms. */
function MethodNote({ protocol }: { protocol: 'study' | 'harness' }) {
  return (
    <details className="method-note">
      <summary>How these are computed</summary>
      {protocol === 'harness' ? (
        <p>
          <strong>Difference:</strong> the mean of the per-item differences (right = 1, wrong = 0), with the normal 95% interval of a mean,
          1.96 · s / √n, where s is the sample standard deviation of the differences. Pairing by item removes the variation of question
          difficulty that two separate intervals would count twice.
        </p>
      ) : (
        <p>
          <strong>Difference:</strong> the difference of the mean run scores, with the half-width √(ciA² + ciB²), where each ci is the
          study's 1.96 · σ / √runs. The runs of two models sample different models, so they are treated as independent.{' '}
          <strong>McNemar per item by majority:</strong> an item counts as right for a model when more than half of its runs got it
          right (a tie counts as wrong). This keeps the question as the unit, as under the harness protocol, with one test per subject
          instead of one per run, and the majority is the answer the model usually gives.
        </p>
      )}
      <p>
        <strong>McNemar's exact test</strong> uses only the items on which exactly one model is right (b and c); its two-sided p-value
        is 2 · P[X ≤ min(b, c)] with X ~ Binomial(b + c, ½). With fewer than 6 such items no split can reach p &lt; {ALPHA}, and the note
        says so. <strong>Many subjects:</strong> at p &lt; {ALPHA}, about one subject in twenty differs by chance alone, so the table gives
        Holm-adjusted p-values across the pair's rows and the Bonferroni threshold {ALPHA} / m beside the raw ones.
      </p>
    </details>
  );
}

/** Pairwise comparison of every pair of series on the task and protocol in view. */
export function ComparePanel() {
  const { all, task, protocol } = useDeferredResults();
  const storedPair = useDeferredValue(useCompare((s) => s.pair));
  return <CompareBody all={all} task={task} protocol={protocol} storedPair={storedPair} />;
}

interface BodyProps {
  all: ViewRun[];
  task: TaskId;
  protocol: Protocol;
  storedPair: [number, number];
}

/** The comparison itself; memoized so that it renders only in the deferred pass. */
const CompareBody = memo(function CompareBody({ all, task, protocol, storedPair }: BodyProps) {
  const setPair = useCompare((s) => s.setPair);
  const pairs = useMemo(() => seriesPairs(all.length).map(([a, b]) => comparePair(all, a, b, task, protocol)), [all, task, protocol]);
  const pair = fitPair(storedPair, all.length);
  if (pair === null) return null;
  const names = all.map(seriesName);
  const selected = pairs.find((p) => p.a === pair[0] && p.b === pair[1]);

  return (
    <section className="panel compare" aria-labelledby="compare-heading" data-testid="compare">
      <h2 id="compare-heading">Compare: is the difference more than noise?</h2>
      <MethodNote protocol={protocol} />
      <PairwiseSummary pairs={pairs} names={names} selected={pair} onSelect={setPair} />
      {selected?.unpairedReason && <p className="muted" data-testid="unpaired-reason">{selected.unpairedReason}</p>}
      {selected && <PairTable pair={selected} names={names} onExplore={task === 'mmlu' ? exploreSubset : () => exploreSubset('overall')} />}
    </section>
  );
});
