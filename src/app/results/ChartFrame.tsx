import { useRef, useState, type ReactNode } from 'react';
import { chartSvgOf, saveChartPng, saveChartSvg, type LegendEntry } from './chartExport';

/** A chart with buttons that save it as SVG or PNG under `fileName` (without extension), with `legend` drawn on top. */
export function ChartFrame({ fileName, legend = [], children, className }: { fileName: string; legend?: LegendEntry[]; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (format: 'svg' | 'png') => {
    setError(null);
    const svg = ref.current ? chartSvgOf(ref.current) : null;
    if (!svg) {
      setError('The chart is not drawn yet; try again once it shows.');
      return;
    }
    try {
      if (format === 'svg') saveChartSvg(svg, `${fileName}.svg`, legend);
      else await saveChartPng(svg, `${fileName}.png`, legend);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className={`chart-frame ${className ?? ''}`} ref={ref}>
      <div className="chart-actions">
        <button type="button" onClick={() => void save('svg')} data-testid="save-svg">Save SVG</button>
        <button type="button" onClick={() => void save('png')} data-testid="save-png">Save PNG</button>
      </div>
      {children}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
