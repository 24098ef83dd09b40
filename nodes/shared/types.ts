import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	INode,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { MultipartParts } from './multipart';

/** Checks and normalises one parameter value; throws InputError with a plain-language reason. */
export type Check = (value: unknown) => unknown;

/**
 * One UI parameter and where its value goes. `send` is a dot path in the JSON body
 * (the way n8n's routing.send declares it); `check` validates the value before any request.
 * Collection fields list their children in `fields`.
 */
export interface Field {
	property: INodeProperties;
	check?: Check;
	send?: string;
	fields?: Field[];
	/** A fixedCollection with multiple values: each entry is checked like an item's fields. */
	entries?: EntryList;
}

/** The entries of a fixedCollection (`property.options` has one option, named `name`). */
export interface EntryList {
	/** The option's name, also how messages name an entry: "message" → "Messages › message 2 › Text". */
	name: string;
	/** What an entry holds, for the message about an entry that is not a set of fields: "Text, Author …". */
	summary: string;
	/** The entry's fields in checking order: a field shown by another's value comes after it. */
	fields: Field[];
}

/** One HTTP call, as a request builder describes it. `url` is a path below the vendor's base URL, or absolute. */
export interface RequestSpec {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: IDataObject;
	/** Send the body as application/x-www-form-urlencoded instead of JSON. */
	form?: boolean;
	/** Send these parts as multipart/form-data instead of `body` (file uploads). */
	multipart?: MultipartParts;
	/** Safe to send again after a timeout, a dropped connection or a 5xx (reads). Defaults to true for GET only. */
	idempotent?: boolean;
	/** What the call does, for messages: "create the conversation". */
	purpose: string;
	/** What a 404 means for this call: "No contact has the ID 123". */
	notFound?: string;
	/** A 404 is an answer ("not found"), not a failure: send() resolves to undefined. */
	notFoundIsEmpty?: boolean;
	/**
	 * A token or discovery request (a consumer token, a service's host): its timeout is the node's
	 * Timeout capped at 30 s, a timeout is tried again at most once, and a failed answer's body is
	 * kept by key names only.
	 */
	tokenStep?: boolean;
}

export interface ApiResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export type Send = <T = IDataObject>(request: RequestSpec) => Promise<T>;

/** A file in an input item's binary data (n8n's binary property), described without reading it. */
export interface ItemFile {
	property: string;
	fileName: string;
	mimeType: string;
	/** Bytes. */
	size: number;
}

/** The binary data of the input item, through n8n's binary helpers. */
export interface ItemBinary {
	/** The names of the item's binary properties. */
	names(): string[];
	/** The file in the binary property, or undefined when the item has no such property. */
	describe(property: string): Promise<ItemFile | undefined>;
	/** The file's bytes in chunks, streamed from n8n's binary data each time it is called. */
	stream(property: string): AsyncIterable<Uint8Array>;
}

export interface OperationContext {
	node: INode;
	send: Send;
	credentials: ICredentialDataDecryptedObject;
	itemIndex: number;
	/** The input item's binary data (the runner always gives it). */
	binary?: ItemBinary;
	/** Shared by all items of one execution (e.g. tokens per consumer); never kept across executions. */
	executionCache: Map<string, unknown>;
}

export interface OperationResult {
	/** The vendor's response, output when Simplify is off. */
	raw: IDataObject;
	/** The compact fields, output when Simplify is on. */
	simplified: IDataObject;
}

export interface Operation {
	resource: string;
	option: INodePropertyOptions & { action: string };
	fields: Field[];
	/**
	 * Checks an item's values against the credential (a field the credential's API version lacks),
	 * for every item before any request: the field, why, and how to fix it.
	 */
	checkWithCredentials?(
		params: IDataObject,
		credentials: ICredentialDataDecryptedObject,
	): { field: string; reason: string; fix: string } | undefined;
	/**
	 * Checks an item's values together (one field needs another) and against its binary data
	 * (present, not too large), for every item before any request: the field, why, and how to fix it.
	 */
	checkItem?(
		params: IDataObject,
		binary: ItemBinary,
	): Promise<{ field: string; reason: string; fix: string } | undefined>;
	/** One result per input item, or a list (Search / List): one output item each, all paired to the input item. */
	run(context: OperationContext, params: IDataObject): Promise<OperationResult | OperationResult[]>;
}

/** What a vendor's error body says, in words a user can act on. */
export interface ErrorExplanation {
	message?: string;
	description?: string;
}

export interface Vendor {
	/** Shown in messages: "Intercom". */
	label: string;
	credentialType: string;
	/** The credential's display name, to name it in messages. */
	credentialName: string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** Reads the vendor's error body; the shared mapper adds the HTTP status and a default hint. */
	explainError(response: ApiResponse, request: RequestSpec): ErrorExplanation;
	/**
	 * Checks the credential's values once per run, before any request: a field and why it is
	 * unusable ("Domain API Host", "is not a host name or an http(s) URL").
	 */
	checkCredentials?(
		credentials: ICredentialDataDecryptedObject,
	): { field: string; reason: string; fix?: string } | undefined;
	/** For vendors that report failures inside a 2xx body: return an explanation to fail the call. */
	failureInSuccess?(response: ApiResponse, request: RequestSpec): ErrorExplanation | undefined;
	/**
	 * The credential fetches a token in preAuthentication and renews it on 401 (n8n runs
	 * preAuthentication again once): the first call of an execution goes alone, and renewals of one
	 * credential are serialized in the process (the transport's TokenLane).
	 */
	renewsTokenOn401?: boolean;
	/** Shortest wait after a 429, when the vendor asks for one (LivePerson: 1 s). */
	minRateLimitWaitMs?: number;
	/** The built-in description shown for a 401 when the body says nothing better. */
	unauthorizedHint: string;
	/** The credential field that holds the API's address, named when it redirects: "Base URL" by default. */
	baseUrlField?: string;
}
