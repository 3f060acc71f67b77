import type { TaskId } from '../../engine/tasks/task';
import { useSettings } from '../settings/settingsStore';
import { useRun, type DataSourceForm } from './runStore';

/** Where one task's items come from: the bundled copy, a Hub dataset's files, or files dropped in. */
export function DataSourcePicker({ taskId, disabled }: { taskId: TaskId; disabled: boolean }) {
  const form = useRun((s) => s.config.sources[taskId]) ?? { kind: 'bundled' };
  const setSource = useRun((s) => s.setSource);
  const endpoint = useSettings((s) => s.endpoint);

  const readFiles = async (list: FileList | null) => {
    const files = await Promise.all([...(list ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    setSource(taskId, { kind: 'files', files });
  };
  const choose = (kind: DataSourceForm['kind']) => {
    if (kind === 'bundled') setSource(taskId, { kind: 'bundled' });
    else if (kind === 'hub') setSource(taskId, { kind: 'hub', repo: '', revision: 'main', paths: '' });
    else setSource(taskId, { kind: 'files', files: [] });
  };

  return (
    <div className="data-source" data-testid={`data-source-${taskId}`}>
      <label>
        Data
        <select value={form.kind} disabled={disabled} onChange={(e) => choose(e.target.value as DataSourceForm['kind'])} data-testid={`data-kind-${taskId}`}>
          <option value="bundled">bundled copy</option>
          <option value="hub">Hub dataset at {endpoint}</option>
          <option value="files">my files (CSV, JSON, JSONL, parquet)</option>
        </select>
      </label>
      {form.kind === 'hub' && (
        <>
          <label>
            Dataset repository
            <input value={form.repo} placeholder="allenai/ai2_arc" spellCheck={false} disabled={disabled} onChange={(e) => setSource(taskId, { ...form, repo: e.target.value })} />
          </label>
          <label>
            Revision
            <input value={form.revision} spellCheck={false} disabled={disabled} onChange={(e) => setSource(taskId, { ...form, revision: e.target.value })} />
          </label>
          <label className="wide">
            Files in the repository, comma-separated
            <input value={form.paths} placeholder="ARC-Challenge/test-00000-of-00001.parquet" spellCheck={false} disabled={disabled} onChange={(e) => setSource(taskId, { ...form, paths: e.target.value })} />
          </label>
        </>
      )}
      {form.kind === 'files' && (
        <label>
          Files
          <input type="file" multiple accept=".csv,.tsv,.json,.jsonl,.ndjson,.parquet" disabled={disabled} onChange={(e) => void readFiles(e.target.files)} data-testid={`data-files-${taskId}`} />
          <span className="muted">{form.files.length > 0 ? form.files.map((f) => f.name).join(', ') : 'none chosen'}</span>
        </label>
      )}
    </div>
  );
}
