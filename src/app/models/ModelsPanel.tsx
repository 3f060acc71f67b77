import { useEffect } from 'react';
import { useRun } from '../runs/runStore';
import { CacheManager } from './CacheManager';
import { ModelSlotCard } from './ModelSlotCard';
import { createLogger } from '../../util/logger';
import { loadSlots, useModels } from './modelsStore';

const log = createLogger('models');

/** The models to compare, side by side. */
export function ModelsPanel() {
  const slots = useModels((s) => s.slots);
  const addSlot = useModels((s) => s.addSlot);
  const refresh = useModels((s) => s.refreshStatus);
  const busy = useRun((s) => s.status === 'running');

  useEffect(() => {
    for (const slot of useModels.getState().slots) if (slot.status.kind === 'unchecked') void refresh(slot.id);
    loadSlots().catch((e: unknown) => log.warn('restoring the model slots failed', e));
  }, [refresh]);

  return (
    <section className="panel" aria-labelledby="models-heading">
      <h2 id="models-heading">Models</h2>
      <div className="slots">
        {slots.map((slot, index) => (
          <ModelSlotCard key={slot.id} slot={slot} index={index} busy={busy} />
        ))}
      </div>
      {slots.length < 8 && (
        <button type="button" className="link" onClick={addSlot} disabled={busy}>
          + Add a model
        </button>
      )}
      <CacheManager />
    </section>
  );
}
