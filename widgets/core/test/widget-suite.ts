/** The checks every K100 widget owes, run by each widget's own test file (STYLE §11). */
import { expect, oneEvent } from '@open-wc/testing';
import { define } from '../define.js';
import type { K100Element } from '../element.js';
import { TOKENS, http, never, problem, worker } from './mock-api.js';
import { $, text, waitFor } from './helpers.js';

export interface WidgetSuiteOptions {
  tag: string;
  element: CustomElementConstructor;
  /** Mounts the widget with a session (default: the buyer's) and optional theme. */
  mount: (options?: { session?: string; theme?: string }) => Promise<K100Element>;
  /** The GET endpoint behind the widget's main content, and an empty answer from it. */
  endpoint: string;
  empty: object;
  /** Matches one rendered item once content has loaded. */
  item: string;
}

export function runWidgetSuite({ tag, element, mount, endpoint, empty, item }: WidgetSuiteOptions): void {
  describe('what every widget owes', () => {
    it('tolerates being defined twice', () => {
      expect(() => define(tag, element)).not.to.throw();
      expect(() => define(tag, class extends HTMLElement {})).not.to.throw();
      expect(customElements.get(tag)).to.equal(element);
    });

    it('shows an accessible loading skeleton, never a blank box', async () => {
      worker.use(http.get(`*${endpoint}`, never));
      const el = await mount();
      const skeleton = await waitFor(el, '[part~="skeleton"]');
      expect(skeleton.getAttribute('role')).to.equal('status');
      await expect(el).to.be.accessible();
    });

    for (const theme of ['light', 'dark', 'auto']) {
      it(`renders accessible content with theme="${theme}"`, async () => {
        const el = await mount({ theme });
        await waitFor(el, item);
        expect($(el, '[part~="base"]')).to.exist;
        await expect(el).to.be.accessible();
      });
    }

    it('shows an accessible empty state with a message', async () => {
      worker.use(http.get(`*${endpoint}`, () => Response.json(empty)));
      const el = await mount();
      const box = await waitFor(el, '[part~="empty"]');
      expect(text(box)).not.to.equal('');
      await expect(el).to.be.accessible();
    });

    it('shows an error with Retry, and Retry recovers', async () => {
      worker.use(http.get(`*${endpoint}`, () => problem(500, 'internal', 'Internal error'), { once: true }));
      const el = await mount();
      const box = await waitFor(el, '[part~="error"]');
      expect(box.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
      $(el, '[part~="retry-button"]')!.click();
      await waitFor(el, item);
      expect($(el, '[part~="error"]')).to.equal(null);
    });

    it('on an expired session says so, tells the page, and retries with the new session', async () => {
      const told = oneEvent(document, 'k100-session-expired');
      const el = await mount({ session: TOKENS.expired });
      const event = await told;
      expect(event.target).to.equal(el);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.type).to.match(/\/session-expired$/);
      const box = await waitFor(el, '[part~="expired"]');
      expect(text(box)).to.contain('Your session has expired');
      await expect(el).to.be.accessible();

      el.session = TOKENS.buyer;
      await waitFor(el, item);
      expect($(el, '[part~="expired"]')).to.equal(null);
    });
  });
}
