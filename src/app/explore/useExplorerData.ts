/**
 * Loads what the explorer shows for the task and protocol in view: the rows of answers and, when the
 * run's items are the bundled ones, the questions themselves.
 */
import { useEffect, useMemo, useState } from 'react';
import type { CorpusId } from '../../datasets/corpora';
import { DEFAULT_CORPORA } from '../../datasets/corpora';
import type { TaskId } from '../../engine/tasks/task';
import type { Protocol, ProtocolSettings } from '../../engine/types';
import { createLogger } from '../../util/logger';
import { describesOtherSource } from '../../datasets/catalog';
import { taskOf, type ViewRun } from '../results/viewModel';
import { hasRecords, itemIdsHash, linkRows, recordRows, settingsOf, type ExplorerRow } from './explorerModel';
import { loadBundledItems, NotStoredError, type TaskItems } from './itemSource';

const log = createLogger('explorer');

/** The explorer's data, or why part of it is missing. */
export interface ExplorerData {
  rows: ExplorerRow[];
  settings: ProtocolSettings | null;
  /** The questions, when the run used the bundled items; null while loading or when unavailable. */
  items: TaskItems | null;
  loading: boolean;
  /** Why the questions or the answers are missing, for the user; null when nothing is. */
  note: string | null;
  /** Set when the questions are not stored in this browser; calling it fetches them from the bundled hub. */
  download: (() => void) | null;
}

/** The translation corpus of each pair, read from item ids such as `un:en-ru/3`. */
function corporaOf(ids: readonly string[]): (pair: 'en-ru' | 'en-zh') => CorpusId {
  const found: Partial<Record<'en-ru' | 'en-zh', CorpusId>> = {};
  for (const id of ids) {
    const match = /^([a-z0-9]+):([a-z]{2})-([a-z]{2})\//.exec(id);
    if (!match) continue;
    const pair = match[2] === 'zh' || match[3] === 'zh' ? 'en-zh' : 'en-ru';
    found[pair] ??= match[1] as CorpusId;
  }
  return (pair) => found[pair] ?? DEFAULT_CORPORA[pair];
}

/** Rows and questions of the task and protocol in view; loads the bundled items in the background. */
export function useExplorerData(runs: readonly ViewRun[], taskId: TaskId, protocol: Protocol): ExplorerData {
  const selection = useMemo(() => settingsOf(runs, taskId, protocol), [runs, taskId, protocol]);
  const withRecords = useMemo(() => hasRecords(runs, taskId, protocol), [runs, taskId, protocol]);
  const fromRecords = useMemo(() => (withRecords ? recordRows(runs, taskId, protocol) : []), [runs, taskId, protocol, withRecords]);
  const otherSource = useMemo(() => runs.some((run) => describesOtherSource(taskOf(run, taskId, protocol)?.source ?? '')), [runs, taskId, protocol]);
  const [loaded, setLoaded] = useState<{ key: string; items: TaskItems | null; error: string | null; notStored: boolean } | null>(null);
  // Opening a link or a file fetches nothing by itself: the bundled data downloads only on request.
  const [allowDownload, setAllowDownload] = useState(false);
  const key = selection ? `${taskId}|${protocol}|${selection.subsets.join(',')}|${selection.limit}|${allowDownload}` : '';

  useEffect(() => {
    if (!selection) return;
    let live = true;
    const ids = fromRecords.map((row) => row.itemId);
    loadBundledItems({ taskId, protocol, subsets: selection.subsets, limit: selection.limit }, corporaOf(ids), allowDownload)
      .then((items) => live && setLoaded({ key, items, error: null, notStored: false }))
      .catch((error: unknown) => {
        const notStored = error instanceof NotStoredError;
        if (!notStored) log.warn('loading the questions failed', error);
        if (live) setLoaded({ key, items: null, error: (error as Error).message, notStored });
      });
    return () => {
      live = false;
    };
    // The key names the selection; fromRecords only supplies translation corpora, fixed per selection.
  }, [key]);

  const current = loaded?.key === key ? loaded : null;
  const items = current?.items ?? null;
  const download = useMemo(() => (current?.notStored ? () => setAllowDownload(true) : null), [current]);
  return useMemo((): ExplorerData => {
    const settings = selection?.settings ?? null;
    const loading = current === null;
    if (withRecords) {
      const runOrder = fromRecords.map((row) => row.itemId);
      const matches = items !== null && itemIdsHash(items.order) === itemIdsHash(runOrder);
      let note: string | null = null;
      const otherNote = 'The questions of this run are not the bundled ones (a dataset from the Hub or your files), so only the answers are shown.';
      if (otherSource) note = otherNote;
      else if (current?.notStored) note = 'The questions are not stored in this browser, so only the answers are shown.';
      else if (current && !matches) note = otherNote;
      // The bundled questions cannot stand in for a Hub dataset's or the user's files, so their download is not offered.
      return { rows: fromRecords, settings, items: matches && !otherSource ? items : null, loading, note, download: otherSource ? null : download };
    }
    if (!items) {
      let note: string | null = null;
      if (current?.notStored) note = 'Opened from a link or a file: the questions are not stored in this browser yet.';
      else if (current?.error) note = `The questions could not be loaded: ${current.error}`;
      return { rows: [], settings, items: null, loading, note, download };
    }
    const subsetOf = (id: string) => { const entry = items.byId.get(id); return entry ? entry.item.subset : ''; };
    const rows = linkRows(runs, taskId, protocol, items.order, subsetOf);
    const answered = rows.some((row) => row.answers.some((answer) => answer !== null));
    const note = answered
      ? 'Opened from a link, which carries right or wrong per question but not the outputs: "answer differently" means that one model is right (in most runs) and the other is not.'
      : 'This link carries no per-question results that match the bundled questions, so only the questions are shown.';
    return { rows, settings, items, loading: false, note, download: null };
  }, [selection, withRecords, fromRecords, items, current, runs, taskId, protocol, download, otherSource]);
}
