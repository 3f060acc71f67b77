/**
 * The request set on onnxruntime-node (the engine in this process), with the fast and the naive plan.
 */
import { evaluateTask } from '../../src/engine/evaluate';
import type { CausalLM } from '../../src/engine/lm';
import { naiveModel } from '../../src/engine/naive';
import type { PreparedTask } from '../../src/engine/tasks/task';
import type { ProtocolSettings } from '../../src/engine/types';
import { loadBundledTaskForTest, loadTinyModel } from '../../src/testing/tinyModels';
import { startPeakSampler } from './memory';
import { counterDelta, type BackendMeasure, type PlanMeasure } from './measure';
import { BENCH_PROTOCOLS, benchSelections } from './requestSet';

interface Entry {
  task: PreparedTask;
  settings: ProtocolSettings;
  limit: number;
}

async function runPlan(lm: CausalLM, entries: readonly Entry[], counted: CausalLM): Promise<PlanMeasure> {
  const before = { ...counted.counters };
  const sampler = startPeakSampler(process.pid);
  const started = performance.now();
  let items = 0;
  for (const entry of entries) {
    const result = await evaluateTask(lm, entry.task, entry.settings, entry.limit);
    items += result.items.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, items, counters: counterDelta(counted.counters, before), peakBytes: sampler.stop() };
}

/** Measures both plans on onnxruntime-node; the fast plan runs once first to warm up. */
export async function benchNode(limit: number): Promise<BackendMeasure> {
  const lm = await loadTinyModel('tiny-frozen');
  const entries: Entry[] = [];
  for (const selection of benchSelections(limit)) {
    for (const settings of BENCH_PROTOCOLS) {
      const task = await loadBundledTaskForTest({ taskId: selection.taskId, protocol: settings.protocol, limit, subsets: selection.subsets });
      entries.push({ task, settings, limit });
    }
  }
  await runPlan(lm, entries, lm);
  const fast = await runPlan(lm, entries, lm);
  const naive = await runPlan(naiveModel(lm), entries, lm);
  return { backend: 'onnxruntime-node', fast, naive };
}
