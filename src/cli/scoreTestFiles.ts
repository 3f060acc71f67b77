/**
 * Helpers for the `score` tests: input files in a temporary directory, and `runScore` with its
 * output captured.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScore } from './score';

/** Exit code and printed text of one `score` run. */
export interface ScoreRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary directory for one test file's inputs. */
export interface Scratch {
  /** Writes `content` to a new file whose name ends in `name` and returns its path. */
  write(name: string, content: string | Uint8Array): Promise<string>;
  /** Removes the directory and everything in it. */
  remove(): Promise<void>;
}

/** Creates an empty temporary directory. */
export async function createScratch(): Promise<Scratch> {
  const directory = await mkdtemp(join(tmpdir(), 'score-test-'));
  let counter = 0;
  return {
    async write(name, content) {
      counter += 1;
      const path = join(directory, `${counter}-${name}`);
      await writeFile(path, content);
      return path;
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}

/** Runs `score` in-process with `argv` (the arguments after `score`) and captures what it prints. */
export async function runScoreCaptured(argv: readonly string[]): Promise<ScoreRun> {
  let stdout = '';
  let stderr = '';
  const code = await runScore(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Joins segments into file text, one per line, with a final line break. */
export function segmentText(segments: readonly string[]): string {
  return segments.map((segment) => `${segment}\n`).join('');
}

/** Builds a SQuAD v2 data file with one article and one paragraph holding `questions`. */
export function squadDataText(questions: readonly { id: string; question?: string; gold_answers: readonly string[] }[]): string {
  const qas = questions.map((question) => ({
    id: question.id,
    question: question.question ?? '',
    answers: question.gold_answers.map((text) => ({ text, answer_start: 0 })),
    is_impossible: question.gold_answers.length === 0,
  }));
  return JSON.stringify({ version: 'v2.0', data: [{ title: 'test', paragraphs: [{ context: '', qas }] }] });
}
