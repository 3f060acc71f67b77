import { CORPORA, DIRECTIONS, type CorpusId } from '../../datasets/corpora';
import { TASKS } from '../../engine/tasks/registry';
import { TASK_IDS, type TaskId } from '../../engine/tasks/task';
import { DataSourcePicker } from './DataSourcePicker';
import { useRun } from './runStore';

/** What each task runs on, per protocol, in a few words. */
const TASK_DATA: Record<TaskId, string> = {
  mmlu: 'test split, 57 subjects, 14,042 questions; few-shot examples from dev',
  arc_easy: 'study: validation (570); harness: test (2,376), acc and acc_norm',
  arc_challenge: 'study: validation (299); harness: test (1,172), acc and acc_norm',
  commonsense_qa: 'validation, 1,221 questions',
  boolq: 'validation, 3,270 questions (the study published no figure)',
  squad_v2: 'study: 256 short answerable questions; harness: 6,078 questions of part of the dev set',
  translation: '128 sentence pairs per direction; study: mean sentence BLEU; harness: BLEU and chrF',
};

/** Corpora that have both languages of a pair. */
function corporaFor(pair: 'en-ru' | 'en-zh'): CorpusId[] {
  const other = pair === 'en-ru' ? 'ru' : 'zh';
  return (Object.keys(CORPORA) as CorpusId[]).filter((id) => CORPORA[id].files.en && CORPORA[id].files[other]);
}

/** The tasks to run, and the translation directions and corpora. */
export function TaskPicker({ disabled }: { disabled: boolean }) {
  const config = useRun((s) => s.config);
  const setConfig = useRun((s) => s.setConfig);
  const toggle = (id: TaskId, on: boolean) =>
    setConfig({ tasks: TASK_IDS.filter((t) => (t === id ? on : config.tasks.includes(t))) });

  return (
    <fieldset className="tasks" disabled={disabled}>
      <legend>Tasks</legend>
      <ul className="task-list">
        {TASK_IDS.map((id) => (
          <li key={id}>
            <label className="check">
              <input type="checkbox" checked={config.tasks.includes(id)} onChange={(e) => toggle(id, e.target.checked)} data-testid={`task-${id}`} />
              <strong>{TASKS[id].name}</strong> <span className="muted">{TASK_DATA[id]}</span>
            </label>
            {config.tasks.includes(id) && <DataSourcePicker taskId={id} disabled={disabled} />}
          </li>
        ))}
      </ul>
      {config.tasks.includes('translation') && (
        <div className="translation-options">
          {DIRECTIONS.map((direction) => (
            <label className="check" key={direction}>
              <input
                type="checkbox"
                checked={config.directions.includes(direction)}
                onChange={(e) => setConfig({ directions: DIRECTIONS.filter((d) => (d === direction ? e.target.checked : config.directions.includes(d))) })}
              />
              {direction}
            </label>
          ))}
          {(['en-ru', 'en-zh'] as const).map((pair) => (
            <label key={pair}>
              Corpus for {pair}
              <select value={config.corpora[pair]} onChange={(e) => setConfig({ corpora: { ...config.corpora, [pair]: e.target.value as CorpusId } })}>
                {corporaFor(pair).map((id) => (
                  <option key={id} value={id}>{CORPORA[id].name}</option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
