import type { Figure } from '../../engine/types';
import { formatPercent } from '../format';

/** The whole-MMLU figure of each model. */
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
              <span className="muted"> · {figure.nItems.toLocaleString('en-US')} questions</span>
            </span>
          ) : (
            <span className="muted">no MMLU result under this protocol</span>
          )}
        </div>
      ))}
    </div>
  );
}
