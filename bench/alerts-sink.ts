// The alerts benchmark's SMTP sink, run as its own child process (so receiving mail does not share
// the event loop of the process under test): a CountingSink driven over IPC (reset, stats, stop).
import { CountingSink } from '../tests/support/smtp.ts';

export interface SinkStats {
  total: number;
  recipients: number;
  /** Recipients that received more than one message. */
  duplicated: number;
  /** Messages whose Message-ID is not an alert's (`<alert-<uuid>@approdo>`). */
  foreignIds: number;
  /** CPU time of this process since the last reset, ms. */
  cpuMs: number;
}

export type SinkCommand = { id: number; cmd: 'reset' | 'stats' | 'stop' };

const ALERT_ID = /^<alert-[0-9a-f-]{36}@approdo>$/;
const sink = await CountingSink.start();
let cpuAtReset = process.cpuUsage();

function stats(): SinkStats {
  let duplicated = 0;
  let foreignIds = 0;
  for (const ids of sink.byRecipient.values()) {
    if (ids.length > 1) duplicated++;
    for (const id of ids) if (!ALERT_ID.test(id)) foreignIds++;
  }
  const cpu = process.cpuUsage(cpuAtReset);
  return { total: sink.total, recipients: sink.byRecipient.size, duplicated, foreignIds, cpuMs: (cpu.user + cpu.system) / 1000 };
}

process.on('message', (m: SinkCommand) => {
  if (m.cmd === 'reset') {
    sink.total = 0;
    sink.byRecipient.clear();
    cpuAtReset = process.cpuUsage();
    process.send!({ id: m.id, value: null });
  } else if (m.cmd === 'stats') {
    process.send!({ id: m.id, value: stats() });
  } else {
    void sink.stop().then(() => {
      process.send!({ id: m.id, value: null });
      process.exit(0);
    });
  }
});
// The parent went away (crash, Ctrl-C): nothing left to receive for.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: sink.url });
