import { useEffect, useState } from 'react';
import { ComparePanel } from './compare/ComparePanel';
import { ExplorerPanel } from './explore/ExplorerPanel';
import { ModelsPanel } from './models/ModelsPanel';
import { PublishedPanel } from './published/PublishedPanel';
import { ResultsView } from './results/ResultsView';
import { ChartWarmup } from './results/ChartWarmup';
import { restoreLastResults, useResults } from './results/resultsStore';
import { RunPanel } from './runs/RunPanel';
import { DemoOffer } from './runs/DemoOffer';
import { checkInterrupted, useRun } from './runs/runStore';
import { HistoryPanel } from './history/HistoryPanel';
import { useShortcuts } from './shortcuts';
import { SelfCheckPanel } from './SelfCheckPanel';
import { loadSettings } from './settings/settingsStore';
import { SettingsPanel } from './settings/SettingsPanel';
import { readSharedLink } from './share/sharedLink';
import { createLogger } from '../util/logger';

const log = createLogger('app');

/** The workbench page: a shared view when the URL carries one, otherwise models, run and results. */
export function App() {
  const [linkError, setLinkError] = useState<string | null>(null);
  const source = useResults((s) => s.source);
  const empty = useResults((s) => s.runs.length === 0 && s.published.length === 0);
  const idle = useRun((s) => s.status === 'idle' && s.interrupted === null);
  useShortcuts();

  useEffect(() => {
    loadSettings().catch((e: unknown) => log.warn('reading the settings failed', e));
    const link = readSharedLink(window.location.hash);
    if (link.kind === 'view') useResults.getState().showShared(link.runs, link.view);
    else {
      if (link.kind === 'invalid') setLinkError(link.message);
      restoreLastResults().catch((e: unknown) => log.warn('restoring the last results failed', e));
      checkInterrupted(true).catch((e: unknown) => log.warn('resuming the interrupted run failed', e));
    }
    // A link pasted into the address bar of an open page changes only the fragment.
    const onHashChange = () => {
      const next = readSharedLink(window.location.hash);
      setLinkError(next.kind === 'invalid' ? next.message : null);
      if (next.kind === 'view') useResults.getState().showShared(next.runs, next.view);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const leaveShared = () => {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    useResults.setState({ runs: [], published: [], source: 'none' });
    void restoreLastResults();
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>LM evaluation workbench</h1>
        <p className="muted">Compare language models on MMLU in the browser, on WebGPU, under the study's and lm-evaluation-harness's protocols.</p>
        <SettingsPanel />
      </header>
      {linkError && (
        <p className="error" role="alert" data-testid="link-error">
          {linkError}
        </p>
      )}
      {source === 'shared' ? (
        <p className="shared-banner">
          You are looking at shared results. <button type="button" className="link" onClick={leaveShared}>Open the workbench</button>
        </p>
      ) : (
        <>
          {empty && idle && source === 'none' && <DemoOffer />}
          <ModelsPanel />
          <RunPanel />
          <PublishedPanel />
        </>
      )}
      <ChartWarmup />
      <ResultsView />
      <ComparePanel />
      <ExplorerPanel />
      {source !== 'shared' && <HistoryPanel />}
      <SelfCheckPanel />
    </div>
  );
}
