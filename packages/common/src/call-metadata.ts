/**
 * Request metadata keys a client may set on a call, each a flag set to "1": the wire contract between
 * the SDK and the gateway, so both read them from here.
 */

/** The client asks for NOT_LEADER hints instead of having the node forward the call. */
export const redirectMetadataKey = "millrace-redirect";

/**
 * The client marks a call's first try, not a retry: the server need not look up what only a retry could
 * find, such as a FIFO receive attempt to replay.
 */
export const firstTryMetadataKey = "millrace-first-try";
