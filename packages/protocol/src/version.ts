/** Version of the wire protocol spoken between clients and a Frontdesk backend. Bumped on breaking changes. */
export const PROTOCOL_VERSION = 1;

/** Prefix of every HTTP route of the reference protocol. */
export const API_PREFIX = '/v1';
