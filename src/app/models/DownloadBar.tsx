import type { DownloadProgress } from '../../hub/download';
import { formatBytes } from '../format';

/** A download's progress: a bar, bytes, percent and speed, and each file with its size. */
export function DownloadBar({ progress }: { progress: DownloadProgress | null }) {
  if (!progress || progress.status === 'resolving') {
    return <p className="muted" role="status">Resolving the revision and listing files…</p>;
  }
  const files = progress.files;
  const total = progress.status === 'downloading' ? progress.total : files.reduce((s, f) => s + f.size, 0);
  const loaded = progress.status === 'downloading' ? progress.loaded : total;
  const percent = total > 0 ? (100 * loaded) / total : 100;
  return (
    <div className="download" data-testid="download-progress">
      <progress max={100} value={percent} aria-label="Download progress" />
      <p className="download-figures" role="status">
        {formatBytes(loaded)} of {formatBytes(total)} · {percent.toFixed(0)}%
        {progress.status === 'downloading' && progress.bytesPerSecond > 0 ? ` · ${formatBytes(progress.bytesPerSecond)}/s` : ''}
      </p>
      <FileList files={files} />
    </div>
  );
}

/** Files with their sizes and how much of each is stored. */
export function FileList({ files }: { files: { path: string; size: number; loaded?: number }[] }) {
  return (
    <ul className="file-list" data-testid="file-list">
      {files.map((f) => (
        <li key={f.path}>
          <span className="file-path">{f.path}</span>
          <span className="file-size">
            {f.loaded !== undefined && f.loaded < f.size ? `${formatBytes(f.loaded)} / ` : ''}
            {formatBytes(f.size)}
          </span>
        </li>
      ))}
    </ul>
  );
}
