/**
 * Exports of the tiny-frozen weights in other forms, served from the generated test hub on
 * 127.0.0.1: the fp32 graph with external data, the q4 variant, and the plain input_ids → logits
 * export that runs on the onnxruntime backend, and a slot's Backend choice overriding config.json.
 * Also the refusal of fp16 on an adapter without shader-f16 (SwiftShader has none).
 */
import { expect, test, type Page } from '@playwright/test';
import { TEST_REPOS } from '../scripts/onnx/testHub';
import { evaluateTask } from '../src/engine/evaluate';
import { loadBundledTaskForTest, loadTinyModel } from '../src/testing/tinyModels';
import type { ModelRequest, SelfCheckReport, SelfCheckTarget } from '../src/worker/protocol';
import { startTestHubServer, type TestHubServer } from './testHubServer';
import { fillRunForm, type RunForm } from './workbench';

/** Measured per-token bound of the q4 variant; see Q4_TOLERANCE_PER_TOKEN in src/model/exportVariants.test.ts. */
const Q4_TOLERANCE_PER_TOKEN = 0.6;

let hub: TestHubServer;
test.beforeAll(async () => {
  hub = await startTestHubServer();
});
test.afterAll(async () => {
  await hub.close();
});

function request(repo: string, dtype = 'fp32'): ModelRequest {
  return { endpoint: hub.url, repo, revision: 'main', dtype };
}

/** Returns the URL of the built worker script, read from the page's module script as the bundler named it. */
async function workerUrl(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const script = document.querySelector<HTMLScriptElement>('script[type="module"][src]');
    if (!script) throw new Error('the page has no module script');
    const name = /worker-[\w-]+\.js/.exec(await (await fetch(script.src)).text())?.[0];
    if (!name) throw new Error(`${script.src} names no worker-*.js asset`);
    return new URL(`assets/${name}`, document.baseURI).href;
  });
}

/**
 * Runs the worker's self-check call on `targets` in a worker of its own, speaking the protocol of
 * src/worker/protocol.ts: the page offers self-checks of the bundled models only.
 */
async function selfCheck(page: Page, device: 'webgpu' | 'wasm', targets: SelfCheckTarget[]): Promise<SelfCheckReport> {
  const url = await workerUrl(page);
  return page.evaluate(
    async ({ url, device, targets, endpoint }) => {
      const worker = new Worker(url, { type: 'module' });
      try {
        return await new Promise<SelfCheckReport>((resolvePromise, reject) => {
          worker.addEventListener('message', (event: MessageEvent<{ type: string; id: number; result?: SelfCheckReport; error?: { code: string; message: string } }>) => {
            const message = event.data;
            if (message.id !== 1) return;
            if (message.type === 'result') resolvePromise(message.result!);
            else if (message.type === 'error') reject(new Error(`${message.error!.code}: ${message.error!.message}`));
          });
          worker.addEventListener('error', (event) => reject(new Error(event.message)));
          const context = { bundledUrl: new URL('hub', document.baseURI).href, token: null, endpoint };
          worker.postMessage({ type: 'call', id: 1, kind: 'selfCheck', params: { device, context, targets } });
        });
      } finally {
        worker.terminate();
      }
    },
    { url, device, targets, endpoint: hub.url },
  );
}

for (const device of ['webgpu', 'wasm'] as const) {
  test(`external data and the plain export match PyTorch within 1e-4 on ${device}`, async ({ page }) => {
    await page.goto('./');
    const report = await selfCheck(page, device, [
      { request: request(TEST_REPOS.variants), reference: 'tiny-frozen' },
      { request: request(TEST_REPOS.raw), reference: 'tiny-frozen' },
    ]);
    expect(report.choice.device).toBe(device);
    expect(report.models.map((m) => m.repo)).toEqual([TEST_REPOS.variants, TEST_REPOS.raw]);
    for (const model of report.models) {
      expect(model.cases).toHaveLength(16);
      for (const c of model.cases) {
        expect(c.difference, `${model.repo} ${c.id}`).toBeLessThan(1e-4);
        expect(c.greedyMatches, `${model.repo} ${c.id}`).toBe(true);
      }
    }
  });
}

test('q4 variant stays within the quantization tolerance on WebGPU', async ({ page }) => {
  await page.goto('./');
  const report = await selfCheck(page, 'webgpu', [{ request: request(TEST_REPOS.variants, 'q4'), reference: 'tiny-frozen' }]);
  const cases = report.models[0]!.cases;
  expect(cases).toHaveLength(16);
  const { default: reference } = await import('../src/model/referenceLogprobs.json', { with: { type: 'json' } });
  const tokens = new Map((reference.cases as { id: string; results: { 'tiny-frozen': { num_tokens: number } } }[]).map((c) => [c.id, c.results['tiny-frozen'].num_tokens]));
  for (const c of cases) expect(c.difference, c.id).toBeLessThanOrEqual(Q4_TOLERANCE_PER_TOKEN * tokens.get(c.id)!);
  expect(cases.filter((c) => c.greedyMatches).length).toBeGreaterThanOrEqual(14);
});

/** Sets the test hub as the endpoint in Settings. */
async function useTestHub(page: Page): Promise<void> {
  await page.getByText('Settings', { exact: true }).click();
  await page.getByTestId('endpoint-input').fill(hub.url);
  await page.getByRole('button', { name: 'Save' }).click();
}

test('plain export scores MMLU like the cache graph through the page', async ({ page }) => {
  const subjects = ['anatomy'];
  const limit = 4;
  await page.goto('./');
  await useTestHub(page);
  for (const [index, repo] of [TEST_REPOS.raw, TEST_REPOS.variants].entries()) {
    const slot = page.getByTestId(`model-slot-${index}`);
    await slot.getByLabel('Source').selectOption('endpoint');
    await page.getByTestId(`model-repo-${index}`).fill(repo);
    await slot.getByLabel('Variant').selectOption('fp32');
  }
  await fillRunForm(page, { subjects, limit, study: false, harness: true, device: 'webgpu' });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('start-run')).toBeVisible({ timeout: 8 * 60_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);

  const task = await loadBundledTaskForTest({ taskId: 'mmlu', protocol: 'harness', limit, subsets: subjects });
  const result = await evaluateTask(await loadTinyModel('tiny-frozen'), task, { protocol: 'harness', numFewshot: 0 }, limit);
  const overall = result.figures.at(-1)!;
  for (const index of [0, 1]) await expect(page.getByTestId(`overall-${index}`)).toContainText(`${overall.value.toFixed(2)}%`);
  await expect(page.getByTestId('run-backend-0')).toHaveText('ONNX Runtime');
  await expect(page.getByTestId('run-backend-1')).toHaveText('transformers.js');
});

test('Backend choice overrides config.json', async ({ page }) => {
  const form: RunForm = { subjects: ['anatomy'], limit: 2, study: false, harness: true, device: 'wasm' };
  await page.goto('./');
  await useTestHub(page);
  await page.getByTestId('model-slot-1').getByRole('button', { name: 'Remove' }).click();
  const slot = page.getByTestId('model-slot-0');
  const runError = page.getByTestId('run-error');

  // The cache graph's config.json names no backend, so auto would run it on transformers.js.
  await slot.getByLabel('Source').selectOption('endpoint');
  await page.getByTestId('model-repo-0').fill(TEST_REPOS.variants);
  await slot.getByLabel('Backend').selectOption('onnxruntime');
  await fillRunForm(page, form);
  await page.getByTestId('start-run').click();
  await expect(runError).toContainText('onnx/model.onnx takes inputs the onnxruntime backend cannot feed: position_ids, past_key_values.0.key');
  await expect(runError).toContainText('pick the transformers.js backend');

  await page.reload();
  await expect(slot.getByLabel('Backend')).toHaveValue('onnxruntime');
  await expect(page.getByTestId('model-repo-0')).toHaveValue(TEST_REPOS.variants);

  // The plain export's config.json sets "workbench_backend": "onnxruntime", and the slot's choice wins.
  await page.getByTestId('model-repo-0').fill(TEST_REPOS.raw);
  await slot.getByLabel('Backend').selectOption('transformers.js');
  await fillRunForm(page, form);
  await page.getByTestId('start-run').click();
  await expect(runError).toContainText('transformers.js has no model class for model_type "tiny-raw"');
  await expect(runError).toContainText('pick the onnxruntime backend (Backend "ONNX Runtime" in the page');

  // A plain export whose config.json names no backend runs once the slot picks ONNX Runtime.
  await page.getByTestId('model-repo-0').fill(TEST_REPOS.rawIdsOnly);
  await slot.getByLabel('Backend').selectOption('onnxruntime');
  await fillRunForm(page, form);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-backend-0')).toHaveText('ONNX Runtime', { timeout: 4 * 60_000 });
  await expect(runError).toHaveCount(0);
});

test('refuses fp16 on an adapter without shader-f16 and names the variant to pick', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('model-slot-0').getByLabel('Variant').selectOption('fp16');
  await fillRunForm(page, { subjects: ['anatomy'], limit: 1, study: false, harness: true, device: 'webgpu' });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-error')).toContainText('lacks the WebGPU feature shader-f16. Pick the fp32 or q4 variant, or choose WASM as the Device in the run options.');
});
