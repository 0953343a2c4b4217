// Original file: proto/millrace/v1/log.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AppendRequest as _millrace_v1_AppendRequest, AppendRequest__Output as _millrace_v1_AppendRequest__Output } from '../../millrace/v1/AppendRequest.js';
import type { AppendResponse as _millrace_v1_AppendResponse, AppendResponse__Output as _millrace_v1_AppendResponse__Output } from '../../millrace/v1/AppendResponse.js';
import type { ReadRequest as _millrace_v1_ReadRequest, ReadRequest__Output as _millrace_v1_ReadRequest__Output } from '../../millrace/v1/ReadRequest.js';
import type { ReadResponse as _millrace_v1_ReadResponse, ReadResponse__Output as _millrace_v1_ReadResponse__Output } from '../../millrace/v1/ReadResponse.js';
import type { TrimRequest as _millrace_v1_TrimRequest, TrimRequest__Output as _millrace_v1_TrimRequest__Output } from '../../millrace/v1/TrimRequest.js';
import type { TrimResponse as _millrace_v1_TrimResponse, TrimResponse__Output as _millrace_v1_TrimResponse__Output } from '../../millrace/v1/TrimResponse.js';

/**
 * LogService: the replicated append-only log, Millrace's first data state machine. Every record appended
 * and acknowledged is on a quorum of nodes' disks (fsynced) and keeps its sequence number forever. Streams
 * are built on the same machinery; this service exists so the replication layer can be used and tested
 * end to end on its own.
 */
export interface LogServiceClient extends grpc.Client {
  /**
   * Appends records in order; they get consecutive sequence numbers. Answered only once committed.
   */
  Append(argument: _millrace_v1_AppendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  Append(argument: _millrace_v1_AppendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  Append(argument: _millrace_v1_AppendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  Append(argument: _millrace_v1_AppendRequest, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Appends records in order; they get consecutive sequence numbers. Answered only once committed.
   */
  append(argument: _millrace_v1_AppendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  append(argument: _millrace_v1_AppendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  append(argument: _millrace_v1_AppendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  append(argument: _millrace_v1_AppendRequest, callback: grpc.requestCallback<_millrace_v1_AppendResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads records from a sequence number on, linearizably (after a ReadIndex round on the leader).
   */
  Read(argument: _millrace_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _millrace_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _millrace_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _millrace_v1_ReadRequest, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads records from a sequence number on, linearizably (after a ReadIndex round on the leader).
   */
  read(argument: _millrace_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _millrace_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _millrace_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _millrace_v1_ReadRequest, callback: grpc.requestCallback<_millrace_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Discards every record below a sequence number; later records keep theirs. Answered once committed.
   * Trimming at or below the log's start changes nothing; trimming past its end empties it.
   */
  Trim(argument: _millrace_v1_TrimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  Trim(argument: _millrace_v1_TrimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  Trim(argument: _millrace_v1_TrimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  Trim(argument: _millrace_v1_TrimRequest, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Discards every record below a sequence number; later records keep theirs. Answered once committed.
   * Trimming at or below the log's start changes nothing; trimming past its end empties it.
   */
  trim(argument: _millrace_v1_TrimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  trim(argument: _millrace_v1_TrimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  trim(argument: _millrace_v1_TrimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  trim(argument: _millrace_v1_TrimRequest, callback: grpc.requestCallback<_millrace_v1_TrimResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * LogService: the replicated append-only log, Millrace's first data state machine. Every record appended
 * and acknowledged is on a quorum of nodes' disks (fsynced) and keeps its sequence number forever. Streams
 * are built on the same machinery; this service exists so the replication layer can be used and tested
 * end to end on its own.
 */
export interface LogServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Appends records in order; they get consecutive sequence numbers. Answered only once committed.
   */
  Append: grpc.handleUnaryCall<_millrace_v1_AppendRequest__Output, _millrace_v1_AppendResponse>;
  
  /**
   * Reads records from a sequence number on, linearizably (after a ReadIndex round on the leader).
   */
  Read: grpc.handleUnaryCall<_millrace_v1_ReadRequest__Output, _millrace_v1_ReadResponse>;
  
  /**
   * Discards every record below a sequence number; later records keep theirs. Answered once committed.
   * Trimming at or below the log's start changes nothing; trimming past its end empties it.
   */
  Trim: grpc.handleUnaryCall<_millrace_v1_TrimRequest__Output, _millrace_v1_TrimResponse>;
  
}

export interface LogServiceDefinition extends grpc.ServiceDefinition {
  Append: MethodDefinition<_millrace_v1_AppendRequest, _millrace_v1_AppendResponse, _millrace_v1_AppendRequest__Output, _millrace_v1_AppendResponse__Output>
  Read: MethodDefinition<_millrace_v1_ReadRequest, _millrace_v1_ReadResponse, _millrace_v1_ReadRequest__Output, _millrace_v1_ReadResponse__Output>
  Trim: MethodDefinition<_millrace_v1_TrimRequest, _millrace_v1_TrimResponse, _millrace_v1_TrimRequest__Output, _millrace_v1_TrimResponse__Output>
}
