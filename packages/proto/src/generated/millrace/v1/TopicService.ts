// Original file: proto/millrace/v1/topic.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConfirmSubscriptionRequest as _millrace_v1_ConfirmSubscriptionRequest, ConfirmSubscriptionRequest__Output as _millrace_v1_ConfirmSubscriptionRequest__Output } from '../../millrace/v1/ConfirmSubscriptionRequest.js';
import type { ConfirmSubscriptionResponse as _millrace_v1_ConfirmSubscriptionResponse, ConfirmSubscriptionResponse__Output as _millrace_v1_ConfirmSubscriptionResponse__Output } from '../../millrace/v1/ConfirmSubscriptionResponse.js';
import type { CreateTopicRequest as _millrace_v1_CreateTopicRequest, CreateTopicRequest__Output as _millrace_v1_CreateTopicRequest__Output } from '../../millrace/v1/CreateTopicRequest.js';
import type { CreateTopicResponse as _millrace_v1_CreateTopicResponse, CreateTopicResponse__Output as _millrace_v1_CreateTopicResponse__Output } from '../../millrace/v1/CreateTopicResponse.js';
import type { DeleteTopicRequest as _millrace_v1_DeleteTopicRequest, DeleteTopicRequest__Output as _millrace_v1_DeleteTopicRequest__Output } from '../../millrace/v1/DeleteTopicRequest.js';
import type { DeleteTopicResponse as _millrace_v1_DeleteTopicResponse, DeleteTopicResponse__Output as _millrace_v1_DeleteTopicResponse__Output } from '../../millrace/v1/DeleteTopicResponse.js';
import type { GetSubscriptionAttributesRequest as _millrace_v1_GetSubscriptionAttributesRequest, GetSubscriptionAttributesRequest__Output as _millrace_v1_GetSubscriptionAttributesRequest__Output } from '../../millrace/v1/GetSubscriptionAttributesRequest.js';
import type { GetSubscriptionAttributesResponse as _millrace_v1_GetSubscriptionAttributesResponse, GetSubscriptionAttributesResponse__Output as _millrace_v1_GetSubscriptionAttributesResponse__Output } from '../../millrace/v1/GetSubscriptionAttributesResponse.js';
import type { GetTopicAttributesRequest as _millrace_v1_GetTopicAttributesRequest, GetTopicAttributesRequest__Output as _millrace_v1_GetTopicAttributesRequest__Output } from '../../millrace/v1/GetTopicAttributesRequest.js';
import type { GetTopicAttributesResponse as _millrace_v1_GetTopicAttributesResponse, GetTopicAttributesResponse__Output as _millrace_v1_GetTopicAttributesResponse__Output } from '../../millrace/v1/GetTopicAttributesResponse.js';
import type { ListSubscriptionsByTopicRequest as _millrace_v1_ListSubscriptionsByTopicRequest, ListSubscriptionsByTopicRequest__Output as _millrace_v1_ListSubscriptionsByTopicRequest__Output } from '../../millrace/v1/ListSubscriptionsByTopicRequest.js';
import type { ListSubscriptionsByTopicResponse as _millrace_v1_ListSubscriptionsByTopicResponse, ListSubscriptionsByTopicResponse__Output as _millrace_v1_ListSubscriptionsByTopicResponse__Output } from '../../millrace/v1/ListSubscriptionsByTopicResponse.js';
import type { ListSubscriptionsRequest as _millrace_v1_ListSubscriptionsRequest, ListSubscriptionsRequest__Output as _millrace_v1_ListSubscriptionsRequest__Output } from '../../millrace/v1/ListSubscriptionsRequest.js';
import type { ListSubscriptionsResponse as _millrace_v1_ListSubscriptionsResponse, ListSubscriptionsResponse__Output as _millrace_v1_ListSubscriptionsResponse__Output } from '../../millrace/v1/ListSubscriptionsResponse.js';
import type { ListTopicTagsRequest as _millrace_v1_ListTopicTagsRequest, ListTopicTagsRequest__Output as _millrace_v1_ListTopicTagsRequest__Output } from '../../millrace/v1/ListTopicTagsRequest.js';
import type { ListTopicTagsResponse as _millrace_v1_ListTopicTagsResponse, ListTopicTagsResponse__Output as _millrace_v1_ListTopicTagsResponse__Output } from '../../millrace/v1/ListTopicTagsResponse.js';
import type { ListTopicsRequest as _millrace_v1_ListTopicsRequest, ListTopicsRequest__Output as _millrace_v1_ListTopicsRequest__Output } from '../../millrace/v1/ListTopicsRequest.js';
import type { ListTopicsResponse as _millrace_v1_ListTopicsResponse, ListTopicsResponse__Output as _millrace_v1_ListTopicsResponse__Output } from '../../millrace/v1/ListTopicsResponse.js';
import type { PublishBatchRequest as _millrace_v1_PublishBatchRequest, PublishBatchRequest__Output as _millrace_v1_PublishBatchRequest__Output } from '../../millrace/v1/PublishBatchRequest.js';
import type { PublishBatchResponse as _millrace_v1_PublishBatchResponse, PublishBatchResponse__Output as _millrace_v1_PublishBatchResponse__Output } from '../../millrace/v1/PublishBatchResponse.js';
import type { PublishRequest as _millrace_v1_PublishRequest, PublishRequest__Output as _millrace_v1_PublishRequest__Output } from '../../millrace/v1/PublishRequest.js';
import type { PublishResponse as _millrace_v1_PublishResponse, PublishResponse__Output as _millrace_v1_PublishResponse__Output } from '../../millrace/v1/PublishResponse.js';
import type { SetSubscriptionAttributesRequest as _millrace_v1_SetSubscriptionAttributesRequest, SetSubscriptionAttributesRequest__Output as _millrace_v1_SetSubscriptionAttributesRequest__Output } from '../../millrace/v1/SetSubscriptionAttributesRequest.js';
import type { SetSubscriptionAttributesResponse as _millrace_v1_SetSubscriptionAttributesResponse, SetSubscriptionAttributesResponse__Output as _millrace_v1_SetSubscriptionAttributesResponse__Output } from '../../millrace/v1/SetSubscriptionAttributesResponse.js';
import type { SetTopicAttributesRequest as _millrace_v1_SetTopicAttributesRequest, SetTopicAttributesRequest__Output as _millrace_v1_SetTopicAttributesRequest__Output } from '../../millrace/v1/SetTopicAttributesRequest.js';
import type { SetTopicAttributesResponse as _millrace_v1_SetTopicAttributesResponse, SetTopicAttributesResponse__Output as _millrace_v1_SetTopicAttributesResponse__Output } from '../../millrace/v1/SetTopicAttributesResponse.js';
import type { SubscribeLiveRequest as _millrace_v1_SubscribeLiveRequest, SubscribeLiveRequest__Output as _millrace_v1_SubscribeLiveRequest__Output } from '../../millrace/v1/SubscribeLiveRequest.js';
import type { SubscribeLiveResponse as _millrace_v1_SubscribeLiveResponse, SubscribeLiveResponse__Output as _millrace_v1_SubscribeLiveResponse__Output } from '../../millrace/v1/SubscribeLiveResponse.js';
import type { SubscribeRequest as _millrace_v1_SubscribeRequest, SubscribeRequest__Output as _millrace_v1_SubscribeRequest__Output } from '../../millrace/v1/SubscribeRequest.js';
import type { SubscribeResponse as _millrace_v1_SubscribeResponse, SubscribeResponse__Output as _millrace_v1_SubscribeResponse__Output } from '../../millrace/v1/SubscribeResponse.js';
import type { TagTopicRequest as _millrace_v1_TagTopicRequest, TagTopicRequest__Output as _millrace_v1_TagTopicRequest__Output } from '../../millrace/v1/TagTopicRequest.js';
import type { TagTopicResponse as _millrace_v1_TagTopicResponse, TagTopicResponse__Output as _millrace_v1_TagTopicResponse__Output } from '../../millrace/v1/TagTopicResponse.js';
import type { UnsubscribeRequest as _millrace_v1_UnsubscribeRequest, UnsubscribeRequest__Output as _millrace_v1_UnsubscribeRequest__Output } from '../../millrace/v1/UnsubscribeRequest.js';
import type { UnsubscribeResponse as _millrace_v1_UnsubscribeResponse, UnsubscribeResponse__Output as _millrace_v1_UnsubscribeResponse__Output } from '../../millrace/v1/UnsubscribeResponse.js';
import type { UntagTopicRequest as _millrace_v1_UntagTopicRequest, UntagTopicRequest__Output as _millrace_v1_UntagTopicRequest__Output } from '../../millrace/v1/UntagTopicRequest.js';
import type { UntagTopicResponse as _millrace_v1_UntagTopicResponse, UntagTopicResponse__Output as _millrace_v1_UntagTopicResponse__Output } from '../../millrace/v1/UntagTopicResponse.js';

/**
 * TopicService manages topics and their subscriptions and publishes to them. A publish is acknowledged
 * once it is durable in the topic's log; delivery to every subscription follows from there.
 */
export interface TopicServiceClient extends grpc.Client {
  /**
   * Confirms a pending HTTP(S) subscription with the token sent to its endpoint.
   */
  ConfirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  ConfirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  ConfirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  ConfirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Confirms a pending HTTP(S) subscription with the token sent to its endpoint.
   */
  confirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  confirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  confirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  confirmSubscription(argument: _millrace_v1_ConfirmSubscriptionRequest, callback: grpc.requestCallback<_millrace_v1_ConfirmSubscriptionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates a topic. Idempotent: creating an existing topic with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS.
   */
  CreateTopic(argument: _millrace_v1_CreateTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  CreateTopic(argument: _millrace_v1_CreateTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  CreateTopic(argument: _millrace_v1_CreateTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  CreateTopic(argument: _millrace_v1_CreateTopicRequest, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates a topic. Idempotent: creating an existing topic with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS.
   */
  createTopic(argument: _millrace_v1_CreateTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  createTopic(argument: _millrace_v1_CreateTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  createTopic(argument: _millrace_v1_CreateTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  createTopic(argument: _millrace_v1_CreateTopicRequest, callback: grpc.requestCallback<_millrace_v1_CreateTopicResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Deletes a topic and all of its subscriptions.
   */
  DeleteTopic(argument: _millrace_v1_DeleteTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopic(argument: _millrace_v1_DeleteTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopic(argument: _millrace_v1_DeleteTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  DeleteTopic(argument: _millrace_v1_DeleteTopicRequest, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes a topic and all of its subscriptions.
   */
  deleteTopic(argument: _millrace_v1_DeleteTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  deleteTopic(argument: _millrace_v1_DeleteTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  deleteTopic(argument: _millrace_v1_DeleteTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  deleteTopic(argument: _millrace_v1_DeleteTopicRequest, callback: grpc.requestCallback<_millrace_v1_DeleteTopicResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a subscription's attributes.
   */
  GetSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a subscription's attributes.
   */
  getSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  getSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  getSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  getSubscriptionAttributes(argument: _millrace_v1_GetSubscriptionAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a topic's attributes.
   */
  GetTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  GetTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a topic's attributes.
   */
  getTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  getTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  getTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  getTopicAttributes(argument: _millrace_v1_GetTopicAttributesRequest, callback: grpc.requestCallback<_millrace_v1_GetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists every subscription of every topic.
   */
  ListSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists every subscription of every topic.
   */
  listSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptions(argument: _millrace_v1_ListSubscriptionsRequest, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the subscriptions of one topic.
   */
  ListSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  ListSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the subscriptions of one topic.
   */
  listSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  listSubscriptionsByTopic(argument: _millrace_v1_ListSubscriptionsByTopicRequest, callback: grpc.requestCallback<_millrace_v1_ListSubscriptionsByTopicResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Returns a topic's tags.
   */
  ListTopicTags(argument: _millrace_v1_ListTopicTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  ListTopicTags(argument: _millrace_v1_ListTopicTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  ListTopicTags(argument: _millrace_v1_ListTopicTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  ListTopicTags(argument: _millrace_v1_ListTopicTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Returns a topic's tags.
   */
  listTopicTags(argument: _millrace_v1_ListTopicTagsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  listTopicTags(argument: _millrace_v1_ListTopicTagsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  listTopicTags(argument: _millrace_v1_ListTopicTagsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  listTopicTags(argument: _millrace_v1_ListTopicTagsRequest, callback: grpc.requestCallback<_millrace_v1_ListTopicTagsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists topics in name order.
   */
  ListTopics(argument: _millrace_v1_ListTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  ListTopics(argument: _millrace_v1_ListTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  ListTopics(argument: _millrace_v1_ListTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  ListTopics(argument: _millrace_v1_ListTopicsRequest, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists topics in name order.
   */
  listTopics(argument: _millrace_v1_ListTopicsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  listTopics(argument: _millrace_v1_ListTopicsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  listTopics(argument: _millrace_v1_ListTopicsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  listTopics(argument: _millrace_v1_ListTopicsRequest, callback: grpc.requestCallback<_millrace_v1_ListTopicsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Publishes one message to a topic. Succeeds only once the message is durable on a quorum of replicas.
   */
  Publish(argument: _millrace_v1_PublishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _millrace_v1_PublishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _millrace_v1_PublishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  Publish(argument: _millrace_v1_PublishRequest, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Publishes one message to a topic. Succeeds only once the message is durable on a quorum of replicas.
   */
  publish(argument: _millrace_v1_PublishRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _millrace_v1_PublishRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _millrace_v1_PublishRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  publish(argument: _millrace_v1_PublishRequest, callback: grpc.requestCallback<_millrace_v1_PublishResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Publishes up to 10 messages (at most 256 KiB in total by default) and reports per entry.
   */
  PublishBatch(argument: _millrace_v1_PublishBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  PublishBatch(argument: _millrace_v1_PublishBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  PublishBatch(argument: _millrace_v1_PublishBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  PublishBatch(argument: _millrace_v1_PublishBatchRequest, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Publishes up to 10 messages (at most 256 KiB in total by default) and reports per entry.
   */
  publishBatch(argument: _millrace_v1_PublishBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  publishBatch(argument: _millrace_v1_PublishBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  publishBatch(argument: _millrace_v1_PublishBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  publishBatch(argument: _millrace_v1_PublishBatchRequest, callback: grpc.requestCallback<_millrace_v1_PublishBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes some of a subscription's attributes (filter policy, delivery policy, raw delivery, ...).
   */
  SetSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes some of a subscription's attributes (filter policy, delivery policy, raw delivery, ...).
   */
  setSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  setSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  setSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  setSubscriptionAttributes(argument: _millrace_v1_SetSubscriptionAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetSubscriptionAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes some of a topic's attributes; the others keep their values.
   */
  SetTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  SetTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Changes some of a topic's attributes; the others keep their values.
   */
  setTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  setTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  setTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  setTopicAttributes(argument: _millrace_v1_SetTopicAttributesRequest, callback: grpc.requestCallback<_millrace_v1_SetTopicAttributesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Subscribes an endpoint to a topic. Queue, stream and gRPC subscriptions are confirmed at once; HTTP(S)
   * subscriptions stay pending until the endpoint confirms the SubscriptionConfirmation it receives.
   */
  Subscribe(argument: _millrace_v1_SubscribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  Subscribe(argument: _millrace_v1_SubscribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  Subscribe(argument: _millrace_v1_SubscribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  Subscribe(argument: _millrace_v1_SubscribeRequest, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Subscribes an endpoint to a topic. Queue, stream and gRPC subscriptions are confirmed at once; HTTP(S)
   * subscriptions stay pending until the endpoint confirms the SubscriptionConfirmation it receives.
   */
  subscribe(argument: _millrace_v1_SubscribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  subscribe(argument: _millrace_v1_SubscribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  subscribe(argument: _millrace_v1_SubscribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  subscribe(argument: _millrace_v1_SubscribeRequest, callback: grpc.requestCallback<_millrace_v1_SubscribeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Opens a live push stream of a topic's notifications to this caller (the `grpc` protocol). The stream
   * stays open until the caller cancels it, the topic or subscription is deleted, or the server drains.
   */
  SubscribeLive(argument: _millrace_v1_SubscribeLiveRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeLiveResponse__Output>;
  SubscribeLive(argument: _millrace_v1_SubscribeLiveRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeLiveResponse__Output>;
  /**
   * Opens a live push stream of a topic's notifications to this caller (the `grpc` protocol). The stream
   * stays open until the caller cancels it, the topic or subscription is deleted, or the server drains.
   */
  subscribeLive(argument: _millrace_v1_SubscribeLiveRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeLiveResponse__Output>;
  subscribeLive(argument: _millrace_v1_SubscribeLiveRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_millrace_v1_SubscribeLiveResponse__Output>;
  
  /**
   * Adds tags to a topic or overwrites the values of existing keys.
   */
  TagTopic(argument: _millrace_v1_TagTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  TagTopic(argument: _millrace_v1_TagTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  TagTopic(argument: _millrace_v1_TagTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  TagTopic(argument: _millrace_v1_TagTopicRequest, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Adds tags to a topic or overwrites the values of existing keys.
   */
  tagTopic(argument: _millrace_v1_TagTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  tagTopic(argument: _millrace_v1_TagTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  tagTopic(argument: _millrace_v1_TagTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  tagTopic(argument: _millrace_v1_TagTopicRequest, callback: grpc.requestCallback<_millrace_v1_TagTopicResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes a subscription. Notifications already handed to its endpoint are not recalled.
   */
  Unsubscribe(argument: _millrace_v1_UnsubscribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  Unsubscribe(argument: _millrace_v1_UnsubscribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  Unsubscribe(argument: _millrace_v1_UnsubscribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  Unsubscribe(argument: _millrace_v1_UnsubscribeRequest, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a subscription. Notifications already handed to its endpoint are not recalled.
   */
  unsubscribe(argument: _millrace_v1_UnsubscribeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  unsubscribe(argument: _millrace_v1_UnsubscribeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  unsubscribe(argument: _millrace_v1_UnsubscribeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  unsubscribe(argument: _millrace_v1_UnsubscribeRequest, callback: grpc.requestCallback<_millrace_v1_UnsubscribeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes tags from a topic; keys it does not have are ignored.
   */
  UntagTopic(argument: _millrace_v1_UntagTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  UntagTopic(argument: _millrace_v1_UntagTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  UntagTopic(argument: _millrace_v1_UntagTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  UntagTopic(argument: _millrace_v1_UntagTopicRequest, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes tags from a topic; keys it does not have are ignored.
   */
  untagTopic(argument: _millrace_v1_UntagTopicRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  untagTopic(argument: _millrace_v1_UntagTopicRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  untagTopic(argument: _millrace_v1_UntagTopicRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  untagTopic(argument: _millrace_v1_UntagTopicRequest, callback: grpc.requestCallback<_millrace_v1_UntagTopicResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * TopicService manages topics and their subscriptions and publishes to them. A publish is acknowledged
 * once it is durable in the topic's log; delivery to every subscription follows from there.
 */
export interface TopicServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Confirms a pending HTTP(S) subscription with the token sent to its endpoint.
   */
  ConfirmSubscription: grpc.handleUnaryCall<_millrace_v1_ConfirmSubscriptionRequest__Output, _millrace_v1_ConfirmSubscriptionResponse>;
  
  /**
   * Creates a topic. Idempotent: creating an existing topic with the same attributes returns it; with
   * different attributes it fails with ALREADY_EXISTS.
   */
  CreateTopic: grpc.handleUnaryCall<_millrace_v1_CreateTopicRequest__Output, _millrace_v1_CreateTopicResponse>;
  
  /**
   * Deletes a topic and all of its subscriptions.
   */
  DeleteTopic: grpc.handleUnaryCall<_millrace_v1_DeleteTopicRequest__Output, _millrace_v1_DeleteTopicResponse>;
  
  /**
   * Returns a subscription's attributes.
   */
  GetSubscriptionAttributes: grpc.handleUnaryCall<_millrace_v1_GetSubscriptionAttributesRequest__Output, _millrace_v1_GetSubscriptionAttributesResponse>;
  
  /**
   * Returns a topic's attributes.
   */
  GetTopicAttributes: grpc.handleUnaryCall<_millrace_v1_GetTopicAttributesRequest__Output, _millrace_v1_GetTopicAttributesResponse>;
  
  /**
   * Lists every subscription of every topic.
   */
  ListSubscriptions: grpc.handleUnaryCall<_millrace_v1_ListSubscriptionsRequest__Output, _millrace_v1_ListSubscriptionsResponse>;
  
  /**
   * Lists the subscriptions of one topic.
   */
  ListSubscriptionsByTopic: grpc.handleUnaryCall<_millrace_v1_ListSubscriptionsByTopicRequest__Output, _millrace_v1_ListSubscriptionsByTopicResponse>;
  
  /**
   * Returns a topic's tags.
   */
  ListTopicTags: grpc.handleUnaryCall<_millrace_v1_ListTopicTagsRequest__Output, _millrace_v1_ListTopicTagsResponse>;
  
  /**
   * Lists topics in name order.
   */
  ListTopics: grpc.handleUnaryCall<_millrace_v1_ListTopicsRequest__Output, _millrace_v1_ListTopicsResponse>;
  
  /**
   * Publishes one message to a topic. Succeeds only once the message is durable on a quorum of replicas.
   */
  Publish: grpc.handleUnaryCall<_millrace_v1_PublishRequest__Output, _millrace_v1_PublishResponse>;
  
  /**
   * Publishes up to 10 messages (at most 256 KiB in total by default) and reports per entry.
   */
  PublishBatch: grpc.handleUnaryCall<_millrace_v1_PublishBatchRequest__Output, _millrace_v1_PublishBatchResponse>;
  
  /**
   * Changes some of a subscription's attributes (filter policy, delivery policy, raw delivery, ...).
   */
  SetSubscriptionAttributes: grpc.handleUnaryCall<_millrace_v1_SetSubscriptionAttributesRequest__Output, _millrace_v1_SetSubscriptionAttributesResponse>;
  
  /**
   * Changes some of a topic's attributes; the others keep their values.
   */
  SetTopicAttributes: grpc.handleUnaryCall<_millrace_v1_SetTopicAttributesRequest__Output, _millrace_v1_SetTopicAttributesResponse>;
  
  /**
   * Subscribes an endpoint to a topic. Queue, stream and gRPC subscriptions are confirmed at once; HTTP(S)
   * subscriptions stay pending until the endpoint confirms the SubscriptionConfirmation it receives.
   */
  Subscribe: grpc.handleUnaryCall<_millrace_v1_SubscribeRequest__Output, _millrace_v1_SubscribeResponse>;
  
  /**
   * Opens a live push stream of a topic's notifications to this caller (the `grpc` protocol). The stream
   * stays open until the caller cancels it, the topic or subscription is deleted, or the server drains.
   */
  SubscribeLive: grpc.handleServerStreamingCall<_millrace_v1_SubscribeLiveRequest__Output, _millrace_v1_SubscribeLiveResponse>;
  
  /**
   * Adds tags to a topic or overwrites the values of existing keys.
   */
  TagTopic: grpc.handleUnaryCall<_millrace_v1_TagTopicRequest__Output, _millrace_v1_TagTopicResponse>;
  
  /**
   * Removes a subscription. Notifications already handed to its endpoint are not recalled.
   */
  Unsubscribe: grpc.handleUnaryCall<_millrace_v1_UnsubscribeRequest__Output, _millrace_v1_UnsubscribeResponse>;
  
  /**
   * Removes tags from a topic; keys it does not have are ignored.
   */
  UntagTopic: grpc.handleUnaryCall<_millrace_v1_UntagTopicRequest__Output, _millrace_v1_UntagTopicResponse>;
  
}

export interface TopicServiceDefinition extends grpc.ServiceDefinition {
  ConfirmSubscription: MethodDefinition<_millrace_v1_ConfirmSubscriptionRequest, _millrace_v1_ConfirmSubscriptionResponse, _millrace_v1_ConfirmSubscriptionRequest__Output, _millrace_v1_ConfirmSubscriptionResponse__Output>
  CreateTopic: MethodDefinition<_millrace_v1_CreateTopicRequest, _millrace_v1_CreateTopicResponse, _millrace_v1_CreateTopicRequest__Output, _millrace_v1_CreateTopicResponse__Output>
  DeleteTopic: MethodDefinition<_millrace_v1_DeleteTopicRequest, _millrace_v1_DeleteTopicResponse, _millrace_v1_DeleteTopicRequest__Output, _millrace_v1_DeleteTopicResponse__Output>
  GetSubscriptionAttributes: MethodDefinition<_millrace_v1_GetSubscriptionAttributesRequest, _millrace_v1_GetSubscriptionAttributesResponse, _millrace_v1_GetSubscriptionAttributesRequest__Output, _millrace_v1_GetSubscriptionAttributesResponse__Output>
  GetTopicAttributes: MethodDefinition<_millrace_v1_GetTopicAttributesRequest, _millrace_v1_GetTopicAttributesResponse, _millrace_v1_GetTopicAttributesRequest__Output, _millrace_v1_GetTopicAttributesResponse__Output>
  ListSubscriptions: MethodDefinition<_millrace_v1_ListSubscriptionsRequest, _millrace_v1_ListSubscriptionsResponse, _millrace_v1_ListSubscriptionsRequest__Output, _millrace_v1_ListSubscriptionsResponse__Output>
  ListSubscriptionsByTopic: MethodDefinition<_millrace_v1_ListSubscriptionsByTopicRequest, _millrace_v1_ListSubscriptionsByTopicResponse, _millrace_v1_ListSubscriptionsByTopicRequest__Output, _millrace_v1_ListSubscriptionsByTopicResponse__Output>
  ListTopicTags: MethodDefinition<_millrace_v1_ListTopicTagsRequest, _millrace_v1_ListTopicTagsResponse, _millrace_v1_ListTopicTagsRequest__Output, _millrace_v1_ListTopicTagsResponse__Output>
  ListTopics: MethodDefinition<_millrace_v1_ListTopicsRequest, _millrace_v1_ListTopicsResponse, _millrace_v1_ListTopicsRequest__Output, _millrace_v1_ListTopicsResponse__Output>
  Publish: MethodDefinition<_millrace_v1_PublishRequest, _millrace_v1_PublishResponse, _millrace_v1_PublishRequest__Output, _millrace_v1_PublishResponse__Output>
  PublishBatch: MethodDefinition<_millrace_v1_PublishBatchRequest, _millrace_v1_PublishBatchResponse, _millrace_v1_PublishBatchRequest__Output, _millrace_v1_PublishBatchResponse__Output>
  SetSubscriptionAttributes: MethodDefinition<_millrace_v1_SetSubscriptionAttributesRequest, _millrace_v1_SetSubscriptionAttributesResponse, _millrace_v1_SetSubscriptionAttributesRequest__Output, _millrace_v1_SetSubscriptionAttributesResponse__Output>
  SetTopicAttributes: MethodDefinition<_millrace_v1_SetTopicAttributesRequest, _millrace_v1_SetTopicAttributesResponse, _millrace_v1_SetTopicAttributesRequest__Output, _millrace_v1_SetTopicAttributesResponse__Output>
  Subscribe: MethodDefinition<_millrace_v1_SubscribeRequest, _millrace_v1_SubscribeResponse, _millrace_v1_SubscribeRequest__Output, _millrace_v1_SubscribeResponse__Output>
  SubscribeLive: MethodDefinition<_millrace_v1_SubscribeLiveRequest, _millrace_v1_SubscribeLiveResponse, _millrace_v1_SubscribeLiveRequest__Output, _millrace_v1_SubscribeLiveResponse__Output>
  TagTopic: MethodDefinition<_millrace_v1_TagTopicRequest, _millrace_v1_TagTopicResponse, _millrace_v1_TagTopicRequest__Output, _millrace_v1_TagTopicResponse__Output>
  Unsubscribe: MethodDefinition<_millrace_v1_UnsubscribeRequest, _millrace_v1_UnsubscribeResponse, _millrace_v1_UnsubscribeRequest__Output, _millrace_v1_UnsubscribeResponse__Output>
  UntagTopic: MethodDefinition<_millrace_v1_UntagTopicRequest, _millrace_v1_UntagTopicResponse, _millrace_v1_UntagTopicRequest__Output, _millrace_v1_UntagTopicResponse__Output>
}
