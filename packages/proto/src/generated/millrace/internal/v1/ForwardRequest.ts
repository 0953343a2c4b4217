// Original file: proto/millrace/internal/v1/peer.proto


/**
 * ForwardRequest carries one client call from the node whose gateway received it to a node that can
 * execute it.
 */
export interface ForwardRequest {
  /**
   * The id of the forwarding node's cluster.
   */
  'clusterId'?: (string);
  /**
   * The forwarding node's id.
   */
  'fromNodeId'?: (number);
  /**
   * The full gRPC method of the original call, e.g. "/millrace.v1.QueueService/SendMessage".
   */
  'method'?: (string);
  /**
   * The original request message, serialized as the method's request type. Opaque at this layer.
   */
  'request'?: (Buffer | Uint8Array | string);
  /**
   * The access key id the forwarding gateway authenticated the caller as; it is trusted because peers
   * talk over mutual TLS. Authorization is checked again on the executing node.
   */
  'principal'?: (string);
  /**
   * How many times the call has been forwarded already; a node refuses to forward a call that has been
   * forwarded once, so a stale routing table cannot make a loop.
   */
  'hopCount'?: (number);
}

/**
 * ForwardRequest carries one client call from the node whose gateway received it to a node that can
 * execute it.
 */
export interface ForwardRequest__Output {
  /**
   * The id of the forwarding node's cluster.
   */
  'clusterId': (string);
  /**
   * The forwarding node's id.
   */
  'fromNodeId': (number);
  /**
   * The full gRPC method of the original call, e.g. "/millrace.v1.QueueService/SendMessage".
   */
  'method': (string);
  /**
   * The original request message, serialized as the method's request type. Opaque at this layer.
   */
  'request': (Buffer);
  /**
   * The access key id the forwarding gateway authenticated the caller as; it is trusted because peers
   * talk over mutual TLS. Authorization is checked again on the executing node.
   */
  'principal': (string);
  /**
   * How many times the call has been forwarded already; a node refuses to forward a call that has been
   * forwarded once, so a stale routing table cannot make a loop.
   */
  'hopCount': (number);
}
