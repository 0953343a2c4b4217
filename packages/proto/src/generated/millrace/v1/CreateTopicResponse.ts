// Original file: proto/millrace/v1/topic.proto

import type { Topic as _millrace_v1_Topic, Topic__Output as _millrace_v1_Topic__Output } from '../../millrace/v1/Topic.js';

/**
 * CreateTopicResponse is the output of CreateTopic.
 */
export interface CreateTopicResponse {
  /**
   * The created (or already existing, identical) topic.
   */
  'topic'?: (_millrace_v1_Topic | null);
}

/**
 * CreateTopicResponse is the output of CreateTopic.
 */
export interface CreateTopicResponse__Output {
  /**
   * The created (or already existing, identical) topic.
   */
  'topic': (_millrace_v1_Topic__Output | null);
}
