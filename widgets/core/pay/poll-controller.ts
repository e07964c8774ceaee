/**
 * Polls while something is worth watching (a payment awaiting funds), its host is connected and the page
 * is visible; stops otherwise. Stands in for Server-Sent Events until the API pushes status changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PollOptions {
  /** Milliseconds between the end of one poll and the start of the next. */
  interval: () => number;
  /** Whether there is anything to watch right now; asked after every host update. */
  active: () => boolean;
  /** One poll. Its failures are the poller's to report; polling carries on while `active()` holds. */
  poll: (signal: AbortSignal) => Promise<unknown>;
}

export class PollController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: AbortController | undefined;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: PollOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    document.addEventListener('visibilitychange', this.handleVisibility);
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.stop();
  }

  hostUpdated(): void {
    this.sync();
  }

  /** True while a poll is scheduled or in flight. */
  get polling(): boolean {
    return !!(this.timer || this.running);
  }

  private get wanted(): boolean {
    return this.connected && document.visibilityState === 'visible' && this.options.active();
  }

  /** Starts the interval when there is something to watch, stops it when there is not. */
  private sync(): void {
    if (!this.wanted) this.stop();
    else if (!this.polling) this.timer = setTimeout(this.tick, this.options.interval());
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.abort();
    this.running = undefined;
  }

  private tick = async () => {
    this.timer = undefined;
    if (!this.wanted) return;
    const run = (this.running = new AbortController());
    try {
      await this.options.poll(run.signal);
    } catch {
      // The poller reports its own failures; a dropped connection is worth another try.
    }
    if (this.running !== run) return;
    this.running = undefined;
    this.sync();
  };

  /** Back on the tab: look at once (it may have settled meanwhile), then resume the interval. */
  private handleVisibility = () => {
    if (!this.wanted) return this.stop();
    if (this.polling) return;
    void this.tick();
  };
}
