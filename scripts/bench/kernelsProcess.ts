/**
 * Child process of `npm run bench` for the kernel timings: `tsx kernelsProcess.ts THREADS [node]`
 * prints the lines of benchKernels for onnxruntime-web with THREADS threads, and onnxruntime-node's
 * lines too when the second argument is `node`.
 */
import { benchKernels } from './kernels';

const threads = Number(process.argv[2]);
if (!Number.isInteger(threads) || threads < 1) throw new Error(`the thread count must be a whole number >= 1, got ${process.argv[2]}`);
for (const line of await benchKernels(threads, process.argv[3] === 'node')) console.log(line);
