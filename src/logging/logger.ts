/**
 * Structured logging with pino.
 *
 * @remarks
 * Log lines carry tenant and correlation ids so one turn or request can be followed, and never
 * the content of a reflection or request: fields that could hold user text are redacted.
 */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino replaces with "[redacted]" wherever they appear. */
const REDACTED_PATHS = [
  'text',
  '*.text',
  'data',
  '*.data',
  'value',
  '*.value',
  'body',
  '*.body',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

/** Creates the root logger. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'spotter' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
