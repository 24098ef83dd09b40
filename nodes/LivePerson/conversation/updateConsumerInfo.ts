import type { IDataObject } from 'n8n-workflow';

import { buildBody } from '../../shared/fields';
import type { Field, Operation } from '../../shared/types';
import { clientFeaturesField, externalConsumerIdField } from '../fields';
import type { CreateValues } from '../requests';
import { setUserProfileRequest, userProfileBody } from '../requests';
import { clientFeaturesOf, sendAsConsumer } from '../session';
import { consumerProfileFields } from './create';

const fields: Field[] = [externalConsumerIdField, ...consumerProfileFields, clientFeaturesField];

export const updateConsumerInfo: Operation = {
	resource: 'conversation',
	option: {
		name: 'Update Consumer Info',
		value: 'updateConsumerInfo',
		action: "Update the consumer's profile as the consumer",
		description:
			"Send the consumer's Customer Info and Personal Info again, shown to the agent in the open conversation",
	},
	fields,
	checkWithCredentials(params) {
		const profile = userProfileBody(buildBody(fields, params) as CreateValues);
		if (Object.keys(profile).length > 0) return undefined;
		return {
			field: 'Customer Info',
			reason: 'and the other profile fields are all empty: there is nothing to update',
			fix: 'Set at least one of First Name, Last Name, Customer Info or Personal Info.',
		};
	},
	async run(context, params) {
		const externalConsumerId = params.externalConsumerId as string;
		const request = setUserProfileRequest(buildBody(fields, params) as CreateValues);
		const answer = await sendAsConsumer<IDataObject>(
			context,
			externalConsumerId,
			clientFeaturesOf(params),
			{
				method: 'POST',
				path: 'conversation/send',
				body: request,
				// the same profile sent twice leaves the same profile
				idempotent: true,
				purpose: `update the consumer info of "${externalConsumerId}"`,
			},
		);
		return {
			raw: { externalConsumerId, profile: request.body, response: answer },
			simplified: { externalConsumerId, updated: true, profile: request.body },
		};
	},
};
