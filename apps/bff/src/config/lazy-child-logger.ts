// Per-request loggers made on first use. Fastify gives every request a child logger bound to its
// request id; with redaction configured, pino serializes those bindings on each child, which
// profiling showed as a visible share of a fast route that logs nothing. This factory hands out
// a stand-in that creates the real child (same bindings, same output) only when a line is
// actually written at an enabled level.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type LogArgs = Parameters<FastifyBaseLogger['info']>;

interface LevelAware {
  isLevelEnabled(level: string): boolean;
}

function isLevelAware(logger: FastifyBaseLogger): logger is FastifyBaseLogger & LevelAware {
  return typeof (logger as Partial<LevelAware>).isLevelEnabled === 'function';
}

class LazyChildLogger implements FastifyBaseLogger {
  private real: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger & LevelAware,
    private readonly bindings: Bindings,
  ) {}

  private materialize(): FastifyBaseLogger {
    this.real ??= this.parent.child(this.bindings);
    return this.real;
  }

  private write(level: Level, args: LogArgs): void {
    // Nothing below the configured level is written, so nothing needs the child.
    if (this.real === undefined && !this.parent.isLevelEnabled(level)) return;
    this.materialize()[level](...args);
  }

  get level(): string {
    return (this.real ?? this.parent).level;
  }

  set level(level: string) {
    this.materialize().level = level;
  }

  fatal(...args: LogArgs): void {
    this.write('fatal', args);
  }
  error(...args: LogArgs): void {
    this.write('error', args);
  }
  warn(...args: LogArgs): void {
    this.write('warn', args);
  }
  info(...args: LogArgs): void {
    this.write('info', args);
  }
  debug(...args: LogArgs): void {
    this.write('debug', args);
  }
  trace(...args: LogArgs): void {
    this.write('trace', args);
  }
  silent(): void {
    // Silent by definition.
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.materialize().child(bindings, options);
  }
}

export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  logger,
  bindings,
  options,
) => {
  // Route-level levels or serializers change the child itself: make it at once.
  const custom = options.level !== undefined || options.serializers !== undefined;
  if (custom || !isLevelAware(logger)) return logger.child(bindings, options);
  return new LazyChildLogger(logger, bindings);
};
