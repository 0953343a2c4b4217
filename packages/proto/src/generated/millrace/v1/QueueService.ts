// Original file: proto/millrace/v1/queue.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CancelMessageMoveTaskRequest as _millrace_v1_CancelMessageMoveTaskRequest, CancelMessageMoveTaskRequest__Output as _millrace_v1_CancelMessageMoveTaskRequest__Output } from '../../millrace/v1/CancelMessageMoveTaskRequest.js';
import type { CancelMessageMoveTaskResponse as _millrace_v1_CancelMessageMoveTaskResponse, CancelMessageMoveTaskResponse__Output as _millrace_v1_CancelMessageMoveTaskResponse__Output } from '../../millrace/v1/CancelMessageMoveTaskResponse.js';
import type { ChangeMessageVisibilityBatchRequest as _millrace_v1_ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchRequest__Output as _millrace_v1_ChangeMessageVisibilityBatchRequest__Output } from '../../millrace/v1/ChangeMessageVisibilityBatchRequest.js';
import type { ChangeMessageVisibilityBatchResponse as _millrace_v1_ChangeMessageVisibilityBatchResponse, ChangeMessageVisibilityBatchResponse__Output as _millrace_v1_ChangeMessageVisibilityBatchResponse__Output } from '../../millrace/v1/ChangeMessageVisibilityBatchResponse.js';
import type { ChangeMessageVisibilityRequest as _millrace_v1_ChangeMessageVisibilityRequest, ChangeMessageVisibilityRequest__Output as _millrace_v1_ChangeMessageVisibilityRequest__Output } from '../../millrace/v1/ChangeMessageVisibilityRequest.js';
import type { ChangeMessageVisibilityResponse as _millrace_v1_ChangeMessageVisibilityResponse, ChangeMessageVisibilityResponse__Output as _millrace_v1_ChangeMessageVisibilityResponse__Output } from '../../millrace/v1/ChangeMessageVisibilityResponse.js';
import type { ConsumeStreamRequest as _millrace_v1_ConsumeStreamRequest, ConsumeStreamRequest__Output as _millrace_v1_ConsumeStreamRequest__Output } from '../../millrace/v1/ConsumeStreamRequest.js';
import type { ConsumeStreamResponse as _millrace_v1_ConsumeStreamResponse, ConsumeStreamResponse__Output as _millrace_v1_ConsumeStreamResponse__Output } from '../../millrace/v1/ConsumeStreamResponse.js';
import type { CreateQueueRequest as _millrace_v1_CreateQueueRequest, CreateQueueRequest__Output as _millrace_v1_CreateQueueRequest__Output } from '../../millrace/v1/CreateQueueRequest.js';
import type { CreateQueueResponse as _millrace_v1_CreateQueueResponse, CreateQueueResponse__Output as _millrace_v1_CreateQueueResponse__Output } from '../../millrace/v1/CreateQueueResponse.js';
import type { DeleteMessageBatchRequest as _millrace_v1_DeleteMessageBatchRequest, DeleteMessageBatchRequest__Output as _millrace_v1_DeleteMessageBatchRequest__Output } from '../../millrace/v1/DeleteMessageBatchRequest.js';
import type { DeleteMessageBatchResponse as _millrace_v1_DeleteMessageBatchResponse, DeleteMessageBatchResponse__Output as _millrace_v1_DeleteMessageBatchResponse__Output } from '../../millrace/v1/DeleteMessageBatchResponse.js';
import type { DeleteMessageRequest as _millrace_v1_DeleteMessageRequest, DeleteMessageRequest__Output as _millrace_v1_DeleteMessageRequest__Output } from '../../millrace/v1/DeleteMessageRequest.js';
import type { DeleteMessageResponse as _millrace_v1_DeleteMessageResponse, DeleteMessageResponse__Output as _millrace_v1_DeleteMessageResponse__Output } from '../../millrace/v1/DeleteMessageResponse.js';
import type { DeleteQueueRequest as _millrace_v1_DeleteQueueRequest, DeleteQueueRequest__Output as _millrace_v1_DeleteQueueRequest__Output } from '../../millrace/v1/DeleteQueueRequest.js';
import type { DeleteQueueResponse as _millrace_v1_DeleteQueueResponse, DeleteQueueResponse__Output as _millrace_v1_DeleteQueueResponse__Output } from '../../millrace/v1/DeleteQueueResponse.js';
import type { GetQueueAttributesRequest as _millrace_v1_GetQueueAttributesRequest, GetQueueAttributesRequest__Output as _millrace_v1_GetQueueAttributesRequest__Output } from '../../millrace/v1/GetQueueAttributesRequest.js';
import type { GetQueueAttributesResponse as _millrace_v1_GetQueueAttributesResponse, GetQueueAttributesResponse__Output as _millrace_v1_GetQueueAttributesResponse__Output } from '../../millrace/v1/GetQueueAttributesResponse.js';
import type { GetQueueUrlRequest as _millrace_v1_GetQueueUrlRequest, GetQueueUrlRequest__Output as _millrace_v1_GetQueueUrlRequest__Output } from '../../millrace/v1/GetQueueUrlRequest.js';
import type { GetQueueUrlResponse as _millrace_v1_GetQueueUrlResponse, GetQueueUrlResponse__Output as _millrace_v1_GetQueueUrlResponse__Output } from '../../millrace/v1/GetQueueUrlResponse.js';
import type { ListDeadLetterSourceQueuesRequest as _millrace_v1_ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesRequest__Output as _millrace_v1_ListDeadLetterSourceQueuesRequest__Output } from '../../millrace/v1/ListDeadLetterSourceQueuesRequest.js';
import type { ListDeadLetterSourceQueuesResponse as _millrace_v1_ListDeadLetterSourceQueuesResponse, ListDeadLetterSourceQueuesResponse__Output as _millrace_v1_ListDeadLetterSourceQueuesResponse__Output } from '../../millrace/v1/ListDeadLetterSourceQueuesResponse.js';
import type { ListMessageMoveTasksRequest as _millrace_v1_ListMessageMoveTasksRequest, ListMessageMoveTasksRequest__Output as _millrace_v1_ListMessageMoveTasksRequest__Output } from '../../millrace/v1/ListMessageMoveTasksRequest.js';
import type { ListMessageMoveTasksResponse as _millrace_v1_ListMessageMoveTasksResponse, ListMessageMoveTasksResponse__Output as _millrace_v1_ListMessageMoveTasksResponse__Output } from '../../millrace/v1/ListMessageMoveTasksResponse.js';
import type { ListQueueTagsRequest as _millrace_v1_ListQueueTagsRequest, ListQueueTagsRequest__Output as _millrace_v1_ListQueueTagsRequest__Output } from '../../millrace/v1/ListQueueTagsRequest.js';
import type { ListQueueTagsResponse as _millrace_v1_ListQueueTagsResponse, ListQueueTagsResponse__Output as _millrace_v1_ListQueueTagsResponse__Output } from '../../millrace/v1/ListQueueTagsResponse.js';
import type { ListQueuesRequest as _millrace_v1_ListQueuesRequest, ListQueuesRequest__Output as _millrace_v1_ListQueuesRequest__Output } from '../../millrace/v1/ListQueuesRequest.js';
import type { ListQueuesResponse as _millrace_v1_ListQueuesResponse, ListQueuesResponse__Output as _millrace_v1_ListQueuesResponse__Output } from '../../millrace/v1/ListQueuesResponse.js';
import type { PurgeQueueRequest as _millrace_v1_PurgeQueueRequest, PurgeQueueRequest__Output as _millrace_v1_PurgeQueueRequest__Output } from '../../millrace/v1/PurgeQueueRequest.js';
import type { PurgeQueueResponse as _millrace_v1_PurgeQueueResponse, PurgeQueueResponse__Output as _millrace_v1_PurgeQueueResponse__Output } from '../../millrace/v1/PurgeQueueResponse.js';
import type { ReceiveMessageRequest as _millrace_v1_ReceiveMessageRequest, ReceiveMessageRequest__Output as _millrace_v1_ReceiveMessageRequest__Output } from '../../millrace/v1/ReceiveMessageRequest.js';
import type { ReceiveMessageResponse as _millrace_v1_ReceiveMessageResponse, ReceiveMessageResponse__Output as _millrace_v1_ReceiveMessageResponse__Output } from '../../millrace/v1/ReceiveMessageResponse.js';
import type { SendMessageBatchRequest as _millrace_v1_SendMessageBatchRequest, SendMessageBatchRequest__Output as _millrace_v1_SendMessageBatchRequest__Output } from '../../millrace/v1/SendMessageBatchRequest.js';
import type { SendMessageBatchResponse as _millrace_v1_SendMessageBatchResponse, SendMessageBatchResponse__Output as _millrace_v1_SendMessageBatchResponse__Output } from '../../millrace/v1/SendMessageBatchResponse.js';
import type { SendMessageRequest as _millrace_v1_SendMessageRequest, SendMessageRequest__Output as _millrace_v1_SendMessageRequest__Output } from '../../millrace/v1/SendMessageRequest.js';
import type { SendMessageResponse as _millrace_v1_SendMessageResponse, SendMessageResponse__Output as _millrace_v1_SendMessageResponse__Output } from '../../millrace/v1/SendMessageResponse.js';
import type { SendMessageStreamRequest as _millrace_v1_SendMessageStreamRequest, SendMessageStreamRequest__Output as _millrace_v1_SendMessageStreamRequest__Output } from '../../millrace/v1/SendMessageStreamRequest.js';
import type { SendMessageStreamResponse as _millrace_v1_SendMessageStreamResponse, SendMessageStreamResponse__Output as _millrace_v1_SendMessageStreamResponse__Output } from '../../millrace/v1/SendMessageStreamResponse.js';
import type { SetQueueAttributesRequest as _millrace_v1_SetQueueAttributesRequest, SetQueueAttributesRequest__Output as _millrace_v1_SetQueueAttributesRequest__Output } from '../../millrace/v1/SetQueueAttributesRequest.js';
import type { SetQueueAttributesResponse as _millrace_v1_SetQueueAttributesResponse, SetQueueAttributesResponse__Output as _millrace_v1_SetQueueAttributesResponse__Output } from '../../millrace/v1/SetQueueAttributesResponse.js';
import type { StartMessageMoveTaskRequest as _millrace_v1_StartMessageMoveTaskRequest, StartMessageMoveTaskRequest__Output as _millrace_v1_StartMessageMoveTaskRequest__Output } from '../../millrace/v1/StartMessageMoveTaskRequest.js';
import type { StartMessageMoveTaskResponse as _millrace_v1_StartMessageMoveTaskResponse, StartMessageMoveTaskResponse__Output as _millrace_v1_StartMessageMoveTaskResponse__Output } from '../../millrace/v1/StartMessageMoveTaskResponse.js';
import type { TagQueueRequest as _millrace_v1_TagQueueRequest, TagQueueRequest__Output as _millrace_v1_TagQueueRequest__Output } from '../../millrace/v1/TagQueueRequest.js';
import type { TagQueueResponse as _millrace_v1_TagQueueResponse, TagQueueResponse__Output as _millrace_v1_TagQueueResponse__Output } from '../../millrace/v1/TagQueueResponse.js';
import type { UntagQueueRequest as _millrace_v1_UntagQueueRequest, UntagQueueRequest__Output as _millrace_v1_UntagQueueRequest__Output } from '../../millrace/v1/UntagQueueRequest.js';
import type { UntagQueueResponse as _millrace_v1_UntagQueueResponse, UntagQueueResponse__Output as _millrace_v1_UntagQueueResponse__Output } from '../../millrace/v1/UntagQueueResponse.js';

/**
 * QueueService manages queues and moves messages through them. Any node accepts any call and routes it
 * to the leader of the queue partition that owns the data.
 */
export interface QueueServiceClient extends grpc.Client {
  /**
   * Cancels a running message move task; messages already moved stay moved.
   */
  CancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  CancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Cancels a running message move task; messages already moved stay moved.
   */
  cancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  cancelMessageMoveTask(argument: _millrace_v1_CancelMessageMoveTaskRequest, callback: grpc.requestCallback<_millrace_v1_CancelMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes the visibility timeout of a received message, counted from now; 0 makes it visible at once.
   */
  ChangeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes the visibility timeout of a received message, counted from now; 0 makes it visible at once.
   */
  changeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibility(argument: _millrace_v1_ChangeMessageVisibilityRequest, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes the visibility timeout of up to 10 received messages and reports per entry.
   */
  ChangeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  ChangeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes the visibility timeout of up to 10 received messages and reports per entry.
   */
  changeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  changeMessageVisibilityBatch(argument: _millrace_v1_ChangeMessageVisibilityBatchRequest, callback: grpc.requestCallback<_millrace_v1_ChangeMessageVisibilityBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Receives, deletes and visibility changes over one long-lived stream, without the cost of a call per
   * batch. Each frame is a ReceiveMessage, DeleteMessageBatch or ChangeMessageVisibilityBatch with the
   * same rules and results as the call, answered by a frame with its frame_id; answers come in the order
   * the calls complete. A frame that fails as a whole is answered with its error and the stream goes on.
   * A server works on at most 128 frames of a stream at once and reads no more until one is answered;
   * a client should keep at most 64 receives unanswered, so long polls never hold every slot and its
   * deletes go on, and at most 127 frames in all, so the server always reads on and a cancel gets through. When the server ends a stream with status OK (a node stopping), it has answered every
   * frame it read: its waiting long polls are answered with no messages, and a frame left unanswered
   * was not run. A frame with `cancel` set cancels an unanswered frame, as cancelling a call would.
   */
  ConsumeStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamResponse__Output>;
  ConsumeStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamResponse__Output>;
  /**
   * Receives, deletes and visibility changes over one long-lived stream, without the cost of a call per
   * batch. Each frame is a ReceiveMessage, DeleteMessageBatch or ChangeMessageVisibilityBatch with the
   * same rules and results as the call, answered by a frame with its frame_id; answers come in the order
   * the calls complete. A frame that fails as a whole is answered with its error and the stream goes on.
   * A server works on at most 128 frames of a stream at once and reads no more until one is answered;
   * a client should keep at most 64 receives unanswered, so long polls never hold every slot and its
   * deletes go on, and at most 127 frames in all, so the server always reads on and a cancel gets through. When the server ends a stream with status OK (a node stopping), it has answered every
   * frame it read: its waiting long polls are answered with no messages, and a frame left unanswered
   * was not run. A frame with `cancel` set cancels an unanswered frame, as cancelling a call would.
   */
  consumeStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamResponse__Output>;
  consumeStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamResponse__Output>;
  
  /**
   * Creates a queue. Idempotent: creating an existing queue with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS (QueueNameExists).
   */
  CreateQueue(argument: _millrace_v1_CreateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _millrace_v1_CreateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _millrace_v1_CreateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  CreateQueue(argument: _millrace_v1_CreateQueueRequest, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a queue. Idempotent: creating an existing queue with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS (QueueNameExists).
   */
  createQueue(argument: _millrace_v1_CreateQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _millrace_v1_CreateQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _millrace_v1_CreateQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  createQueue(argument: _millrace_v1_CreateQueueRequest, callback: grpc.requestCallback<_millrace_v1_CreateQueueResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a received message by its receipt handle.
   */
  DeleteMessage(argument: _millrace_v1_DeleteMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessage(argument: _millrace_v1_DeleteMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessage(argument: _millrace_v1_DeleteMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessage(argument: _millrace_v1_DeleteMessageRequest, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a received message by its receipt handle.
   */
  deleteMessage(argument: _millrace_v1_DeleteMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  deleteMessage(argument: _millrace_v1_DeleteMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  deleteMessage(argument: _millrace_v1_DeleteMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  deleteMessage(argument: _millrace_v1_DeleteMessageRequest, callback: grpc.requestCallback<_millrace_v1_DeleteMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes up to 10 received messages and reports success or failure per entry.
   */
  DeleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  DeleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes up to 10 received messages and reports success or failure per entry.
   */
  deleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  deleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  deleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  deleteMessageBatch(argument: _millrace_v1_DeleteMessageBatchRequest, callback: grpc.requestCallback<_millrace_v1_DeleteMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a queue and every message in it.
   */
  DeleteQueue(argument: _millrace_v1_DeleteQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _millrace_v1_DeleteQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _millrace_v1_DeleteQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  DeleteQueue(argument: _millrace_v1_DeleteQueueRequest, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a queue and every message in it.
   */
  deleteQueue(argument: _millrace_v1_DeleteQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _millrace_v1_DeleteQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _millrace_v1_DeleteQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  deleteQueue(argument: _millrace_v1_DeleteQueueRequest, callback: grpc.requestCallback<_millrace_v1_DeleteQueueResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns some or all of a queue's attributes, including the approximate message counters.
   */
  GetQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns some or all of a queue's attributes, including the approximate message counters.
   */
  getQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  getQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  getQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  getQueueAttributes(argument: _millrace_v1_GetQueueAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Looks up a queue by name and returns its URL and ARN.
   */
  GetQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  GetQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  GetQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  GetQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Looks up a queue by name and returns its URL and ARN.
   */
  getQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  getQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  getQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  getQueueUrl(argument: _millrace_v1_GetQueueUrlRequest, callback: grpc.requestCallback<_millrace_v1_GetQueueUrlResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the queues whose redrive policy names this queue as their dead-letter queue.
   */
  ListDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the queues whose redrive policy names this queue as their dead-letter queue.
   */
  listDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  listDeadLetterSourceQueues(argument: _millrace_v1_ListDeadLetterSourceQueuesRequest, callback: grpc.requestCallback<_millrace_v1_ListDeadLetterSourceQueuesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the most recent message move tasks of a dead-letter queue (at most 10).
   */
  ListMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  ListMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  ListMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  ListMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the most recent message move tasks of a dead-letter queue (at most 10).
   */
  listMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  listMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  listMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  listMessageMoveTasks(argument: _millrace_v1_ListMessageMoveTasksRequest, callback: grpc.requestCallback<_millrace_v1_ListMessageMoveTasksResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a queue's tags.
   */
  ListQueueTags(argument: _millrace_v1_ListQueueTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueTags(argument: _millrace_v1_ListQueueTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueTags(argument: _millrace_v1_ListQueueTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  ListQueueTags(argument: _millrace_v1_ListQueueTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a queue's tags.
   */
  listQueueTags(argument: _millrace_v1_ListQueueTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  listQueueTags(argument: _millrace_v1_ListQueueTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  listQueueTags(argument: _millrace_v1_ListQueueTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  listQueueTags(argument: _millrace_v1_ListQueueTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListQueueTagsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists queues in name order, optionally only those whose names start with a prefix.
   */
  ListQueues(argument: _millrace_v1_ListQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _millrace_v1_ListQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _millrace_v1_ListQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  ListQueues(argument: _millrace_v1_ListQueuesRequest, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists queues in name order, optionally only those whose names start with a prefix.
   */
  listQueues(argument: _millrace_v1_ListQueuesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _millrace_v1_ListQueuesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _millrace_v1_ListQueuesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  listQueues(argument: _millrace_v1_ListQueuesRequest, callback: grpc.requestCallback<_millrace_v1_ListQueuesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes every message in a queue, keeping the queue and its attributes.
   */
  PurgeQueue(argument: _millrace_v1_PurgeQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  PurgeQueue(argument: _millrace_v1_PurgeQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  PurgeQueue(argument: _millrace_v1_PurgeQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  PurgeQueue(argument: _millrace_v1_PurgeQueueRequest, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes every message in a queue, keeping the queue and its attributes.
   */
  purgeQueue(argument: _millrace_v1_PurgeQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  purgeQueue(argument: _millrace_v1_PurgeQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  purgeQueue(argument: _millrace_v1_PurgeQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  purgeQueue(argument: _millrace_v1_PurgeQueueRequest, callback: grpc.requestCallback<_millrace_v1_PurgeQueueResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Receives up to 10 messages, making them invisible to other receivers for the visibility timeout.
   * With a wait time it long-polls: it returns as soon as a message becomes available.
   */
  ReceiveMessage(argument: _millrace_v1_ReceiveMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  ReceiveMessage(argument: _millrace_v1_ReceiveMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  ReceiveMessage(argument: _millrace_v1_ReceiveMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  ReceiveMessage(argument: _millrace_v1_ReceiveMessageRequest, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Receives up to 10 messages, making them invisible to other receivers for the visibility timeout.
   * With a wait time it long-polls: it returns as soon as a message becomes available.
   */
  receiveMessage(argument: _millrace_v1_ReceiveMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  receiveMessage(argument: _millrace_v1_ReceiveMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  receiveMessage(argument: _millrace_v1_ReceiveMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  receiveMessage(argument: _millrace_v1_ReceiveMessageRequest, callback: grpc.requestCallback<_millrace_v1_ReceiveMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends one message. Succeeds only once the message is durable on a quorum of replicas.
   */
  SendMessage(argument: _millrace_v1_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _millrace_v1_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _millrace_v1_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  SendMessage(argument: _millrace_v1_SendMessageRequest, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sends one message. Succeeds only once the message is durable on a quorum of replicas.
   */
  sendMessage(argument: _millrace_v1_SendMessageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _millrace_v1_SendMessageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _millrace_v1_SendMessageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  sendMessage(argument: _millrace_v1_SendMessageRequest, callback: grpc.requestCallback<_millrace_v1_SendMessageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends up to 10 messages (at most 1 MiB in total) and reports success or failure per entry.
   */
  SendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  SendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  SendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  SendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sends up to 10 messages (at most 1 MiB in total) and reports success or failure per entry.
   */
  sendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  sendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  sendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  sendMessageBatch(argument: _millrace_v1_SendMessageBatchRequest, callback: grpc.requestCallback<_millrace_v1_SendMessageBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sends batches of messages over one long-lived stream, without the cost of a call per batch. Each
   * frame is a SendMessageBatch with the same rules and results, answered by a frame with its frame_id;
   * answers come in the order the sends complete, not the order they were written. A frame that fails
   * as a whole (an unknown queue, an invalid entry) is answered with its error and the stream goes on.
   * A server works on at most 64 frames of a stream at once and reads no more until one is answered.
   * When the server ends a stream with status OK (a node stopping), it has answered every frame it
   * read: a frame left unanswered was not sent, and may be sent again anywhere.
   */
  SendMessageStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamResponse__Output>;
  SendMessageStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamResponse__Output>;
  /**
   * Sends batches of messages over one long-lived stream, without the cost of a call per batch. Each
   * frame is a SendMessageBatch with the same rules and results, answered by a frame with its frame_id;
   * answers come in the order the sends complete, not the order they were written. A frame that fails
   * as a whole (an unknown queue, an invalid entry) is answered with its error and the stream goes on.
   * A server works on at most 64 frames of a stream at once and reads no more until one is answered.
   * When the server ends a stream with status OK (a node stopping), it has answered every frame it
   * read: a frame left unanswered was not sent, and may be sent again anywhere.
   */
  sendMessageStream(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamResponse__Output>;
  sendMessageStream(options?: grpc.CallOptions): grpc.ClientDuplexStream<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamResponse__Output>;
  
  /**
   * Changes some of a queue's attributes; the others keep their values.
   */
  SetQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes some of a queue's attributes; the others keep their values.
   */
  setQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  setQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  setQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  setQueueAttributes(argument: _millrace_v1_SetQueueAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetQueueAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Starts moving messages out of a dead-letter queue (redrive), back to their source queues or to
   * another queue.
   */
  StartMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  StartMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  StartMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  StartMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Starts moving messages out of a dead-letter queue (redrive), back to their source queues or to
   * another queue.
   */
  startMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  startMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  startMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  startMessageMoveTask(argument: _millrace_v1_StartMessageMoveTaskRequest, callback: grpc.requestCallback<_millrace_v1_StartMessageMoveTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Adds tags to a queue or overwrites the values of existing keys.
   */
  TagQueue(argument: _millrace_v1_TagQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  TagQueue(argument: _millrace_v1_TagQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  TagQueue(argument: _millrace_v1_TagQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  TagQueue(argument: _millrace_v1_TagQueueRequest, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds tags to a queue or overwrites the values of existing keys.
   */
  tagQueue(argument: _millrace_v1_TagQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  tagQueue(argument: _millrace_v1_TagQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  tagQueue(argument: _millrace_v1_TagQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  tagQueue(argument: _millrace_v1_TagQueueRequest, callback: grpc.requestCallback<_millrace_v1_TagQueueResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes tags from a queue; keys it does not have are ignored.
   */
  UntagQueue(argument: _millrace_v1_UntagQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  UntagQueue(argument: _millrace_v1_UntagQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  UntagQueue(argument: _millrace_v1_UntagQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  UntagQueue(argument: _millrace_v1_UntagQueueRequest, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes tags from a queue; keys it does not have are ignored.
   */
  untagQueue(argument: _millrace_v1_UntagQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  untagQueue(argument: _millrace_v1_UntagQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  untagQueue(argument: _millrace_v1_UntagQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  untagQueue(argument: _millrace_v1_UntagQueueRequest, callback: grpc.requestCallback<_millrace_v1_UntagQueueResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * QueueService manages queues and moves messages through them. Any node accepts any call and routes it
 * to the leader of the queue partition that owns the data.
 */
export interface QueueServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Cancels a running message move task; messages already moved stay moved.
   */
  CancelMessageMoveTask: grpc.handleUnaryCall<_millrace_v1_CancelMessageMoveTaskRequest__Output, _millrace_v1_CancelMessageMoveTaskResponse>;
  
  /**
   * Changes the visibility timeout of a received message, counted from now; 0 makes it visible at once.
   */
  ChangeMessageVisibility: grpc.handleUnaryCall<_millrace_v1_ChangeMessageVisibilityRequest__Output, _millrace_v1_ChangeMessageVisibilityResponse>;
  
  /**
   * Changes the visibility timeout of up to 10 received messages and reports per entry.
   */
  ChangeMessageVisibilityBatch: grpc.handleUnaryCall<_millrace_v1_ChangeMessageVisibilityBatchRequest__Output, _millrace_v1_ChangeMessageVisibilityBatchResponse>;
  
  /**
   * Receives, deletes and visibility changes over one long-lived stream, without the cost of a call per
   * batch. Each frame is a ReceiveMessage, DeleteMessageBatch or ChangeMessageVisibilityBatch with the
   * same rules and results as the call, answered by a frame with its frame_id; answers come in the order
   * the calls complete. A frame that fails as a whole is answered with its error and the stream goes on.
   * A server works on at most 128 frames of a stream at once and reads no more until one is answered;
   * a client should keep at most 64 receives unanswered, so long polls never hold every slot and its
   * deletes go on, and at most 127 frames in all, so the server always reads on and a cancel gets through. When the server ends a stream with status OK (a node stopping), it has answered every
   * frame it read: its waiting long polls are answered with no messages, and a frame left unanswered
   * was not run. A frame with `cancel` set cancels an unanswered frame, as cancelling a call would.
   */
  ConsumeStream: grpc.handleBidiStreamingCall<_millrace_v1_ConsumeStreamRequest__Output, _millrace_v1_ConsumeStreamResponse>;
  
  /**
   * Creates a queue. Idempotent: creating an existing queue with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS (QueueNameExists).
   */
  CreateQueue: grpc.handleUnaryCall<_millrace_v1_CreateQueueRequest__Output, _millrace_v1_CreateQueueResponse>;
  
  /**
   * Deletes a received message by its receipt handle.
   */
  DeleteMessage: grpc.handleUnaryCall<_millrace_v1_DeleteMessageRequest__Output, _millrace_v1_DeleteMessageResponse>;
  
  /**
   * Deletes up to 10 received messages and reports success or failure per entry.
   */
  DeleteMessageBatch: grpc.handleUnaryCall<_millrace_v1_DeleteMessageBatchRequest__Output, _millrace_v1_DeleteMessageBatchResponse>;
  
  /**
   * Deletes a queue and every message in it.
   */
  DeleteQueue: grpc.handleUnaryCall<_millrace_v1_DeleteQueueRequest__Output, _millrace_v1_DeleteQueueResponse>;
  
  /**
   * Returns some or all of a queue's attributes, including the approximate message counters.
   */
  GetQueueAttributes: grpc.handleUnaryCall<_millrace_v1_GetQueueAttributesRequest__Output, _millrace_v1_GetQueueAttributesResponse>;
  
  /**
   * Looks up a queue by name and returns its URL and ARN.
   */
  GetQueueUrl: grpc.handleUnaryCall<_millrace_v1_GetQueueUrlRequest__Output, _millrace_v1_GetQueueUrlResponse>;
  
  /**
   * Lists the queues whose redrive policy names this queue as their dead-letter queue.
   */
  ListDeadLetterSourceQueues: grpc.handleUnaryCall<_millrace_v1_ListDeadLetterSourceQueuesRequest__Output, _millrace_v1_ListDeadLetterSourceQueuesResponse>;
  
  /**
   * Lists the most recent message move tasks of a dead-letter queue (at most 10).
   */
  ListMessageMoveTasks: grpc.handleUnaryCall<_millrace_v1_ListMessageMoveTasksRequest__Output, _millrace_v1_ListMessageMoveTasksResponse>;
  
  /**
   * Returns a queue's tags.
   */
  ListQueueTags: grpc.handleUnaryCall<_millrace_v1_ListQueueTagsRequest__Output, _millrace_v1_ListQueueTagsResponse>;
  
  /**
   * Lists queues in name order, optionally only those whose names start with a prefix.
   */
  ListQueues: grpc.handleUnaryCall<_millrace_v1_ListQueuesRequest__Output, _millrace_v1_ListQueuesResponse>;
  
  /**
   * Deletes every message in a queue, keeping the queue and its attributes.
   */
  PurgeQueue: grpc.handleUnaryCall<_millrace_v1_PurgeQueueRequest__Output, _millrace_v1_PurgeQueueResponse>;
  
  /**
   * Receives up to 10 messages, making them invisible to other receivers for the visibility timeout.
   * With a wait time it long-polls: it returns as soon as a message becomes available.
   */
  ReceiveMessage: grpc.handleUnaryCall<_millrace_v1_ReceiveMessageRequest__Output, _millrace_v1_ReceiveMessageResponse>;
  
  /**
   * Sends one message. Succeeds only once the message is durable on a quorum of replicas.
   */
  SendMessage: grpc.handleUnaryCall<_millrace_v1_SendMessageRequest__Output, _millrace_v1_SendMessageResponse>;
  
  /**
   * Sends up to 10 messages (at most 1 MiB in total) and reports success or failure per entry.
   */
  SendMessageBatch: grpc.handleUnaryCall<_millrace_v1_SendMessageBatchRequest__Output, _millrace_v1_SendMessageBatchResponse>;
  
  /**
   * Sends batches of messages over one long-lived stream, without the cost of a call per batch. Each
   * frame is a SendMessageBatch with the same rules and results, answered by a frame with its frame_id;
   * answers come in the order the sends complete, not the order they were written. A frame that fails
   * as a whole (an unknown queue, an invalid entry) is answered with its error and the stream goes on.
   * A server works on at most 64 frames of a stream at once and reads no more until one is answered.
   * When the server ends a stream with status OK (a node stopping), it has answered every frame it
   * read: a frame left unanswered was not sent, and may be sent again anywhere.
   */
  SendMessageStream: grpc.handleBidiStreamingCall<_millrace_v1_SendMessageStreamRequest__Output, _millrace_v1_SendMessageStreamResponse>;
  
  /**
   * Changes some of a queue's attributes; the others keep their values.
   */
  SetQueueAttributes: grpc.handleUnaryCall<_millrace_v1_SetQueueAttributesRequest__Output, _millrace_v1_SetQueueAttributesResponse>;
  
  /**
   * Starts moving messages out of a dead-letter queue (redrive), back to their source queues or to
   * another queue.
   */
  StartMessageMoveTask: grpc.handleUnaryCall<_millrace_v1_StartMessageMoveTaskRequest__Output, _millrace_v1_StartMessageMoveTaskResponse>;
  
  /**
   * Adds tags to a queue or overwrites the values of existing keys.
   */
  TagQueue: grpc.handleUnaryCall<_millrace_v1_TagQueueRequest__Output, _millrace_v1_TagQueueResponse>;
  
  /**
   * Removes tags from a queue; keys it does not have are ignored.
   */
  UntagQueue: grpc.handleUnaryCall<_millrace_v1_UntagQueueRequest__Output, _millrace_v1_UntagQueueResponse>;
  
}

export interface QueueServiceDefinition extends grpc.ServiceDefinition {
  CancelMessageMoveTask: MethodDefinition<_millrace_v1_CancelMessageMoveTaskRequest, _millrace_v1_CancelMessageMoveTaskResponse, _millrace_v1_CancelMessageMoveTaskRequest__Output, _millrace_v1_CancelMessageMoveTaskResponse__Output>
  ChangeMessageVisibility: MethodDefinition<_millrace_v1_ChangeMessageVisibilityRequest, _millrace_v1_ChangeMessageVisibilityResponse, _millrace_v1_ChangeMessageVisibilityRequest__Output, _millrace_v1_ChangeMessageVisibilityResponse__Output>
  ChangeMessageVisibilityBatch: MethodDefinition<_millrace_v1_ChangeMessageVisibilityBatchRequest, _millrace_v1_ChangeMessageVisibilityBatchResponse, _millrace_v1_ChangeMessageVisibilityBatchRequest__Output, _millrace_v1_ChangeMessageVisibilityBatchResponse__Output>
  ConsumeStream: MethodDefinition<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamResponse, _millrace_v1_ConsumeStreamRequest__Output, _millrace_v1_ConsumeStreamResponse__Output>
  CreateQueue: MethodDefinition<_millrace_v1_CreateQueueRequest, _millrace_v1_CreateQueueResponse, _millrace_v1_CreateQueueRequest__Output, _millrace_v1_CreateQueueResponse__Output>
  DeleteMessage: MethodDefinition<_millrace_v1_DeleteMessageRequest, _millrace_v1_DeleteMessageResponse, _millrace_v1_DeleteMessageRequest__Output, _millrace_v1_DeleteMessageResponse__Output>
  DeleteMessageBatch: MethodDefinition<_millrace_v1_DeleteMessageBatchRequest, _millrace_v1_DeleteMessageBatchResponse, _millrace_v1_DeleteMessageBatchRequest__Output, _millrace_v1_DeleteMessageBatchResponse__Output>
  DeleteQueue: MethodDefinition<_millrace_v1_DeleteQueueRequest, _millrace_v1_DeleteQueueResponse, _millrace_v1_DeleteQueueRequest__Output, _millrace_v1_DeleteQueueResponse__Output>
  GetQueueAttributes: MethodDefinition<_millrace_v1_GetQueueAttributesRequest, _millrace_v1_GetQueueAttributesResponse, _millrace_v1_GetQueueAttributesRequest__Output, _millrace_v1_GetQueueAttributesResponse__Output>
  GetQueueUrl: MethodDefinition<_millrace_v1_GetQueueUrlRequest, _millrace_v1_GetQueueUrlResponse, _millrace_v1_GetQueueUrlRequest__Output, _millrace_v1_GetQueueUrlResponse__Output>
  ListDeadLetterSourceQueues: MethodDefinition<_millrace_v1_ListDeadLetterSourceQueuesRequest, _millrace_v1_ListDeadLetterSourceQueuesResponse, _millrace_v1_ListDeadLetterSourceQueuesRequest__Output, _millrace_v1_ListDeadLetterSourceQueuesResponse__Output>
  ListMessageMoveTasks: MethodDefinition<_millrace_v1_ListMessageMoveTasksRequest, _millrace_v1_ListMessageMoveTasksResponse, _millrace_v1_ListMessageMoveTasksRequest__Output, _millrace_v1_ListMessageMoveTasksResponse__Output>
  ListQueueTags: MethodDefinition<_millrace_v1_ListQueueTagsRequest, _millrace_v1_ListQueueTagsResponse, _millrace_v1_ListQueueTagsRequest__Output, _millrace_v1_ListQueueTagsResponse__Output>
  ListQueues: MethodDefinition<_millrace_v1_ListQueuesRequest, _millrace_v1_ListQueuesResponse, _millrace_v1_ListQueuesRequest__Output, _millrace_v1_ListQueuesResponse__Output>
  PurgeQueue: MethodDefinition<_millrace_v1_PurgeQueueRequest, _millrace_v1_PurgeQueueResponse, _millrace_v1_PurgeQueueRequest__Output, _millrace_v1_PurgeQueueResponse__Output>
  ReceiveMessage: MethodDefinition<_millrace_v1_ReceiveMessageRequest, _millrace_v1_ReceiveMessageResponse, _millrace_v1_ReceiveMessageRequest__Output, _millrace_v1_ReceiveMessageResponse__Output>
  SendMessage: MethodDefinition<_millrace_v1_SendMessageRequest, _millrace_v1_SendMessageResponse, _millrace_v1_SendMessageRequest__Output, _millrace_v1_SendMessageResponse__Output>
  SendMessageBatch: MethodDefinition<_millrace_v1_SendMessageBatchRequest, _millrace_v1_SendMessageBatchResponse, _millrace_v1_SendMessageBatchRequest__Output, _millrace_v1_SendMessageBatchResponse__Output>
  SendMessageStream: MethodDefinition<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamResponse, _millrace_v1_SendMessageStreamRequest__Output, _millrace_v1_SendMessageStreamResponse__Output>
  SetQueueAttributes: MethodDefinition<_millrace_v1_SetQueueAttributesRequest, _millrace_v1_SetQueueAttributesResponse, _millrace_v1_SetQueueAttributesRequest__Output, _millrace_v1_SetQueueAttributesResponse__Output>
  StartMessageMoveTask: MethodDefinition<_millrace_v1_StartMessageMoveTaskRequest, _millrace_v1_StartMessageMoveTaskResponse, _millrace_v1_StartMessageMoveTaskRequest__Output, _millrace_v1_StartMessageMoveTaskResponse__Output>
  TagQueue: MethodDefinition<_millrace_v1_TagQueueRequest, _millrace_v1_TagQueueResponse, _millrace_v1_TagQueueRequest__Output, _millrace_v1_TagQueueResponse__Output>
  UntagQueue: MethodDefinition<_millrace_v1_UntagQueueRequest, _millrace_v1_UntagQueueResponse, _millrace_v1_UntagQueueRequest__Output, _millrace_v1_UntagQueueResponse__Output>
}
