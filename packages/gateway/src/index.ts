export { fromServiceError, grpcStatusOf, toErrorDetails, toServiceError } from "./grpc-errors.js";
export {
  defaultCallDeadlineMs,
  firstTryMetadataKey,
  gatewayCallContext,
  redirectMetadataKey,
  type GatewayCallContext,
} from "./call-context.js";
export { queueService, type QueueBackend } from "./queue-service.js";
export { FrameStreams } from "./frame-streams.js";
export { checkBatch, checkRange, invalid, requireQueueName } from "./validate.js";
