import { formatBytes, shortCommit } from '../format';
import type { PendingSummary } from '../../hub/cache';
import { DownloadBar, FileList } from './DownloadBar';
import { useModels, type ModelSlot } from './modelsStore';

/** What IndexedDB has of a slot's model, with the actions that fit: download, cancel, resume, discard. */
export function SlotStatusView({ slot, index, busy }: { slot: ModelSlot; index: number; busy: boolean }) {
  const download = useModels((s) => s.download);
  const cancel = useModels((s) => s.cancelDownload);
  const discard = useModels((s) => s.discard);
  const status = slot.status;

  return (
    <div className="slot-status" data-testid={`model-status-${index}`}>
      {status.kind === 'cached' && (
        <>
          <p className="ok">
            In IndexedDB: {slot.revision} → commit <code>{shortCommit(status.manifest.commit)}</code>,{' '}
            {formatBytes(status.manifest.files.reduce((s, f) => s + f.size, 0))}
          </p>
          <details>
            <summary>Files</summary>
            <FileList files={status.manifest.files} />
          </details>
        </>
      )}
      {status.kind === 'downloading' && (
        <>
          <DownloadBar progress={status.progress} />
          <button type="button" onClick={() => cancel(slot.id)} data-testid={`slot-cancel-${index}`}>
            Cancel
          </button>
        </>
      )}
      {status.kind === 'absent' && (
        <p className="muted">
          Not downloaded yet.{' '}
          <button type="button" onClick={() => void download(slot.id)} disabled={busy} data-testid={`slot-download-${index}`}>
            Download
          </button>
        </p>
      )}
      {status.kind === 'interrupted' && (
        <PendingActions pending={status.pending} index={index} busy={busy} onResume={() => void download(slot.id)} onDiscard={() => void discard(slot.id)} />
      )}
      {status.kind === 'error' && (
        <>
          <p className="error" role="alert" data-testid={`slot-error-${index}`}>
            {status.message}{' '}
            {!status.pending && (
              <button type="button" onClick={() => void download(slot.id)} disabled={busy}>
                Try again
              </button>
            )}
          </p>
          {status.pending && (
            <PendingActions pending={status.pending} index={index} busy={busy} onResume={() => void download(slot.id)} onDiscard={() => void discard(slot.id)} />
          )}
        </>
      )}
    </div>
  );
}

/** How far an interrupted download got, with Resume and Discard. */
function PendingActions(props: { pending: PendingSummary; index: number; busy: boolean; onResume: () => void; onDiscard: () => void }) {
  const { pending, index, busy } = props;
  const percent = pending.bytesTotal > 0 ? (100 * pending.bytesStored) / pending.bytesTotal : 0;
  return (
    <div className="pending" data-testid={`slot-pending-${index}`}>
      <p className="warning">
        Interrupted download: {formatBytes(pending.bytesStored)} of {formatBytes(pending.bytesTotal)} stored ({percent.toFixed(0)}%) at commit{' '}
        <code>{shortCommit(pending.commit)}</code>. Nothing counts as downloaded until every file is verified.
      </p>
      <button type="button" onClick={props.onResume} disabled={busy} data-testid={`slot-resume-${index}`}>
        Resume
      </button>{' '}
      <button type="button" onClick={props.onDiscard} disabled={busy} data-testid={`slot-discard-${index}`}>
        Discard
      </button>
    </div>
  );
}
