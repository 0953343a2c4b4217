/**
 * Request metadata keys a client may set on a call, each a flag set to "1": the wire contract between
 * the SDK and the gateway, so both read them from here.
 */

/** The client asks for NOT_LEADER hints instead of having the node forward the call. */
export const redirectMetadataKey = "millrace-redirect";

/** The client marks a call's first try, not a retry: the server may skip what only a retry needs. */
export const firstTryMetadataKey = "millrace-first-try";
