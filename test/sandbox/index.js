'use strict';
/**
 * Vendor sandbox: loopback HTTP servers that behave like the Intercom, Userdesk, Chatwoot,
 * SocialBoards and LivePerson APIs. See README.md in this folder.
 *
 *   const { startVendorServer, startSandbox } = require('./test/sandbox');
 *   const srv = await startVendorServer('intercom', { latencyMs: 20, rateLimit: { limit: 100, windowMs: 2000 } });
 */
const { createVendorServer, FAULT_KINDS, RATE_LIMIT_STYLES } = require('./core');

const VENDORS = {
	intercom: require('./vendors/intercom'),
	userdesk: require('./vendors/userdesk'),
	chatwoot: require('./vendors/chatwoot'),
	socialboards: require('./vendors/socialboards'),
	liveperson: require('./vendors/liveperson'),
};
/** Fixed order: with basePort B, vendor i listens on B + i. */
const VENDOR_NAMES = Object.keys(VENDORS);

function vendorModule(name) {
	const vendor = VENDORS[String(name).toLowerCase()];
	if (!vendor)
		throw new Error(`unknown vendor "${name}"; expected one of ${VENDOR_NAMES.join(', ')}`);
	return vendor;
}

/** Starts one vendor fake on 127.0.0.1 (port 0 = a free port). */
function startVendorServer(name, options = {}) {
	return createVendorServer(vendorModule(name), options);
}

/**
 * Starts several fakes. Options shared by all of them go at the top level; per-vendor options
 * under the vendor's name: startSandbox({ latencyMs: 20, intercom: { planRestricted: true } }).
 */
async function startSandbox(options = {}) {
	const { vendors = VENDOR_NAMES, basePort = 0, ...rest } = options;
	const shared = { ...rest };
	for (const name of VENDOR_NAMES) delete shared[name];
	const servers = {};
	try {
		for (const name of vendors) {
			vendorModule(name);
			const port = basePort ? basePort + VENDOR_NAMES.indexOf(name) : 0;
			servers[name] = await startVendorServer(name, { ...shared, ...(rest[name] || {}), port });
		}
	} catch (error) {
		await Promise.all(Object.values(servers).map((s) => s.close()));
		throw error;
	}
	return {
		servers,
		urls: Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, s.baseUrl])),
		reset() {
			for (const s of Object.values(servers)) s.reset();
		},
		close: () => Promise.all(Object.values(servers).map((s) => s.close())).then(() => undefined),
	};
}

module.exports = {
	startVendorServer,
	startSandbox,
	VENDOR_NAMES,
	FAULT_KINDS,
	RATE_LIMIT_STYLES,
	defaultCredentials: Object.fromEntries(
		VENDOR_NAMES.map((n) => [n, { ...VENDORS[n].defaultCredentials }]),
	),
};
