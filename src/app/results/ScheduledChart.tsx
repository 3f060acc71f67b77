import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { blockHeight, rowBlocks } from './chartLayout';

/**
 * Chart blocks mount and update one per task, and only near the viewport. A page that drew every
 * block of every chart as results arrive would block for the sum of them. A queue therefore runs
 * one block per macrotask, so the page stays responsive while a run goes on.
 */
const queue: (() => void)[] = [];
let draining = false;

function drainOne(): void {
  const next = queue.shift();
  if (!next) {
    draining = false;
    return;
  }
  next();
  setTimeout(drainOne, 0);
}

function enqueue(task: () => void): () => void {
  queue.push(task);
  if (!draining) {
    draining = true;
    setTimeout(drainOne, 0);
  }
  return () => {
    const index = queue.indexOf(task);
    if (index >= 0) queue.splice(index, 1);
  };
}

/** Per mounted ScheduledChart whose block is not drawn in its current state, a function that draws it at once. */
const drawers = new Map<HTMLElement, () => void>();

/**
 * Draws every chart block inside `container` (the whole page when absent) at once, whether near
 * the viewport or not. Saving a chart and printing need all of its blocks, not only the visible ones.
 */
export function drawChartsNow(container?: Element): void {
  for (const [box, draw] of drawers) if (!container || container.contains(box)) draw();
}

if (typeof window !== 'undefined') window.addEventListener('beforeprint', () => drawChartsNow());

/** Distance from the viewport within which a chart is drawn, in pixels. */
const NEAR_VIEWPORT = '600px';

/**
 * Renders `children` for the box's width once the box is near the viewport, in a task of its own,
 * and keeps showing the last drawn children until an update of `version` or of the width gets its
 * turn. Reserves `height` pixels.
 */
export function ScheduledChart({ version, height, children }: { version: unknown; height: number; children: (width: number) => ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(children);
  latest.current = children;
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  const [width, setWidth] = useState<number | null>(null);
  const [drawn, setDrawn] = useState<{ version: unknown; width: number; children: ReactNode } | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const observers: { disconnect(): void }[] = [];
    if (typeof IntersectionObserver !== 'undefined') {
      const nearness = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), { rootMargin: NEAR_VIEWPORT });
      nearness.observe(element);
      observers.push(nearness);
    }
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const size = new ResizeObserver(measure);
      size.observe(element);
      observers.push(size);
    }
    return () => observers.forEach((observer) => observer.disconnect());
  }, []);

  const current = drawn !== null && Object.is(drawn.version, version) && drawn.width === width;
  useEffect(() => {
    const element = box.current;
    if (!element || current || width === null || width <= 0) return;
    drawers.set(element, () => flushSync(() => setDrawn({ version, width, children: latest.current(width) })));
    return () => {
      drawers.delete(element);
    };
  }, [current, version, width]);

  useEffect(() => {
    if (!near || current || width === null || width <= 0) return;
    // flushSync renders and commits this block inside its own task. Left to the scheduler, several
    // blocks' updates would be batched into one long render.
    return enqueue(() => flushSync(() => setDrawn({ version, width, children: latest.current(width) })));
  }, [near, current, version, width]);

  return (
    <div ref={box} style={{ minHeight: height }} data-drawn={current ? 'yes' : 'no'}>
      {drawn?.children ?? null}
    </div>
  );
}

/**
 * Draws `rows` as one chart in blocks of BLOCK_ROWS rows, each a ScheduledChart of the height that
 * `series` bars per row take. `children` draws a block at a width, and the last block carries the axis.
 */
export function ScheduledBlocks<T>({ rows, series, children }: { rows: readonly T[]; series: number; children: (block: T[], width: number, last: boolean) => ReactNode }) {
  // NOTE: a block's version is its array, and rowBlocks makes new arrays on each render. The results
  // view also rebuilds its rows on each render, so every render of it redraws every drawn block.
  const blocks = rowBlocks(rows);
  return blocks.map((block, b) => {
    const last = b === blocks.length - 1;
    return (
      <ScheduledChart key={b} version={block} height={blockHeight(block.length, series, last)}>
        {(width) => children(block, width, last)}
      </ScheduledChart>
    );
  });
}
