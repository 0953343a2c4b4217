// Original file: proto/millrace/internal/v1/peer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ForwardRequest as _millrace_internal_v1_ForwardRequest, ForwardRequest__Output as _millrace_internal_v1_ForwardRequest__Output } from '../../../millrace/internal/v1/ForwardRequest.js';
import type { ForwardResponse as _millrace_internal_v1_ForwardResponse, ForwardResponse__Output as _millrace_internal_v1_ForwardResponse__Output } from '../../../millrace/internal/v1/ForwardResponse.js';
import type { PeerFrame as _millrace_internal_v1_PeerFrame, PeerFrame__Output as _millrace_internal_v1_PeerFrame__Output } from '../../../millrace/internal/v1/PeerFrame.js';

/**
 * PeerService is served by every node on its peer port.
 */
export interface PeerServiceClient extends grpc.Client {
  /**
   * The one long-lived stream between a pair of nodes, opened by each node toward each other node it has
   * traffic for. Every frame either way carries the sender's cluster id and node id; a receiver closes
   * the stream with FAILED_PRECONDITION on a mismatch (a node from another cluster, or a reused address).
   * The first frame each way is a HELLO. Frames are delivered in order; a broken stream loses what was in
   * flight and Raft retransmits it.
   */
  Exchange(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output>;
  Exchange(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output>;
  /**
   * The one long-lived stream between a pair of nodes, opened by each node toward each other node it has
   * traffic for. Every frame either way carries the sender's cluster id and node id; a receiver closes
   * the stream with FAILED_PRECONDITION on a mismatch (a node from another cluster, or a reused address).
   * The first frame each way is a HELLO. Frames are delivered in order; a broken stream loses what was in
   * flight and Raft retransmits it.
   */
  exchange(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output>;
  exchange(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output>;
  
  /**
   * Executes a client request on this node on behalf of another node's gateway, which could not send the
   * client to the group's leader directly. Errors come back as the gRPC status and error trailer of the
   * public API, unchanged.
   */
  Forward(argument: _millrace_internal_v1_ForwardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _millrace_internal_v1_ForwardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _millrace_internal_v1_ForwardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  Forward(argument: _millrace_internal_v1_ForwardRequest, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Executes a client request on this node on behalf of another node's gateway, which could not send the
   * client to the group's leader directly. Errors come back as the gRPC status and error trailer of the
   * public API, unchanged.
   */
  forward(argument: _millrace_internal_v1_ForwardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _millrace_internal_v1_ForwardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _millrace_internal_v1_ForwardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  forward(argument: _millrace_internal_v1_ForwardRequest, callback: grpc.requestCallback<_millrace_internal_v1_ForwardResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * PeerService is served by every node on its peer port.
 */
export interface PeerServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The one long-lived stream between a pair of nodes, opened by each node toward each other node it has
   * traffic for. Every frame either way carries the sender's cluster id and node id; a receiver closes
   * the stream with FAILED_PRECONDITION on a mismatch (a node from another cluster, or a reused address).
   * The first frame each way is a HELLO. Frames are delivered in order; a broken stream loses what was in
   * flight and Raft retransmits it.
   */
  Exchange: grpc.handleBidiStreamingCall<_millrace_internal_v1_PeerFrame__Output, _millrace_internal_v1_PeerFrame>;
  
  /**
   * Executes a client request on this node on behalf of another node's gateway, which could not send the
   * client to the group's leader directly. Errors come back as the gRPC status and error trailer of the
   * public API, unchanged.
   */
  Forward: grpc.handleUnaryCall<_millrace_internal_v1_ForwardRequest__Output, _millrace_internal_v1_ForwardResponse>;
  
}

export interface PeerServiceDefinition extends grpc.ServiceDefinition {
  Exchange: MethodDefinition<_millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame, _millrace_internal_v1_PeerFrame__Output, _millrace_internal_v1_PeerFrame__Output>
  Forward: MethodDefinition<_millrace_internal_v1_ForwardRequest, _millrace_internal_v1_ForwardResponse, _millrace_internal_v1_ForwardRequest__Output, _millrace_internal_v1_ForwardResponse__Output>
}
