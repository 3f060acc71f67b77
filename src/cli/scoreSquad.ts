/**
 * `score squad-v2`: the official SQuAD v2.0 evaluation script (evaluate-v2.0.py) run on its own
 * input files, printing its JSON output.
 */
import { evaluateSquadV2, type SquadV2Aggregate, type SquadV2Question, type SquadV2QuestionScore } from '../engine/metrics/squadV2';
import { dumpsPyIndented, formatPyFloat, type JsonEntry, type ScoreReport } from './scoreFormat';
import { readJsonFile, ScoreInputError } from './scoreInput';
import type { JsonMember } from './scoreJson';

/** Options of `score squad-v2`, with the script's names. */
export interface SquadCommandOptions {
  /** The dataset, such as dev-v2.0.json. */
  dataPath: string;
  /** Predictions, `{question id: answer}`. The empty string predicts "no answer". */
  predPath: string;
  /** `{question id: no-answer probability}`, or null to use 0.0 for every question. */
  naProbPath: string | null;
  /** A question whose no-answer probability is strictly above this counts as answered "no answer". */
  naProbThresh: number;
}

/** One question of the data file, in file order. */
interface DataQuestion {
  id: string;
  goldAnswers: string[];
}

/** A value of the no-answer probability file with its source text, which the script prints as written. */
interface NaProb {
  value: number;
  source: string;
}

const DATA_LAYOUT = '{"data": [{"paragraphs": [{"qas": [{"id": "...", "answers": [{"text": "..."}]}]}]}]}';
const DATA_ROLE = 'SQuAD data file';
const PRED_ROLE = 'predictions file';
const NA_PROB_ROLE = 'no-answer probability file';

/** The script's keys before the best-threshold search, in its order. Totals are ints, the rest floats. */
const SCORE_KEYS = [
  'exact',
  'f1',
  'total',
  'HasAns_exact',
  'HasAns_f1',
  'HasAns_total',
  'NoAns_exact',
  'NoAns_f1',
  'NoAns_total',
] as const satisfies readonly (keyof SquadV2Aggregate)[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns `value[key]` as an array, or throws an error that names the place in the data file. */
function arrayAt(value: unknown, key: string, where: string, path: string): unknown[] {
  const child = isRecord(value) ? value[key] : undefined;
  if (!Array.isArray(child)) {
    throw new ScoreInputError(`${DATA_ROLE} ${path} has no "${key}" list at ${where}: expected the SQuAD v2 layout ${DATA_LAYOUT}`);
  }
  return child;
}

/** Lists the questions of the data file in file order, duplicates included, as the script walks them. */
function readQuestions(dataset: unknown, path: string): DataQuestion[] {
  const questions: DataQuestion[] = [];
  arrayAt(dataset, 'data', 'the top level', path).forEach((article, a) => {
    arrayAt(article, 'paragraphs', `data[${a}]`, path).forEach((paragraph, p) => {
      arrayAt(paragraph, 'qas', `data[${a}].paragraphs[${p}]`, path).forEach((qa, q) => {
        const where = `data[${a}].paragraphs[${p}].qas[${q}]`;
        const id = isRecord(qa) ? qa.id : undefined;
        if (typeof id !== 'string') {
          throw new ScoreInputError(`${DATA_ROLE} ${path} has no string "id" at ${where}: give every question an id`);
        }
        const goldAnswers = arrayAt(qa, 'answers', where, path).map((answer, k) => {
          const text = isRecord(answer) ? answer.text : undefined;
          if (typeof text !== 'string') {
            throw new ScoreInputError(
              `${DATA_ROLE} ${path} has no string "text" at ${where}.answers[${k}]: give every answer its text`,
            );
          }
          return text;
        });
        questions.push({ id, goldAnswers });
      });
    });
  });
  return questions;
}

/**
 * Reads the no-answer probabilities in file order. A repeated key keeps its first place and its
 * last value, as in a Python dict.
 */
function readNaProbs(members: readonly JsonMember[] | null, path: string): Map<string, NaProb> {
  if (members === null) {
    throw new ScoreInputError(`${NA_PROB_ROLE} ${path} is not a JSON object: write {"question id": probability, ...}`);
  }
  const naProbs = new Map<string, NaProb>();
  for (const { key, source } of members) {
    const value: unknown = JSON.parse(source);
    if (typeof value !== 'number') {
      throw new ScoreInputError(`${NA_PROB_ROLE} ${path} gives ${source} for question ${key}: write a number`);
    }
    naProbs.set(key, { value, source });
  }
  return naProbs;
}

function compareNumbers(left: number, right: number): number {
  if (left < right) return -1;
  if (left > right) return 1;
  return 0;
}

/** Writes a number of the probability file as Python prints what `json.load` made of it: an int stays an int. */
function pythonNumberText(source: string): string {
  return /^-?\d+$/.test(source) ? BigInt(source).toString() : formatPyFloat(Number(source));
}

/**
 * Finds the best no-answer threshold as the script's `find_best_thresh` does. It starts from
 * answering "no answer" everywhere (threshold 0.0), then walks the keys of the probability file
 * sorted by value, ties in file order, skipping keys that are not questions. The engine's search
 * walks questions in data-file order instead, and the script prints the winning value as written
 * in the file (1 and 1.0 differ), so this walk keeps the key. Returns the percentage and the
 * winning key, or null when the threshold stayed at 0.0.
 */
function findBestThreshold(
  naProbs: ReadonlyMap<string, NaProb>,
  scores: ReadonlyMap<string, { score: SquadV2QuestionScore; prediction: string }>,
  rawScore: (score: SquadV2QuestionScore) => number,
): { best: number; key: string | null } {
  let current = 0;
  for (const { score } of scores.values()) if (!score.hasAnswer) current += 1;
  let best = current;
  let bestKey: string | null = null;

  // Array.prototype.sort is stable, as Python's sorted is.
  const order = [...naProbs.entries()].sort(([, left], [, right]) => compareNumbers(left.value, right.value));
  for (const [key] of order) {
    const entry = scores.get(key);
    if (entry === undefined) continue;
    if (entry.score.hasAnswer) current += rawScore(entry.score);
    else current += entry.prediction !== '' ? -1 : 0;
    if (current > best) {
      best = current;
      bestKey = key;
    }
  }
  return { best: (100.0 * best) / scores.size, key: bestKey };
}

/**
 * Keys the questions by id as the script's dicts do: a repeated id keeps its first place and its
 * last question. Returns a warning for each repeated id.
 */
function uniqueQuestions(
  dataQuestions: readonly DataQuestion[],
  dataPath: string,
): { unique: Map<string, DataQuestion>; warnings: string[] } {
  const unique = new Map<string, DataQuestion>();
  const counts = new Map<string, number>();
  for (const question of dataQuestions) {
    unique.set(question.id, question);
    counts.set(question.id, (counts.get(question.id) ?? 0) + 1);
  }
  const warnings = [...counts]
    .filter(([, count]) => count > 1)
    .map(([id, count]) => `question id ${id} appears ${count} times in ${dataPath}; as in the official script, the last counts`);
  return { unique, warnings };
}

/** Throws where the script would stop: a question of the data file without a prediction. */
function checkPredictionsCover(
  dataQuestions: readonly DataQuestion[],
  predictions: Record<string, unknown>,
  predPath: string,
): void {
  const missing = dataQuestions.filter((question) => !Object.hasOwn(predictions, question.id));
  if (missing.length === 0) return;
  throw new ScoreInputError(
    `${PRED_ROLE} ${predPath} has no prediction for ${missing.length} of ${dataQuestions.length} questions. ` +
      'The official script prints "Missing prediction for <id>" for each, then stops with a KeyError ' +
      'and reports no scores: add an answer for every question, "" for no answer',
    missing.map((question) => `Missing prediction for ${question.id}`),
  );
}

/** Builds the script's best_exact, best_exact_thresh, best_f1 and best_f1_thresh entries. */
function bestThresholdEntries(
  naProbs: ReadonlyMap<string, NaProb>,
  questions: readonly SquadV2Question[],
  perQuestion: readonly SquadV2QuestionScore[],
): JsonEntry[] {
  const predictionsById = new Map(questions.map((question) => [question.id, question.prediction]));
  const scores = new Map(perQuestion.map((score) => [score.id, { score, prediction: predictionsById.get(score.id) ?? '' }]));
  const entries: JsonEntry[] = [];
  for (const [name, rawScore] of [
    ['exact', (score: SquadV2QuestionScore) => score.exact],
    ['f1', (score: SquadV2QuestionScore) => score.f1],
  ] as const) {
    const { best, key } = findBestThreshold(naProbs, scores, rawScore);
    const source = key === null ? undefined : naProbs.get(key)?.source;
    entries.push([`best_${name}`, formatPyFloat(best)]);
    entries.push([`best_${name}_thresh`, source === undefined ? '0.0' : pythonNumberText(source)]);
  }
  return entries;
}

/**
 * Evaluates the predictions as the official SQuAD v2.0 script does and returns its output,
 * `json.dumps(out_eval, indent=2)`. Where the script stops with a KeyError (a question without a
 * prediction, a predicted question without a no-answer probability), this throws a
 * ScoreInputError that names what to add, with the script's "Missing prediction for <id>" notices
 * as its notes. Throws a ScoreInputError for unreadable or malformed files.
 */
export async function scoreSquadV2(options: SquadCommandOptions): Promise<ScoreReport> {
  const dataset = await readJsonFile(options.dataPath, DATA_ROLE);
  const predictions = await readJsonFile(options.predPath, PRED_ROLE);
  const naProbs =
    options.naProbPath === null
      ? null
      : readNaProbs((await readJsonFile(options.naProbPath, NA_PROB_ROLE)).members, options.naProbPath);

  const dataQuestions = readQuestions(dataset.value, options.dataPath);
  if (dataQuestions.length === 0) {
    throw new ScoreInputError(`${DATA_ROLE} ${options.dataPath} contains no questions: check that it is the SQuAD v2 data file`);
  }
  const predictionMap = predictions.value;
  if (!isRecord(predictionMap)) {
    throw new ScoreInputError(`${PRED_ROLE} ${options.predPath} is not a JSON object: write {"question id": "answer", ...}`);
  }
  const { unique, warnings } = uniqueQuestions(dataQuestions, options.dataPath);
  checkPredictionsCover(dataQuestions, predictionMap, options.predPath);
  const unknownIds = Object.keys(predictionMap).filter((id) => !unique.has(id)).length;
  if (unknownIds > 0) {
    warnings.push(
      `${PRED_ROLE} ${options.predPath} has ${unknownIds} ids that are not in the data file; the official script ignores them`,
    );
  }

  const questions = [...unique.values()].map((question): SquadV2Question => {
    const prediction = predictionMap[question.id];
    if (typeof prediction !== 'string') {
      throw new ScoreInputError(
        `${PRED_ROLE} ${options.predPath} gives a non-string answer for question ${question.id}: write a string, "" for no answer`,
      );
    }
    if (naProbs === null) return { id: question.id, goldAnswers: question.goldAnswers, prediction };
    const naProb = naProbs.get(question.id);
    if (naProb === undefined) {
      throw new ScoreInputError(
        `${NA_PROB_ROLE} ${options.naProbPath} has no probability for question ${question.id}, and the official ` +
          'script stops with a KeyError there: give a probability for every question',
      );
    }
    return { id: question.id, goldAnswers: question.goldAnswers, prediction, naProb: naProb.value };
  });

  const { perQuestion, aggregate } = evaluateSquadV2(questions, { naProbThresh: options.naProbThresh });
  const entries: JsonEntry[] = [];
  for (const key of SCORE_KEYS) {
    const value = aggregate[key];
    if (value !== undefined) entries.push([key, key.endsWith('total') ? String(value) : formatPyFloat(value)]);
  }
  if (naProbs !== null) entries.push(...bestThresholdEntries(naProbs, questions, perQuestion));
  return { output: dumpsPyIndented(entries), warnings };
}
