import { useState, type MouseEvent, type ReactNode } from 'react';
import { position, type Scale } from './chartLayout';

const GRID = '#d1d5db';
const INK = '#111827';
const TEXT = '#4b5563';

/**
 * Dashed grid lines at `ticks` over `height` pixels and, when `axis` is set, the value axis under
 * them with its labels. Blocks stacked without gaps draw one continuous grid.
 */
export function ValueGrid({ scale, ticks, format, height, axis, fontSize = 12 }: { scale: Scale; ticks: readonly number[]; format: (tick: number) => string; height: number; axis: boolean; fontSize?: number }) {
  return (
    <g className="chart-grid">
      {ticks.map((tick) => (
        <line key={tick} x1={position(scale, tick)} x2={position(scale, tick)} y1={0} y2={height} stroke={GRID} strokeDasharray="3 3" />
      ))}
      {axis && (
        <g className="chart-axis">
          <line x1={scale.left} x2={scale.right} y1={height} y2={height} stroke={TEXT} />
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={position(scale, tick)} x2={position(scale, tick)} y1={height} y2={height + 5} stroke={TEXT} />
              <text x={position(scale, tick)} y={height + 18} textAnchor="middle" fontSize={fontSize} fill={TEXT}>
                {format(tick)}
              </text>
            </g>
          ))}
        </g>
      )}
    </g>
  );
}

/** Draws an interval across a bar: a line from `from` to `to` with end caps, clipped to the scale. */
export function Whisker({ scale, from, to, y }: { scale: Scale; from: number; to: number; y: number }) {
  const x1 = position(scale, from);
  const x2 = position(scale, to);
  return (
    <g className="chart-whisker">
      <line x1={x1} x2={x2} y1={y} y2={y} stroke={INK} strokeWidth={1.5} />
      <line x1={x1} x2={x1} y1={y - 3} y2={y + 3} stroke={INK} strokeWidth={1.5} />
      <line x1={x2} x2={x2} y1={y - 3} y2={y + 3} stroke={INK} strokeWidth={1.5} />
    </g>
  );
}

/** The row under the pointer and where the pointer is, in the block's pixels. */
interface Hover {
  index: number;
  x: number;
  y: number;
}

interface ChartBlockSvgProps {
  /** Number of rows, each `band` pixels high from the top. */
  rows: number;
  band: number;
  width: number;
  height: number;
  /** Called with a row's index when it is clicked. */
  onSelect?: (index: number) => void;
  /** The tooltip's content for a row. */
  tooltip: (index: number) => ReactNode;
  /** The drawing, over the hovered row's highlight. */
  children: ReactNode;
}

/**
 * Draws a chart block: an SVG of `width` × `height` pixels whose rows highlight under the pointer, show a
 * tooltip and can be clicked. The SVG carries the class `chart-svg`, which saving a chart looks for.
 */
export function ChartBlockSvg({ rows, band, width, height, onSelect, tooltip, children }: ChartBlockSvgProps) {
  const [hover, setHover] = useState<Hover | null>(null);
  const track = (event: MouseEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const index = Math.floor(y / band);
    setHover(index >= 0 && index < rows ? { index, x, y } : null);
  };
  const onRight = hover !== null && hover.x > width / 2;

  return (
    <div className="chart-block">
      <svg
        className="chart-svg"
        width={width}
        height={height}
        onMouseMove={track}
        onMouseLeave={() => setHover(null)}
        onClick={() => hover && onSelect?.(hover.index)}
        style={{ cursor: onSelect && hover ? 'pointer' : undefined }}
      >
        {hover && <rect className="chart-hover" x={0} y={hover.index * band} width={width} height={band} fill="#f3f4f6" />}
        {children}
      </svg>
      {hover && (
        <div className="chart-tooltip" role="tooltip" style={{ left: onRight ? undefined : hover.x + 14, right: onRight ? width - hover.x + 14 : undefined, top: hover.y + 14 }}>
          {tooltip(hover.index)}
        </div>
      )}
    </div>
  );
}
