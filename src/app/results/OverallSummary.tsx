import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';

/** The headline figure of each series: all of MMLU, or the task's first figure. */
export function OverallSummary({ overall, modelNames }: { overall: (Figure | null)[]; modelNames: string[] }) {
  return (
    <div className="overall" data-testid="overall">
      {overall.map((figure, i) => (
        <div className="overall-card" key={i} data-testid={`overall-${i}`}>
          <span className={`swatch model-${i}`} aria-hidden="true" />
          <span className="overall-name">{modelNames[i]}</span>
          {figure ? (
            <span className="overall-value">
              <strong>{formatPercent(figure.value)}</strong> ± {formatPercent(figure.ci95)}
              <span className="muted">
                {' '}· {figure.label} · {figure.nItems > 0 ? `${figure.nItems.toLocaleString('en-US')} items` : 'item count not published'}
              </span>
            </span>
          ) : (
            <span className="muted">no result for this task under this protocol</span>
          )}
        </div>
      ))}
    </div>
  );
}
