import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from './millrace/v1/BatchEntryError.js';
import type { CheckpointRequest as _millrace_v1_CheckpointRequest, CheckpointRequest__Output as _millrace_v1_CheckpointRequest__Output } from './millrace/v1/CheckpointRequest.js';
import type { CheckpointResponse as _millrace_v1_CheckpointResponse, CheckpointResponse__Output as _millrace_v1_CheckpointResponse__Output } from './millrace/v1/CheckpointResponse.js';
import type { ChildShard as _millrace_v1_ChildShard, ChildShard__Output as _millrace_v1_ChildShard__Output } from './millrace/v1/ChildShard.js';
import type { ConsumerGroup as _millrace_v1_ConsumerGroup, ConsumerGroup__Output as _millrace_v1_ConsumerGroup__Output } from './millrace/v1/ConsumerGroup.js';
import type { CreateConsumerGroupRequest as _millrace_v1_CreateConsumerGroupRequest, CreateConsumerGroupRequest__Output as _millrace_v1_CreateConsumerGroupRequest__Output } from './millrace/v1/CreateConsumerGroupRequest.js';
import type { CreateConsumerGroupResponse as _millrace_v1_CreateConsumerGroupResponse, CreateConsumerGroupResponse__Output as _millrace_v1_CreateConsumerGroupResponse__Output } from './millrace/v1/CreateConsumerGroupResponse.js';
import type { CreateStreamRequest as _millrace_v1_CreateStreamRequest, CreateStreamRequest__Output as _millrace_v1_CreateStreamRequest__Output } from './millrace/v1/CreateStreamRequest.js';
import type { CreateStreamResponse as _millrace_v1_CreateStreamResponse, CreateStreamResponse__Output as _millrace_v1_CreateStreamResponse__Output } from './millrace/v1/CreateStreamResponse.js';
import type { DeleteConsumerGroupRequest as _millrace_v1_DeleteConsumerGroupRequest, DeleteConsumerGroupRequest__Output as _millrace_v1_DeleteConsumerGroupRequest__Output } from './millrace/v1/DeleteConsumerGroupRequest.js';
import type { DeleteConsumerGroupResponse as _millrace_v1_DeleteConsumerGroupResponse, DeleteConsumerGroupResponse__Output as _millrace_v1_DeleteConsumerGroupResponse__Output } from './millrace/v1/DeleteConsumerGroupResponse.js';
import type { DeleteStreamRequest as _millrace_v1_DeleteStreamRequest, DeleteStreamRequest__Output as _millrace_v1_DeleteStreamRequest__Output } from './millrace/v1/DeleteStreamRequest.js';
import type { DeleteStreamResponse as _millrace_v1_DeleteStreamResponse, DeleteStreamResponse__Output as _millrace_v1_DeleteStreamResponse__Output } from './millrace/v1/DeleteStreamResponse.js';
import type { DescribeStreamRequest as _millrace_v1_DescribeStreamRequest, DescribeStreamRequest__Output as _millrace_v1_DescribeStreamRequest__Output } from './millrace/v1/DescribeStreamRequest.js';
import type { DescribeStreamResponse as _millrace_v1_DescribeStreamResponse, DescribeStreamResponse__Output as _millrace_v1_DescribeStreamResponse__Output } from './millrace/v1/DescribeStreamResponse.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from './millrace/v1/ErrorDetails.js';
import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from './millrace/v1/FieldViolation.js';
import type { GetCheckpointsRequest as _millrace_v1_GetCheckpointsRequest, GetCheckpointsRequest__Output as _millrace_v1_GetCheckpointsRequest__Output } from './millrace/v1/GetCheckpointsRequest.js';
import type { GetCheckpointsResponse as _millrace_v1_GetCheckpointsResponse, GetCheckpointsResponse__Output as _millrace_v1_GetCheckpointsResponse__Output } from './millrace/v1/GetCheckpointsResponse.js';
import type { GetRecordsRequest as _millrace_v1_GetRecordsRequest, GetRecordsRequest__Output as _millrace_v1_GetRecordsRequest__Output } from './millrace/v1/GetRecordsRequest.js';
import type { GetRecordsResponse as _millrace_v1_GetRecordsResponse, GetRecordsResponse__Output as _millrace_v1_GetRecordsResponse__Output } from './millrace/v1/GetRecordsResponse.js';
import type { GetShardIteratorRequest as _millrace_v1_GetShardIteratorRequest, GetShardIteratorRequest__Output as _millrace_v1_GetShardIteratorRequest__Output } from './millrace/v1/GetShardIteratorRequest.js';
import type { GetShardIteratorResponse as _millrace_v1_GetShardIteratorResponse, GetShardIteratorResponse__Output as _millrace_v1_GetShardIteratorResponse__Output } from './millrace/v1/GetShardIteratorResponse.js';
import type { HashKeyRange as _millrace_v1_HashKeyRange, HashKeyRange__Output as _millrace_v1_HashKeyRange__Output } from './millrace/v1/HashKeyRange.js';
import type { HeartbeatConsumerGroupRequest as _millrace_v1_HeartbeatConsumerGroupRequest, HeartbeatConsumerGroupRequest__Output as _millrace_v1_HeartbeatConsumerGroupRequest__Output } from './millrace/v1/HeartbeatConsumerGroupRequest.js';
import type { HeartbeatConsumerGroupResponse as _millrace_v1_HeartbeatConsumerGroupResponse, HeartbeatConsumerGroupResponse__Output as _millrace_v1_HeartbeatConsumerGroupResponse__Output } from './millrace/v1/HeartbeatConsumerGroupResponse.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from './millrace/v1/LeaderHint.js';
import type { LeaveConsumerGroupRequest as _millrace_v1_LeaveConsumerGroupRequest, LeaveConsumerGroupRequest__Output as _millrace_v1_LeaveConsumerGroupRequest__Output } from './millrace/v1/LeaveConsumerGroupRequest.js';
import type { LeaveConsumerGroupResponse as _millrace_v1_LeaveConsumerGroupResponse, LeaveConsumerGroupResponse__Output as _millrace_v1_LeaveConsumerGroupResponse__Output } from './millrace/v1/LeaveConsumerGroupResponse.js';
import type { ListConsumerGroupsRequest as _millrace_v1_ListConsumerGroupsRequest, ListConsumerGroupsRequest__Output as _millrace_v1_ListConsumerGroupsRequest__Output } from './millrace/v1/ListConsumerGroupsRequest.js';
import type { ListConsumerGroupsResponse as _millrace_v1_ListConsumerGroupsResponse, ListConsumerGroupsResponse__Output as _millrace_v1_ListConsumerGroupsResponse__Output } from './millrace/v1/ListConsumerGroupsResponse.js';
import type { ListShardsRequest as _millrace_v1_ListShardsRequest, ListShardsRequest__Output as _millrace_v1_ListShardsRequest__Output } from './millrace/v1/ListShardsRequest.js';
import type { ListShardsResponse as _millrace_v1_ListShardsResponse, ListShardsResponse__Output as _millrace_v1_ListShardsResponse__Output } from './millrace/v1/ListShardsResponse.js';
import type { ListStreamTagsRequest as _millrace_v1_ListStreamTagsRequest, ListStreamTagsRequest__Output as _millrace_v1_ListStreamTagsRequest__Output } from './millrace/v1/ListStreamTagsRequest.js';
import type { ListStreamTagsResponse as _millrace_v1_ListStreamTagsResponse, ListStreamTagsResponse__Output as _millrace_v1_ListStreamTagsResponse__Output } from './millrace/v1/ListStreamTagsResponse.js';
import type { ListStreamsRequest as _millrace_v1_ListStreamsRequest, ListStreamsRequest__Output as _millrace_v1_ListStreamsRequest__Output } from './millrace/v1/ListStreamsRequest.js';
import type { ListStreamsResponse as _millrace_v1_ListStreamsResponse, ListStreamsResponse__Output as _millrace_v1_ListStreamsResponse__Output } from './millrace/v1/ListStreamsResponse.js';
import type { MergeShardsRequest as _millrace_v1_MergeShardsRequest, MergeShardsRequest__Output as _millrace_v1_MergeShardsRequest__Output } from './millrace/v1/MergeShardsRequest.js';
import type { MergeShardsResponse as _millrace_v1_MergeShardsResponse, MergeShardsResponse__Output as _millrace_v1_MergeShardsResponse__Output } from './millrace/v1/MergeShardsResponse.js';
import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from './millrace/v1/MessageAttributeValue.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from './millrace/v1/PageRequest.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from './millrace/v1/PageResponse.js';
import type { PutRecordRequest as _millrace_v1_PutRecordRequest, PutRecordRequest__Output as _millrace_v1_PutRecordRequest__Output } from './millrace/v1/PutRecordRequest.js';
import type { PutRecordResponse as _millrace_v1_PutRecordResponse, PutRecordResponse__Output as _millrace_v1_PutRecordResponse__Output } from './millrace/v1/PutRecordResponse.js';
import type { PutRecordsRequest as _millrace_v1_PutRecordsRequest, PutRecordsRequest__Output as _millrace_v1_PutRecordsRequest__Output } from './millrace/v1/PutRecordsRequest.js';
import type { PutRecordsRequestEntry as _millrace_v1_PutRecordsRequestEntry, PutRecordsRequestEntry__Output as _millrace_v1_PutRecordsRequestEntry__Output } from './millrace/v1/PutRecordsRequestEntry.js';
import type { PutRecordsResponse as _millrace_v1_PutRecordsResponse, PutRecordsResponse__Output as _millrace_v1_PutRecordsResponse__Output } from './millrace/v1/PutRecordsResponse.js';
import type { PutRecordsResultEntry as _millrace_v1_PutRecordsResultEntry, PutRecordsResultEntry__Output as _millrace_v1_PutRecordsResultEntry__Output } from './millrace/v1/PutRecordsResultEntry.js';
import type { Record as _millrace_v1_Record, Record__Output as _millrace_v1_Record__Output } from './millrace/v1/Record.js';
import type { SequenceNumberRange as _millrace_v1_SequenceNumberRange, SequenceNumberRange__Output as _millrace_v1_SequenceNumberRange__Output } from './millrace/v1/SequenceNumberRange.js';
import type { Shard as _millrace_v1_Shard, Shard__Output as _millrace_v1_Shard__Output } from './millrace/v1/Shard.js';
import type { ShardCheckpoint as _millrace_v1_ShardCheckpoint, ShardCheckpoint__Output as _millrace_v1_ShardCheckpoint__Output } from './millrace/v1/ShardCheckpoint.js';
import type { ShardFilter as _millrace_v1_ShardFilter, ShardFilter__Output as _millrace_v1_ShardFilter__Output } from './millrace/v1/ShardFilter.js';
import type { ShardLease as _millrace_v1_ShardLease, ShardLease__Output as _millrace_v1_ShardLease__Output } from './millrace/v1/ShardLease.js';
import type { SplitShardRequest as _millrace_v1_SplitShardRequest, SplitShardRequest__Output as _millrace_v1_SplitShardRequest__Output } from './millrace/v1/SplitShardRequest.js';
import type { SplitShardResponse as _millrace_v1_SplitShardResponse, SplitShardResponse__Output as _millrace_v1_SplitShardResponse__Output } from './millrace/v1/SplitShardResponse.js';
import type { StartingPosition as _millrace_v1_StartingPosition, StartingPosition__Output as _millrace_v1_StartingPosition__Output } from './millrace/v1/StartingPosition.js';
import type { Stream as _millrace_v1_Stream, Stream__Output as _millrace_v1_Stream__Output } from './millrace/v1/Stream.js';
import type { StreamServiceClient as _millrace_v1_StreamServiceClient, StreamServiceDefinition as _millrace_v1_StreamServiceDefinition } from './millrace/v1/StreamService.js';
import type { SubscribeToShardEvent as _millrace_v1_SubscribeToShardEvent, SubscribeToShardEvent__Output as _millrace_v1_SubscribeToShardEvent__Output } from './millrace/v1/SubscribeToShardEvent.js';
import type { SubscribeToShardRequest as _millrace_v1_SubscribeToShardRequest, SubscribeToShardRequest__Output as _millrace_v1_SubscribeToShardRequest__Output } from './millrace/v1/SubscribeToShardRequest.js';
import type { SubscribeToShardResponse as _millrace_v1_SubscribeToShardResponse, SubscribeToShardResponse__Output as _millrace_v1_SubscribeToShardResponse__Output } from './millrace/v1/SubscribeToShardResponse.js';
import type { TagStreamRequest as _millrace_v1_TagStreamRequest, TagStreamRequest__Output as _millrace_v1_TagStreamRequest__Output } from './millrace/v1/TagStreamRequest.js';
import type { TagStreamResponse as _millrace_v1_TagStreamResponse, TagStreamResponse__Output as _millrace_v1_TagStreamResponse__Output } from './millrace/v1/TagStreamResponse.js';
import type { UntagStreamRequest as _millrace_v1_UntagStreamRequest, UntagStreamRequest__Output as _millrace_v1_UntagStreamRequest__Output } from './millrace/v1/UntagStreamRequest.js';
import type { UntagStreamResponse as _millrace_v1_UntagStreamResponse, UntagStreamResponse__Output as _millrace_v1_UntagStreamResponse__Output } from './millrace/v1/UntagStreamResponse.js';
import type { UpdateShardCountRequest as _millrace_v1_UpdateShardCountRequest, UpdateShardCountRequest__Output as _millrace_v1_UpdateShardCountRequest__Output } from './millrace/v1/UpdateShardCountRequest.js';
import type { UpdateShardCountResponse as _millrace_v1_UpdateShardCountResponse, UpdateShardCountResponse__Output as _millrace_v1_UpdateShardCountResponse__Output } from './millrace/v1/UpdateShardCountResponse.js';
import type { UpdateStreamRetentionRequest as _millrace_v1_UpdateStreamRetentionRequest, UpdateStreamRetentionRequest__Output as _millrace_v1_UpdateStreamRetentionRequest__Output } from './millrace/v1/UpdateStreamRetentionRequest.js';
import type { UpdateStreamRetentionResponse as _millrace_v1_UpdateStreamRetentionResponse, UpdateStreamRetentionResponse__Output as _millrace_v1_UpdateStreamRetentionResponse__Output } from './millrace/v1/UpdateStreamRetentionResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      BatchEntryError: MessageTypeDefinition<_millrace_v1_BatchEntryError, _millrace_v1_BatchEntryError__Output>
      CheckpointRequest: MessageTypeDefinition<_millrace_v1_CheckpointRequest, _millrace_v1_CheckpointRequest__Output>
      CheckpointResponse: MessageTypeDefinition<_millrace_v1_CheckpointResponse, _millrace_v1_CheckpointResponse__Output>
      ChildShard: MessageTypeDefinition<_millrace_v1_ChildShard, _millrace_v1_ChildShard__Output>
      ConsumerGroup: MessageTypeDefinition<_millrace_v1_ConsumerGroup, _millrace_v1_ConsumerGroup__Output>
      CreateConsumerGroupRequest: MessageTypeDefinition<_millrace_v1_CreateConsumerGroupRequest, _millrace_v1_CreateConsumerGroupRequest__Output>
      CreateConsumerGroupResponse: MessageTypeDefinition<_millrace_v1_CreateConsumerGroupResponse, _millrace_v1_CreateConsumerGroupResponse__Output>
      CreateStreamRequest: MessageTypeDefinition<_millrace_v1_CreateStreamRequest, _millrace_v1_CreateStreamRequest__Output>
      CreateStreamResponse: MessageTypeDefinition<_millrace_v1_CreateStreamResponse, _millrace_v1_CreateStreamResponse__Output>
      DeleteConsumerGroupRequest: MessageTypeDefinition<_millrace_v1_DeleteConsumerGroupRequest, _millrace_v1_DeleteConsumerGroupRequest__Output>
      DeleteConsumerGroupResponse: MessageTypeDefinition<_millrace_v1_DeleteConsumerGroupResponse, _millrace_v1_DeleteConsumerGroupResponse__Output>
      DeleteStreamRequest: MessageTypeDefinition<_millrace_v1_DeleteStreamRequest, _millrace_v1_DeleteStreamRequest__Output>
      DeleteStreamResponse: MessageTypeDefinition<_millrace_v1_DeleteStreamResponse, _millrace_v1_DeleteStreamResponse__Output>
      DescribeStreamRequest: MessageTypeDefinition<_millrace_v1_DescribeStreamRequest, _millrace_v1_DescribeStreamRequest__Output>
      DescribeStreamResponse: MessageTypeDefinition<_millrace_v1_DescribeStreamResponse, _millrace_v1_DescribeStreamResponse__Output>
      ErrorDetails: MessageTypeDefinition<_millrace_v1_ErrorDetails, _millrace_v1_ErrorDetails__Output>
      FieldViolation: MessageTypeDefinition<_millrace_v1_FieldViolation, _millrace_v1_FieldViolation__Output>
      GetCheckpointsRequest: MessageTypeDefinition<_millrace_v1_GetCheckpointsRequest, _millrace_v1_GetCheckpointsRequest__Output>
      GetCheckpointsResponse: MessageTypeDefinition<_millrace_v1_GetCheckpointsResponse, _millrace_v1_GetCheckpointsResponse__Output>
      GetRecordsRequest: MessageTypeDefinition<_millrace_v1_GetRecordsRequest, _millrace_v1_GetRecordsRequest__Output>
      GetRecordsResponse: MessageTypeDefinition<_millrace_v1_GetRecordsResponse, _millrace_v1_GetRecordsResponse__Output>
      GetShardIteratorRequest: MessageTypeDefinition<_millrace_v1_GetShardIteratorRequest, _millrace_v1_GetShardIteratorRequest__Output>
      GetShardIteratorResponse: MessageTypeDefinition<_millrace_v1_GetShardIteratorResponse, _millrace_v1_GetShardIteratorResponse__Output>
      HashKeyRange: MessageTypeDefinition<_millrace_v1_HashKeyRange, _millrace_v1_HashKeyRange__Output>
      HeartbeatConsumerGroupRequest: MessageTypeDefinition<_millrace_v1_HeartbeatConsumerGroupRequest, _millrace_v1_HeartbeatConsumerGroupRequest__Output>
      HeartbeatConsumerGroupResponse: MessageTypeDefinition<_millrace_v1_HeartbeatConsumerGroupResponse, _millrace_v1_HeartbeatConsumerGroupResponse__Output>
      LeaderHint: MessageTypeDefinition<_millrace_v1_LeaderHint, _millrace_v1_LeaderHint__Output>
      LeaveConsumerGroupRequest: MessageTypeDefinition<_millrace_v1_LeaveConsumerGroupRequest, _millrace_v1_LeaveConsumerGroupRequest__Output>
      LeaveConsumerGroupResponse: MessageTypeDefinition<_millrace_v1_LeaveConsumerGroupResponse, _millrace_v1_LeaveConsumerGroupResponse__Output>
      ListConsumerGroupsRequest: MessageTypeDefinition<_millrace_v1_ListConsumerGroupsRequest, _millrace_v1_ListConsumerGroupsRequest__Output>
      ListConsumerGroupsResponse: MessageTypeDefinition<_millrace_v1_ListConsumerGroupsResponse, _millrace_v1_ListConsumerGroupsResponse__Output>
      ListShardsRequest: MessageTypeDefinition<_millrace_v1_ListShardsRequest, _millrace_v1_ListShardsRequest__Output>
      ListShardsResponse: MessageTypeDefinition<_millrace_v1_ListShardsResponse, _millrace_v1_ListShardsResponse__Output>
      ListStreamTagsRequest: MessageTypeDefinition<_millrace_v1_ListStreamTagsRequest, _millrace_v1_ListStreamTagsRequest__Output>
      ListStreamTagsResponse: MessageTypeDefinition<_millrace_v1_ListStreamTagsResponse, _millrace_v1_ListStreamTagsResponse__Output>
      ListStreamsRequest: MessageTypeDefinition<_millrace_v1_ListStreamsRequest, _millrace_v1_ListStreamsRequest__Output>
      ListStreamsResponse: MessageTypeDefinition<_millrace_v1_ListStreamsResponse, _millrace_v1_ListStreamsResponse__Output>
      MergeShardsRequest: MessageTypeDefinition<_millrace_v1_MergeShardsRequest, _millrace_v1_MergeShardsRequest__Output>
      MergeShardsResponse: MessageTypeDefinition<_millrace_v1_MergeShardsResponse, _millrace_v1_MergeShardsResponse__Output>
      MessageAttributeValue: MessageTypeDefinition<_millrace_v1_MessageAttributeValue, _millrace_v1_MessageAttributeValue__Output>
      PageRequest: MessageTypeDefinition<_millrace_v1_PageRequest, _millrace_v1_PageRequest__Output>
      PageResponse: MessageTypeDefinition<_millrace_v1_PageResponse, _millrace_v1_PageResponse__Output>
      PutRecordRequest: MessageTypeDefinition<_millrace_v1_PutRecordRequest, _millrace_v1_PutRecordRequest__Output>
      PutRecordResponse: MessageTypeDefinition<_millrace_v1_PutRecordResponse, _millrace_v1_PutRecordResponse__Output>
      PutRecordsRequest: MessageTypeDefinition<_millrace_v1_PutRecordsRequest, _millrace_v1_PutRecordsRequest__Output>
      PutRecordsRequestEntry: MessageTypeDefinition<_millrace_v1_PutRecordsRequestEntry, _millrace_v1_PutRecordsRequestEntry__Output>
      PutRecordsResponse: MessageTypeDefinition<_millrace_v1_PutRecordsResponse, _millrace_v1_PutRecordsResponse__Output>
      PutRecordsResultEntry: MessageTypeDefinition<_millrace_v1_PutRecordsResultEntry, _millrace_v1_PutRecordsResultEntry__Output>
      Record: MessageTypeDefinition<_millrace_v1_Record, _millrace_v1_Record__Output>
      ScalingType: EnumTypeDefinition
      SequenceNumberRange: MessageTypeDefinition<_millrace_v1_SequenceNumberRange, _millrace_v1_SequenceNumberRange__Output>
      Shard: MessageTypeDefinition<_millrace_v1_Shard, _millrace_v1_Shard__Output>
      ShardCheckpoint: MessageTypeDefinition<_millrace_v1_ShardCheckpoint, _millrace_v1_ShardCheckpoint__Output>
      ShardFilter: MessageTypeDefinition<_millrace_v1_ShardFilter, _millrace_v1_ShardFilter__Output>
      ShardFilterType: EnumTypeDefinition
      ShardIteratorType: EnumTypeDefinition
      ShardLease: MessageTypeDefinition<_millrace_v1_ShardLease, _millrace_v1_ShardLease__Output>
      ShardState: EnumTypeDefinition
      SplitShardRequest: MessageTypeDefinition<_millrace_v1_SplitShardRequest, _millrace_v1_SplitShardRequest__Output>
      SplitShardResponse: MessageTypeDefinition<_millrace_v1_SplitShardResponse, _millrace_v1_SplitShardResponse__Output>
      StartingPosition: MessageTypeDefinition<_millrace_v1_StartingPosition, _millrace_v1_StartingPosition__Output>
      Stream: MessageTypeDefinition<_millrace_v1_Stream, _millrace_v1_Stream__Output>
      /**
       * StreamService manages streams and their shards, writes and reads records, and coordinates consumer
       * groups.
       */
      StreamService: SubtypeConstructor<typeof grpc.Client, _millrace_v1_StreamServiceClient> & { service: _millrace_v1_StreamServiceDefinition }
      StreamStatus: EnumTypeDefinition
      SubscribeToShardEvent: MessageTypeDefinition<_millrace_v1_SubscribeToShardEvent, _millrace_v1_SubscribeToShardEvent__Output>
      SubscribeToShardRequest: MessageTypeDefinition<_millrace_v1_SubscribeToShardRequest, _millrace_v1_SubscribeToShardRequest__Output>
      SubscribeToShardResponse: MessageTypeDefinition<_millrace_v1_SubscribeToShardResponse, _millrace_v1_SubscribeToShardResponse__Output>
      TagStreamRequest: MessageTypeDefinition<_millrace_v1_TagStreamRequest, _millrace_v1_TagStreamRequest__Output>
      TagStreamResponse: MessageTypeDefinition<_millrace_v1_TagStreamResponse, _millrace_v1_TagStreamResponse__Output>
      UntagStreamRequest: MessageTypeDefinition<_millrace_v1_UntagStreamRequest, _millrace_v1_UntagStreamRequest__Output>
      UntagStreamResponse: MessageTypeDefinition<_millrace_v1_UntagStreamResponse, _millrace_v1_UntagStreamResponse__Output>
      UpdateShardCountRequest: MessageTypeDefinition<_millrace_v1_UpdateShardCountRequest, _millrace_v1_UpdateShardCountRequest__Output>
      UpdateShardCountResponse: MessageTypeDefinition<_millrace_v1_UpdateShardCountResponse, _millrace_v1_UpdateShardCountResponse__Output>
      UpdateStreamRetentionRequest: MessageTypeDefinition<_millrace_v1_UpdateStreamRetentionRequest, _millrace_v1_UpdateStreamRetentionRequest__Output>
      UpdateStreamRetentionResponse: MessageTypeDefinition<_millrace_v1_UpdateStreamRetentionResponse, _millrace_v1_UpdateStreamRetentionResponse__Output>
    }
  }
}

