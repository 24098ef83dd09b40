import path from 'node:path';

import type { TransportOptions } from '../../nodes/shared/transport';

type Clock = Pick<TransportOptions, 'now' | 'sleep'>;

export interface VirtualClock extends Clock {
	/** Milliseconds of waiting skipped so far. */
	skippedMs(): number;
}

/**
 * Time that runs on with the wall clock, but jumps forward instead of waiting: a sleep resolves on
 * the next turn of the event loop, with the clock moved to its wake-up time. Sleeps that wake at the
 * same time (the items waiting out one 429) move it once, not once each.
 */
export function createVirtualClock(): VirtualClock {
	let offset = 0;
	const now = () => Date.now() + offset;
	return {
		now,
		skippedMs: () => offset,
		sleep: async (ms, signal) => {
			const wakeAt = now() + Math.max(0, ms);
			await new Promise((resolve) => setImmediate(resolve));
			offset = Math.max(offset, wakeAt - Date.now());
			if (signal?.aborted) throw new Error('The wait was cancelled');
		},
	};
}

/**
 * The transports of the built packages (each package compiles the shared core in), the same module
 * instances the engine's nodes use (one jest registry per file).
 */
function builtTransportDefaults(): TransportOptions[] {
	const { packages } = require('../..') as { packages: Array<{ dir: string }> };
	return packages.map(
		(pkg) =>
			(
				require(path.join(pkg.dir, 'dist/nodes/shared/transport.js')) as {
					DEFAULT_TRANSPORT_OPTIONS: TransportOptions;
				}
			).DEFAULT_TRANSPORT_OPTIONS,
	);
}

/**
 * Runs the enclosing describe's nodes in virtual time: their transport's clock and sleep are
 * swapped in dist's defaults for the block and restored after it. Give the sandbox fake the same
 * `now` so its rate-limit windows follow.
 */
export function useVirtualTime(): VirtualClock {
	const clock = createVirtualClock();
	let saved: Clock[] = [];
	beforeAll(() => {
		const all = builtTransportDefaults();
		saved = all.map((defaults) => ({ now: defaults.now, sleep: defaults.sleep }));
		for (const defaults of all) Object.assign(defaults, { now: clock.now, sleep: clock.sleep });
	});
	afterAll(() => {
		builtTransportDefaults().forEach(
			(defaults, i) => saved[i] && Object.assign(defaults, saved[i]),
		);
	});
	return clock;
}
