/**
 * Progress of an evaluation, as a union tagged by status. Items done never go down, and a finished
 * run reports done === total.
 */

/** Progress of the scoring of one task. */
export interface ScoringProgress {
  status: 'scoring';
  task: string;
  done: number;
  total: number;
  /** Items per second since the meter started; 0 until the first chunk ends. */
  itemsPerSecond: number;
  /** Estimated seconds until the last item; null while no rate is known. */
  secondsLeft: number | null;
}

/** Tracks items done and derives the rate and the time left. */
export class ProgressMeter {
  private done: number;
  private readonly startedAt = now();

  /** `initialDone` counts items finished before this meter started (a resumed run); they do not count toward the rate. */
  constructor(
    private readonly task: string,
    private readonly total: number,
    private readonly initialDone = 0,
  ) {
    this.done = initialDone;
  }

  /** Adds `count` finished items and returns the new progress. */
  advance(count: number): ScoringProgress {
    this.done = Math.min(this.total, this.done + count);
    return this.snapshot();
  }

  snapshot(): ScoringProgress {
    const seconds = (now() - this.startedAt) / 1000;
    const doneHere = this.done - this.initialDone;
    const itemsPerSecond = seconds > 0 && doneHere > 0 ? doneHere / seconds : 0;
    const secondsLeft = itemsPerSecond > 0 ? (this.total - this.done) / itemsPerSecond : null;
    return { status: 'scoring', task: this.task, done: this.done, total: this.total, itemsPerSecond, secondsLeft };
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
