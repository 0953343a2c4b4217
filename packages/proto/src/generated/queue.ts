import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from './millrace/v1/BatchEntryError.js';
import type { CancelMessageMoveTaskRequest as _millrace_v1_CancelMessageMoveTaskRequest, CancelMessageMoveTaskRequest__Output as _millrace_v1_CancelMessageMoveTaskRequest__Output } from './millrace/v1/CancelMessageMoveTaskRequest.js';
import type { CancelMessageMoveTaskResponse as _millrace_v1_CancelMessageMoveTaskResponse, CancelMessageMoveTaskResponse__Output as _millrace_v1_CancelMessageMoveTaskResponse__Output } from './millrace/v1/CancelMessageMoveTaskResponse.js';
import type { ChangeMessageVisibilityBatchRequest as _millrace_v1_ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchRequest__Output as _millrace_v1_ChangeMessageVisibilityBatchRequest__Output } from './millrace/v1/ChangeMessageVisibilityBatchRequest.js';
import type { ChangeMessageVisibilityBatchRequestEntry as _millrace_v1_ChangeMessageVisibilityBatchRequestEntry, ChangeMessageVisibilityBatchRequestEntry__Output as _millrace_v1_ChangeMessageVisibilityBatchRequestEntry__Output } from './millrace/v1/ChangeMessageVisibilityBatchRequestEntry.js';
import type { ChangeMessageVisibilityBatchResponse as _millrace_v1_ChangeMessageVisibilityBatchResponse, ChangeMessageVisibilityBatchResponse__Output as _millrace_v1_ChangeMessageVisibilityBatchResponse__Output } from './millrace/v1/ChangeMessageVisibilityBatchResponse.js';
import type { ChangeMessageVisibilityRequest as _millrace_v1_ChangeMessageVisibilityRequest, ChangeMessageVisibilityRequest__Output as _millrace_v1_ChangeMessageVisibilityRequest__Output } from './millrace/v1/ChangeMessageVisibilityRequest.js';
import type { ChangeMessageVisibilityResponse as _millrace_v1_ChangeMessageVisibilityResponse, ChangeMessageVisibilityResponse__Output as _millrace_v1_ChangeMessageVisibilityResponse__Output } from './millrace/v1/ChangeMessageVisibilityResponse.js';
import type { ConsumeStreamRequest as _millrace_v1_ConsumeStreamRequest, ConsumeStreamRequest__Output as _millrace_v1_ConsumeStreamRequest__Output } from './millrace/v1/ConsumeStreamRequest.js';
import type { ConsumeStreamResponse as _millrace_v1_ConsumeStreamResponse, ConsumeStreamResponse__Output as _millrace_v1_ConsumeStreamResponse__Output } from './millrace/v1/ConsumeStreamResponse.js';
import type { CreateQueueRequest as _millrace_v1_CreateQueueRequest, CreateQueueRequest__Output as _millrace_v1_CreateQueueRequest__Output } from './millrace/v1/CreateQueueRequest.js';
import type { CreateQueueResponse as _millrace_v1_CreateQueueResponse, CreateQueueResponse__Output as _millrace_v1_CreateQueueResponse__Output } from './millrace/v1/CreateQueueResponse.js';
import type { DeleteMessageBatchRequest as _millrace_v1_DeleteMessageBatchRequest, DeleteMessageBatchRequest__Output as _millrace_v1_DeleteMessageBatchRequest__Output } from './millrace/v1/DeleteMessageBatchRequest.js';
import type { DeleteMessageBatchRequestEntry as _millrace_v1_DeleteMessageBatchRequestEntry, DeleteMessageBatchRequestEntry__Output as _millrace_v1_DeleteMessageBatchRequestEntry__Output } from './millrace/v1/DeleteMessageBatchRequestEntry.js';
import type { DeleteMessageBatchResponse as _millrace_v1_DeleteMessageBatchResponse, DeleteMessageBatchResponse__Output as _millrace_v1_DeleteMessageBatchResponse__Output } from './millrace/v1/DeleteMessageBatchResponse.js';
import type { DeleteMessageRequest as _millrace_v1_DeleteMessageRequest, DeleteMessageRequest__Output as _millrace_v1_DeleteMessageRequest__Output } from './millrace/v1/DeleteMessageRequest.js';
import type { DeleteMessageResponse as _millrace_v1_DeleteMessageResponse, DeleteMessageResponse__Output as _millrace_v1_DeleteMessageResponse__Output } from './millrace/v1/DeleteMessageResponse.js';
import type { DeleteQueueRequest as _millrace_v1_DeleteQueueRequest, DeleteQueueRequest__Output as _millrace_v1_DeleteQueueRequest__Output } from './millrace/v1/DeleteQueueRequest.js';
import type { DeleteQueueResponse as _millrace_v1_DeleteQueueResponse, DeleteQueueResponse__Output as _millrace_v1_DeleteQueueResponse__Output } from './millrace/v1/DeleteQueueResponse.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from './millrace/v1/ErrorDetails.js';
import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from './millrace/v1/FieldViolation.js';
import type { GetQueueAttributesRequest as _millrace_v1_GetQueueAttributesRequest, GetQueueAttributesRequest__Output as _millrace_v1_GetQueueAttributesRequest__Output } from './millrace/v1/GetQueueAttributesRequest.js';
import type { GetQueueAttributesResponse as _millrace_v1_GetQueueAttributesResponse, GetQueueAttributesResponse__Output as _millrace_v1_GetQueueAttributesResponse__Output } from './millrace/v1/GetQueueAttributesResponse.js';
import type { GetQueueUrlRequest as _millrace_v1_GetQueueUrlRequest, GetQueueUrlRequest__Output as _millrace_v1_GetQueueUrlRequest__Output } from './millrace/v1/GetQueueUrlRequest.js';
import type { GetQueueUrlResponse as _millrace_v1_GetQueueUrlResponse, GetQueueUrlResponse__Output as _millrace_v1_GetQueueUrlResponse__Output } from './millrace/v1/GetQueueUrlResponse.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from './millrace/v1/LeaderHint.js';
import type { ListDeadLetterSourceQueuesRequest as _millrace_v1_ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesRequest__Output as _millrace_v1_ListDeadLetterSourceQueuesRequest__Output } from './millrace/v1/ListDeadLetterSourceQueuesRequest.js';
import type { ListDeadLetterSourceQueuesResponse as _millrace_v1_ListDeadLetterSourceQueuesResponse, ListDeadLetterSourceQueuesResponse__Output as _millrace_v1_ListDeadLetterSourceQueuesResponse__Output } from './millrace/v1/ListDeadLetterSourceQueuesResponse.js';
import type { ListMessageMoveTasksRequest as _millrace_v1_ListMessageMoveTasksRequest, ListMessageMoveTasksRequest__Output as _millrace_v1_ListMessageMoveTasksRequest__Output } from './millrace/v1/ListMessageMoveTasksRequest.js';
import type { ListMessageMoveTasksResponse as _millrace_v1_ListMessageMoveTasksResponse, ListMessageMoveTasksResponse__Output as _millrace_v1_ListMessageMoveTasksResponse__Output } from './millrace/v1/ListMessageMoveTasksResponse.js';
import type { ListQueueTagsRequest as _millrace_v1_ListQueueTagsRequest, ListQueueTagsRequest__Output as _millrace_v1_ListQueueTagsRequest__Output } from './millrace/v1/ListQueueTagsRequest.js';
import type { ListQueueTagsResponse as _millrace_v1_ListQueueTagsResponse, ListQueueTagsResponse__Output as _millrace_v1_ListQueueTagsResponse__Output } from './millrace/v1/ListQueueTagsResponse.js';
import type { ListQueuesRequest as _millrace_v1_ListQueuesRequest, ListQueuesRequest__Output as _millrace_v1_ListQueuesRequest__Output } from './millrace/v1/ListQueuesRequest.js';
import type { ListQueuesResponse as _millrace_v1_ListQueuesResponse, ListQueuesResponse__Output as _millrace_v1_ListQueuesResponse__Output } from './millrace/v1/ListQueuesResponse.js';
import type { Message as _millrace_v1_Message, Message__Output as _millrace_v1_Message__Output } from './millrace/v1/Message.js';
import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from './millrace/v1/MessageAttributeValue.js';
import type { MessageMoveTask as _millrace_v1_MessageMoveTask, MessageMoveTask__Output as _millrace_v1_MessageMoveTask__Output } from './millrace/v1/MessageMoveTask.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from './millrace/v1/PageRequest.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from './millrace/v1/PageResponse.js';
import type { PurgeQueueRequest as _millrace_v1_PurgeQueueRequest, PurgeQueueRequest__Output as _millrace_v1_PurgeQueueRequest__Output } from './millrace/v1/PurgeQueueRequest.js';
import type { PurgeQueueResponse as _millrace_v1_PurgeQueueResponse, PurgeQueueResponse__Output as _millrace_v1_PurgeQueueResponse__Output } from './millrace/v1/PurgeQueueResponse.js';
import type { Queue as _millrace_v1_Queue, Queue__Output as _millrace_v1_Queue__Output } from './millrace/v1/Queue.js';
import type { QueueServiceClient as _millrace_v1_QueueServiceClient, QueueServiceDefinition as _millrace_v1_QueueServiceDefinition } from './millrace/v1/QueueService.js';
import type { ReceiveMessageRequest as _millrace_v1_ReceiveMessageRequest, ReceiveMessageRequest__Output as _millrace_v1_ReceiveMessageRequest__Output } from './millrace/v1/ReceiveMessageRequest.js';
import type { ReceiveMessageResponse as _millrace_v1_ReceiveMessageResponse, ReceiveMessageResponse__Output as _millrace_v1_ReceiveMessageResponse__Output } from './millrace/v1/ReceiveMessageResponse.js';
import type { SendMessageBatchRequest as _millrace_v1_SendMessageBatchRequest, SendMessageBatchRequest__Output as _millrace_v1_SendMessageBatchRequest__Output } from './millrace/v1/SendMessageBatchRequest.js';
import type { SendMessageBatchRequestEntry as _millrace_v1_SendMessageBatchRequestEntry, SendMessageBatchRequestEntry__Output as _millrace_v1_SendMessageBatchRequestEntry__Output } from './millrace/v1/SendMessageBatchRequestEntry.js';
import type { SendMessageBatchResponse as _millrace_v1_SendMessageBatchResponse, SendMessageBatchResponse__Output as _millrace_v1_SendMessageBatchResponse__Output } from './millrace/v1/SendMessageBatchResponse.js';
import type { SendMessageBatchResultEntry as _millrace_v1_SendMessageBatchResultEntry, SendMessageBatchResultEntry__Output as _millrace_v1_SendMessageBatchResultEntry__Output } from './millrace/v1/SendMessageBatchResultEntry.js';
import type { SendMessageRequest as _millrace_v1_SendMessageRequest, SendMessageRequest__Output as _millrace_v1_SendMessageRequest__Output } from './millrace/v1/SendMessageRequest.js';
import type { SendMessageResponse as _millrace_v1_SendMessageResponse, SendMessageResponse__Output as _millrace_v1_SendMessageResponse__Output } from './millrace/v1/SendMessageResponse.js';
import type { SendMessageStreamRequest as _millrace_v1_SendMessageStreamRequest, SendMessageStreamRequest__Output as _millrace_v1_SendMessageStreamRequest__Output } from './millrace/v1/SendMessageStreamRequest.js';
import type { SendMessageStreamResponse as _millrace_v1_SendMessageStreamResponse, SendMessageStreamResponse__Output as _millrace_v1_SendMessageStreamResponse__Output } from './millrace/v1/SendMessageStreamResponse.js';
import type { SetQueueAttributesRequest as _millrace_v1_SetQueueAttributesRequest, SetQueueAttributesRequest__Output as _millrace_v1_SetQueueAttributesRequest__Output } from './millrace/v1/SetQueueAttributesRequest.js';
import type { SetQueueAttributesResponse as _millrace_v1_SetQueueAttributesResponse, SetQueueAttributesResponse__Output as _millrace_v1_SetQueueAttributesResponse__Output } from './millrace/v1/SetQueueAttributesResponse.js';
import type { StartMessageMoveTaskRequest as _millrace_v1_StartMessageMoveTaskRequest, StartMessageMoveTaskRequest__Output as _millrace_v1_StartMessageMoveTaskRequest__Output } from './millrace/v1/StartMessageMoveTaskRequest.js';
import type { StartMessageMoveTaskResponse as _millrace_v1_StartMessageMoveTaskResponse, StartMessageMoveTaskResponse__Output as _millrace_v1_StartMessageMoveTaskResponse__Output } from './millrace/v1/StartMessageMoveTaskResponse.js';
import type { TagQueueRequest as _millrace_v1_TagQueueRequest, TagQueueRequest__Output as _millrace_v1_TagQueueRequest__Output } from './millrace/v1/TagQueueRequest.js';
import type { TagQueueResponse as _millrace_v1_TagQueueResponse, TagQueueResponse__Output as _millrace_v1_TagQueueResponse__Output } from './millrace/v1/TagQueueResponse.js';
import type { UntagQueueRequest as _millrace_v1_UntagQueueRequest, UntagQueueRequest__Output as _millrace_v1_UntagQueueRequest__Output } from './millrace/v1/UntagQueueRequest.js';
import type { UntagQueueResponse as _millrace_v1_UntagQueueResponse, UntagQueueResponse__Output as _millrace_v1_UntagQueueResponse__Output } from './millrace/v1/UntagQueueResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      BatchEntryError: MessageTypeDefinition<_millrace_v1_BatchEntryError, _millrace_v1_BatchEntryError__Output>
      CancelMessageMoveTaskRequest: MessageTypeDefinition<_millrace_v1_CancelMessageMoveTaskRequest, _millrace_v1_CancelMessageMoveTaskRequest__Output>
      CancelMessageMoveTaskResponse: MessageTypeDefinition<_millrace_v1_CancelMessageMoveTaskResponse, _millrace_v1_CancelMessageMoveTaskResponse__Output>
      ChangeMessageVisibilityBatchRequest: MessageTypeDefinition<_millrace_v1_ChangeMessageVisibilityBatchRequest, _millrace_v1_ChangeMessageVisibilityBatchRequest__Output>
      ChangeMessageVisibilityBatchRequestEntry: MessageTypeDefinition<_millrace_v1_ChangeMessageVisibilityBatchRequestEntry, _millrace_v1_ChangeMessageVisibilityBatchRequestEntry__Output>
      ChangeMessageVisibilityBatchResponse: MessageTypeDefinition<_millrace_v1_ChangeMessageVisibilityBatchResponse, _millrace_v1_ChangeMessageVisibilityBatchResponse__Output>
      ChangeMessageVisibilityRequest: MessageTypeDefinition<_millrace_v1_ChangeMessageVisibilityRequest, _millrace_v1_ChangeMessageVisibilityRequest__Output>
      ChangeMessageVisibilityResponse: MessageTypeDefinition<_millrace_v1_ChangeMessageVisibilityResponse, _millrace_v1_ChangeMessageVisibilityResponse__Output>
      ConsumeStreamRequest: MessageTypeDefinition<_millrace_v1_ConsumeStreamRequest, _millrace_v1_ConsumeStreamRequest__Output>
      ConsumeStreamResponse: MessageTypeDefinition<_millrace_v1_ConsumeStreamResponse, _millrace_v1_ConsumeStreamResponse__Output>
      CreateQueueRequest: MessageTypeDefinition<_millrace_v1_CreateQueueRequest, _millrace_v1_CreateQueueRequest__Output>
      CreateQueueResponse: MessageTypeDefinition<_millrace_v1_CreateQueueResponse, _millrace_v1_CreateQueueResponse__Output>
      DeleteMessageBatchRequest: MessageTypeDefinition<_millrace_v1_DeleteMessageBatchRequest, _millrace_v1_DeleteMessageBatchRequest__Output>
      DeleteMessageBatchRequestEntry: MessageTypeDefinition<_millrace_v1_DeleteMessageBatchRequestEntry, _millrace_v1_DeleteMessageBatchRequestEntry__Output>
      DeleteMessageBatchResponse: MessageTypeDefinition<_millrace_v1_DeleteMessageBatchResponse, _millrace_v1_DeleteMessageBatchResponse__Output>
      DeleteMessageRequest: MessageTypeDefinition<_millrace_v1_DeleteMessageRequest, _millrace_v1_DeleteMessageRequest__Output>
      DeleteMessageResponse: MessageTypeDefinition<_millrace_v1_DeleteMessageResponse, _millrace_v1_DeleteMessageResponse__Output>
      DeleteQueueRequest: MessageTypeDefinition<_millrace_v1_DeleteQueueRequest, _millrace_v1_DeleteQueueRequest__Output>
      DeleteQueueResponse: MessageTypeDefinition<_millrace_v1_DeleteQueueResponse, _millrace_v1_DeleteQueueResponse__Output>
      ErrorDetails: MessageTypeDefinition<_millrace_v1_ErrorDetails, _millrace_v1_ErrorDetails__Output>
      FieldViolation: MessageTypeDefinition<_millrace_v1_FieldViolation, _millrace_v1_FieldViolation__Output>
      GetQueueAttributesRequest: MessageTypeDefinition<_millrace_v1_GetQueueAttributesRequest, _millrace_v1_GetQueueAttributesRequest__Output>
      GetQueueAttributesResponse: MessageTypeDefinition<_millrace_v1_GetQueueAttributesResponse, _millrace_v1_GetQueueAttributesResponse__Output>
      GetQueueUrlRequest: MessageTypeDefinition<_millrace_v1_GetQueueUrlRequest, _millrace_v1_GetQueueUrlRequest__Output>
      GetQueueUrlResponse: MessageTypeDefinition<_millrace_v1_GetQueueUrlResponse, _millrace_v1_GetQueueUrlResponse__Output>
      LeaderHint: MessageTypeDefinition<_millrace_v1_LeaderHint, _millrace_v1_LeaderHint__Output>
      ListDeadLetterSourceQueuesRequest: MessageTypeDefinition<_millrace_v1_ListDeadLetterSourceQueuesRequest, _millrace_v1_ListDeadLetterSourceQueuesRequest__Output>
      ListDeadLetterSourceQueuesResponse: MessageTypeDefinition<_millrace_v1_ListDeadLetterSourceQueuesResponse, _millrace_v1_ListDeadLetterSourceQueuesResponse__Output>
      ListMessageMoveTasksRequest: MessageTypeDefinition<_millrace_v1_ListMessageMoveTasksRequest, _millrace_v1_ListMessageMoveTasksRequest__Output>
      ListMessageMoveTasksResponse: MessageTypeDefinition<_millrace_v1_ListMessageMoveTasksResponse, _millrace_v1_ListMessageMoveTasksResponse__Output>
      ListQueueTagsRequest: MessageTypeDefinition<_millrace_v1_ListQueueTagsRequest, _millrace_v1_ListQueueTagsRequest__Output>
      ListQueueTagsResponse: MessageTypeDefinition<_millrace_v1_ListQueueTagsResponse, _millrace_v1_ListQueueTagsResponse__Output>
      ListQueuesRequest: MessageTypeDefinition<_millrace_v1_ListQueuesRequest, _millrace_v1_ListQueuesRequest__Output>
      ListQueuesResponse: MessageTypeDefinition<_millrace_v1_ListQueuesResponse, _millrace_v1_ListQueuesResponse__Output>
      Message: MessageTypeDefinition<_millrace_v1_Message, _millrace_v1_Message__Output>
      MessageAttributeValue: MessageTypeDefinition<_millrace_v1_MessageAttributeValue, _millrace_v1_MessageAttributeValue__Output>
      MessageMoveTask: MessageTypeDefinition<_millrace_v1_MessageMoveTask, _millrace_v1_MessageMoveTask__Output>
      MessageMoveTaskStatus: EnumTypeDefinition
      PageRequest: MessageTypeDefinition<_millrace_v1_PageRequest, _millrace_v1_PageRequest__Output>
      PageResponse: MessageTypeDefinition<_millrace_v1_PageResponse, _millrace_v1_PageResponse__Output>
      PurgeQueueRequest: MessageTypeDefinition<_millrace_v1_PurgeQueueRequest, _millrace_v1_PurgeQueueRequest__Output>
      PurgeQueueResponse: MessageTypeDefinition<_millrace_v1_PurgeQueueResponse, _millrace_v1_PurgeQueueResponse__Output>
      Queue: MessageTypeDefinition<_millrace_v1_Queue, _millrace_v1_Queue__Output>
      /**
       * QueueService manages queues and moves messages through them. Any node accepts any call and routes it
       * to the leader of the queue partition that owns the data.
       */
      QueueService: SubtypeConstructor<typeof grpc.Client, _millrace_v1_QueueServiceClient> & { service: _millrace_v1_QueueServiceDefinition }
      ReceiveMessageRequest: MessageTypeDefinition<_millrace_v1_ReceiveMessageRequest, _millrace_v1_ReceiveMessageRequest__Output>
      ReceiveMessageResponse: MessageTypeDefinition<_millrace_v1_ReceiveMessageResponse, _millrace_v1_ReceiveMessageResponse__Output>
      SendMessageBatchRequest: MessageTypeDefinition<_millrace_v1_SendMessageBatchRequest, _millrace_v1_SendMessageBatchRequest__Output>
      SendMessageBatchRequestEntry: MessageTypeDefinition<_millrace_v1_SendMessageBatchRequestEntry, _millrace_v1_SendMessageBatchRequestEntry__Output>
      SendMessageBatchResponse: MessageTypeDefinition<_millrace_v1_SendMessageBatchResponse, _millrace_v1_SendMessageBatchResponse__Output>
      SendMessageBatchResultEntry: MessageTypeDefinition<_millrace_v1_SendMessageBatchResultEntry, _millrace_v1_SendMessageBatchResultEntry__Output>
      SendMessageRequest: MessageTypeDefinition<_millrace_v1_SendMessageRequest, _millrace_v1_SendMessageRequest__Output>
      SendMessageResponse: MessageTypeDefinition<_millrace_v1_SendMessageResponse, _millrace_v1_SendMessageResponse__Output>
      SendMessageStreamRequest: MessageTypeDefinition<_millrace_v1_SendMessageStreamRequest, _millrace_v1_SendMessageStreamRequest__Output>
      SendMessageStreamResponse: MessageTypeDefinition<_millrace_v1_SendMessageStreamResponse, _millrace_v1_SendMessageStreamResponse__Output>
      SetQueueAttributesRequest: MessageTypeDefinition<_millrace_v1_SetQueueAttributesRequest, _millrace_v1_SetQueueAttributesRequest__Output>
      SetQueueAttributesResponse: MessageTypeDefinition<_millrace_v1_SetQueueAttributesResponse, _millrace_v1_SetQueueAttributesResponse__Output>
      StartMessageMoveTaskRequest: MessageTypeDefinition<_millrace_v1_StartMessageMoveTaskRequest, _millrace_v1_StartMessageMoveTaskRequest__Output>
      StartMessageMoveTaskResponse: MessageTypeDefinition<_millrace_v1_StartMessageMoveTaskResponse, _millrace_v1_StartMessageMoveTaskResponse__Output>
      TagQueueRequest: MessageTypeDefinition<_millrace_v1_TagQueueRequest, _millrace_v1_TagQueueRequest__Output>
      TagQueueResponse: MessageTypeDefinition<_millrace_v1_TagQueueResponse, _millrace_v1_TagQueueResponse__Output>
      UntagQueueRequest: MessageTypeDefinition<_millrace_v1_UntagQueueRequest, _millrace_v1_UntagQueueRequest__Output>
      UntagQueueResponse: MessageTypeDefinition<_millrace_v1_UntagQueueResponse, _millrace_v1_UntagQueueResponse__Output>
    }
  }
}

