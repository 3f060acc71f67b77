import { useRef, useState } from 'react';
import { decodeResultsFile } from '../../share/resultsFile';
import { useResults } from '../results/resultsStore';

/** Opens a results file that the workbench exported, after validating it; shows why a file is refused. */
export function ImportButton() {
  const showRuns = useResults((s) => s.showRuns);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      showRuns(decodeResultsFile(await file.text(), file.name), 'file');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>Open a results file…</button>
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={(e) => void open(e.target.files?.[0])} data-testid="import-file" aria-label="Results file to open" />
      {error && <p className="error" role="alert" data-testid="import-error">{error}</p>}
    </>
  );
}
