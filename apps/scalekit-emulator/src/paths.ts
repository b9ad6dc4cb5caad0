// Locations inside the package, resolved from this file so they hold from src/ and from a bundle in dist/.
import { fileURLToPath } from 'node:url';

export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const defaultDataDir = fileURLToPath(new URL('../.data', import.meta.url));
export const devSeedPath = fileURLToPath(new URL('../seeds/dev.json', import.meta.url));
