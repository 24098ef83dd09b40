import type { INodeProperties } from 'n8n-workflow';

/** http:// addresses on this machine, where nothing crosses the network (no lookahead: n8n evaluates it with RE2). */
const LOCAL_HTTP = '^http://(localhost|127\\.[0-9]+\\.[0-9]+\\.[0-9]+|\\[::1\\])([:/?#]|$)';

/**
 * A warning under a credential's URL field (`name`, shown as `label`), shown while the URL starts
 * with http:// and names a host other than this machine: what the credential sends there (tokens,
 * secrets) would cross the network unencrypted.
 */
export function cleartextUrlNotice(name: string, label: string): INodeProperties {
	return {
		displayName: `${label} starts with http:// and is not on this machine: the credential's tokens would cross the network unencrypted. Use https://.`,
		name: `${name}CleartextNotice`,
		type: 'notice',
		default: '',
		displayOptions: {
			show: { [name]: [{ _cnd: { startsWith: 'http://' } }] },
			hide: { [name]: [{ _cnd: { regex: LOCAL_HTTP } }] },
		},
	};
}
