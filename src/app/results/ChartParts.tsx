import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { position, tooltipPlace, type Scale } from './chartLayout';

const GRID = '#d1d5db';
const INK = '#111827';
const TEXT = '#4b5563';

/**
 * Dashed grid lines at `ticks` over `height` pixels and, when `axis` is set, the value axis under
 * them with its labels. Blocks stacked without gaps draw one continuous grid.
 */
export function ValueGrid({ scale, ticks, format, height, axis, fontSize = 12 }: { scale: Scale; ticks: readonly number[]; format: (tick: number) => string; height: number; axis: boolean; fontSize?: number }) {
  // Where the axis is too narrow for every label, every other tick keeps its label.
  const labelEvery = (scale.right - scale.left) / (ticks.length - 1) < 4 * fontSize ? 2 : 1;
  return (
    <g className="chart-grid">
      {ticks.map((tick) => (
        <line key={tick} x1={position(scale, tick)} x2={position(scale, tick)} y1={0} y2={height} stroke={GRID} strokeDasharray="3 3" />
      ))}
      {axis && (
        <g className="chart-axis">
          <line x1={scale.left} x2={scale.right} y1={height} y2={height} stroke={TEXT} />
          {ticks.map((tick, i) => (
            <g key={tick}>
              <line x1={position(scale, tick)} x2={position(scale, tick)} y1={height} y2={height + 5} stroke={TEXT} />
              {i % labelEvery === 0 && (
                <text x={position(scale, tick)} y={height + 18} textAnchor="middle" fontSize={fontSize} fill={TEXT}>
                  {format(tick)}
                </text>
              )}
            </g>
          ))}
        </g>
      )}
    </g>
  );
}

let measuring: CanvasRenderingContext2D | null | undefined;
let pageFont = '';

/**
 * Returns the width of `text` in the page's font at `fontSize` pixels, from a canvas. Without a
 * canvas (outside a browser) it estimates 0.6 of the font size per character.
 */
export function textWidth(text: string, fontSize: number): number {
  if (measuring === undefined) {
    measuring = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    pageFont = typeof document === 'undefined' ? '' : getComputedStyle(document.body).fontFamily;
  }
  if (!measuring) return [...text].length * fontSize * 0.6;
  measuring.font = `${fontSize}px ${pageFont || 'sans-serif'}`;
  return measuring.measureText(text).width;
}

/** Draws an interval across a bar: a line from `from` to `to` with end caps, clipped to the scale. */
export function Whisker({ scale, from, to, y }: { scale: Scale; from: number; to: number; y: number }) {
  const x1 = position(scale, from);
  const x2 = position(scale, to);
  // An end cut off at the axis gets no cap, so that it does not look like the interval ends there.
  return (
    <g className="chart-whisker">
      <line x1={x1} x2={x2} y1={y} y2={y} stroke={INK} strokeWidth={1.5} />
      {from >= scale.lo && <line x1={x1} x2={x1} y1={y - 3} y2={y + 3} stroke={INK} strokeWidth={1.5} />}
      {to <= scale.hi && <line x1={x2} x2={x2} y1={y - 3} y2={y + 3} stroke={INK} strokeWidth={1.5} />}
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
  const tip = useRef<HTMLDivElement>(null);
  const rowAt = (event: MouseEvent<SVGSVGElement>): Hover | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const index = Math.floor(y / band);
    return index >= 0 && index < rows ? { index, x, y } : null;
  };

  // The keyboard moves between rows as the pointer does, with the tooltip at the row's middle.
  const rowNumber = (index: number): Hover => ({ index, x: width / 2, y: index * band + band / 2 });
  const onKey = (event: KeyboardEvent<SVGSVGElement>) => {
    const current = hover?.index ?? -1;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      // Past a block's first or last row, the chart's previous or next block takes over.
      const blocks = [...(event.currentTarget.closest('[data-chart]')?.querySelectorAll<SVGSVGElement>('svg.chart-svg') ?? [])];
      const adjacent = blocks[blocks.indexOf(event.currentTarget) + (down ? 1 : -1)];
      if (adjacent && ((down && current === rows - 1) || (!down && current === 0))) {
        adjacent.dataset.enterAt = down ? 'first' : 'last';
        adjacent.focus();
        return;
      }
      setHover(rowNumber(down ? Math.min(rows - 1, current + 1) : Math.max(0, current - 1)));
    } else if ((event.key === 'Enter' || event.key === ' ') && current >= 0) {
      event.preventDefault();
      onSelect?.(current);
    } else if (event.key === 'Escape') {
      setHover(null);
    }
  };

  // The tooltip's size is known only once it is drawn, so it is placed before the browser paints.
  useLayoutEffect(() => {
    const element = tip.current;
    const svg = element?.previousElementSibling;
    if (!element || !svg || !hover) return;
    const { left, top } = tooltipPlace(hover, element.getBoundingClientRect(), svg.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight });
    element.style.left = `${left}px`;
    element.style.top = `${top}px`;
  }, [hover]);

  return (
    <div className="chart-block">
      <svg
        className="chart-svg"
        width={width}
        height={height}
        onMouseMove={(event) => setHover(rowAt(event))}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          // The row under the click, not the last one hovered: a tap or a scroll moves no mouse.
          const row = rowAt(event);
          if (row) onSelect?.(row.index);
        }}
        onKeyDown={onKey}
        onFocus={(event) => {
          const last = event.currentTarget.dataset.enterAt === 'last';
          delete event.currentTarget.dataset.enterAt;
          setHover((now) => (last ? rowNumber(rows - 1) : (now ?? rowNumber(0))));
        }}
        onBlur={() => setHover(null)}
        tabIndex={0}
        role="group"
        aria-label={`${rows} chart rows: the arrow keys read each row${onSelect ? ', Enter opens its questions' : ''}`}
        style={{ cursor: onSelect && hover ? 'pointer' : undefined }}
      >
        {hover && <rect className="chart-hover" x={0} y={hover.index * band} width={width} height={band} fill="#f3f4f6" />}
        {children}
      </svg>
      {hover && (
        <div ref={tip} className="chart-tooltip" role="tooltip" aria-live="polite">
          {tooltip(hover.index)}
        </div>
      )}
    </div>
  );
}
