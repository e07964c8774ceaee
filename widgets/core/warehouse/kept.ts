/** `renderStates` that keeps the loaded view's DOM while it reloads, so the focus of the control just used stays put. */
import { TaskStatus } from '@lit/task';
import type { K100Element } from '../element.js';
import type { Loader } from '../loader.js';
import { renderStates, type StateOptions } from '../states.js';

export function renderKept<R>(host: K100Element, loader: Loader<readonly unknown[], R>, options: StateOptions<R>): unknown {
  const value = loader.value;
  const reloading = loader.status === TaskStatus.PENDING && value !== undefined && !host.sessionExpired;
  return reloading && !options.isEmpty?.(value) ? options.complete(value) : renderStates(host, loader, options);
}
