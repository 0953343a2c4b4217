/**
 * Where the SDK reports what it handles by itself (a broken routing watch, a failed refresh). The shape
 * is pino's, so a pino logger (or a child of one) can be passed as is.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  warn: () => undefined,
};
