import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BatchEntryError as _millrace_v1_BatchEntryError, BatchEntryError__Output as _millrace_v1_BatchEntryError__Output } from './millrace/v1/BatchEntryError.js';
import type { ConfirmSubscriptionRequest as _millrace_v1_ConfirmSubscriptionRequest, ConfirmSubscriptionRequest__Output as _millrace_v1_ConfirmSubscriptionRequest__Output } from './millrace/v1/ConfirmSubscriptionRequest.js';
import type { ConfirmSubscriptionResponse as _millrace_v1_ConfirmSubscriptionResponse, ConfirmSubscriptionResponse__Output as _millrace_v1_ConfirmSubscriptionResponse__Output } from './millrace/v1/ConfirmSubscriptionResponse.js';
import type { CreateTopicRequest as _millrace_v1_CreateTopicRequest, CreateTopicRequest__Output as _millrace_v1_CreateTopicRequest__Output } from './millrace/v1/CreateTopicRequest.js';
import type { CreateTopicResponse as _millrace_v1_CreateTopicResponse, CreateTopicResponse__Output as _millrace_v1_CreateTopicResponse__Output } from './millrace/v1/CreateTopicResponse.js';
import type { DeleteTopicRequest as _millrace_v1_DeleteTopicRequest, DeleteTopicRequest__Output as _millrace_v1_DeleteTopicRequest__Output } from './millrace/v1/DeleteTopicRequest.js';
import type { DeleteTopicResponse as _millrace_v1_DeleteTopicResponse, DeleteTopicResponse__Output as _millrace_v1_DeleteTopicResponse__Output } from './millrace/v1/DeleteTopicResponse.js';
import type { ErrorDetails as _millrace_v1_ErrorDetails, ErrorDetails__Output as _millrace_v1_ErrorDetails__Output } from './millrace/v1/ErrorDetails.js';
import type { FieldViolation as _millrace_v1_FieldViolation, FieldViolation__Output as _millrace_v1_FieldViolation__Output } from './millrace/v1/FieldViolation.js';
import type { GetSubscriptionAttributesRequest as _millrace_v1_GetSubscriptionAttributesRequest, GetSubscriptionAttributesRequest__Output as _millrace_v1_GetSubscriptionAttributesRequest__Output } from './millrace/v1/GetSubscriptionAttributesRequest.js';
import type { GetSubscriptionAttributesResponse as _millrace_v1_GetSubscriptionAttributesResponse, GetSubscriptionAttributesResponse__Output as _millrace_v1_GetSubscriptionAttributesResponse__Output } from './millrace/v1/GetSubscriptionAttributesResponse.js';
import type { GetTopicAttributesRequest as _millrace_v1_GetTopicAttributesRequest, GetTopicAttributesRequest__Output as _millrace_v1_GetTopicAttributesRequest__Output } from './millrace/v1/GetTopicAttributesRequest.js';
import type { GetTopicAttributesResponse as _millrace_v1_GetTopicAttributesResponse, GetTopicAttributesResponse__Output as _millrace_v1_GetTopicAttributesResponse__Output } from './millrace/v1/GetTopicAttributesResponse.js';
import type { Heartbeat as _millrace_v1_Heartbeat, Heartbeat__Output as _millrace_v1_Heartbeat__Output } from './millrace/v1/Heartbeat.js';
import type { LeaderHint as _millrace_v1_LeaderHint, LeaderHint__Output as _millrace_v1_LeaderHint__Output } from './millrace/v1/LeaderHint.js';
import type { ListSubscriptionsByTopicRequest as _millrace_v1_ListSubscriptionsByTopicRequest, ListSubscriptionsByTopicRequest__Output as _millrace_v1_ListSubscriptionsByTopicRequest__Output } from './millrace/v1/ListSubscriptionsByTopicRequest.js';
import type { ListSubscriptionsByTopicResponse as _millrace_v1_ListSubscriptionsByTopicResponse, ListSubscriptionsByTopicResponse__Output as _millrace_v1_ListSubscriptionsByTopicResponse__Output } from './millrace/v1/ListSubscriptionsByTopicResponse.js';
import type { ListSubscriptionsRequest as _millrace_v1_ListSubscriptionsRequest, ListSubscriptionsRequest__Output as _millrace_v1_ListSubscriptionsRequest__Output } from './millrace/v1/ListSubscriptionsRequest.js';
import type { ListSubscriptionsResponse as _millrace_v1_ListSubscriptionsResponse, ListSubscriptionsResponse__Output as _millrace_v1_ListSubscriptionsResponse__Output } from './millrace/v1/ListSubscriptionsResponse.js';
import type { ListTopicTagsRequest as _millrace_v1_ListTopicTagsRequest, ListTopicTagsRequest__Output as _millrace_v1_ListTopicTagsRequest__Output } from './millrace/v1/ListTopicTagsRequest.js';
import type { ListTopicTagsResponse as _millrace_v1_ListTopicTagsResponse, ListTopicTagsResponse__Output as _millrace_v1_ListTopicTagsResponse__Output } from './millrace/v1/ListTopicTagsResponse.js';
import type { ListTopicsRequest as _millrace_v1_ListTopicsRequest, ListTopicsRequest__Output as _millrace_v1_ListTopicsRequest__Output } from './millrace/v1/ListTopicsRequest.js';
import type { ListTopicsResponse as _millrace_v1_ListTopicsResponse, ListTopicsResponse__Output as _millrace_v1_ListTopicsResponse__Output } from './millrace/v1/ListTopicsResponse.js';
import type { MessageAttributeValue as _millrace_v1_MessageAttributeValue, MessageAttributeValue__Output as _millrace_v1_MessageAttributeValue__Output } from './millrace/v1/MessageAttributeValue.js';
import type { Notification as _millrace_v1_Notification, Notification__Output as _millrace_v1_Notification__Output } from './millrace/v1/Notification.js';
import type { PageRequest as _millrace_v1_PageRequest, PageRequest__Output as _millrace_v1_PageRequest__Output } from './millrace/v1/PageRequest.js';
import type { PageResponse as _millrace_v1_PageResponse, PageResponse__Output as _millrace_v1_PageResponse__Output } from './millrace/v1/PageResponse.js';
import type { PublishBatchRequest as _millrace_v1_PublishBatchRequest, PublishBatchRequest__Output as _millrace_v1_PublishBatchRequest__Output } from './millrace/v1/PublishBatchRequest.js';
import type { PublishBatchRequestEntry as _millrace_v1_PublishBatchRequestEntry, PublishBatchRequestEntry__Output as _millrace_v1_PublishBatchRequestEntry__Output } from './millrace/v1/PublishBatchRequestEntry.js';
import type { PublishBatchResponse as _millrace_v1_PublishBatchResponse, PublishBatchResponse__Output as _millrace_v1_PublishBatchResponse__Output } from './millrace/v1/PublishBatchResponse.js';
import type { PublishBatchResultEntry as _millrace_v1_PublishBatchResultEntry, PublishBatchResultEntry__Output as _millrace_v1_PublishBatchResultEntry__Output } from './millrace/v1/PublishBatchResultEntry.js';
import type { PublishRequest as _millrace_v1_PublishRequest, PublishRequest__Output as _millrace_v1_PublishRequest__Output } from './millrace/v1/PublishRequest.js';
import type { PublishResponse as _millrace_v1_PublishResponse, PublishResponse__Output as _millrace_v1_PublishResponse__Output } from './millrace/v1/PublishResponse.js';
import type { SetSubscriptionAttributesRequest as _millrace_v1_SetSubscriptionAttributesRequest, SetSubscriptionAttributesRequest__Output as _millrace_v1_SetSubscriptionAttributesRequest__Output } from './millrace/v1/SetSubscriptionAttributesRequest.js';
import type { SetSubscriptionAttributesResponse as _millrace_v1_SetSubscriptionAttributesResponse, SetSubscriptionAttributesResponse__Output as _millrace_v1_SetSubscriptionAttributesResponse__Output } from './millrace/v1/SetSubscriptionAttributesResponse.js';
import type { SetTopicAttributesRequest as _millrace_v1_SetTopicAttributesRequest, SetTopicAttributesRequest__Output as _millrace_v1_SetTopicAttributesRequest__Output } from './millrace/v1/SetTopicAttributesRequest.js';
import type { SetTopicAttributesResponse as _millrace_v1_SetTopicAttributesResponse, SetTopicAttributesResponse__Output as _millrace_v1_SetTopicAttributesResponse__Output } from './millrace/v1/SetTopicAttributesResponse.js';
import type { SubscribeLiveRequest as _millrace_v1_SubscribeLiveRequest, SubscribeLiveRequest__Output as _millrace_v1_SubscribeLiveRequest__Output } from './millrace/v1/SubscribeLiveRequest.js';
import type { SubscribeLiveResponse as _millrace_v1_SubscribeLiveResponse, SubscribeLiveResponse__Output as _millrace_v1_SubscribeLiveResponse__Output } from './millrace/v1/SubscribeLiveResponse.js';
import type { SubscribeRequest as _millrace_v1_SubscribeRequest, SubscribeRequest__Output as _millrace_v1_SubscribeRequest__Output } from './millrace/v1/SubscribeRequest.js';
import type { SubscribeResponse as _millrace_v1_SubscribeResponse, SubscribeResponse__Output as _millrace_v1_SubscribeResponse__Output } from './millrace/v1/SubscribeResponse.js';
import type { Subscription as _millrace_v1_Subscription, Subscription__Output as _millrace_v1_Subscription__Output } from './millrace/v1/Subscription.js';
import type { TagTopicRequest as _millrace_v1_TagTopicRequest, TagTopicRequest__Output as _millrace_v1_TagTopicRequest__Output } from './millrace/v1/TagTopicRequest.js';
import type { TagTopicResponse as _millrace_v1_TagTopicResponse, TagTopicResponse__Output as _millrace_v1_TagTopicResponse__Output } from './millrace/v1/TagTopicResponse.js';
import type { Topic as _millrace_v1_Topic, Topic__Output as _millrace_v1_Topic__Output } from './millrace/v1/Topic.js';
import type { TopicServiceClient as _millrace_v1_TopicServiceClient, TopicServiceDefinition as _millrace_v1_TopicServiceDefinition } from './millrace/v1/TopicService.js';
import type { UnsubscribeRequest as _millrace_v1_UnsubscribeRequest, UnsubscribeRequest__Output as _millrace_v1_UnsubscribeRequest__Output } from './millrace/v1/UnsubscribeRequest.js';
import type { UnsubscribeResponse as _millrace_v1_UnsubscribeResponse, UnsubscribeResponse__Output as _millrace_v1_UnsubscribeResponse__Output } from './millrace/v1/UnsubscribeResponse.js';
import type { UntagTopicRequest as _millrace_v1_UntagTopicRequest, UntagTopicRequest__Output as _millrace_v1_UntagTopicRequest__Output } from './millrace/v1/UntagTopicRequest.js';
import type { UntagTopicResponse as _millrace_v1_UntagTopicResponse, UntagTopicResponse__Output as _millrace_v1_UntagTopicResponse__Output } from './millrace/v1/UntagTopicResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  millrace: {
    v1: {
      BatchEntryError: MessageTypeDefinition<_millrace_v1_BatchEntryError, _millrace_v1_BatchEntryError__Output>
      ConfirmSubscriptionRequest: MessageTypeDefinition<_millrace_v1_ConfirmSubscriptionRequest, _millrace_v1_ConfirmSubscriptionRequest__Output>
      ConfirmSubscriptionResponse: MessageTypeDefinition<_millrace_v1_ConfirmSubscriptionResponse, _millrace_v1_ConfirmSubscriptionResponse__Output>
      CreateTopicRequest: MessageTypeDefinition<_millrace_v1_CreateTopicRequest, _millrace_v1_CreateTopicRequest__Output>
      CreateTopicResponse: MessageTypeDefinition<_millrace_v1_CreateTopicResponse, _millrace_v1_CreateTopicResponse__Output>
      DeleteTopicRequest: MessageTypeDefinition<_millrace_v1_DeleteTopicRequest, _millrace_v1_DeleteTopicRequest__Output>
      DeleteTopicResponse: MessageTypeDefinition<_millrace_v1_DeleteTopicResponse, _millrace_v1_DeleteTopicResponse__Output>
      ErrorDetails: MessageTypeDefinition<_millrace_v1_ErrorDetails, _millrace_v1_ErrorDetails__Output>
      FieldViolation: MessageTypeDefinition<_millrace_v1_FieldViolation, _millrace_v1_FieldViolation__Output>
      GetSubscriptionAttributesRequest: MessageTypeDefinition<_millrace_v1_GetSubscriptionAttributesRequest, _millrace_v1_GetSubscriptionAttributesRequest__Output>
      GetSubscriptionAttributesResponse: MessageTypeDefinition<_millrace_v1_GetSubscriptionAttributesResponse, _millrace_v1_GetSubscriptionAttributesResponse__Output>
      GetTopicAttributesRequest: MessageTypeDefinition<_millrace_v1_GetTopicAttributesRequest, _millrace_v1_GetTopicAttributesRequest__Output>
      GetTopicAttributesResponse: MessageTypeDefinition<_millrace_v1_GetTopicAttributesResponse, _millrace_v1_GetTopicAttributesResponse__Output>
      Heartbeat: MessageTypeDefinition<_millrace_v1_Heartbeat, _millrace_v1_Heartbeat__Output>
      LeaderHint: MessageTypeDefinition<_millrace_v1_LeaderHint, _millrace_v1_LeaderHint__Output>
      ListSubscriptionsByTopicRequest: MessageTypeDefinition<_millrace_v1_ListSubscriptionsByTopicRequest, _millrace_v1_ListSubscriptionsByTopicRequest__Output>
      ListSubscriptionsByTopicResponse: MessageTypeDefinition<_millrace_v1_ListSubscriptionsByTopicResponse, _millrace_v1_ListSubscriptionsByTopicResponse__Output>
      ListSubscriptionsRequest: MessageTypeDefinition<_millrace_v1_ListSubscriptionsRequest, _millrace_v1_ListSubscriptionsRequest__Output>
      ListSubscriptionsResponse: MessageTypeDefinition<_millrace_v1_ListSubscriptionsResponse, _millrace_v1_ListSubscriptionsResponse__Output>
      ListTopicTagsRequest: MessageTypeDefinition<_millrace_v1_ListTopicTagsRequest, _millrace_v1_ListTopicTagsRequest__Output>
      ListTopicTagsResponse: MessageTypeDefinition<_millrace_v1_ListTopicTagsResponse, _millrace_v1_ListTopicTagsResponse__Output>
      ListTopicsRequest: MessageTypeDefinition<_millrace_v1_ListTopicsRequest, _millrace_v1_ListTopicsRequest__Output>
      ListTopicsResponse: MessageTypeDefinition<_millrace_v1_ListTopicsResponse, _millrace_v1_ListTopicsResponse__Output>
      MessageAttributeValue: MessageTypeDefinition<_millrace_v1_MessageAttributeValue, _millrace_v1_MessageAttributeValue__Output>
      Notification: MessageTypeDefinition<_millrace_v1_Notification, _millrace_v1_Notification__Output>
      PageRequest: MessageTypeDefinition<_millrace_v1_PageRequest, _millrace_v1_PageRequest__Output>
      PageResponse: MessageTypeDefinition<_millrace_v1_PageResponse, _millrace_v1_PageResponse__Output>
      PublishBatchRequest: MessageTypeDefinition<_millrace_v1_PublishBatchRequest, _millrace_v1_PublishBatchRequest__Output>
      PublishBatchRequestEntry: MessageTypeDefinition<_millrace_v1_PublishBatchRequestEntry, _millrace_v1_PublishBatchRequestEntry__Output>
      PublishBatchResponse: MessageTypeDefinition<_millrace_v1_PublishBatchResponse, _millrace_v1_PublishBatchResponse__Output>
      PublishBatchResultEntry: MessageTypeDefinition<_millrace_v1_PublishBatchResultEntry, _millrace_v1_PublishBatchResultEntry__Output>
      PublishRequest: MessageTypeDefinition<_millrace_v1_PublishRequest, _millrace_v1_PublishRequest__Output>
      PublishResponse: MessageTypeDefinition<_millrace_v1_PublishResponse, _millrace_v1_PublishResponse__Output>
      SetSubscriptionAttributesRequest: MessageTypeDefinition<_millrace_v1_SetSubscriptionAttributesRequest, _millrace_v1_SetSubscriptionAttributesRequest__Output>
      SetSubscriptionAttributesResponse: MessageTypeDefinition<_millrace_v1_SetSubscriptionAttributesResponse, _millrace_v1_SetSubscriptionAttributesResponse__Output>
      SetTopicAttributesRequest: MessageTypeDefinition<_millrace_v1_SetTopicAttributesRequest, _millrace_v1_SetTopicAttributesRequest__Output>
      SetTopicAttributesResponse: MessageTypeDefinition<_millrace_v1_SetTopicAttributesResponse, _millrace_v1_SetTopicAttributesResponse__Output>
      SubscribeLiveRequest: MessageTypeDefinition<_millrace_v1_SubscribeLiveRequest, _millrace_v1_SubscribeLiveRequest__Output>
      SubscribeLiveResponse: MessageTypeDefinition<_millrace_v1_SubscribeLiveResponse, _millrace_v1_SubscribeLiveResponse__Output>
      SubscribeRequest: MessageTypeDefinition<_millrace_v1_SubscribeRequest, _millrace_v1_SubscribeRequest__Output>
      SubscribeResponse: MessageTypeDefinition<_millrace_v1_SubscribeResponse, _millrace_v1_SubscribeResponse__Output>
      Subscription: MessageTypeDefinition<_millrace_v1_Subscription, _millrace_v1_Subscription__Output>
      SubscriptionProtocol: EnumTypeDefinition
      TagTopicRequest: MessageTypeDefinition<_millrace_v1_TagTopicRequest, _millrace_v1_TagTopicRequest__Output>
      TagTopicResponse: MessageTypeDefinition<_millrace_v1_TagTopicResponse, _millrace_v1_TagTopicResponse__Output>
      Topic: MessageTypeDefinition<_millrace_v1_Topic, _millrace_v1_Topic__Output>
      /**
       * TopicService manages topics and their subscriptions and publishes to them. A publish is acknowledged
       * once it is durable in the topic's log; delivery to every subscription follows from there.
       */
      TopicService: SubtypeConstructor<typeof grpc.Client, _millrace_v1_TopicServiceClient> & { service: _millrace_v1_TopicServiceDefinition }
      UnsubscribeRequest: MessageTypeDefinition<_millrace_v1_UnsubscribeRequest, _millrace_v1_UnsubscribeRequest__Output>
      UnsubscribeResponse: MessageTypeDefinition<_millrace_v1_UnsubscribeResponse, _millrace_v1_UnsubscribeResponse__Output>
      UntagTopicRequest: MessageTypeDefinition<_millrace_v1_UntagTopicRequest, _millrace_v1_UntagTopicRequest__Output>
      UntagTopicResponse: MessageTypeDefinition<_millrace_v1_UntagTopicResponse, _millrace_v1_UntagTopicResponse__Output>
    }
  }
}

