// The alerts benchmark's load generator, run as its own child process: an open-loop fixed rate
// (one request every 1/rate s, whatever the answers do) over a few keep-alive connections, each
// request timed from the moment it is issued, including any wait for a free connection, to the
// end of its response. autocannon's overallRate is not used: it sends each second's quota
// back-to-back at the start of the second, which measures bursts and misses stalls in between.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

export interface LoadTarget {
  label: string;
  url: string;
  /** Requests per second. */
  rate: number;
  /** Keep-alive connections at most (requests wait for a free one). */
  connections: number;
  /** Append `?q=<random>` to each request: a search that misses the render cache every time. */
  randomSearch?: boolean;
}

export interface LoadResult {
  label: string;
  requests: number;
  non2xx: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

function drive(t: LoadTarget, seconds: number): Promise<LoadResult> {
  const u = new URL(t.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: t.connections });
  const interval = 1000 / t.rate;
  const total = Math.round(seconds * t.rate);
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let finished = 0;
  return new Promise((ok) => {
    const finish = () => {
      if (++finished < total) return;
      agent.destroy();
      const sorted = times.sort((a, b) => a - b);
      ok({ label: t.label, requests: total, non2xx, errors, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN });
    };
    const fire = () => {
      const path = t.randomSearch ? `${u.pathname}?q=${randomBytes(6).toString('hex')}` : u.pathname;
      const issued = performance.now();
      const req = http.get({ host: u.hostname, port: u.port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode! >= 200 && res.statusCode! < 300) times.push(performance.now() - issued);
          else non2xx++;
          finish();
        });
      });
      req.on('error', () => {
        errors++;
        finish();
      });
    };
    const start = performance.now();
    let sent = 0;
    const tick = () => {
      // Catch up on every request due (a late timer must not lower the rate).
      while (sent < total && start + sent * interval <= performance.now()) {
        fire();
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    tick();
  });
}

const { targets, seconds } = JSON.parse(process.argv[2] ?? '{}') as { targets: LoadTarget[]; seconds: number };
const results = await Promise.all(targets.map((t) => drive(t, seconds)));
process.stdout.write(`${JSON.stringify(results)}\n`);
