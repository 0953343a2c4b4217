// Original file: proto/millrace/v1/stream.proto

import type { ShardLease as _millrace_v1_ShardLease, ShardLease__Output as _millrace_v1_ShardLease__Output } from '../../millrace/v1/ShardLease.js';

/**
 * HeartbeatConsumerGroupResponse is the output of HeartbeatConsumerGroup.
 */
export interface HeartbeatConsumerGroupResponse {
  /**
   * Every shard this worker holds now. A shard missing from a previous answer has been taken away: stop
   * processing it at once.
   */
  'leases'?: (_millrace_v1_ShardLease)[];
  /**
   * When to send the next heartbeat, in milliseconds from now.
   */
  'heartbeatIntervalMs'?: (number);
  /**
   * How long the leases last without another heartbeat, in milliseconds from now.
   */
  'leaseDurationMs'?: (number);
}

/**
 * HeartbeatConsumerGroupResponse is the output of HeartbeatConsumerGroup.
 */
export interface HeartbeatConsumerGroupResponse__Output {
  /**
   * Every shard this worker holds now. A shard missing from a previous answer has been taken away: stop
   * processing it at once.
   */
  'leases': (_millrace_v1_ShardLease__Output)[];
  /**
   * When to send the next heartbeat, in milliseconds from now.
   */
  'heartbeatIntervalMs': (number);
  /**
   * How long the leases last without another heartbeat, in milliseconds from now.
   */
  'leaseDurationMs': (number);
}
