/**
 * One model's answer in words, for the explorer's list and detail.
 */
import { MMLU_LETTERS } from '../../datasets/mmlu';
import type { TaskId } from '../../engine/tasks/task';
import { mostFrequent, type ModelAnswer } from './explorerModel';
import type { ShownQuestion } from './prompts';

/**
 * Returns the labels of a question's choices. Without the question's text, MMLU's labels are still
 * A–D, because every MMLU question has those four; other tasks' labels are then unknown (null).
 */
export function choiceLabels(taskId: TaskId, question: ShownQuestion | null): readonly string[] | null {
  if (question?.labels) return question.labels;
  return taskId === 'mmlu' ? MMLU_LETTERS : null;
}

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
