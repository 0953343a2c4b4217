// Original file: proto/millrace/v1/stream.proto


/**
 * LeaveConsumerGroupResponse is the output of LeaveConsumerGroup.
 */
export interface LeaveConsumerGroupResponse {
}

/**
 * LeaveConsumerGroupResponse is the output of LeaveConsumerGroup.
 */
export interface LeaveConsumerGroupResponse__Output {
}
