import { useEffect, useState } from 'react';
import type { Figure } from '../../engine/types';
import { DifferenceBlock } from '../compare/DifferenceChart';
import type { ComparisonRow } from '../compare/comparison';
import { ChartBlock } from './SubjectChart';
import type { FigureRow } from './viewModel';

const FIGURE: Figure = { label: 'warm-up', task: 'mmlu', subset: null, metric: 'acc', value: 50, std: 1, ci95: 1, stderr: 0.5, intervalMethod: 'stderr-ci95', nItems: 1, runScores: null };
const SAMPLE: FigureRow[] = ['a', 'b'].map((key) => ({ key, name: key, category: null, figures: [FIGURE, { ...FIGURE, value: 40 }] }));
const DIFFERENCES: ComparisonRow[] = SAMPLE.map((row) => ({
  key: row.key,
  name: row.name,
  nItems: 1,
  a: FIGURE,
  b: FIGURE,
  difference: { value: 10, ci95: 5, low: 5, high: 15, method: 'paired-items' },
  test: null,
  holmP: null,
}));

/** Symbols the results use; the first layout of a glyph that needs a fallback font is slow. */
const SYMBOLS = '± σ √ − – — … · → ≤ ✓ ✗ ² ½ ◀';

/**
 * Draws one hidden chart and the results' symbols while the page is idle after loading, then removes
 * them. The first chart a page draws costs more than later ones (the JavaScript engine compiles the
 * drawing code on first use), and the first layout of a symbol missing from the page's font costs
 * far more. Paying both while idle keeps the first results of a run from blocking the page.
 */
export function ChartWarmup() {
  const [phase, setPhase] = useState<'waiting' | 'drawing' | 'done'>('waiting');

  useEffect(() => {
    if (phase === 'waiting') {
      const start = () => setPhase('drawing');
      if (typeof requestIdleCallback === 'function') {
        const handle = requestIdleCallback(start, { timeout: 3000 });
        return () => cancelIdleCallback(handle);
      }
      const timer = setTimeout(start, 500);
      return () => clearTimeout(timer);
    }
    if (phase === 'drawing') {
      const timer = setTimeout(() => setPhase('done'), 0);
      return () => clearTimeout(timer);
    }
  }, [phase]);

  if (phase !== 'drawing') return null;
  return (
    <div aria-hidden="true" style={{ position: 'fixed', left: -10_000, top: 0, width: 600, visibility: 'hidden' }}>
      <ChartBlock rows={SAMPLE} modelNames={['warm-up A', 'warm-up B']} published={[false, true]} width={600} last />
      <DifferenceBlock rows={DIFFERENCES} models={2} bound={20} pair={{ label: 'A − B', colors: ['#2563eb', '#ea580c'] }} width={400} last />
      <p>{SYMBOLS}</p>
      <p className="muted">{SYMBOLS}</p>
      <strong>{SYMBOLS}</strong>
      <code>{SYMBOLS}</code>
    </div>
  );
}
