// A slow link in front of the server: a TCP proxy whose two directions are each one shared pipe
// of the given rate, every chunk delayed by half the round trip on the way (and a new
// connection by a whole one, its handshake). DevTools' emulation (Network.emulateNetworkConditions)
// throttles one page's own requests only: a service worker's fetches — its precache, the
// .wasm it fetches for the page — pass at full speed, which makes a first visit with a worker
// look faster than it is. Through this proxy everything the browser loads shares the link.
import net from 'node:net';

const PIECE = 16 * 1024; // pieces of a chunk leave one by one, not all at the end

/** One direction: a pipe of `bytesPerSecond`, each piece delayed `delayMs` before it. */
class Pipe {
  constructor(bytesPerSecond, delayMs) {
    this.rate = bytesPerSecond / 1000; // bytes per ms
    this.delayMs = delayMs;
    this.freeAt = 0;
  }
  /** When a piece of `size` bytes arriving now is through. */
  schedule(size) {
    const start = Math.max(performance.now() + this.delayMs, this.freeAt);
    this.freeAt = start + size / this.rate;
    return this.freeAt;
  }
}

// Pieces leave in the order they came, from one queue per direction of a connection drained by
// one timer: a timer per piece could fire out of order (Node rounds each delay to whole
// milliseconds), which interleaved a response's bytes and the browser refused it now and then
// (ERR_INVALID_HTTP_RESPONSE on a chunk, the page never mounting).
function forward(from, to, pipe) {
  /** @type {[number, Buffer | null][]} when each piece (null: the end) is through */
  const queue = [];
  let timer = null;
  const drain = () => {
    timer = null;
    const now = performance.now();
    while (queue.length && queue[0][0] <= now) {
      const [, piece] = queue.shift();
      if (to.destroyed) {
        queue.length = 0;
        return;
      }
      if (piece === null) to.end();
      else to.write(piece);
    }
    if (queue.length) timer = setTimeout(drain, Math.max(0, queue[0][0] - now));
  };
  const push = (at, piece) => {
    queue.push([at, piece]);
    if (!timer) timer = setTimeout(drain, Math.max(0, at - performance.now()));
  };
  from.on('data', (chunk) => {
    for (let i = 0; i < chunk.length; i += PIECE) {
      const piece = chunk.subarray(i, i + PIECE);
      push(pipe.schedule(piece.length), piece);
    }
  });
  from.on('end', () => push(Math.max(pipe.freeAt, performance.now() + pipe.delayMs), null));
  from.on('error', () => to.destroy());
}

/**
 * Starts the proxy on a free loopback port in front of `target` (http://host:port).
 * `conditions`: { latency (ms, round trip), downloadThroughput, uploadThroughput (bytes/s) }.
 * @returns {Promise<{ base: string, close(): Promise<void> }>}
 */
export async function slowLink(target, { latency, downloadThroughput, uploadThroughput }) {
  const { hostname, port } = new URL(target);
  const down = new Pipe(downloadThroughput, latency / 2);
  const up = new Pipe(uploadThroughput, latency / 2);
  const sockets = new Set();
  const server = net.createServer((client) => {
    client.pause();
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    // The handshake of a new connection costs a round trip.
    setTimeout(() => {
      const upstream = net.connect(Number(port), hostname, () => {
        client.setNoDelay(true);
        upstream.setNoDelay(true);
        forward(client, upstream, up);
        forward(upstream, client, down);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    }, latency);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(() => r()));
    },
  };
}
