'use strict';
/**
 * The fixed-window floor at the pace a run itself reached, shared by `npm run bench` and the
 * queue-mode test: (ceil(requests / limit) - 1) full windows, plus the time the last window's
 * requests take: the fastest the run sent that many requests in a row (as the fake saw them
 * arrive) and one answer's latency. `arrivals`: the accepted requests' arrival times, in ms.
 */
function pacedFloor(arrivals, { limit, windowMs }, latencyMs) {
	const sorted = [...arrivals].sort((a, b) => a - b);
	const full = Math.max(0, Math.ceil(sorted.length / limit) - 1);
	const inLast = sorted.length - full * limit;
	let fastest = Infinity;
	for (let i = 0; i + inLast - 1 < sorted.length; i++)
		fastest = Math.min(fastest, sorted[i + inLast - 1] - sorted[i]);
	const lastWindowMs = (Number.isFinite(fastest) ? fastest : 0) + latencyMs;
	return { floorMs: full * windowMs + lastWindowMs, lastWindowMs, full, inLast };
}

module.exports = { pacedFloor };
