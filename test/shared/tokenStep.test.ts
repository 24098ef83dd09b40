import { tokenStepRequests, withTokenStepLimits } from '../../nodes/shared/tokenStep';

describe('the limits of a credential token step', () => {
	test("the node's Timeout for the whole step, at most 30 s, with the cancel signal and no redirect", () => {
		let now = 1_000;
		const signal = new AbortController().signal;
		const credentials = withTokenStepLimits({ clientId: 'a' }, { timeoutMs: 1500, signal });
		const next = tokenStepRequests(credentials, () => now);
		expect(next()).toEqual({ timeout: 1500, abortSignal: signal, disableFollowRedirect: true });
		// The step's second request gets what is left.
		now += 1200;
		expect(next().timeout).toBe(300);
		now += 5000;
		expect(next().timeout).toBe(1);

		const long = withTokenStepLimits({}, { timeoutMs: 600_000 });
		expect(tokenStepRequests(long, () => 0)()).toEqual({
			timeout: 30_000,
			disableFollowRedirect: true,
		});
	});

	test("without limits (n8n's own credential test) the step gets 30 s", () => {
		expect(tokenStepRequests({ clientId: 'a' }, () => 0)()).toEqual({
			timeout: 30_000,
			disableFollowRedirect: true,
		});
	});
});
