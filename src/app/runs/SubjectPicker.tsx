import { useMemo, useState } from 'react';
import { MMLU_CATEGORIES, MMLU_SUBJECT_IDS, MMLU_SUBJECTS } from '../../datasets/mmluSubjects';
import { useRun } from './runStore';

/** MMLU subjects to run: all by default, by category, or any subset found by name. */
export function SubjectPicker({ disabled }: { disabled: boolean }) {
  const selected = useRun((s) => s.config.subjects);
  const setConfig = useRun((s) => s.setConfig);
  const [filter, setFilter] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const visible = MMLU_SUBJECT_IDS.filter((s) => MMLU_SUBJECTS[s]!.name.includes(filter.toLowerCase().trim()));

  const setSubjects = (subjects: Iterable<string>) => {
    const set = new Set(subjects);
    setConfig({ subjects: MMLU_SUBJECT_IDS.filter((s) => set.has(s)) });
  };
  const toggle = (subject: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(subject);
    else next.delete(subject);
    setSubjects(next);
  };

  return (
    <fieldset className="subjects" disabled={disabled}>
      <legend>
        MMLU subjects <span className="muted">({selected.length} of {MMLU_SUBJECT_IDS.length})</span>
      </legend>
      <div className="subject-actions">
        <button type="button" onClick={() => setSubjects(MMLU_SUBJECT_IDS)}>All</button>
        <button type="button" onClick={() => setSubjects([])}>None</button>
        {MMLU_CATEGORIES.map((category) => (
          <button key={category} type="button" onClick={() => setSubjects(MMLU_SUBJECT_IDS.filter((s) => MMLU_SUBJECTS[s]!.category === category))}>
            {category}
          </button>
        ))}
        <input type="search" placeholder="Find a subject" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Find a subject" />
      </div>
      <ul className="subject-list">
        {visible.map((subject) => (
          <li key={subject}>
            <label className="check">
              <input type="checkbox" checked={chosen.has(subject)} onChange={(e) => toggle(subject, e.target.checked)} data-testid={`subject-${subject}`} />
              {MMLU_SUBJECTS[subject]!.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
