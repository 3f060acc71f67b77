import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';

/**
 * Charts mount and update one per task, and only near the viewport. recharts draws a chart in
 * synchronous re-renders that follow its mount, which React cannot split. A chart of 57 subjects
 * took tens of milliseconds on a 2-core machine, so several charts at once would block the page.
 * A queue runs one chart per macrotask, so the page stays responsive while results arrive.
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

/** Distance from the viewport within which a chart is drawn, in pixels. */
const NEAR_VIEWPORT = '600px';

/**
 * Renders `children` once it is near the viewport, in a task of its own, and keeps showing the last
 * drawn children until an update of `version` gets its turn. Reserves `height` pixels before the first draw.
 */
export function ScheduledChart({ version, height, children }: { version: unknown; height: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef(children);
  latest.current = children;
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  const [drawn, setDrawn] = useState<{ version: unknown; children: ReactNode } | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setNear(entries.some((e) => e.isIntersecting)), { rootMargin: NEAR_VIEWPORT });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const current = drawn !== null && Object.is(drawn.version, version);
  useEffect(() => {
    if (!near || current) return;
    // flushSync renders and commits this block inside its own task. Left to the scheduler, several
    // blocks' updates would be batched into one long render.
    return enqueue(() => flushSync(() => setDrawn({ version, children: latest.current })));
  }, [near, current, version]);

  return (
    <div ref={box} style={drawn ? undefined : { minHeight: height }} data-drawn={current ? 'yes' : 'no'}>
      {drawn?.children ?? null}
    </div>
  );
}
