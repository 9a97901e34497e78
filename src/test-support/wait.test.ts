// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { called, nextEvent, promisesSettled, signal, until, untilMutation } from './wait';

/** A stand-in controller: a counter that says 'change' each time it moves. */
class Counter extends EventTarget {
  value = 0;
  bump(): void {
    this.value++;
    this.dispatchEvent(new Event('change'));
  }
}

describe('nextEvent', () => {
  it('resolves with the first event the predicate accepts, and stops listening', async () => {
    const counter = new Counter();
    const seen: number[] = [];
    const third = nextEvent(counter, 'change', () => (seen.push(counter.value), counter.value === 3));
    for (let i = 0; i < 5; i++) counter.bump();
    await expect(third).resolves.toBeInstanceOf(Event);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('rejects when the predicate throws', async () => {
    const counter = new Counter();
    const broken = nextEvent(counter, 'change', () => {
      throw new Error('bad predicate');
    });
    counter.bump();
    await expect(broken).rejects.toThrow('bad predicate');
  });
});

describe('until', () => {
  it('resolves at once when the state already holds, without an event', async () => {
    const counter = new Counter();
    counter.bump();
    await until(counter, 'change', () => counter.value === 1);
  });

  it('otherwise resolves on the event that makes it hold', async () => {
    const counter = new Counter();
    let done = false;
    const twice = until(counter, 'change', () => counter.value >= 2).then(() => (done = true));
    counter.bump();
    await Promise.resolve();
    expect(done).toBe(false);
    counter.bump();
    await twice;
    expect(done).toBe(true);
  });
});

describe('untilMutation', () => {
  it('resolves at once when the DOM already holds', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<p>done</p>';
    await untilMutation(host, () => host.textContent === 'done');
  });

  it('otherwise resolves on the change that makes it hold, deep in the tree', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<section><p data-role="reading">Reading…</p></section>';
    const shadow = host.shadowRoot!;
    const gone = untilMutation(shadow, () => shadow.querySelector('[data-role=reading]') === null);
    shadow.querySelector('section')!.append(document.createElement('span'));
    await Promise.resolve();
    shadow.querySelector('[data-role=reading]')!.remove();
    await gone;
    expect(shadow.querySelector('span')).not.toBeNull();
  });
});

describe('called', () => {
  it('resolves after the nth call and keeps the mock doing what it did', async () => {
    const double = vi.fn((n: number) => n * 2);
    const second = called(double, 2);
    expect(double(1)).toBe(2);
    let done = false;
    void second.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    expect(double(2)).toBe(4);
    await second;
    expect(double(3)).toBe(6);
    expect(double.getMockImplementation()?.(5)).toBe(10);
  });

  it('resolves at once for calls already made', async () => {
    const f = vi.fn();
    f();
    await called(f);
  });
});

describe('promisesSettled', () => {
  it('resolves after a long chain of promise jobs has run', async () => {
    let depth = 0;
    const chain = async (n: number): Promise<void> => {
      depth = n;
      if (n < 50) await chain(n + 1);
    };
    void Promise.resolve().then(() => chain(1));
    await promisesSettled();
    expect(depth).toBe(50);
  });
});

describe('signal', () => {
  it('is a promise settled from outside', async () => {
    const reached = signal<string>();
    reached.resolve('here');
    await expect(reached.promise).resolves.toBe('here');
  });
});
