// Original file: proto/millrace/v1/stream.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CheckpointRequest as _millrace_v1_CheckpointRequest, CheckpointRequest__Output as _millrace_v1_CheckpointRequest__Output } from '../../millrace/v1/CheckpointRequest.js';
import type { CheckpointResponse as _millrace_v1_CheckpointResponse, CheckpointResponse__Output as _millrace_v1_CheckpointResponse__Output } from '../../millrace/v1/CheckpointResponse.js';
import type { CreateConsumerGroupRequest as _millrace_v1_CreateConsumerGroupRequest, CreateConsumerGroupRequest__Output as _millrace_v1_CreateConsumerGroupRequest__Output } from '../../millrace/v1/CreateConsumerGroupRequest.js';
import type { CreateConsumerGroupResponse as _millrace_v1_CreateConsumerGroupResponse, CreateConsumerGroupResponse__Output as _millrace_v1_CreateConsumerGroupResponse__Output } from '../../millrace/v1/CreateConsumerGroupResponse.js';
import type { CreateStreamRequest as _millrace_v1_CreateStreamRequest, CreateStreamRequest__Output as _millrace_v1_CreateStreamRequest__Output } from '../../millrace/v1/CreateStreamRequest.js';
import type { CreateStreamResponse as _millrace_v1_CreateStreamResponse, CreateStreamResponse__Output as _millrace_v1_CreateStreamResponse__Output } from '../../millrace/v1/CreateStreamResponse.js';
import type { DeleteConsumerGroupRequest as _millrace_v1_DeleteConsumerGroupRequest, DeleteConsumerGroupRequest__Output as _millrace_v1_DeleteConsumerGroupRequest__Output } from '../../millrace/v1/DeleteConsumerGroupRequest.js';
import type { DeleteConsumerGroupResponse as _millrace_v1_DeleteConsumerGroupResponse, DeleteConsumerGroupResponse__Output as _millrace_v1_DeleteConsumerGroupResponse__Output } from '../../millrace/v1/DeleteConsumerGroupResponse.js';
import type { DeleteStreamRequest as _millrace_v1_DeleteStreamRequest, DeleteStreamRequest__Output as _millrace_v1_DeleteStreamRequest__Output } from '../../millrace/v1/DeleteStreamRequest.js';
import type { DeleteStreamResponse as _millrace_v1_DeleteStreamResponse, DeleteStreamResponse__Output as _millrace_v1_DeleteStreamResponse__Output } from '../../millrace/v1/DeleteStreamResponse.js';
import type { DescribeStreamRequest as _millrace_v1_DescribeStreamRequest, DescribeStreamRequest__Output as _millrace_v1_DescribeStreamRequest__Output } from '../../millrace/v1/DescribeStreamRequest.js';
import type { DescribeStreamResponse as _millrace_v1_DescribeStreamResponse, DescribeStreamResponse__Output as _millrace_v1_DescribeStreamResponse__Output } from '../../millrace/v1/DescribeStreamResponse.js';
import type { GetCheckpointsRequest as _millrace_v1_GetCheckpointsRequest, GetCheckpointsRequest__Output as _millrace_v1_GetCheckpointsRequest__Output } from '../../millrace/v1/GetCheckpointsRequest.js';
import type { GetCheckpointsResponse as _millrace_v1_GetCheckpointsResponse, GetCheckpointsResponse__Output as _millrace_v1_GetCheckpointsResponse__Output } from '../../millrace/v1/GetCheckpointsResponse.js';
import type { GetRecordsRequest as _millrace_v1_GetRecordsRequest, GetRecordsRequest__Output as _millrace_v1_GetRecordsRequest__Output } from '../../millrace/v1/GetRecordsRequest.js';
import type { GetRecordsResponse as _millrace_v1_GetRecordsResponse, GetRecordsResponse__Output as _millrace_v1_GetRecordsResponse__Output } from '../../millrace/v1/GetRecordsResponse.js';
import type { GetShardIteratorRequest as _millrace_v1_GetShardIteratorRequest, GetShardIteratorRequest__Output as _millrace_v1_GetShardIteratorRequest__Output } from '../../millrace/v1/GetShardIteratorRequest.js';
import type { GetShardIteratorResponse as _millrace_v1_GetShardIteratorResponse, GetShardIteratorResponse__Output as _millrace_v1_GetShardIteratorResponse__Output } from '../../millrace/v1/GetShardIteratorResponse.js';
import type { HeartbeatConsumerGroupRequest as _millrace_v1_HeartbeatConsumerGroupRequest, HeartbeatConsumerGroupRequest__Output as _millrace_v1_HeartbeatConsumerGroupRequest__Output } from '../../millrace/v1/HeartbeatConsumerGroupRequest.js';
import type { HeartbeatConsumerGroupResponse as _millrace_v1_HeartbeatConsumerGroupResponse, HeartbeatConsumerGroupResponse__Output as _millrace_v1_HeartbeatConsumerGroupResponse__Output } from '../../millrace/v1/HeartbeatConsumerGroupResponse.js';
import type { LeaveConsumerGroupRequest as _millrace_v1_LeaveConsumerGroupRequest, LeaveConsumerGroupRequest__Output as _millrace_v1_LeaveConsumerGroupRequest__Output } from '../../millrace/v1/LeaveConsumerGroupRequest.js';
import type { LeaveConsumerGroupResponse as _millrace_v1_LeaveConsumerGroupResponse, LeaveConsumerGroupResponse__Output as _millrace_v1_LeaveConsumerGroupResponse__Output } from '../../millrace/v1/LeaveConsumerGroupResponse.js';
import type { ListConsumerGroupsRequest as _millrace_v1_ListConsumerGroupsRequest, ListConsumerGroupsRequest__Output as _millrace_v1_ListConsumerGroupsRequest__Output } from '../../millrace/v1/ListConsumerGroupsRequest.js';
import type { ListConsumerGroupsResponse as _millrace_v1_ListConsumerGroupsResponse, ListConsumerGroupsResponse__Output as _millrace_v1_ListConsumerGroupsResponse__Output } from '../../millrace/v1/ListConsumerGroupsResponse.js';
import type { ListShardsRequest as _millrace_v1_ListShardsRequest, ListShardsRequest__Output as _millrace_v1_ListShardsRequest__Output } from '../../millrace/v1/ListShardsRequest.js';
import type { ListShardsResponse as _millrace_v1_ListShardsResponse, ListShardsResponse__Output as _millrace_v1_ListShardsResponse__Output } from '../../millrace/v1/ListShardsResponse.js';
import type { ListStreamTagsRequest as _millrace_v1_ListStreamTagsRequest, ListStreamTagsRequest__Output as _millrace_v1_ListStreamTagsRequest__Output } from '../../millrace/v1/ListStreamTagsRequest.js';
import type { ListStreamTagsResponse as _millrace_v1_ListStreamTagsResponse, ListStreamTagsResponse__Output as _millrace_v1_ListStreamTagsResponse__Output } from '../../millrace/v1/ListStreamTagsResponse.js';
import type { ListStreamsRequest as _millrace_v1_ListStreamsRequest, ListStreamsRequest__Output as _millrace_v1_ListStreamsRequest__Output } from '../../millrace/v1/ListStreamsRequest.js';
import type { ListStreamsResponse as _millrace_v1_ListStreamsResponse, ListStreamsResponse__Output as _millrace_v1_ListStreamsResponse__Output } from '../../millrace/v1/ListStreamsResponse.js';
import type { MergeShardsRequest as _millrace_v1_MergeShardsRequest, MergeShardsRequest__Output as _millrace_v1_MergeShardsRequest__Output } from '../../millrace/v1/MergeShardsRequest.js';
import type { MergeShardsResponse as _millrace_v1_MergeShardsResponse, MergeShardsResponse__Output as _millrace_v1_MergeShardsResponse__Output } from '../../millrace/v1/MergeShardsResponse.js';
import type { PutRecordRequest as _millrace_v1_PutRecordRequest, PutRecordRequest__Output as _millrace_v1_PutRecordRequest__Output } from '../../millrace/v1/PutRecordRequest.js';
import type { PutRecordResponse as _millrace_v1_PutRecordResponse, PutRecordResponse__Output as _millrace_v1_PutRecordResponse__Output } from '../../millrace/v1/PutRecordResponse.js';
import type { PutRecordsRequest as _millrace_v1_PutRecordsRequest, PutRecordsRequest__Output as _millrace_v1_PutRecordsRequest__Output } from '../../millrace/v1/PutRecordsRequest.js';
import type { PutRecordsResponse as _millrace_v1_PutRecordsResponse, PutRecordsResponse__Output as _millrace_v1_PutRecordsResponse__Output } from '../../millrace/v1/PutRecordsResponse.js';
import type { SplitShardRequest as _millrace_v1_SplitShardRequest, SplitShardRequest__Output as _millrace_v1_SplitShardRequest__Output } from '../../millrace/v1/SplitShardRequest.js';
import type { SplitShardResponse as _millrace_v1_SplitShardResponse, SplitShardResponse__Output as _millrace_v1_SplitShardResponse__Output } from '../../millrace/v1/SplitShardResponse.js';
import type { SubscribeToShardRequest as _millrace_v1_SubscribeToShardRequest, SubscribeToShardRequest__Output as _millrace_v1_SubscribeToShardRequest__Output } from '../../millrace/v1/SubscribeToShardRequest.js';
import type { SubscribeToShardResponse as _millrace_v1_SubscribeToShardResponse, SubscribeToShardResponse__Output as _millrace_v1_SubscribeToShardResponse__Output } from '../../millrace/v1/SubscribeToShardResponse.js';
import type { TagStreamRequest as _millrace_v1_TagStreamRequest, TagStreamRequest__Output as _millrace_v1_TagStreamRequest__Output } from '../../millrace/v1/TagStreamRequest.js';
import type { TagStreamResponse as _millrace_v1_TagStreamResponse, TagStreamResponse__Output as _millrace_v1_TagStreamResponse__Output } from '../../millrace/v1/TagStreamResponse.js';
import type { UntagStreamRequest as _millrace_v1_UntagStreamRequest, UntagStreamRequest__Output as _millrace_v1_UntagStreamRequest__Output } from '../../millrace/v1/UntagStreamRequest.js';
import type { UntagStreamResponse as _millrace_v1_UntagStreamResponse, UntagStreamResponse__Output as _millrace_v1_UntagStreamResponse__Output } from '../../millrace/v1/UntagStreamResponse.js';
import type { UpdateShardCountRequest as _millrace_v1_UpdateShardCountRequest, UpdateShardCountRequest__Output as _millrace_v1_UpdateShardCountRequest__Output } from '../../millrace/v1/UpdateShardCountRequest.js';
import type { UpdateShardCountResponse as _millrace_v1_UpdateShardCountResponse, UpdateShardCountResponse__Output as _millrace_v1_UpdateShardCountResponse__Output } from '../../millrace/v1/UpdateShardCountResponse.js';
import type { UpdateStreamRetentionRequest as _millrace_v1_UpdateStreamRetentionRequest, UpdateStreamRetentionRequest__Output as _millrace_v1_UpdateStreamRetentionRequest__Output } from '../../millrace/v1/UpdateStreamRetentionRequest.js';
import type { UpdateStreamRetentionResponse as _millrace_v1_UpdateStreamRetentionResponse, UpdateStreamRetentionResponse__Output as _millrace_v1_UpdateStreamRetentionResponse__Output } from '../../millrace/v1/UpdateStreamRetentionResponse.js';

/**
 * StreamService manages streams and their shards, writes and reads records, and coordinates consumer
 * groups.
 */
export interface StreamServiceClient extends grpc.Client {
  /**
   * Records how far a worker has processed a leased shard.
   */
  Checkpoint(argument: _millrace_v1_CheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _millrace_v1_CheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _millrace_v1_CheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  Checkpoint(argument: _millrace_v1_CheckpointRequest, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Records how far a worker has processed a leased shard.
   */
  checkpoint(argument: _millrace_v1_CheckpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _millrace_v1_CheckpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _millrace_v1_CheckpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  checkpoint(argument: _millrace_v1_CheckpointRequest, callback: grpc.requestCallback<_millrace_v1_CheckpointResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a consumer group, whose workers share a stream's shards through cluster-held leases.
   */
  CreateConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  CreateConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  CreateConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  CreateConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a consumer group, whose workers share a stream's shards through cluster-held leases.
   */
  createConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  createConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  createConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  createConsumerGroup(argument: _millrace_v1_CreateConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_CreateConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a stream with a number of shards that split the hash key space evenly.
   */
  CreateStream(argument: _millrace_v1_CreateStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  CreateStream(argument: _millrace_v1_CreateStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  CreateStream(argument: _millrace_v1_CreateStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  CreateStream(argument: _millrace_v1_CreateStreamRequest, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a stream with a number of shards that split the hash key space evenly.
   */
  createStream(argument: _millrace_v1_CreateStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  createStream(argument: _millrace_v1_CreateStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  createStream(argument: _millrace_v1_CreateStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  createStream(argument: _millrace_v1_CreateStreamRequest, callback: grpc.requestCallback<_millrace_v1_CreateStreamResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a consumer group with its leases and checkpoints.
   */
  DeleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  DeleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  DeleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  DeleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a consumer group with its leases and checkpoints.
   */
  deleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  deleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  deleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  deleteConsumerGroup(argument: _millrace_v1_DeleteConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_DeleteConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a stream and all of its records.
   */
  DeleteStream(argument: _millrace_v1_DeleteStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  DeleteStream(argument: _millrace_v1_DeleteStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  DeleteStream(argument: _millrace_v1_DeleteStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  DeleteStream(argument: _millrace_v1_DeleteStreamRequest, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a stream and all of its records.
   */
  deleteStream(argument: _millrace_v1_DeleteStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  deleteStream(argument: _millrace_v1_DeleteStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  deleteStream(argument: _millrace_v1_DeleteStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  deleteStream(argument: _millrace_v1_DeleteStreamRequest, callback: grpc.requestCallback<_millrace_v1_DeleteStreamResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Describes a stream: status, retention, shard counts. Shards themselves come from ListShards.
   */
  DescribeStream(argument: _millrace_v1_DescribeStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  DescribeStream(argument: _millrace_v1_DescribeStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  DescribeStream(argument: _millrace_v1_DescribeStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  DescribeStream(argument: _millrace_v1_DescribeStreamRequest, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Describes a stream: status, retention, shard counts. Shards themselves come from ListShards.
   */
  describeStream(argument: _millrace_v1_DescribeStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  describeStream(argument: _millrace_v1_DescribeStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  describeStream(argument: _millrace_v1_DescribeStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  describeStream(argument: _millrace_v1_DescribeStreamRequest, callback: grpc.requestCallback<_millrace_v1_DescribeStreamResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a group's checkpoints and lease holders, shard by shard.
   */
  GetCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  GetCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  GetCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  GetCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a group's checkpoints and lease holders, shard by shard.
   */
  getCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  getCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  getCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  getCheckpoints(argument: _millrace_v1_GetCheckpointsRequest, callback: grpc.requestCallback<_millrace_v1_GetCheckpointsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads records at an iterator and returns the iterator to continue from.
   */
  GetRecords(argument: _millrace_v1_GetRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  GetRecords(argument: _millrace_v1_GetRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  GetRecords(argument: _millrace_v1_GetRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  GetRecords(argument: _millrace_v1_GetRecordsRequest, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads records at an iterator and returns the iterator to continue from.
   */
  getRecords(argument: _millrace_v1_GetRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  getRecords(argument: _millrace_v1_GetRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  getRecords(argument: _millrace_v1_GetRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  getRecords(argument: _millrace_v1_GetRecordsRequest, callback: grpc.requestCallback<_millrace_v1_GetRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns an iterator for reading a shard from a position. Iterators expire after 5 minutes.
   */
  GetShardIterator(argument: _millrace_v1_GetShardIteratorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  GetShardIterator(argument: _millrace_v1_GetShardIteratorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  GetShardIterator(argument: _millrace_v1_GetShardIteratorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  GetShardIterator(argument: _millrace_v1_GetShardIteratorRequest, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns an iterator for reading a shard from a position. Iterators expire after 5 minutes.
   */
  getShardIterator(argument: _millrace_v1_GetShardIteratorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  getShardIterator(argument: _millrace_v1_GetShardIteratorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  getShardIterator(argument: _millrace_v1_GetShardIteratorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  getShardIterator(argument: _millrace_v1_GetShardIteratorRequest, callback: grpc.requestCallback<_millrace_v1_GetShardIteratorResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Called by each worker of a group at the returned interval: renews the worker's leases and returns
   * the shards it now holds. The cluster balances shards across live workers and hands out a child shard
   * only after its parents are checkpointed to their end.
   */
  HeartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  HeartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  HeartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  HeartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Called by each worker of a group at the returned interval: renews the worker's leases and returns
   * the shards it now holds. The cluster balances shards across live workers and hands out a child shard
   * only after its parents are checkpointed to their end.
   */
  heartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  heartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  heartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  heartbeatConsumerGroup(argument: _millrace_v1_HeartbeatConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_HeartbeatConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Releases all of a worker's leases at once, so that a worker shutting down hands its shards over
   * without waiting for the leases to expire.
   */
  LeaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  LeaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Releases all of a worker's leases at once, so that a worker shutting down hands its shards over
   * without waiting for the leases to expire.
   */
  leaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  leaveConsumerGroup(argument: _millrace_v1_LeaveConsumerGroupRequest, callback: grpc.requestCallback<_millrace_v1_LeaveConsumerGroupResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists a stream's consumer groups.
   */
  ListConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  ListConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists a stream's consumer groups.
   */
  listConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  listConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  listConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  listConsumerGroups(argument: _millrace_v1_ListConsumerGroupsRequest, callback: grpc.requestCallback<_millrace_v1_ListConsumerGroupsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists a stream's shards, open and closed, with their lineage.
   */
  ListShards(argument: _millrace_v1_ListShardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  ListShards(argument: _millrace_v1_ListShardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  ListShards(argument: _millrace_v1_ListShardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  ListShards(argument: _millrace_v1_ListShardsRequest, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists a stream's shards, open and closed, with their lineage.
   */
  listShards(argument: _millrace_v1_ListShardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  listShards(argument: _millrace_v1_ListShardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  listShards(argument: _millrace_v1_ListShardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  listShards(argument: _millrace_v1_ListShardsRequest, callback: grpc.requestCallback<_millrace_v1_ListShardsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a stream's tags.
   */
  ListStreamTags(argument: _millrace_v1_ListStreamTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  ListStreamTags(argument: _millrace_v1_ListStreamTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  ListStreamTags(argument: _millrace_v1_ListStreamTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  ListStreamTags(argument: _millrace_v1_ListStreamTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a stream's tags.
   */
  listStreamTags(argument: _millrace_v1_ListStreamTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  listStreamTags(argument: _millrace_v1_ListStreamTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  listStreamTags(argument: _millrace_v1_ListStreamTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  listStreamTags(argument: _millrace_v1_ListStreamTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListStreamTagsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists streams in name order.
   */
  ListStreams(argument: _millrace_v1_ListStreamsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  ListStreams(argument: _millrace_v1_ListStreamsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  ListStreams(argument: _millrace_v1_ListStreamsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  ListStreams(argument: _millrace_v1_ListStreamsRequest, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists streams in name order.
   */
  listStreams(argument: _millrace_v1_ListStreamsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  listStreams(argument: _millrace_v1_ListStreamsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  listStreams(argument: _millrace_v1_ListStreamsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  listStreams(argument: _millrace_v1_ListStreamsRequest, callback: grpc.requestCallback<_millrace_v1_ListStreamsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Merges two open shards with adjacent hash key ranges into one child shard.
   */
  MergeShards(argument: _millrace_v1_MergeShardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  MergeShards(argument: _millrace_v1_MergeShardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  MergeShards(argument: _millrace_v1_MergeShardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  MergeShards(argument: _millrace_v1_MergeShardsRequest, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Merges two open shards with adjacent hash key ranges into one child shard.
   */
  mergeShards(argument: _millrace_v1_MergeShardsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  mergeShards(argument: _millrace_v1_MergeShardsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  mergeShards(argument: _millrace_v1_MergeShardsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  mergeShards(argument: _millrace_v1_MergeShardsRequest, callback: grpc.requestCallback<_millrace_v1_MergeShardsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Writes one record to the shard that owns its hash key. Succeeds only once the record is durable on a
   * quorum of replicas.
   */
  PutRecord(argument: _millrace_v1_PutRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _millrace_v1_PutRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _millrace_v1_PutRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  PutRecord(argument: _millrace_v1_PutRecordRequest, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Writes one record to the shard that owns its hash key. Succeeds only once the record is durable on a
   * quorum of replicas.
   */
  putRecord(argument: _millrace_v1_PutRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _millrace_v1_PutRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _millrace_v1_PutRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  putRecord(argument: _millrace_v1_PutRecordRequest, callback: grpc.requestCallback<_millrace_v1_PutRecordResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Writes up to 500 records (at most 5 MiB in total). Not atomic: each record succeeds or fails on its
   * own, and the results say which.
   */
  PutRecords(argument: _millrace_v1_PutRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  PutRecords(argument: _millrace_v1_PutRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  PutRecords(argument: _millrace_v1_PutRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  PutRecords(argument: _millrace_v1_PutRecordsRequest, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Writes up to 500 records (at most 5 MiB in total). Not atomic: each record succeeds or fails on its
   * own, and the results say which.
   */
  putRecords(argument: _millrace_v1_PutRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  putRecords(argument: _millrace_v1_PutRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  putRecords(argument: _millrace_v1_PutRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  putRecords(argument: _millrace_v1_PutRecordsRequest, callback: grpc.requestCallback<_millrace_v1_PutRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Splits an open shard's hash key range into two child shards at a hash key.
   */
  SplitShard(argument: _millrace_v1_SplitShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  SplitShard(argument: _millrace_v1_SplitShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  SplitShard(argument: _millrace_v1_SplitShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  SplitShard(argument: _millrace_v1_SplitShardRequest, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Splits an open shard's hash key range into two child shards at a hash key.
   */
  splitShard(argument: _millrace_v1_SplitShardRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  splitShard(argument: _millrace_v1_SplitShardRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  splitShard(argument: _millrace_v1_SplitShardRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  splitShard(argument: _millrace_v1_SplitShardRequest, callback: grpc.requestCallback<_millrace_v1_SplitShardResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Pushes a shard's records to the caller as they are written, from a starting position (the enhanced
   * fan-out model). At a closed shard's end it sends the child shards and ends the stream.
   */
  SubscribeToShard(argument: _millrace_v1_SubscribeToShardRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeToShardResponse__Output>;
  SubscribeToShard(argument: _millrace_v1_SubscribeToShardRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeToShardResponse__Output>;
  /**
   * Pushes a shard's records to the caller as they are written, from a starting position (the enhanced
   * fan-out model). At a closed shard's end it sends the child shards and ends the stream.
   */
  subscribeToShard(argument: _millrace_v1_SubscribeToShardRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeToShardResponse__Output>;
  subscribeToShard(argument: _millrace_v1_SubscribeToShardRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeToShardResponse__Output>;
  
  /**
   * Adds tags to a stream or overwrites the values of existing keys.
   */
  TagStream(argument: _millrace_v1_TagStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  TagStream(argument: _millrace_v1_TagStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  TagStream(argument: _millrace_v1_TagStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  TagStream(argument: _millrace_v1_TagStreamRequest, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds tags to a stream or overwrites the values of existing keys.
   */
  tagStream(argument: _millrace_v1_TagStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  tagStream(argument: _millrace_v1_TagStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  tagStream(argument: _millrace_v1_TagStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  tagStream(argument: _millrace_v1_TagStreamRequest, callback: grpc.requestCallback<_millrace_v1_TagStreamResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes tags from a stream; keys it does not have are ignored.
   */
  UntagStream(argument: _millrace_v1_UntagStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  UntagStream(argument: _millrace_v1_UntagStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  UntagStream(argument: _millrace_v1_UntagStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  UntagStream(argument: _millrace_v1_UntagStreamRequest, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes tags from a stream; keys it does not have are ignored.
   */
  untagStream(argument: _millrace_v1_UntagStreamRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  untagStream(argument: _millrace_v1_UntagStreamRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  untagStream(argument: _millrace_v1_UntagStreamRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  untagStream(argument: _millrace_v1_UntagStreamRequest, callback: grpc.requestCallback<_millrace_v1_UntagStreamResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Splits and merges shards until the stream has a target number of evenly sized open shards.
   */
  UpdateShardCount(argument: _millrace_v1_UpdateShardCountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  UpdateShardCount(argument: _millrace_v1_UpdateShardCountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  UpdateShardCount(argument: _millrace_v1_UpdateShardCountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  UpdateShardCount(argument: _millrace_v1_UpdateShardCountRequest, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Splits and merges shards until the stream has a target number of evenly sized open shards.
   */
  updateShardCount(argument: _millrace_v1_UpdateShardCountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  updateShardCount(argument: _millrace_v1_UpdateShardCountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  updateShardCount(argument: _millrace_v1_UpdateShardCountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  updateShardCount(argument: _millrace_v1_UpdateShardCountRequest, callback: grpc.requestCallback<_millrace_v1_UpdateShardCountResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes how long a stream keeps its records (24..8760 hours). Shortening it trims in the background.
   */
  UpdateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  UpdateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  UpdateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  UpdateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes how long a stream keeps its records (24..8760 hours). Shortening it trims in the background.
   */
  updateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  updateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  updateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  updateStreamRetention(argument: _millrace_v1_UpdateStreamRetentionRequest, callback: grpc.requestCallback<_millrace_v1_UpdateStreamRetentionResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * StreamService manages streams and their shards, writes and reads records, and coordinates consumer
 * groups.
 */
export interface StreamServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Records how far a worker has processed a leased shard.
   */
  Checkpoint: grpc.handleUnaryCall<_millrace_v1_CheckpointRequest__Output, _millrace_v1_CheckpointResponse>;
  
  /**
   * Creates a consumer group, whose workers share a stream's shards through cluster-held leases.
   */
  CreateConsumerGroup: grpc.handleUnaryCall<_millrace_v1_CreateConsumerGroupRequest__Output, _millrace_v1_CreateConsumerGroupResponse>;
  
  /**
   * Creates a stream with a number of shards that split the hash key space evenly.
   */
  CreateStream: grpc.handleUnaryCall<_millrace_v1_CreateStreamRequest__Output, _millrace_v1_CreateStreamResponse>;
  
  /**
   * Deletes a consumer group with its leases and checkpoints.
   */
  DeleteConsumerGroup: grpc.handleUnaryCall<_millrace_v1_DeleteConsumerGroupRequest__Output, _millrace_v1_DeleteConsumerGroupResponse>;
  
  /**
   * Deletes a stream and all of its records.
   */
  DeleteStream: grpc.handleUnaryCall<_millrace_v1_DeleteStreamRequest__Output, _millrace_v1_DeleteStreamResponse>;
  
  /**
   * Describes a stream: status, retention, shard counts. Shards themselves come from ListShards.
   */
  DescribeStream: grpc.handleUnaryCall<_millrace_v1_DescribeStreamRequest__Output, _millrace_v1_DescribeStreamResponse>;
  
  /**
   * Returns a group's checkpoints and lease holders, shard by shard.
   */
  GetCheckpoints: grpc.handleUnaryCall<_millrace_v1_GetCheckpointsRequest__Output, _millrace_v1_GetCheckpointsResponse>;
  
  /**
   * Reads records at an iterator and returns the iterator to continue from.
   */
  GetRecords: grpc.handleUnaryCall<_millrace_v1_GetRecordsRequest__Output, _millrace_v1_GetRecordsResponse>;
  
  /**
   * Returns an iterator for reading a shard from a position. Iterators expire after 5 minutes.
   */
  GetShardIterator: grpc.handleUnaryCall<_millrace_v1_GetShardIteratorRequest__Output, _millrace_v1_GetShardIteratorResponse>;
  
  /**
   * Called by each worker of a group at the returned interval: renews the worker's leases and returns
   * the shards it now holds. The cluster balances shards across live workers and hands out a child shard
   * only after its parents are checkpointed to their end.
   */
  HeartbeatConsumerGroup: grpc.handleUnaryCall<_millrace_v1_HeartbeatConsumerGroupRequest__Output, _millrace_v1_HeartbeatConsumerGroupResponse>;
  
  /**
   * Releases all of a worker's leases at once, so that a worker shutting down hands its shards over
   * without waiting for the leases to expire.
   */
  LeaveConsumerGroup: grpc.handleUnaryCall<_millrace_v1_LeaveConsumerGroupRequest__Output, _millrace_v1_LeaveConsumerGroupResponse>;
  
  /**
   * Lists a stream's consumer groups.
   */
  ListConsumerGroups: grpc.handleUnaryCall<_millrace_v1_ListConsumerGroupsRequest__Output, _millrace_v1_ListConsumerGroupsResponse>;
  
  /**
   * Lists a stream's shards, open and closed, with their lineage.
   */
  ListShards: grpc.handleUnaryCall<_millrace_v1_ListShardsRequest__Output, _millrace_v1_ListShardsResponse>;
  
  /**
   * Returns a stream's tags.
   */
  ListStreamTags: grpc.handleUnaryCall<_millrace_v1_ListStreamTagsRequest__Output, _millrace_v1_ListStreamTagsResponse>;
  
  /**
   * Lists streams in name order.
   */
  ListStreams: grpc.handleUnaryCall<_millrace_v1_ListStreamsRequest__Output, _millrace_v1_ListStreamsResponse>;
  
  /**
   * Merges two open shards with adjacent hash key ranges into one child shard.
   */
  MergeShards: grpc.handleUnaryCall<_millrace_v1_MergeShardsRequest__Output, _millrace_v1_MergeShardsResponse>;
  
  /**
   * Writes one record to the shard that owns its hash key. Succeeds only once the record is durable on a
   * quorum of replicas.
   */
  PutRecord: grpc.handleUnaryCall<_millrace_v1_PutRecordRequest__Output, _millrace_v1_PutRecordResponse>;
  
  /**
   * Writes up to 500 records (at most 5 MiB in total). Not atomic: each record succeeds or fails on its
   * own, and the results say which.
   */
  PutRecords: grpc.handleUnaryCall<_millrace_v1_PutRecordsRequest__Output, _millrace_v1_PutRecordsResponse>;
  
  /**
   * Splits an open shard's hash key range into two child shards at a hash key.
   */
  SplitShard: grpc.handleUnaryCall<_millrace_v1_SplitShardRequest__Output, _millrace_v1_SplitShardResponse>;
  
  /**
   * Pushes a shard's records to the caller as they are written, from a starting position (the enhanced
   * fan-out model). At a closed shard's end it sends the child shards and ends the stream.
   */
  SubscribeToShard: grpc.handleServerStreamingCall<_millrace_v1_SubscribeToShardRequest__Output, _millrace_v1_SubscribeToShardResponse>;
  
  /**
   * Adds tags to a stream or overwrites the values of existing keys.
   */
  TagStream: grpc.handleUnaryCall<_millrace_v1_TagStreamRequest__Output, _millrace_v1_TagStreamResponse>;
  
  /**
   * Removes tags from a stream; keys it does not have are ignored.
   */
  UntagStream: grpc.handleUnaryCall<_millrace_v1_UntagStreamRequest__Output, _millrace_v1_UntagStreamResponse>;
  
  /**
   * Splits and merges shards until the stream has a target number of evenly sized open shards.
   */
  UpdateShardCount: grpc.handleUnaryCall<_millrace_v1_UpdateShardCountRequest__Output, _millrace_v1_UpdateShardCountResponse>;
  
  /**
   * Changes how long a stream keeps its records (24..8760 hours). Shortening it trims in the background.
   */
  UpdateStreamRetention: grpc.handleUnaryCall<_millrace_v1_UpdateStreamRetentionRequest__Output, _millrace_v1_UpdateStreamRetentionResponse>;
  
}

export interface StreamServiceDefinition extends grpc.ServiceDefinition {
  Checkpoint: MethodDefinition<_millrace_v1_CheckpointRequest, _millrace_v1_CheckpointResponse, _millrace_v1_CheckpointRequest__Output, _millrace_v1_CheckpointResponse__Output>
  CreateConsumerGroup: MethodDefinition<_millrace_v1_CreateConsumerGroupRequest, _millrace_v1_CreateConsumerGroupResponse, _millrace_v1_CreateConsumerGroupRequest__Output, _millrace_v1_CreateConsumerGroupResponse__Output>
  CreateStream: MethodDefinition<_millrace_v1_CreateStreamRequest, _millrace_v1_CreateStreamResponse, _millrace_v1_CreateStreamRequest__Output, _millrace_v1_CreateStreamResponse__Output>
  DeleteConsumerGroup: MethodDefinition<_millrace_v1_DeleteConsumerGroupRequest, _millrace_v1_DeleteConsumerGroupResponse, _millrace_v1_DeleteConsumerGroupRequest__Output, _millrace_v1_DeleteConsumerGroupResponse__Output>
  DeleteStream: MethodDefinition<_millrace_v1_DeleteStreamRequest, _millrace_v1_DeleteStreamResponse, _millrace_v1_DeleteStreamRequest__Output, _millrace_v1_DeleteStreamResponse__Output>
  DescribeStream: MethodDefinition<_millrace_v1_DescribeStreamRequest, _millrace_v1_DescribeStreamResponse, _millrace_v1_DescribeStreamRequest__Output, _millrace_v1_DescribeStreamResponse__Output>
  GetCheckpoints: MethodDefinition<_millrace_v1_GetCheckpointsRequest, _millrace_v1_GetCheckpointsResponse, _millrace_v1_GetCheckpointsRequest__Output, _millrace_v1_GetCheckpointsResponse__Output>
  GetRecords: MethodDefinition<_millrace_v1_GetRecordsRequest, _millrace_v1_GetRecordsResponse, _millrace_v1_GetRecordsRequest__Output, _millrace_v1_GetRecordsResponse__Output>
  GetShardIterator: MethodDefinition<_millrace_v1_GetShardIteratorRequest, _millrace_v1_GetShardIteratorResponse, _millrace_v1_GetShardIteratorRequest__Output, _millrace_v1_GetShardIteratorResponse__Output>
  HeartbeatConsumerGroup: MethodDefinition<_millrace_v1_HeartbeatConsumerGroupRequest, _millrace_v1_HeartbeatConsumerGroupResponse, _millrace_v1_HeartbeatConsumerGroupRequest__Output, _millrace_v1_HeartbeatConsumerGroupResponse__Output>
  LeaveConsumerGroup: MethodDefinition<_millrace_v1_LeaveConsumerGroupRequest, _millrace_v1_LeaveConsumerGroupResponse, _millrace_v1_LeaveConsumerGroupRequest__Output, _millrace_v1_LeaveConsumerGroupResponse__Output>
  ListConsumerGroups: MethodDefinition<_millrace_v1_ListConsumerGroupsRequest, _millrace_v1_ListConsumerGroupsResponse, _millrace_v1_ListConsumerGroupsRequest__Output, _millrace_v1_ListConsumerGroupsResponse__Output>
  ListShards: MethodDefinition<_millrace_v1_ListShardsRequest, _millrace_v1_ListShardsResponse, _millrace_v1_ListShardsRequest__Output, _millrace_v1_ListShardsResponse__Output>
  ListStreamTags: MethodDefinition<_millrace_v1_ListStreamTagsRequest, _millrace_v1_ListStreamTagsResponse, _millrace_v1_ListStreamTagsRequest__Output, _millrace_v1_ListStreamTagsResponse__Output>
  ListStreams: MethodDefinition<_millrace_v1_ListStreamsRequest, _millrace_v1_ListStreamsResponse, _millrace_v1_ListStreamsRequest__Output, _millrace_v1_ListStreamsResponse__Output>
  MergeShards: MethodDefinition<_millrace_v1_MergeShardsRequest, _millrace_v1_MergeShardsResponse, _millrace_v1_MergeShardsRequest__Output, _millrace_v1_MergeShardsResponse__Output>
  PutRecord: MethodDefinition<_millrace_v1_PutRecordRequest, _millrace_v1_PutRecordResponse, _millrace_v1_PutRecordRequest__Output, _millrace_v1_PutRecordResponse__Output>
  PutRecords: MethodDefinition<_millrace_v1_PutRecordsRequest, _millrace_v1_PutRecordsResponse, _millrace_v1_PutRecordsRequest__Output, _millrace_v1_PutRecordsResponse__Output>
  SplitShard: MethodDefinition<_millrace_v1_SplitShardRequest, _millrace_v1_SplitShardResponse, _millrace_v1_SplitShardRequest__Output, _millrace_v1_SplitShardResponse__Output>
  SubscribeToShard: MethodDefinition<_millrace_v1_SubscribeToShardRequest, _millrace_v1_SubscribeToShardResponse, _millrace_v1_SubscribeToShardRequest__Output, _millrace_v1_SubscribeToShardResponse__Output>
  TagStream: MethodDefinition<_millrace_v1_TagStreamRequest, _millrace_v1_TagStreamResponse, _millrace_v1_TagStreamRequest__Output, _millrace_v1_TagStreamResponse__Output>
  UntagStream: MethodDefinition<_millrace_v1_UntagStreamRequest, _millrace_v1_UntagStreamResponse, _millrace_v1_UntagStreamRequest__Output, _millrace_v1_UntagStreamResponse__Output>
  UpdateShardCount: MethodDefinition<_millrace_v1_UpdateShardCountRequest, _millrace_v1_UpdateShardCountResponse, _millrace_v1_UpdateShardCountRequest__Output, _millrace_v1_UpdateShardCountResponse__Output>
  UpdateStreamRetention: MethodDefinition<_millrace_v1_UpdateStreamRetentionRequest, _millrace_v1_UpdateStreamRetentionResponse, _millrace_v1_UpdateStreamRetentionRequest__Output, _millrace_v1_UpdateStreamRetentionResponse__Output>
}
