/** Log levels in increasing order of severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: LogLevel = 'info';

/** Sets the lowest level that is printed; messages below it are dropped. */
export function setLogLevel(level: LogLevel): void {
  threshold = level;
}

/** A logger that prefixes every message with its module name. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Creates the logger for one module; the only place that writes to the console. */
export function createLogger(module: string): Logger {
  const write = (level: LogLevel, message: string, details: unknown[]): void => {
    if (ORDER[level] < ORDER[threshold]) return;
    const line = `[${module}] ${message}`;
    // The console is the sink in the browser, the worker and Node alike.
    if (level === 'error') console.error(line, ...details);
    else if (level === 'warn') console.warn(line, ...details);
    else console.info(line, ...details);
  };
  return {
    debug: (message, ...details) => write('debug', message, details),
    info: (message, ...details) => write('info', message, details),
    warn: (message, ...details) => write('warn', message, details),
    error: (message, ...details) => write('error', message, details),
  };
}
