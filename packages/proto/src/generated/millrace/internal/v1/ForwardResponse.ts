// Original file: proto/millrace/internal/v1/peer.proto


/**
 * ForwardResponse carries the result of a forwarded call that succeeded.
 */
export interface ForwardResponse {
  /**
   * The response message, serialized as the method's response type. Opaque at this layer.
   */
  'response'?: (Buffer | Uint8Array | string);
}

/**
 * ForwardResponse carries the result of a forwarded call that succeeded.
 */
export interface ForwardResponse__Output {
  /**
   * The response message, serialized as the method's response type. Opaque at this layer.
   */
  'response': (Buffer);
}
