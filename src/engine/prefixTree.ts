/**
 * Generation on a key/value cache as a prefix tree. Each node is a distinct (request, prefix) with
 * its next-token distribution and its row in a cache. The samples at a node draw their next tokens,
 * each from its own stream, and samples that drew the same token move to one child. The children
 * of all nodes then run as one token per row on copies of their parents' cache rows. A finished sample
 * leaves the tree, and a node without samples has no children, so finished rows are dropped.
 *
 * Requests are prefilled in length-sorted batches within the token budget (prompts padded on the
 * left), and each batch grows its tree until every sample is done.
 */
import { cacheForRows, chunks, lengthBatches } from './batching';
import { throwIfCancelled } from './cancel';
import { advanceSample, type FittedPrompt, type SampleState } from './generation';
import type { CachedLM, CacheRow, CausalLM, KVCache } from './lm';
import type { GenerateRequest } from './requests';

/** A distinct (request, prefix) whose next-token distribution is known. */
interface TreeNode {
  request: number;
  cacheRow: CacheRow;
  logProbs: Float32Array;
  samples: SampleState[];
}

/** A node's next token and the samples that drew it. */
interface Child {
  parent: TreeNode;
  token: number;
  samples: SampleState[];
}

/** The nodes of one step and the caches their rows live in. */
interface Level {
  nodes: TreeNode[];
  caches: KVCache[];
}

/** Generates every unfinished sample to its end on the cache, updating the sample states in place. */
export async function generateOnCache(
  lm: CausalLM,
  cached: CachedLM,
  requests: readonly GenerateRequest[],
  prompts: readonly FittedPrompt[],
  samples: readonly SampleState[],
  signal?: AbortSignal,
): Promise<void> {
  const samplesOf = requests.map((_, request) => samples.filter((s) => s.request === request && !s.done));
  const live = requests.map((_, request) => request).filter((request) => samplesOf[request]!.length > 0);
  for (const batch of lengthBatches(live.map((request) => prompts[request]!.ids.length), lm.batchTokenBudget)) {
    throwIfCancelled(signal);
    await generateBatch(lm, cached, requests, prompts, batch.map((k) => live[k]!), samplesOf, signal);
  }
}

async function generateBatch(
  lm: CausalLM,
  cached: CachedLM,
  requests: readonly GenerateRequest[],
  prompts: readonly FittedPrompt[],
  batch: readonly number[],
  samplesOf: readonly SampleState[][],
  signal: AbortSignal | undefined,
): Promise<void> {
  const prefill = await cached.extend({
    past: null,
    tokens: batch.map((request) => prompts[request]!.ids),
    positions: batch.map((request) => [prompts[request]!.ids.length - 1]),
    keepCache: true,
  });
  const cache = prefill.cache!;
  let level: Level = {
    caches: [cache],
    nodes: batch.map((request, row) => ({ request, cacheRow: { cache, row }, logProbs: prefill.logProbs[row]![0]!, samples: samplesOf[request]! })),
  };
  try {
    for (;;) {
      const children = branch(lm, requests, level.nodes);
      if (children.length === 0) break;
      throwIfCancelled(signal);
      const next = await extendChildren(cached, children, lm.batchTokenBudget);
      for (const old of level.caches) old.dispose();
      level = next;
    }
  } finally {
    for (const old of level.caches) old.dispose();
  }
}

/** Draws each sample's next token; returns the children of all nodes, in node order. */
function branch(lm: CausalLM, requests: readonly GenerateRequest[], nodes: readonly TreeNode[]): Child[] {
  const children: Child[] = [];
  for (const node of nodes) {
    const byToken = new Map<number, Child>();
    for (const sample of node.samples) {
      const token = advanceSample(lm, sample, requests[node.request]!, node.logProbs);
      if (token === null) continue;
      let child = byToken.get(token);
      if (!child) {
        child = { parent: node, token, samples: [] };
        byToken.set(token, child);
        children.push(child);
      }
      child.samples.push(sample);
    }
  }
  return children;
}

/**
 * Runs each child's token on its parent's cache row, in chunks of at most budget / (width + 1)
 * rows. A chunk that is a whole parent cache in order reuses it; any other chunk gathers its rows.
 */
async function extendChildren(cached: CachedLM, children: readonly Child[], budget: number): Promise<Level> {
  const width = children[0]!.parent.cacheRow.cache.width;
  const next: Level = { nodes: [], caches: [] };
  try {
    for (const chunk of chunks(children, budget / (width + 1))) {
      const past = await cacheForRows(cached, chunk.map((c) => c.parent.cacheRow));
      try {
        const output = await cached.extend({
          past: past.cache,
          tokens: chunk.map((c) => [c.token]),
          positions: chunk.map(() => [0]),
          keepCache: true,
        });
        const cache = output.cache!;
        next.caches.push(cache);
        chunk.forEach((c, row) => {
          next.nodes.push({ request: c.parent.request, cacheRow: { cache, row }, logProbs: output.logProbs[row]![0]!, samples: c.samples });
        });
      } finally {
        if (past.owned) past.cache.dispose();
      }
    }
  } catch (error) {
    for (const cache of next.caches) cache.dispose();
    throw error;
  }
  return next;
}
