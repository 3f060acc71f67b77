/**
 * The run: what to evaluate, its live progress, and the actions that start and cancel it in the worker.
 */
import { create } from 'zustand';
import { MMLU_SUBJECT_IDS } from '../../datasets/mmluSubjects';
import type { DownloadProgress } from '../../hub/download';
import type { ScoringProgress } from '../../engine/progress';
import {
  DEFAULT_HARNESS_SETTINGS,
  DEFAULT_STUDY_SETTINGS,
  type HarnessSettings,
  type ProtocolSettings,
  type StudySettings,
} from '../../engine/types';
import type { DeviceChoice, RunParams, RunProgress } from '../../worker/protocol';
import { DEFAULT_CORPORA, DIRECTIONS, type CorpusId, type Direction } from '../../datasets/corpora';
import { TASK_IDS, type TaskId } from '../../engine/tasks/task';
import type { TaskSelection } from '../../evaluation/suite';
import type { DataSource } from '../../datasets/catalog';
import { isRepoId } from '../../hub/client';
import { TASKS } from '../../engine/tasks/registry';
import { settleRunDownloads, showRunDownload, slotProblem, slotRequest, useModels } from '../models/modelsStore';
import { useResults } from '../results/resultsStore';
import { useSettings } from '../settings/settingsStore';
import { endpointContext, workerClient } from '../workerClient';
import { discardJournal, readInterruptedRun, RunJournal } from '../history/runJournal';
import { createLogger } from '../../util/logger';

const log = createLogger('run');

/** Whether a resume has started and not yet ended. */
let resuming = false;

/** A task's data source as the form holds it (Hub paths as typed, comma-separated). */
export type DataSourceForm =
  | { kind: 'bundled' }
  | { kind: 'hub'; repo: string; revision: string; paths: string }
  | { kind: 'files'; files: { name: string; bytes: Uint8Array }[] };

/** The run form. */
export interface RunConfig {
  study: StudySettings;
  harness: HarnessSettings;
  useStudy: boolean;
  useHarness: boolean;
  /** Tasks to run, in TASK_IDS order. */
  tasks: TaskId[];
  subjects: string[];
  directions: Direction[];
  corpora: Record<'en-ru' | 'en-zh', CorpusId>;
  /** Where each task's items come from; the bundled copy where absent. */
  sources: Partial<Record<TaskId, DataSourceForm>>;
  /** Items per subject or direction; null for all. */
  limit: number | null;
}

/** What the run is doing now. */
export interface LiveProgress {
  modelIndex: number;
  repo: string;
  phase: 'downloading' | 'loading' | 'scoring';
  download: DownloadProgress | null;
  scoring: ScoringProgress | null;
  protocol: ProtocolSettings['protocol'] | null;
  /** Report label of the task being scored. */
  task: string | null;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/** A run whose records are saved but that did not finish, as the page offers to resume it. */
export interface InterruptedSummary {
  startedAt: string;
  savedItems: number;
  models: string[];
}

interface RunState {
  config: RunConfig;
  status: RunStatus;
  device: DeviceChoice | null;
  live: LiveProgress | null;
  error: string | null;
  /** The saved run that can be resumed; null when there is none or it runs now. */
  interrupted: InterruptedSummary | null;
  /** A message when saving the run's records failed; the run goes on without them. */
  journalError: string | null;
  /** Items the run under way took from saved records instead of scoring them; null for a fresh run. */
  resumedItems: number | null;
  setConfig(patch: Partial<RunConfig>): void;
  setSource(taskId: TaskId, source: DataSourceForm): void;
  start(): Promise<void>;
  /** Resumes the saved run: its items already scored are skipped. */
  resume(): Promise<void>;
  /** Deletes the saved records of the interrupted run. */
  discardInterrupted(): Promise<void>;
  cancel(): void;
}

let controller: AbortController | null = null;

/** Checks the form; returns a message for the user, or null when the run can start. */
export function configProblem(config: RunConfig): string | null {
  if (!config.useStudy && !config.useHarness) return 'Pick at least one protocol.';
  if (config.tasks.length === 0) return 'Pick at least one task.';
  const bundledMmlu = (config.sources.mmlu?.kind ?? 'bundled') === 'bundled';
  if (config.tasks.includes('mmlu') && bundledMmlu && config.subjects.length === 0) return 'Pick at least one MMLU subject.';
  if (config.tasks.includes('translation') && config.directions.length === 0) return 'Pick at least one translation direction.';
  for (const taskId of config.tasks) {
    const source = config.sources[taskId];
    if (source?.kind === 'hub' && !isRepoId(source.repo.trim())) return `${TASKS[taskId].name}: the dataset repository must be org/name.`;
    if (source?.kind === 'hub' && splitPaths(source.paths).length === 0) return `${TASKS[taskId].name}: name at least one file of the dataset repository.`;
    if (source?.kind === 'files' && source.files.length === 0) return `${TASKS[taskId].name}: choose at least one data file.`;
  }
  if (config.limit !== null && !(Number.isInteger(config.limit) && config.limit >= 1)) return 'The item limit must be a whole number of 1 or more, or empty for all items.';
  const s = config.study;
  if (config.useStudy) {
    if (!(Number.isInteger(s.nRuns) && s.nRuns >= 1 && s.nRuns <= 100)) return 'Runs must be a whole number from 1 to 100.';
    if (!s.greedy && !(s.temperature > 0)) return 'The temperature must be above 0 (or choose greedy decoding).';
    if (s.topK !== null && !(Number.isInteger(s.topK) && s.topK >= 1)) return 'Top-k must be a whole number of 1 or more, or empty for none.';
    if (!(Number.isInteger(s.seed) && s.seed >= 0)) return 'The seed must be a whole number of 0 or more.';
  }
  const shots = config.harness.numFewshot;
  if (config.useHarness && !(Number.isInteger(shots) && shots >= 0 && shots <= 5)) return 'Few-shot examples must be from 0 to 5.';
  return null;
}

function splitPaths(text: string): string[] {
  return text.split(',').map((p) => p.trim()).filter(Boolean);
}

/** The engine's data source of a form entry; Hub datasets come from the endpoint in Settings. */
function dataSource(form: DataSourceForm | undefined): DataSource {
  if (!form || form.kind === 'bundled') return { kind: 'bundled' };
  if (form.kind === 'files') return { kind: 'files', files: form.files };
  return { kind: 'hub', endpoint: useSettings.getState().endpoint, repo: form.repo.trim(), revision: form.revision.trim() || 'main', paths: splitPaths(form.paths) };
}

/** The task selections of the form, in TASK_IDS order. */
export function selectedTasks(config: RunConfig): TaskSelection[] {
  return TASK_IDS.filter((id) => config.tasks.includes(id)).map((taskId) => {
    const source = dataSource(config.sources[taskId]);
    // MMLU subjects pick among the bundled subjects; a user's data brings its own.
    const subsets = taskId === 'mmlu' ? (source.kind === 'bundled' ? config.subjects : null) : taskId === 'translation' ? config.directions : null;
    return { taskId, subsets, limit: config.limit, source, ...(taskId === 'translation' ? { corpora: config.corpora } : {}) };
  });
}

/** The protocols of the form, study first. */
export function selectedProtocols(config: RunConfig): ProtocolSettings[] {
  return [...(config.useStudy ? [config.study] : []), ...(config.useHarness ? [config.harness] : [])];
}

export const useRun = create<RunState>()((set, get) => ({
  config: {
    study: DEFAULT_STUDY_SETTINGS,
    harness: DEFAULT_HARNESS_SETTINGS,
    useStudy: true,
    useHarness: true,
    tasks: ['mmlu'],
    subjects: [...MMLU_SUBJECT_IDS],
    directions: [...DIRECTIONS],
    corpora: { ...DEFAULT_CORPORA },
    sources: {},
    limit: null,
  },
  status: 'idle',
  device: null,
  live: null,
  error: null,
  interrupted: null,
  journalError: null,
  resumedItems: null,
  setConfig(patch) {
    set((state) => ({ config: { ...state.config, ...patch } }));
  },
  setSource(taskId, source) {
    set((state) => ({ config: { ...state.config, sources: { ...state.config.sources, [taskId]: source } } }));
  },
  async start() {
    if (get().status === 'running') return;
    const { config } = get();
    const slots = useModels.getState().slots;
    const problem = configProblem(config) ?? slots.map(slotProblem).find((p) => p !== null) ?? null;
    if (problem) {
      set({ status: 'failed', error: problem });
      return;
    }
    const params: RunParams = {
      runId: crypto.randomUUID(),
      models: slots.map(slotRequest),
      context: endpointContext(),
      device: useSettings.getState().device,
      tasks: selectedTasks(config),
      protocols: selectedProtocols(config),
    };
    const journal = await RunJournal.begin(params, config).catch((error: unknown) => {
      set({ journalError: `${(error as Error).message} The run goes on, but a reload will start it over.` });
      return null;
    });
    await execute(params, journal);
  },
  async resume() {
    // Two calls can overlap (React runs the start-up effect twice in development): only one resumes.
    if (get().status === 'running' || resuming) return;
    resuming = true;
    try {
      const saved = await readInterruptedRun();
      if (!saved) {
        set({ interrupted: null });
        return;
      }
      set({ config: saved.head.config });
      const params: RunParams = { ...saved.head.params, context: endpointContext(), done: saved.done };
      const journal = await RunJournal.resume(saved).catch(() => null);
      await execute(params, journal);
    } finally {
      resuming = false;
    }
  },
  async discardInterrupted() {
    await discardJournal();
    set({ interrupted: null });
  },
  cancel() {
    controller?.abort();
  },
}));

/** Name of the Web Lock a tab holds while it runs, so that another tab does not resume the same run. */
const RUN_LOCK = 'lm-workbench-run';

/** Runs `params` in the worker, saving each batch of records in `journal`, and shows the results. */
async function execute(params: RunParams, journal: RunJournal | null): Promise<void> {
  const set = useRun.setState;
  const repos = params.models.map((m) => m.repo);
  controller = new AbortController();
  const signal = controller.signal;
  const resumedItems = params.done ? Object.values(params.done).reduce((sum, records) => sum + records.length, 0) : null;
  set({ status: 'running', error: null, device: null, live: null, interrupted: null, resumedItems, journalError: journal ? null : useRun.getState().journalError });
  useResults.getState().beginRun();
  /** The run's error message; null while it runs, after it finishes and after a cancel. */
  let failure: string | null = null;
  /** Runs the call; returns true when the run stopped before it finished. */
  const work = async (): Promise<boolean> => {
    try {
      const runs = await workerClient().call('run', params, {
        signal,
        onProgress: (p) => {
          if (p.status === 'records') journal?.append(p.modelIndex, p.key, p.records);
          else onProgress(p, repos);
        },
      });
      await useResults.getState().finishRun(runs, params.runId);
      await journal?.close();
      set({ status: 'done', live: null });
      return false;
    } catch (error) {
      const cancelled = (error as { code?: string }).code === 'cancelled';
      failure = cancelled ? null : (error as Error).message;
      await journal?.stop().catch((e: unknown) => log.warn('marking the run stopped failed', e));
      set({ status: cancelled ? 'cancelled' : 'failed', error: failure, live: null });
      return true;
    } finally {
      controller = null;
      // A model slot still downloading for this run shows the run's error, or what is stored of it.
      await settleRunDownloads(failure).catch((e: unknown) => log.warn('updating the model slots after the run failed', e));
    }
  };
  const stopped = navigator.locks ? await navigator.locks.request(RUN_LOCK, work) : await work();
  // Offered for resuming only once this tab has released the run lock.
  if (stopped) await checkInterrupted();
}

/**
 * Looks for a run that stopped before it finished. A run that was running when its tab went away
 * (no tab holds the run lock) resumes at once when `autoResume` is set. A cancelled or failed run
 * is offered for resuming.
 */
export async function checkInterrupted(autoResume = false): Promise<void> {
  const saved = await readInterruptedRun();
  if (!saved) {
    useRun.setState({ interrupted: null });
    return;
  }
  const held = navigator.locks ? (await navigator.locks.query()).held?.some((lock) => lock.name === RUN_LOCK) : false;
  if (held) return;
  const summary: InterruptedSummary = { startedAt: saved.head.startedAt, savedItems: saved.savedItems, models: saved.head.params.models.map((m) => m.repo) };
  useRun.setState({ interrupted: summary });
  if (autoResume && saved.head.status === 'running') await useRun.getState().resume();
}

function onProgress(progress: RunProgress, repos: string[]): void {
  const set = useRun.setState;
  switch (progress.status) {
    case 'device':
      set({ device: progress.choice });
      break;
    case 'downloading':
      showRunDownload(progress.modelIndex, progress.download, () => useRun.getState().cancel());
      set({ live: { modelIndex: progress.modelIndex, repo: repos[progress.modelIndex] ?? '', phase: 'downloading', download: progress.download, scoring: null, protocol: null, task: null } });
      break;
    case 'loading':
      set({ live: { modelIndex: progress.modelIndex, repo: progress.repo, phase: 'loading', download: null, scoring: null, protocol: null, task: null } });
      break;
    case 'scoring':
      set({ live: { modelIndex: progress.modelIndex, repo: repos[progress.modelIndex] ?? '', phase: 'scoring', download: null, scoring: progress.scoring, protocol: progress.protocol, task: progress.label } });
      break;
    case 'records':
      break;
    case 'model-done':
      useResults.getState().addModelRun(progress.run);
      break;
  }
}
