// Original file: proto/millrace/v1/stream.proto

import type { ConsumerGroup as _millrace_v1_ConsumerGroup, ConsumerGroup__Output as _millrace_v1_ConsumerGroup__Output } from '../../millrace/v1/ConsumerGroup.js';

/**
 * CreateConsumerGroupResponse is the output of CreateConsumerGroup.
 */
export interface CreateConsumerGroupResponse {
  /**
   * The created group.
   */
  'group'?: (_millrace_v1_ConsumerGroup | null);
}

/**
 * CreateConsumerGroupResponse is the output of CreateConsumerGroup.
 */
export interface CreateConsumerGroupResponse__Output {
  /**
   * The created group.
   */
  'group': (_millrace_v1_ConsumerGroup__Output | null);
}
