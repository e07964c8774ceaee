/** `renderStates` for views people act in: a reload keeps the same DOM, so focus and scroll stay put. */
import { TaskStatus } from '@lit/task';
import type { K100Element } from '../element.js';
import type { Loader } from '../loader.js';
import { renderStates, type StateOptions } from '../states.js';

/**
 * While a loader reloads a value it already has (Refresh, or the reload after an action), renders that
 * value with the very template of the loaded state instead of the dimmed copy `renderStates` shows,
 * whose different wrapper would replace every element and drop the focus of the button just pressed.
 */
export function renderKept<R>(host: K100Element, loader: Loader<readonly unknown[], R>, options: StateOptions<R>): unknown {
  const value = loader.value;
  const reloading = loader.status === TaskStatus.PENDING && value !== undefined && !host.sessionExpired;
  return reloading && !options.isEmpty?.(value) ? options.complete(value) : renderStates(host, loader, options);
}
