import { useRun } from './runStore';

/** Offers to resume a run that stopped before it finished, or to discard its saved records. */
export function InterruptedBanner() {
  const interrupted = useRun((s) => s.interrupted);
  const running = useRun((s) => s.status === 'running');
  const resume = useRun((s) => s.resume);
  const discard = useRun((s) => s.discardInterrupted);
  const journalError = useRun((s) => s.journalError);
  if (journalError) return <p className="error" role="alert">{journalError}</p>;
  if (!interrupted || running) return null;
  return (
    <div className="banner" role="status" data-testid="interrupted-run">
      <span>
        A run of {interrupted.models.join(', ')} started {new Date(interrupted.startedAt).toLocaleString()} stopped before it finished;{' '}
        {interrupted.savedItems} scored items are saved.
      </span>
      <button type="button" onClick={() => void resume()} data-testid="resume-run">Resume</button>
      <button type="button" onClick={() => void discard()}>Discard</button>
    </div>
  );
}
