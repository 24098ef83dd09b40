import type { Field, Operation } from '../../shared/types';
import { CONTACT_SOURCE_ID_LABEL, contactIdentifierField, contactSourceId } from '../fields';
import { accessTokenOf, CREDENTIAL_NAME } from '../vendor';

/**
 * The Contact Source ID of Get and Resolve: with it the node acts as that contact (the inbox's
 * own API), without it as the agent who owns the credential's User Access Token.
 */
export function optionalContactIdentifierField(action: string): Field {
	return {
		property: {
			...contactIdentifierField.property,
			required: false,
			description: `The contact's source ID in the credential's inbox (the contactIdentifier output of Create as Contact): the node then ${action} as that contact. Leave empty to act as the agent who owns the credential's User Access Token. Not the numeric contact ID, and not the CRM Identifier.`,
		},
		check: contactSourceId(),
	};
}

/** Without a Contact Source ID the operation acts as an agent, which needs the User Access Token. */
export function sourceIdOrToken(
	operationName: string,
): NonNullable<Operation['checkWithCredentials']> {
	return (params, credentials) => {
		if (params.contactIdentifier !== undefined || accessTokenOf(credentials)) return undefined;
		return {
			field: CONTACT_SOURCE_ID_LABEL,
			reason: `is empty, and the ${CREDENTIAL_NAME} credential has no User Access Token`,
			fix: `${operationName} acts as the contact when the Contact Source ID is given (the contactIdentifier output of Create as Contact), else as the agent who owns the User Access Token: give one of the two.`,
		};
	};
}
