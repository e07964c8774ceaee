/** The time a request's money rules run on: the configured clock (tests move it) or the system's. */
import type { AppConfig } from '../config.js';

export const nowOf = (c: { var: { config: Pick<AppConfig, 'clock'> } }): Date => c.var.config.clock?.() ?? new Date();
