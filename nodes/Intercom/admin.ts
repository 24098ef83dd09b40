import type { IDataObject } from 'n8n-workflow';

import { itemError } from '../shared/errors';
import { oncePerExecution } from '../shared/once';
import type { OperationContext } from '../shared/types';

/**
 * The admin who acts: the item's Admin ID, or else the admin who owns the credential's access
 * token (GET /me), read once per run and shared by every item.
 */
export async function actingAdminId(
	context: OperationContext,
	params: IDataObject,
): Promise<string> {
	if (params.adminId) return String(params.adminId);
	const me = await oncePerExecution(context, 'intercom:me', async () =>
		context.send<IDataObject>({
			method: 'GET',
			url: '/me',
			purpose: "find the admin who owns the credential's access token",
		}),
	);
	if (me?.id === undefined || me.id === null || me.id === '') {
		throw itemError(
			context,
			'Intercom did not say which admin owns the access token (GET /me gave no ID)',
			'Pick the Intercom admin who should act in "Admin". Nothing was changed in the conversation.',
		);
	}
	return String(me.id);
}
