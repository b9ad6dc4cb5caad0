// Runs once before the journeys: takes a private copy of the SPA build for the BFFs to serve.
import { snapshotWebBuild } from './support/web-snapshot.js';

export default async function globalSetup(): Promise<void> {
  await snapshotWebBuild();
}
