/** Data loading on `@lit/task`: reruns when its args or the API configuration change, aborts stale fetches. */
import { Task, TaskStatus, initialState, shallowArrayEquals } from '@lit/task';
import type { ApiClient } from './api.js';
import type { K100Element } from './element.js';

/** Returns the args to load with, or `false` while nothing should load (the task stays idle). */
export type LoaderArgs<A extends readonly unknown[]> = () => A | false;

export class Loader<A extends readonly unknown[], R> {
  readonly task: Task<[ApiClient, A | false], R>;
  /** The client the current `value` was loaded with; a value from another session is never shown. */
  private loadedWith?: ApiClient;

  constructor(
    private readonly host: K100Element,
    load: (api: ApiClient, args: A, signal: AbortSignal) => Promise<R>,
    args: LoaderArgs<A>,
  ) {
    this.task = new Task<[ApiClient, A | false], R>(host, {
      // No credentials yet (the partner is still minting a session): stay idle rather than earn a 401.
      args: () => [host.api, host.hasCredentials ? args() : false],
      argsEqual: ([api1, a1], [api2, a2]) =>
        api1 === api2 && (a1 === a2 || (!!a1 && !!a2 && shallowArrayEquals(a1, a2))),
      task: async ([api, a], { signal }) => {
        if (a === false) return initialState;
        try {
          const value = await load(api, a, signal);
          this.loadedWith = api;
          return value;
        } catch (error) {
          if (!signal.aborted) host.handleApiError(error);
          throw error;
        }
      },
    });
  }

  /** The last value, if it was loaded for the current configuration. */
  get value(): R | undefined {
    return this.loadedWith === this.host.api ? this.task.value : undefined;
  }

  get status(): TaskStatus {
    return this.task.status;
  }

  /** Loads again with the current args (Retry, or a refresh after a change elsewhere). */
  refresh(): void {
    void this.task.run().catch(() => {});
  }
}
