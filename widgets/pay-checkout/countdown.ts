/**
 * The quote's countdown: ticks once a second while a deadline is set and the host is connected, and says
 * what a screen reader should hear only when it matters (5 minutes left, 1 minute left, expired).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What to announce: crossing 5 minutes, 1 minute, or the deadline itself. */
export type Milestone = 'five' | 'one' | 'expired' | '';

const MILESTONES: [seconds: number, milestone: Milestone][] = [
  [0, 'expired'],
  [60, 'one'],
  [300, 'five'],
];

export class Countdown implements ReactiveController {
  /** Whole seconds left (rounded up), or undefined without a deadline. */
  remaining: number | undefined;
  /** The last milestone crossed while watching; a page opened with 3 minutes left hears nothing until 1 minute. */
  milestone: Milestone = '';
  private deadline: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The ISO 8601 deadline to count down to, or undefined when there is none. */
    private readonly target: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** True once the deadline has passed. */
  get expired(): boolean {
    return this.remaining === 0;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs before rendering, so a new deadline shows its own time on the very first frame. */
  hostUpdate(): void {
    this.sync();
  }

  private sync(): void {
    const deadline = this.target();
    if (deadline !== this.deadline) {
      this.deadline = deadline;
      this.milestone = '';
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remaining = deadline ? this.secondsLeft(deadline) : undefined;
    }
    if (this.connected && this.remaining && !this.timer) this.schedule();
  }

  private secondsLeft(deadline: string): number {
    const ms = Date.parse(deadline) - Date.now();
    return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : 0;
  }

  /** Wakes just after the next whole second, so the display never skips or repeats a second. */
  private schedule(): void {
    const ms = Date.parse(this.deadline!) - Date.now();
    const delay = ms > 0 ? ((ms % 1000) || 1000) + 5 : 0;
    this.timer = setTimeout(this.tick, delay);
  }

  private tick = () => {
    this.timer = undefined;
    if (!this.deadline || !this.connected) return;
    const before = this.remaining ?? Infinity;
    const now = this.secondsLeft(this.deadline);
    this.remaining = now;
    const crossed = MILESTONES.find(([at]) => before > at && now <= at);
    if (crossed) this.milestone = crossed[1];
    if (now > 0) this.schedule();
    this.host.requestUpdate();
  };
}

/** "14:59" under an hour, "71:59:59" beyond; and the matching ISO 8601 duration for `<time datetime>`. */
export function clock(seconds: number): { text: string; duration: string } {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    text: h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`,
    duration: `PT${h ? `${h}H` : ''}${m}M${s}S`,
  };
}
