// Asks the OS for a free TCP port on loopback. The BFF's port must be known before the emulator
// starts, because the emulator's seed registers `http://localhost:<port>/api/callback`.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a loopback listener'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
