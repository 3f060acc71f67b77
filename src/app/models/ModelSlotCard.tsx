import { DTYPE_SUFFIXES } from '../../hub/modelFiles';
import { useSettings } from '../settings/settingsStore';
import type { BackendChoice } from '../../model/modelChecks';
import { BACKEND_CHOICES, BUNDLED_MODELS, type ModelSlot, type ModelSource, repoProblem, revisionProblem, useModels } from './modelsStore';
import { SlotStatusView } from './SlotStatusView';
import './slot.css';

const LETTERS = 'ABCDEFGH';

/** One model of the comparison: its source, id, revision, variant and backend, and what is stored of it. */
export function ModelSlotCard({ slot, index, busy }: { slot: ModelSlot; index: number; busy: boolean }) {
  const endpoint = useSettings((s) => s.endpoint);
  const update = useModels((s) => s.updateSlot);
  const remove = useModels((s) => s.removeSlot);
  const count = useModels((s) => s.slots.length);
  const status = slot.status;
  const letter = LETTERS[index] ?? String(index + 1);
  const disabled = busy || status.kind === 'downloading';
  const repoError = repoProblem(slot.repo);
  const revisionError = revisionProblem(slot.revision);

  return (
    <section className="card model-slot" aria-label={`Model ${letter}`} data-testid={`model-slot-${index}`}>
      <header className="slot-header">
        <span className={`swatch model-${index}`} aria-hidden="true" />
        <h3>Model {letter}</h3>
        {count > 1 && (
          <button type="button" className="link" onClick={() => remove(slot.id)} disabled={disabled}>
            Remove
          </button>
        )}
      </header>
      <div className="slot-fields">
        <label>
          Source
          <select value={slot.source} disabled={disabled} onChange={(e) => update(slot.id, { source: e.target.value as ModelSource })} data-testid={`model-source-${index}`}>
            <option value="bundled">Bundled with the app (offline)</option>
            <option value="endpoint">{endpoint}</option>
          </select>
        </label>
        <div className="slot-field">
          <label>
            Repository
            <input
              value={slot.repo}
              list={slot.source === 'bundled' ? 'bundled-models' : undefined}
              spellCheck={false}
              disabled={disabled}
              placeholder="org/name"
              aria-invalid={repoError !== null}
              aria-describedby={repoError ? `model-repo-problem-${index}` : undefined}
              onChange={(e) => update(slot.id, { repo: e.target.value })}
              data-testid={`model-repo-${index}`}
            />
          </label>
          <FieldProblem id={`model-repo-problem-${index}`} message={repoError} />
        </div>
        <div className="slot-field">
          <label>
            Revision
            <input
              value={slot.revision}
              spellCheck={false}
              disabled={disabled}
              aria-invalid={revisionError !== null}
              aria-describedby={revisionError ? `model-revision-problem-${index}` : undefined}
              onChange={(e) => update(slot.id, { revision: e.target.value })}
              data-testid={`model-revision-${index}`}
            />
          </label>
          <FieldProblem id={`model-revision-problem-${index}`} message={revisionError} />
        </div>
        <label>
          Variant
          <select value={slot.dtype} disabled={disabled} onChange={(e) => update(slot.id, { dtype: e.target.value })} data-testid={`model-dtype-${index}`}>
            {Object.keys(DTYPE_SUFFIXES).map((d) => (
              <option key={d} value={d}>{d}</option>
            ))}
          </select>
        </label>
        <label className="wide">
          Backend
          <select value={slot.backend} disabled={disabled} onChange={(e) => update(slot.id, { backend: e.target.value as BackendChoice })} data-testid={`model-backend-${index}`}>
            {BACKEND_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>{choice.label}</option>
            ))}
          </select>
        </label>
      </div>
      <datalist id="bundled-models">
        {BUNDLED_MODELS.map((m) => <option key={m} value={m} />)}
      </datalist>
      <SlotStatusView slot={slot} index={index} busy={busy} />
    </section>
  );
}

/** Shows the problem of a field's value under the field, or nothing when the value is valid. */
function FieldProblem({ id, message }: { id: string; message: string | null }) {
  if (message === null) return null;
  return (
    <p className="error field-problem" id={id} data-testid={id}>
      {message}
    </p>
  );
}
