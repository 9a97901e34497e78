// @vitest-environment node
import { createHash } from 'node:crypto';
import { expose } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeWorkerApi } from '../../workers/intake-api';
import { inspectFile } from '../intake/inspect-file';
import { IntakeClient } from './intake-client';
import { signal } from '../test-support/wait';

/** The worker's API, built from the same function the worker runs (ESLint keeps workers/ code out of src/client). */
const realApi = (): IntakeWorkerApi => ({ inspect: inspectFile });

/** A "worker" that is the other end of a MessageChannel running the worker API. */
function channelWorker(api: object = realApi()) {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2);
  const worker = Object.assign(port1, { terminate: () => { port1.close(); port2.close(); terminated++; } });
  return worker as unknown as Worker & EventTarget;
}

let terminated = 0;
const ports: { close(): void }[] = [];
afterEach(() => {
  for (const p of ports.splice(0)) p.close();
  terminated = 0;
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);

describe('IntakeClient', () => {
  it('inspects through the worker API and gets the SHA-256 back', async () => {
    let created = 0;
    const client = new IntakeClient(() => {
      created++;
      const w = channelWorker();
      ports.push(w as unknown as MessagePort);
      return w;
    });
    const result = await client.inspect(new Blob([PNG]));
    expect(result).toEqual({ kind: 'png', hash: createHash('sha256').update(PNG).digest('hex') });
    await client.inspect(new Blob(['text']));
    expect(created).toBe(1); // one worker for every file
    client.dispose();
    expect(terminated).toBe(1);
  });

  it('when the worker crashes, the pending call fails with a reason and the next call gets a new worker', async () => {
    const workers: (Worker & EventTarget)[] = [];
    const inspecting = signal();
    const hanging = { inspect: () => (inspecting.resolve(), new Promise(() => {})) };
    const client = new IntakeClient(() => {
      const w = channelWorker(workers.length === 0 ? hanging : realApi());
      ports.push(w as unknown as MessagePort);
      workers.push(w);
      return w;
    });
    const pending = client.inspect(new Blob([PNG]));
    await inspecting.promise;
    workers[0]!.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: 'Out of memory' }));
    await expect(pending).rejects.toThrow('the file reader stopped (Out of memory)');
    expect(terminated).toBe(1);
    expect((await client.inspect(new Blob([PNG]))).kind).toBe('png');
    expect(workers).toHaveLength(2);
  });
});
