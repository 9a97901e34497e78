// @vitest-environment happy-dom
import { LitElement } from 'lit';
import { describe, expect, it } from 'vitest';
import { listen, Subscriptions } from './subscriptions';

const source = new EventTarget();

class Follower extends LitElement {
  heard = 0;
  connects = 0;
  readonly subscriptions = new Subscriptions(this, () => {
    this.connects++;
    return [listen(source, 'change', () => this.heard++)];
  });
}
customElements.define('subscriptions-follower', Follower);

describe('Subscriptions', () => {
  it('subscribes while the element is in the page, and again when it comes back', () => {
    const el = document.createElement('subscriptions-follower') as Follower;
    source.dispatchEvent(new Event('change'));
    expect(el.heard).toBe(0);
    document.body.append(el);
    source.dispatchEvent(new Event('change'));
    expect(el.heard).toBe(1);
    el.remove();
    source.dispatchEvent(new Event('change'));
    expect(el.heard).toBe(1);
    document.body.append(el);
    source.dispatchEvent(new Event('change'));
    expect([el.heard, el.connects]).toEqual([2, 2]);
  });
});
