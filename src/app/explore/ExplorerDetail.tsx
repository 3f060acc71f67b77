import type { ChoiceItemRecord } from '../../engine/types';
import { answerSummary } from './answers';
import type { ExplorerRow, ModelAnswer } from './explorerModel';
import type { ShownQuestion } from './prompts';

function ChoiceTable({ row, names, question, labels }: { row: ExplorerRow; names: string[]; question: ShownQuestion | null; labels: readonly string[] | null }) {
  const records = row.answers.map((a) => (a?.kind === 'choice' ? a.record : null));
  const count = Math.max(...records.map((r) => r?.logprobs.length ?? 0));
  const gold = records.find((r): r is ChoiceItemRecord => r !== null)?.gold ?? -1;
  return (
    <div className="table-scroll">
      <table className="results-table" data-testid="explorer-logprobs">
        <caption className="muted">Log-likelihood (natural log) of each continuation; the highest is the model's choice.</caption>
        <thead>
          <tr>
            <th scope="col">Continuation</th>
            {names.map((name, i) => (
              <th scope="col" className="num" key={i}>{name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: count }, (_, c) => (
            <tr key={c} className={c === gold ? 'gold' : undefined}>
              <th scope="row">
                <code>{JSON.stringify(question?.continuations?.[c] ?? labels?.[c] ?? `choice ${c + 1}`)}</code>
                {c === gold ? ' (gold)' : ''}
              </th>
              {records.map((record, i) => (
                <td className={`num${record?.chosen === c ? ' chosen' : ''}`} key={i}>
                  {record?.logprobs[c] !== undefined ? record.logprobs[c]!.toFixed(3) : '—'}
                  {record?.chosen === c ? ' ◀' : ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Outputs({ answer }: { answer: ModelAnswer }) {
  if (answer.kind === 'generation') {
    return (
      <ol className="outputs">
        {answer.record.outputs.map((output, r) => (
          <li key={r}>
            <code>{JSON.stringify(output)}</code> → {JSON.stringify(answer.record.answers[r] ?? '')} {answer.record.correct[r] ? '✓' : '✗'}
          </li>
        ))}
      </ol>
    );
  }
  if (answer.kind === 'greedy') return <code>{JSON.stringify(answer.record.output)}</code>;
  return null;
}

/**
 * Shows one question in full: the prompt as the model saw it, the gold answer and each model's
 * answer. `labels` are the choices' labels (see choiceLabels), known even when `question` is not.
 */
export function ExplorerDetail({ row, names, question, labels }: { row: ExplorerRow; names: string[]; question: ShownQuestion | null; labels: readonly string[] | null }) {
  const hasChoices = row.answers.some((a) => a?.kind === 'choice');
  return (
    <div className="explorer-detail" data-testid="explorer-detail" data-item={row.itemId}>
      <h3>
        {row.subset ? `${row.subset.replaceAll('_', ' ')} · ` : ''}
        <code>{row.itemId}</code>
      </h3>
      {question ? (
        <>
          <p className="muted">The prompt as the model saw it (before truncation to its window):</p>
          <pre className="prompt" data-testid="explorer-prompt">{question.prompt}</pre>
          <p>
            Gold answer: <strong data-testid="explorer-gold">{question.gold}</strong>
          </p>
        </>
      ) : (
        <p className="muted">The question's text is not available here.</p>
      )}
      <ul className="explorer-answers">
        {row.answers.map((answer, i) => {
          if (!answer) return <li key={i}>{names[i]}: no answer</li>;
          const summary = answerSummary(answer, labels);
          return (
            <li key={i} data-testid={`explorer-answer-${i}`}>
              <span className={`swatch model-${i}`} /> <strong>{names[i]}</strong>: {summary.text}
              {summary.correct === null ? '' : summary.correct ? ' ✓ right' : ' ✗ wrong'}
              <Outputs answer={answer} />
            </li>
          );
        })}
      </ul>
      {hasChoices && <ChoiceTable row={row} names={names} question={question} labels={labels} />}
    </div>
  );
}
