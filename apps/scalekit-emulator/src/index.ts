// Public API of the emulator package: start one in-process, build seeds, and the shared types.
export { startEmulator, type RunningEmulator, type StartEmulatorOptions } from './emulator.js';
export {
  buildSeed,
  loadSeed,
  parseSeed,
  SeedError,
  DEFAULT_ROLES,
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  DEV_WEBHOOK_SECRET,
  type BuildSeedOptions,
} from './seed.js';
export type { AuthSurface } from './auth/index.js';
export type * from './domain.js';
