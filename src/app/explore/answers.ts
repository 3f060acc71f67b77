/**
 * One model's answer in words, for the explorer's list and detail.
 */
import { mostFrequent, type ModelAnswer } from './explorerModel';

/** The answer in a few words, and whether it was right (null when right and wrong do not apply). */
export function answerSummary(answer: ModelAnswer, labels: readonly string[] | null): { text: string; correct: boolean | null } {
  switch (answer.kind) {
    case 'choice': {
      const label = labels?.[answer.record.chosen] ?? `choice ${answer.record.chosen + 1}`;
      return { text: label, correct: answer.record.correct };
    }
    case 'generation': {
      const { record } = answer;
      const right = record.correct.filter(Boolean).length;
      const usual = mostFrequent(record.answers);
      return { text: `${JSON.stringify(usual)} · ${right}/${record.correct.length} runs right`, correct: 2 * right > record.correct.length };
    }
    case 'greedy':
      return { text: JSON.stringify(answer.record.output.trim()), correct: null };
    case 'correctness':
      return answer.nRuns === 1
        ? { text: answer.correctRuns === 1 ? 'right' : 'wrong', correct: answer.correctRuns === 1 }
        : { text: `${answer.correctRuns}/${answer.nRuns} runs right`, correct: 2 * answer.correctRuns > answer.nRuns };
  }
}
