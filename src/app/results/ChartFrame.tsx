import { useRef, useState, type ReactNode } from 'react';
import { chartSvgOf, saveChartPng, saveChartSvg, type ChartHeading } from './chartExport';
import { drawChartsNow } from './ScheduledChart';

interface ChartFrameProps extends ChartHeading {
  /** Name of a saved file, without extension. */
  fileName: string;
  children: ReactNode;
}

/**
 * Shows a chart under its heading (a legend of its series or a title), with buttons that save it, heading
 * included, as SVG or PNG. Frames side by side in a `.chart-pair` line up their headings and charts.
 */
export function ChartFrame({ fileName, legend = [], title, children }: ChartFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (format: 'svg' | 'png') => {
    setError(null);
    if (ref.current) drawChartsNow(ref.current);
    const svg = ref.current ? chartSvgOf(ref.current) : null;
    if (!svg) {
      setError('The chart is not drawn yet; try again once it shows.');
      return;
    }
    try {
      if (format === 'svg') saveChartSvg(svg, `${fileName}.svg`, { legend, title });
      else await saveChartPng(svg, `${fileName}.png`, { legend, title });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="chart-frame" ref={ref}>
      <div className="chart-actions">
        <button type="button" onClick={() => void save('svg')} data-testid="save-svg">Save SVG</button>
        <button type="button" onClick={() => void save('png')} data-testid="save-png">Save PNG</button>
      </div>
      {title ? (
        <p className="chart-heading chart-title">{title}</p>
      ) : (
        <ul className="chart-heading chart-legend">
          {legend.map((entry, i) => (
            <li key={i} className="chart-legend-item" style={{ color: entry.color }}>
              {/* A published series' swatch: its color at 35% opacity (alpha 0x59) with a dashed outline. */}
              <span className={`legend-swatch${entry.published ? ' published' : ''}`} style={{ borderColor: entry.color, background: entry.published ? `${entry.color}59` : entry.color }} />
              {entry.name}
            </li>
          ))}
        </ul>
      )}
      {children}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
