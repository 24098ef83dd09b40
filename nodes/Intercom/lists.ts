import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listRequest } from '../shared/lists';
import { listPage } from '../shared/locator';
import { intercom } from './vendor';

interface AdminList {
	admins?: Array<{
		id?: string | number;
		name?: string;
		email?: string;
		away_mode_enabled?: boolean;
	}>;
}

/** "From list" searches of the Intercom node: the lists the editor shows for its ID fields. */
export const intercomListSearch = {
	/** Admins (teammates), from GET /admins (one page: Intercom does not page it). */
	async searchAdmins(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const answer = await listRequest<AdminList & IDataObject>(this, intercom, {
			method: 'GET',
			url: '/admins',
			purpose: 'list the admins',
		});
		const entries = (answer?.admins ?? [])
			.filter((admin) => admin.id !== undefined && admin.id !== null)
			.map((admin) => ({
				name: admin.email
					? `${admin.name ?? admin.id} (${admin.email})`
					: String(admin.name ?? admin.id),
				value: String(admin.id),
			}))
			.sort((a, b) => a.name.localeCompare(b.name));
		return listPage(entries, { filter });
	},
};
