// Baseline for the benchmark: the cheapest possible HTTP/1.1 and h2c servers on this machine,
// in their own process like the emulator, answering a small JSON body. Prints "PORTS <h1> <h2>".
import http from 'node:http';
import http2 from 'node:http2';
import process from 'node:process';

const body = JSON.stringify({ ok: true, id: 'usr_000000000000000000' });
const h1 = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  });
});
const h2 = http2.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(body);
  });
});
await new Promise((resolve) => h1.listen(0, '127.0.0.1', resolve));
await new Promise((resolve) => h2.listen(0, '127.0.0.1', resolve));
process.stdout.write(`PORTS ${h1.address().port} ${h2.address().port}\n`);
process.on('SIGTERM', () => process.exit(0));
