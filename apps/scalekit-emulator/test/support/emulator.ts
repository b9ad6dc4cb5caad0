// Starts an in-memory emulator on a free port with a movable clock, plus an SDK client for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScalekitClient, ScalekitServerException } from '@scalekit-sdk/node';
import { expect } from 'vitest';
import {
  buildSeed,
  startEmulator,
  type RunningEmulator,
  type StartEmulatorOptions,
} from '../../src/index.js';

/** The emulator's clock: real time plus an offset the test can move forward. */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestEmulator {
  emulator: RunningEmulator;
  sdk: ScalekitClient;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startTestEmulator(
  overrides: Partial<StartEmulatorOptions> = {},
): Promise<TestEmulator> {
  const clock = new TestClock();
  const emulator = await startEmulator({
    seed: buildSeed({ appOrigin: 'http://localhost:3000', webhookUrl: null }),
    inMemory: true,
    port: 0,
    now: clock.now,
    ...overrides,
  });
  return {
    emulator,
    sdk: new ScalekitClient(emulator.url, emulator.clientId, emulator.clientSecret),
    clock,
    close: () => emulator.close(),
  };
}

/** Awaits an SDK call that must fail, and returns the SDK's exception after checking its HTTP status. */
export async function expectSdkError(
  call: Promise<unknown>,
  httpStatus: number,
): Promise<ScalekitServerException> {
  const error: unknown = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(ScalekitServerException);
  const serverError = error as ScalekitServerException;
  expect(serverError.httpStatus).toBe(httpStatus);
  return serverError;
}

export const DAY_MS = 24 * 3600 * 1000;

/** Data directories for restart tests, each new and empty; removeAll() deletes them. */
export function tempDataDirs(): { next(): string; removeAll(): void } {
  const dirs: string[] = [];
  return {
    next() {
      const dir = mkdtempSync(join(tmpdir(), 'scalekit-emulator-'));
      dirs.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
